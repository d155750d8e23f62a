"""The one place that chooses where page views are counted and figures read: Redis or PostgreSQL.

With STATS_REDIS_URL set, every page view is counted in Redis (stats.backends.redis, no SQL) and
`manage.py stats_flush` moves the counts to PostgreSQL; the figures are PostgreSQL's plus what waits
in Redis. Without it, or while Redis cannot be reached, PostgreSQL does both (stats.backends.postgres).
A page view sent to Redis whose answer is lost is not counted again in PostgreSQL: it may have been
counted in Redis. The definitions are the same either way (stats.definitions).
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import get_language
from redis import RedisError

from stats.backends import postgres
from stats.backends import redis as buffered
from stats.definitions import Recorded

logger = logging.getLogger(__name__)

FIGURES_CACHE_KEY = "stats:figures:1"
# What a page view whose outcome is unknown reports (the middleware does not use it).
NOT_RECORDED = Recorded(new_visit=False, article_view=False)


def redis_enabled():
    return bool(settings.STATS_REDIS_URL)


def visit_record(*, visitor_key, now=None, article_id=None, viewed=None, page_view=True):
    """Count one page view by `visitor_key` at `now`, and a view of the article `article_id` if given,
    or of `viewed` ((stats.models.CountedKind, id): a document's page, a file downloaded; a download is
    no page view: `page_view=False`).

    The caller (stats.middleware) has decided that the request counts (a public page, not a bot, not
    staff) and that the article is public. Returns stats.definitions.Recorded.
    """
    counted = {
        "visitor_key": visitor_key,
        "now": now,
        "article_id": article_id,
        "viewed": viewed,
        "page_view": page_view,
    }
    if redis_enabled():
        try:
            return buffered.visit_record(**counted)
        except buffered.Unreachable:
            # Nothing reached Redis: counted all the same, in PostgreSQL. The visitor's state in
            # Redis is out of reach, so this one page view may start a visit or count a view again.
            logger.warning("Redis unavailable: visit counted in PostgreSQL", exc_info=True)
        except RedisError:
            # The script was sent: it may have run and counted (a late answer), and stats_flush
            # would add that count to PostgreSQL's. Counting it here as well could count it twice.
            logger.error("Redis did not answer a page view: not counted again in PostgreSQL", exc_info=True)
            return NOT_RECORDED
    return postgres.visit_record(**counted)


def visit_records(page_views):
    """visit_record() for many page views (dicts of its keyword arguments), in one round trip to Redis
    (stats.edge); in PostgreSQL one by one when Redis is off or cannot be reached, as visit_record()."""
    if redis_enabled():
        try:
            buffered.visit_records(page_views)
            return
        except buffered.Unreachable:
            logger.warning(
                "Redis unavailable: %d visits counted in PostgreSQL", len(page_views), exc_info=True
            )
        except RedisError:
            logger.error(
                "Redis did not answer %d page views: not counted again", len(page_views), exc_info=True
            )
            return
    for counted in page_views:
        postgres.visit_record(**counted)


def figures_read(now=None):
    """The four figures (stats.definitions.Figures) as they are now: three queries in PostgreSQL mode,
    one statement and one Redis round trip in Redis mode; PostgreSQL's alone while Redis fails."""
    if redis_enabled():
        try:
            return buffered.figures_read(now or timezone.now())
        except RedisError:
            logger.warning("Statistics figures read without Redis", exc_info=True)
    return postgres.figures_read(now)


def figures_cached(render):
    """render(figures_read()), shared by every page a process serves for a few seconds
    (STATS_BLOCK_CACHE_SECONDS), once per language: `render` makes the statistics block of them.

    In the process's own memory: each worker reads the figures and renders the block once in that
    time, which costs less than asking a shared cache on every page; the block is never older than
    its figures.
    """
    return caches["fragments"].get_or_set(
        f"{FIGURES_CACHE_KEY}:{get_language()}",
        lambda: render(figures_read()),
        settings.STATS_BLOCK_CACHE_SECONDS,
    )
