from urllib.parse import unquote_to_bytes, urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from portal.lib.languages import vietnamese_only, vietnamese_redirect

# A NUL byte that reaches PostgreSQL is a database error (a 500); other C0 controls have no place in
# a URL either. Refusing them here protects every view, admin list filters and search included.
_FORBIDDEN_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0D}


class RejectControlCharactersMiddleware:
    """Answer 400 for control characters in the path, the query string or a header, before any view.

    Headers too: the admin's login lockout stores the User-Agent and Accept of a failed login.

    A cookie holding them was never set by us: it is ignored, as if absent (a `sessionid` with a NUL
    would otherwise reach PostgreSQL when the session is read: a 500 on every page).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
        for part in (request.path_info.encode("utf-8", "surrogatepass"), unquote_to_bytes(raw)):
            if not _FORBIDDEN_BYTES.isdisjoint(part):
                raise BadRequest("Control characters in the URL")
        for name, value in request.META.items():
            if (
                name.startswith("HTTP_")
                and name != "HTTP_COOKIE"
                and isinstance(value, str)
                and not _FORBIDDEN_BYTES.isdisjoint(value.encode("latin-1", "replace"))
            ):
                raise BadRequest("Control characters in a request header")
        for name, value in list(request.COOKIES.items()):
            if not _FORBIDDEN_BYTES.isdisjoint(value.encode("utf-8", "surrogatepass")):
                del request.COOKIES[name]
        return self.get_response(request)


class LanguageFromAddressMiddleware:
    """Activate the language of the address: English under /en/, Vietnamese everywhere else.

    One language per address (search engines index one, a shared cache keeps one): neither the old
    language cookie nor Accept-Language is read, unlike Django's LocaleMiddleware, which would give
    an English browser English at "/". The admin, outside the English prefix, is always Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # Threads serve many visitors: the next request must not start in this one's language.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response

    def process_view(self, request, view, args, kwargs):
        if request.LANGUAGE_CODE != settings.LANGUAGE_CODE and vietnamese_only(request.resolver_match):
            return vietnamese_redirect(request)
        return None


def _origin(url):
    """The scheme and host of an absolute address ("https://cdn.example/media/" → "https://cdn.example")."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's Content-Security-Policy, completed for this deployment, and Permissions-Policy.

    Added to the policy in settings: the origins of uploads and static files when they are served
    from elsewhere (an S3 bucket or its CDN domain, a static CDN), known only once storages are
    configured; and on admin pages only, PORTAL_ADMIN_CSP_ADDITIONS (CKEditor 5's inline styles).
    Public pages stay strict.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        media, static = _origin(default_storage.url("csp")), _origin(settings.STATIC_URL)
        self.additions = {
            "img-src": [origin for origin in (media, static) if origin],
            "media-src": [media] if media else [],
            "script-src": [static] if static else [],
            "style-src": [static] if static else [],
            "font-src": [static] if static else [],
        }
        self.permissions_policy = ", ".join(f"{feature}=()" for feature in settings.PORTAL_PERMISSIONS_POLICY)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only:
            extra = [self.additions, parts.update or {}]
            if request.path_info.startswith(self.admin_prefix):
                extra.append(settings.PORTAL_ADMIN_CSP_ADDITIONS)
            parts.update = _merged(extra)
        return parts

    @cached_property
    def admin_prefix(self):
        """Where the admin lives: read once, not on every response (the URLs are loaded by then)."""
        return reverse("admin:index")

    def process_response(self, request, response):
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return super().process_response(request, response)


def _merged(directive_maps):
    """One {directive: [sources]} from several, sources in order, without repeats or empty lists."""
    merged = {}
    for directives in directive_maps:
        for name, sources in directives.items():
            merged[name] = list(dict.fromkeys([*merged.get(name, []), *sources]))
    return {name: sources for name, sources in merged.items() if sources}
