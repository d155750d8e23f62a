from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.utils.cache import patch_cache_control


def personal(request):
    """Whether the answer is this visitor's own: a signed-in user's, or a reader's with messages waiting.

    A session cookie alone decides nothing: anyone can send a made-up one, which must not make a page
    render again (a way round the page cache). Without one the session is not read
    (accounts.middleware.AuthenticationMiddleware); with one, it costs the lookup that finds no such
    session.
    """
    return CookieStorage.cookie_name in request.COOKIES or (
        settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
    )


class SharedCacheMiddleware:
    """Say who may keep an answer to a GET or HEAD that says nothing of it itself.

    A public page (caching.pagecache.public_page) answered 200 to a reader, without a cookie:
    `public, max-age=0, s-maxage=PORTAL_SHARED_CACHE_SECONDS`. nginx or a CDN may keep it that long;
    a browser keeps it too but asks again each time (a 304 when unchanged), so every view a browser
    shows reaches the portal and is counted as before. Whatever a signed-in user or a reader with a
    message waiting gets: `private, no-cache` (their own page; kept by their browser only, asked
    again each time, a 304 when unchanged).
    Anything else is left as it is, views that said no-store (forms, previews, the captcha) included.

    It goes outside the session, CSRF and messages middleware, so it sees every cookie they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        if personal(request):
            patch_cache_control(response, private=True, no_cache=True)
        elif getattr(response, "public_page", False) and response.status_code == 200 and not response.cookies:
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PORTAL_SHARED_CACHE_SECONDS
            )
        return response
