"""/tim-kiem/: everything public, ranked together (search/query.py), filtered by kind.

Words vary without end, and a search nobody made before must still be cheap, so the page is built
from parts kept in each process's memory (caching.pagecache), all keyed by the content version:

- the page around the results — header, menus, sidebar, footer — stored once per language with
  two holes, its title and its body, whatever the query;
- the body of each query (the form, the filter by kind, the results, the page links), stored the
  second time that query is asked for, as a whole page would be (asked_again).

A new query then costs its one search statement and the body's render; a repeated one, the page's
holes. The query as the reader typed it is kept on the request before the page cache, which keys
the page on no parameter, hides it (`search_page`).
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Paginator
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from caching import generation
from caching.pagecache import asked_again, hole_filler, page_cached
from search.forms import KIND_SLUGS, SearchForm
from search.models import SearchEntry
from search.query import CANDIDATES, search

PER_PAGE = 20
# No search has more pages than its candidates fill (CANDIDATES of each kind).
MAX_PAGE = CANDIDATES * len(SearchEntry.Kind.values) // PER_PAGE + 1


def search_form(request):
    """(form, terms, kind, page number) of the query the request carries (search_page kept it),
    read once per request: the title and the body both need it."""
    if not hasattr(request, "_search_form"):
        parameters = getattr(request, "search_query", request.GET)
        form = SearchForm(parameters)
        request._search_form = (
            (form, form.cleaned_data["q"], form.cleaned_data["loai"], int(parameters.get("page", 1)))
            if form.is_valid()
            else (form, "", "", 1)
        )
    return request._search_form


def body_context(request):
    form, query, kind, number = search_form(request)
    context = {"form": form, "query": query, "kind": kind}
    if not query:
        return context
    found = search(
        query,
        language=get_language(),
        kinds=[kind] if kind else None,
        offset=(number - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    paginator = Paginator(range(found.total), PER_PAGE)
    kinds = kind_filter(query, kind, found)
    context.update(
        found=found,
        results=found.results,
        paginator=paginator,
        # A page past the last shows no result rather than an error: a hole cannot answer 404.
        page_obj=paginator.page(min(number, paginator.num_pages)),
        beyond_last=number > paginator.num_pages,
        first_page=next((address for _label, _count, address, current in kinds if current), "?"),
        kinds=kinds,
        more_results=found.more,
    )
    return context


def kind_filter(query, current, found):
    """[(label, count, address, current)]: every kind with matches, "All" first."""
    choices = [("", _("All"), sum(found.counts.values()))]
    choices += [
        (kind, label, found.counts[kind]) for kind, label in SearchEntry.Kind.choices if kind in found.counts
    ]
    links = []
    for kind, label, count in choices:
        parameters = {"q": query, **({"loai": KIND_SLUGS[kind]} if kind else {})}
        links.append((label, count, f"?{urlencode(parameters)}", kind == current))
    return links


def body_rendered(request, context):
    # The page links ({% page_links %}) keep request.GET's other parameters: the query as typed, not
    # the page cache's, which keeps none.
    shown, request.GET = request.GET, getattr(request, "search_query", request.GET)
    try:
        return render_to_string("search/includes/body.html", context, request=request)
    finally:
        request.GET = shown


@hole_filler("search_title")
def search_title(request, argument=""):
    """The page's <title>: "Tìm kiếm: …" with the query (escaped), or "Tìm kiếm"."""
    _form, query, _kind, _number = search_form(request)
    return escape(gettext("Search: %(query)s") % {"query": query} if query else gettext("Search"))


@hole_filler("search_body")
def search_body(request, argument=""):
    """The body of this query: from memory when it was asked for lately, else searched and rendered."""
    _form, query, kind, number = search_form(request)
    typed = (
        f"{query}\n{kind}\n{number}" if query else getattr(request, "search_query", request.GET).urlencode()
    )
    key = (
        f"search:{generation.version(request)}:{get_language()}:{hashlib.sha256(typed.encode()).hexdigest()}"
    )
    cache = caches["fragments"]
    body = cache.get(key)
    if body is None:
        body = body_rendered(request, body_context(request))
        if asked_again(key):
            cache.set(key, body, settings.PORTAL_FRAGMENT_CACHE_SECONDS)
    return body


class SearchView(TemplateView):
    """The page around the holes. Rendered whole for whoever gets no stored page (staff): the holes'
    content is then these same functions' output."""

    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        request = self.request
        # Callables, called only where the template renders a hole's content (not in a stored page).
        return super().get_context_data(
            search_title=lambda: search_title(request), search_body=lambda: search_body(request), **kwargs
        )


_stored = page_cached(SearchView.as_view())


def search_page(request):
    """Keep the query as typed (the holes read it), refuse a page number that cannot be, then serve
    the stored page."""
    request.search_query = request.GET.copy()
    page = request.GET.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= MAX_PAGE:
        raise Http404
    return _stored(request)
