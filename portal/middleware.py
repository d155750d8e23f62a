from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers

# A NUL byte that reaches PostgreSQL is a database error (a 500); other C0 controls have no place in
# a URL either. Refusing them here protects every view, admin list filters and search included.
_FORBIDDEN_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0D}


class RejectControlCharactersMiddleware:
    """Answer 400 for control characters in the path or query string, before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
        for part in (request.path_info.encode("utf-8", "surrogatepass"), unquote_to_bytes(raw)):
            if not _FORBIDDEN_BYTES.isdisjoint(part):
                raise BadRequest("Control characters in the URL")
        return self.get_response(request)


class LanguageFromCookieMiddleware:
    """Activate the language the visitor chose with the language switch, else Vietnamese.

    Unlike Django's LocaleMiddleware this ignores Accept-Language on purpose: the public site is
    Vietnamese unless the visitor asks for English, whatever language their browser prefers.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # Threads serve many visitors: the next request must not start in this one's language.
            translation.deactivate()
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
