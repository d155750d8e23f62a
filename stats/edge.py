"""Counting the pages nginx answers from its cache, by the same code as the pages Django answers.

nginx (deploy/nginx/cong.conf, cong_edge.lua) keeps a public page for a few seconds with the header
the counting middleware put on it (stats.middleware.COUNT_HEADER). For each GET it answers from that
copy it writes one line to a Redis list: when, the X-Forwarded-For it would have sent, the User-Agent,
the header, the prefetch headers. `manage.py stats_flush` calls edge_drain() before each flush: every
line is decided and counted exactly as VisitCountingMiddleware would have counted the request (a bot is
not counted; a page fetched ahead is not; the visitor key of that day; stats.counting, at the time the
page was served). Staff never get a page from nginx's cache, so never appear here.

A line is taken from the list before it is counted: a drain that dies half-way loses the lines it
held (never counts one twice). The list holds addresses for the seconds until the next drain, in
Redis's memory, as nginx's own access log would for days.
"""

import logging
from datetime import UTC, datetime
from types import SimpleNamespace
from urllib.parse import unquote_to_bytes

from django.conf import settings

from portal.lib.http import client_ip
from stats import counting
from stats.backends import redis as buffered
from stats.bots import is_bot
from stats.definitions import local_date, visitor_key_for
from stats.middleware import COUNT_TOKENS, fetched_ahead

logger = logging.getLogger(__name__)

QUEUE = "edge"  # under STATS_REDIS_PREFIX; deploy/nginx/cong.conf names the same key
KINDS = {token: kind for kind, token in COUNT_TOKENS.items()}


def queue_key():
    return buffered.key(QUEUE)


def _field(text):
    # WSGI gives header values as Latin-1 strings: the same characters as Django sees them.
    return unquote_to_bytes(text).decode("latin-1")


def edge_line_page_view(line):
    """What one line of nginx's list counts as, decided as the middleware decides for a request: the
    keyword arguments of stats.counting.visit_record(), or None (a bot, a page fetched ahead)."""
    stamp, forwarded, user_agent, count, purpose = (_field(part) for part in line.split("\t"))
    request = SimpleNamespace(
        META={
            # nginx is the trusted proxy in front of Django: the address read as client_ip() reads it.
            "REMOTE_ADDR": settings.TRUSTED_PROXIES[0],
            "HTTP_X_FORWARDED_FOR": forwarded,
            "HTTP_SEC_PURPOSE": purpose,
        }
    )
    if fetched_ahead(request) or is_bot(user_agent):
        return None
    kind, *token = count.split()
    page_view = kind == "page"
    article_id = viewed = None
    if token:
        letter, _, number = token[0].partition(":")
        if letter == "a":
            article_id = int(number)
        else:
            viewed = (KINDS[letter], int(number))
    now = datetime.fromtimestamp(int(stamp) / 1000, tz=UTC)
    return {
        "visitor_key": visitor_key_for(ip=client_ip(request), user_agent=user_agent, day=local_date(now)),
        "now": now,
        "article_id": article_id,
        "viewed": viewed,
        "page_view": page_view,
    }


def edge_drain(*, batch=1000):
    """Count the lines nginx has left in Redis, `batch` lines per round trip; returns how many were read.

    Only as many as the list held when it started: while nginx writes faster than this counts, each
    run still ends, and stats_flush flushes between two runs.
    """
    client = buffered.client(settings.STATS_REDIS_URL)
    waiting, read = client.llen(queue_key()), 0
    while read < waiting and (lines := client.lpop(queue_key(), min(batch, waiting - read))):
        read += len(lines)
        page_views = []
        for line in lines:
            try:
                page_view = edge_line_page_view(line)
            except (ValueError, KeyError):
                logger.exception("A line from nginx that is no page view: %r", line[:200])
                continue
            if page_view is not None:
                page_views.append(page_view)
        if page_views:
            counting.visit_records(page_views)
    return read
