"""Whole public pages, kept per content version, with holes filled on every request.

A page every reader sees alike (a GET without a session or messages: no staff, no form) is rendered
once per process, content version (caching.generation), language and address, then served from the
process's memory. What differs between two requests is left as a hole in the stored page and filled
each time by the function registered under the hole's name:

    {% load caching %}{% hole "view_count" article.pk %}{{ article.view_count|intcomma }}{% endhole %}

renders its content as usual, and the filler `view_count(request, "42")` instead when the page is
served from memory. Holes here: the CSRF token of a form; the statistics block and the
article's view count are registered by their apps (stats/apps.py, articles/apps.py).

A staff edit bumps the content generation, so the next request renders the page again; a page that
changes with the clock alone (a scheduled article) is at most a minute behind, like every cache here.
"""

import dataclasses
import hashlib
import re
import threading
import unicodedata
import zlib
from collections import OrderedDict
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.translation import get_language

from caching import generation
from caching.middleware import personal

_HOLE = re.compile(rb"<!--hole:(\w+):([\w-]*)-->")
_fillers = {}


def hole_marker(name, argument=""):
    return f"<!--hole:{name}:{argument}-->"


def hole_filler(name):
    """Register `function(request, argument) -> str` (already escaped HTML) as the filler of `name`."""

    def register(function):
        _fillers[name] = function
        return function

    return register


@hole_filler("csrf_token")
def _csrf_token(request, argument):
    """What {% csrf_token %} writes."""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))


def holes_found(content):
    """((start, end, name, argument), …): where the holes of a rendered page (bytes) are."""
    return tuple(
        (match.start(), match.end(), match[1].decode(), match[2].decode())
        for match in _HOLE.finditer(content)
    )


def holes_filled(content, request, holes=None):
    """The page (bytes) with each hole replaced by what its filler writes for this request. Given
    where the holes are (holes_found, kept with a stored page), the page is not searched again."""
    parts, end = [], 0
    for start, hole_end, name, argument in holes_found(content) if holes is None else holes:
        parts += (content[end:start], _fillers[name](request, argument).encode())
        end = hole_end
    parts.append(content[end:])
    return b"".join(parts)


def leaving_holes(request):
    """Whether the page being rendered is to be stored, its holes left open ({% hole %})."""
    return getattr(request, "page_cache_holes", False)


@dataclasses.dataclass
class StoredPage:
    content: bytes  # zlib-compressed, with its holes: a 30 KB page takes 6 KB of a worker's memory
    holes: tuple  # where they are in the page (holes_found): filled by position on every request
    headers: list  # the view's own headers (the middleware adds theirs on every request)
    facts: dict  # response.page_facts, what the view says about the page (the article it showed)


def _storable(request):
    """A GET or HEAD from a reader whose page is no one's own (caching.middleware.personal)."""
    return request.method in ("GET", "HEAD") and not personal(request)


def _normalised_query(request, names):
    """The query string as the view reads it: only its own parameters, in one order, each value once,
    NFC with its white space folded (as the forms clean it). Anything else a request carries
    ("?utm_source=…", "?x=1", "?x=2", …) cannot make another stored page."""
    pairs = []
    for name in sorted(names):
        value = " ".join(unicodedata.normalize("NFC", request.GET.get(name, "")).split())
        if value:
            pairs.append((name, value))
    return urlencode(pairs)


class _Seen:
    """The addresses asked for lately, in each process (bounded: the oldest are dropped).

    A page whose address is free text (a search) is stored the second time it is asked for, not the
    first: a flood of one-off searches renders pages but stores none, so it cannot push the pages
    many readers read out of the cache.
    """

    def __init__(self, size):
        self.size, self.keys, self.lock = size, OrderedDict(), threading.Lock()

    def again(self, key):
        with self.lock:
            if key in self.keys:
                self.keys.move_to_end(key)
                return True
            self.keys[key] = None
            if len(self.keys) > self.size:
                self.keys.popitem(last=False)
            return False


_seen = _Seen(10_000)


class _Hot:
    """The pages read most lately in this process, decompressed (bounded: the oldest are dropped).

    A page many readers read at once (an article in a storm) is then served without unpickling and
    decompressing it for each of them; 64 pages of about 30 KB take 2 MB. Keyed as the stored pages
    are: a new content version or minute is another key, so nothing here outlives its stored page.
    """

    def __init__(self, size):
        self.size, self.pages, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key, page):
        with self.lock:
            self.pages[key] = page
            if len(self.pages) > self.size:
                self.pages.popitem(last=False)


_hot = _Hot(64)


def seen_forget():
    """Forget which addresses were asked for, and the pages kept decompressed (tests, which start
    every cache empty)."""
    _seen.keys.clear()
    _hot.pages.clear()


def asked_again(key):
    """Whether `key` was asked for lately (in this process): for a part of a page that is stored the
    second time it is asked for, as store_when_asked_again stores whole pages (the search's results)."""
    return _seen.again(key)


def page_cached(view, *, query=(), store_when_asked_again=False):
    """Serve `view`'s successful answers to readers from the process's memory.

    `query` names the query parameters the view reads ("page", "q"): the page is kept per value of
    those, and the view sees only those (see _normalised_query). `store_when_asked_again`: for views
    whose addresses anyone can vary without end (a search), see _Seen. Its answers to readers are
    public pages (caching.middleware sends them `Cache-Control: public`).
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _storable(request):
            return view(request, *args, **kwargs)
        normalised = _normalised_query(request, query)
        request.GET, request.META["QUERY_STRING"] = QueryDict(normalised), normalised
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        address = hashlib.sha256(address.encode()).hexdigest()
        key = f"page:{generation.version(request)}:{get_language()}:{address}"
        cache = caches["fragments"]
        hot = _hot.get(key)
        page = None if hot else cache.get(key)
        if hot is None and page is None:
            if store_when_asked_again and not _seen.again(key):
                return _public(view(request, *args, **kwargs))
            request.page_cache_holes = True
            try:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
            finally:
                request.page_cache_holes = False  # an error page is rendered whole
            if response.streaming:
                return response
            if response.status_code != 200 or response.cookies:
                response.content = holes_filled(response.content, request)
                return _public(response)
            page = StoredPage(
                content=zlib.compress(response.content, 1),
                holes=holes_found(response.content),
                headers=list(response.items()),
                facts=getattr(response, "page_facts", {}),
            )
            cache.set(key, page, settings.PORTAL_FRAGMENT_CACHE_SECONDS)
        if hot is None:
            hot = dataclasses.replace(page, content=zlib.decompress(page.content))
            _hot.put(key, hot)
        page = hot
        response = HttpResponse(holes_filled(page.content, request, page.holes))
        for header, value in page.headers:
            response[header] = value
        response.page_facts = page.facts
        return _public(response)

    return cached_view


def _public(response):
    """Mark the answer to a reader public (caching.middleware sends it with `Cache-Control: public`).

    Its ETag is Django's (ConditionalGetMiddleware, a hash of the bytes sent), not one of the stored
    page's key: the holes are part of what the reader sees, and a reload must show the view count
    the reader's own visit just raised.
    """
    response.public_page = True
    return response


def public_page(view):
    """For a public page rendered on every request rather than stored here: a shared cache may still
    keep it briefly, as it keeps the stored ones (caching.middleware.SharedCacheMiddleware)."""

    @wraps(view)
    def marked_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        return _public(response) if _storable(request) else response

    return marked_view
