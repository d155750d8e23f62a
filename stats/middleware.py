import logging

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from portal.lib.http import client_ip
from stats import counting
from stats.bots import is_bot
from stats.definitions import local_date, visitor_key_for
from stats.models import CountedKind

logger = logging.getLogger(__name__)

# Answers that are never page views, whatever their status and type.
SKIPPED_PREFIXES = ("/admin/", "/i18n/")
SKIPPED_VIEWS = {
    "frame:robots_txt",
    "frame:favicon",
    "articles:feed",
    "articles:category_feed",
    "frame:sitemap",
    "editor_upload",
    "feedback:captcha_image",
    "feedback:captcha_audio",
    "feedback:captcha_refresh",
    "feedback:article_opinion",  # a reader sending an opinion or a comment (a POST: not reading)
    "feedback:consultation_comment",
    "benchmark_baseline",  # make bench's bare view (tests/benchmarks/urls.py): never counted
}


def counted_article_id(request, response):
    """The public article the response shows, as the article view states it (no query).

    articles.views.ArticleDetailView names it in `response.page_facts`, also when the page comes from
    memory (caching.pagecache); a staff preview of an unpublished article names none and is never
    counted.
    """
    return getattr(response, "page_facts", {}).get("article_id")


# Request headers by which browsers say they fetch a page ahead, before anyone may read it: Sec-Purpose
# ("prefetch", "prefetch;prerender"), its older forms Purpose and X-Purpose ("preview": Safari's Top
# Sites), and Firefox's former X-Moz.
AHEAD_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
AHEAD_PURPOSES = ("prefetch", "prerender", "preview")


def fetched_ahead(request):
    """Whether the browser asks for the page before it is shown (prefetch, prerender, a preview)."""
    return any(
        purpose in request.META.get(header, "").lower()
        for header in AHEAD_HEADERS
        for purpose in AHEAD_PURPOSES
    )


def is_download(request, response):
    """A public attached file sent whole to be kept (documents' download view names it in page_facts):
    counted as a download, never as a page view."""
    return (
        request.method == "GET"
        and not fetched_ahead(request)
        and response.status_code == 200
        and "attachment_id" in getattr(response, "page_facts", {})
    )


def is_page_view(request, response):
    """A public HTML page answered successfully to be shown: what the statistics call a page view.

    Only GET: HEAD is what link checkers, uptime probes and preview tools send, never a browser
    showing a page. A page fetched ahead (fetched_ahead) is not counted: it may never be shown.
    """
    return (
        request.method == "GET"
        and not fetched_ahead(request)
        and 200 <= response.status_code < 300
        and response.get("Content-Type", "").startswith("text/html")
        and request.resolver_match is not None
        and request.resolver_match.view_name not in SKIPPED_VIEWS
        and request.resolver_match.namespace not in ("admin", "stats")
        and not request.path.startswith((*SKIPPED_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL))
    )


# What an answer counts as, for nginx's cache (deploy/nginx/cong_edge.lua; stats.edge reads it back).
COUNT_HEADER = "X-Cong-Count"
COUNT_TOKENS = {CountedKind.DOCUMENT: "d", CountedKind.DOWNLOAD: "f"}


def count_header(*, page_view, article_id=None, viewed=None):
    """ "page", "page a:<article>", "page d:<document>" or "download f:<attached file>"."""
    words = ["page" if page_view else "download"]
    if article_id is not None:
        words.append(f"a:{article_id}")
    elif viewed is not None:
        words.append(f"{COUNT_TOKENS[viewed[0]]}:{viewed[1]}")
    return " ".join(words)


class VisitCountingMiddleware:
    """Count each public page view after the view has answered (stats.counting chooses where).

    Running after the response is produced means a page served from any cache inside Django is still
    counted, and a failing database (the statistics tables locked, a connection lost) is logged while
    the visitor gets the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            self.count(request, response)
        except DatabaseError:
            logger.exception("Visit not counted for %s", request.path)
        return response

    def count(self, request, response):
        page_view = is_page_view(request, response)
        if not page_view and not is_download(request, response):
            return
        facts = getattr(response, "page_facts", {})
        if page_view:
            viewed = (CountedKind.DOCUMENT, facts["document_id"]) if "document_id" in facts else None
        else:
            viewed = (CountedKind.DOWNLOAD, facts["attachment_id"])
        article_id = counted_article_id(request, response) if page_view else None
        # Whoever asked (a bot, staff), a copy nginx keeps counts like this for the next readers.
        response[COUNT_HEADER] = count_header(page_view=page_view, article_id=article_id, viewed=viewed)
        user_agent = request.META.get("HTTP_USER_AGENT", "")
        if is_bot(user_agent):
            return
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            return
        now = timezone.now()
        counting.visit_record(
            visitor_key=visitor_key_for(ip=client_ip(request), user_agent=user_agent, day=local_date(now)),
            now=now,
            article_id=article_id,
            viewed=viewed,
            page_view=page_view,
        )
