from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest

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
