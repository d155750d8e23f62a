from django.contrib import auth

from accounts import twofactor


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
