from django.conf import settings
from django.contrib import auth
from django.contrib.auth import middleware
from django.contrib.auth.models import AnonymousUser

from accounts import twofactor


async def _anonymous():
    return AnonymousUser()


class AuthenticationMiddleware(middleware.AuthenticationMiddleware):
    """Django's, except that a request without a session cookie is an anonymous reader from the start.

    Django would find that out by reading the session, which can only be empty; but reading it marks
    the answer `Vary: Cookie`, and no shared cache would keep a public page (docs/caching.md).
    """

    def process_request(self, request):
        super().process_request(request)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request.user = AnonymousUser()
            request.auser = _anonymous


class SecondFactorMiddleware:
    """Sign out, before any view, a session that needs a one-time code and was signed in without one.

    Such a session dates from before two-factor sign-in, from before the journalists' exemption ended,
    or its authenticator was reset by an administrator (the device it was verified with is gone). It
    is signed out rather than asked for a code: whoever holds it has not given the password since, and
    a reset after a stolen phone must shut the thief out. Everywhere, not only in the admin: staff
    preview drafts on the public pages and upload images through the editor.

    Goes after django-otp's OTPMiddleware (request.user.is_verified). Marks each request it saw:
    portal.admin.PortalAdminSite lets in no other, so that a settings mistake shuts the admin rather
    than opening it without codes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and twofactor.code_needed(user):
            auth.logout(request)
        request.second_factor_checked = True
        return self.get_response(request)
