"""Counting in Redis (stats/backends/redis.py) and `stats_flush`, against the real Redis on 127.0.0.1:6379.

Each test has its own key prefix, deleted afterwards. The definitions are checked on both paths with
the same scenarios; what only Redis mode has (the flush, the fallback) is checked on its own.
"""

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import redis
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stats import counting
from stats.backends import postgres
from stats.backends import redis as buffered
from stats.models import DailyStats, FlushedBatch, RecentVisitor, StatsTotals
from tests.factories import ArticleFactory
from tests.stats.helpers import all_time, browser, counters
from tests.stats.test_concurrency import get

REDIS_URL = "redis://127.0.0.1:6379/0"
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args):
    return datetime(*args, tzinfo=HCM)


@pytest.fixture
def redis_counting():
    """Counting in Redis under a prefix of this test's own; its keys are deleted at the end."""
    prefix = f"test:cong:stats:{uuid.uuid4().hex}:"
    with override_settings(STATS_REDIS_URL=REDIS_URL, STATS_REDIS_PREFIX=prefix):
        yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for name in client.scan_iter(match=f"{prefix}*"):
        client.delete(name)


def redis_keys(prefix):
    return sorted(name.decode() for name in redis.Redis.from_url(REDIS_URL).scan_iter(match=f"{prefix}*"))


def flush():
    output = StringIO()
    call_command("stats_flush", stdout=output)
    return output.getvalue()


class PostgreSQLPath:
    record = staticmethod(postgres.visit_record)

    def stored(self, article=None):
        return counters(article)


class RedisPath:
    record = staticmethod(buffered.visit_record)

    def stored(self, article=None):
        flush()
        return counters(article)


@pytest.fixture(params=["postgresql", "redis"])
def path(request):
    """The same scenarios on both counting paths: `record` then `stored()` (flushed in Redis mode)."""
    if request.param == "redis":
        request.getfixturevalue("redis_counting")
        return RedisPath()
    return PostgreSQLPath()


# The definitions, on both paths --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_visit_starts_on_first_sight_and_again_after_30_minutes_on_both_paths(path):
    start = local(2026, 3, 9, 10, 0)
    assert path.record(visitor_key="k", now=start).new_visit
    assert not path.record(visitor_key="k", now=start + timedelta(minutes=29)).new_visit
    assert not path.record(visitor_key="k", now=start + timedelta(minutes=58)).new_visit
    assert path.record(visitor_key="k", now=start + timedelta(minutes=89)).new_visit
    assert path.stored() == (2, 4, 0, 0)
    day = DailyStats.objects.get()
    assert (day.date, day.visits, day.page_views) == (date(2026, 3, 9), 2, 4)
    assert StatsTotals.objects.get(pk=1).visits_since == 2


@pytest.mark.django_db
def test_local_midnight_separates_the_days_on_both_paths(path):
    path.record(visitor_key="late", now=local(2026, 3, 9, 23, 59, 59))
    path.record(visitor_key="early", now=local(2026, 3, 10, 0, 0, 0))
    path.stored()
    assert dict(DailyStats.objects.values_list("date", "visits")) == {
        date(2026, 3, 9): 1,
        date(2026, 3, 10): 1,
    }


@pytest.mark.django_db
def test_an_article_counts_once_per_visitor_per_10_minutes_on_both_paths(path, article):
    start = local(2026, 3, 9, 10, 0)
    assert path.record(visitor_key="k", now=start, article_id=article.pk).article_view
    assert not path.record(
        visitor_key="k", now=start + timedelta(minutes=9, seconds=59), article_id=article.pk
    ).article_view
    assert path.record(visitor_key="k", now=start + timedelta(minutes=10), article_id=article.pk).article_view
    assert path.record(
        visitor_key="other", now=start + timedelta(minutes=10), article_id=article.pk
    ).article_view
    assert path.stored(article) == (2, 4, 3, 3)


@pytest.mark.django_db
def test_a_document_view_and_a_download_count_once_per_visitor_per_10_minutes_on_both_paths(path):
    from documents.models import Attachment
    from stats.models import CountedKind, ObjectDailyCount
    from tests.factories import AttachmentFactory

    attachment = AttachmentFactory()
    document, start = attachment.document, local(2026, 3, 9, 10, 0)
    viewed = (CountedKind.DOCUMENT, document.pk)
    downloaded = (CountedKind.DOWNLOAD, attachment.pk)
    assert path.record(visitor_key="k", now=start, viewed=viewed).object_view
    assert not path.record(visitor_key="k", now=start + timedelta(minutes=9), viewed=viewed).object_view
    recorded = path.record(visitor_key="k", now=start, viewed=downloaded, page_view=False)
    assert recorded.object_view and not recorded.new_visit
    assert not path.record(
        visitor_key="k", now=start + timedelta(minutes=5), viewed=downloaded, page_view=False
    ).object_view
    assert path.record(visitor_key="other", now=start, viewed=downloaded, page_view=False).object_view

    assert path.stored() == (1, 2, 0, 0)  # two page views of one visitor; downloads are none
    counts = dict(ObjectDailyCount.objects.values_list("kind", "count"))
    assert counts == {CountedKind.DOCUMENT: 1, CountedKind.DOWNLOAD: 2}
    assert Attachment.objects.get(pk=attachment.pk).download_count == 2


@pytest.mark.django_db
def test_the_figures_follow_the_definitions_on_both_paths(path):
    now = local(2026, 1, 1, 9, 0)  # a Thursday; the week began on Monday 29/12/2025
    DailyStats.objects.create(date=date(2025, 12, 28), visits=1000)  # the Sunday before: not this week
    DailyStats.objects.create(date=date(2025, 12, 29), visits=10)
    StatsTotals.objects.create(pk=1, starting_total=21_422_117, visits_since=1010)
    path.record(visitor_key="seen 6 minutes ago", now=now - timedelta(minutes=6))
    path.record(visitor_key="yesterday", now=local(2025, 12, 31, 20, 0))
    path.record(visitor_key="seen 4 minutes ago", now=now - timedelta(minutes=4))
    figures = counting.figures_read(now)
    assert (figures.online, figures.today, figures.this_week, figures.all_time) == (1, 2, 13, 21_423_130)
    path.stored()
    assert counting.figures_read(now) == figures


# Redis mode: through the middleware ----------------------------------------------------------------


def sql_for(client, url, agent):
    """SQL statements a request runs (savepoints aside: they come from the test's own transaction)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers={"user-agent": agent}).status_code == 200
    return sum(1 for query in queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))


@pytest.mark.django_db
def test_a_counted_article_view_costs_no_sql_in_redis_mode(client, article, redis_counting):
    url = article.get_absolute_url()
    bot = "Googlebot/2.1"
    sql_for(client, url, bot)  # warm the caches
    uncounted = sql_for(client, url, bot)
    assert sql_for(client, url, browser()) == uncounted  # a new visit and a counted article view
    assert counters(article) == (0, 0, 0, 0)  # pending in Redis until the flush
    assert flush() == "Flushed 1 batches: 1 visits, 1 page views, 1 article views.\n"
    assert counters(article) == (1, 1, 1, 1)
    assert not RecentVisitor.objects.exists()
    # Left in Redis: the visitor's last page view, "online", and the article view's 10 minutes.
    kinds = [name.removeprefix(redis_counting).split(":")[0] for name in redis_keys(redis_counting)]
    assert sorted(kinds) == ["a", "online", "v"]


@pytest.mark.django_db
def test_with_redis_down_a_page_view_is_counted_in_postgresql_and_logged(client, article, caplog):
    with override_settings(STATS_REDIS_URL="redis://127.0.0.1:1/0"):  # nothing listens on port 1
        response = client.get(article.get_absolute_url(), headers={"user-agent": browser()})
        figures = counting.figures_read()
    assert response.status_code == 200
    assert counters(article) == (1, 1, 1, 1)
    assert (figures.online, figures.today) == (1, 1)
    assert "Redis unavailable: visit counted in PostgreSQL" in caplog.text
    assert "Statistics figures read without Redis" in caplog.text


@pytest.mark.django_db
def test_stats_flush_refuses_to_run_without_redis():
    with override_settings(STATS_REDIS_URL=""), pytest.raises(CommandError, match="STATS_REDIS_URL"):
        flush()


# Exactly once ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_batch_stored_before_a_crash_is_not_stored_again(article, redis_counting):
    now = timezone.now()
    buffered.visit_record(visitor_key="a", now=now, article_id=article.pk)
    batch = buffered.batch_start()
    buffered.batch_store(batch)  # committed; the run "crashes" before removing the batch from Redis
    buffered.visit_record(visitor_key="b", now=now, article_id=article.pk)
    assert counting.figures_read(now).today == 2  # the stored batch is not counted twice meanwhile
    assert flush() == "Flushed 1 batches: 1 visits, 1 page views, 1 article views.\n"
    assert counters(article) == (2, 2, 2, 2)
    assert not any(name.startswith(f"{redis_counting}batch") for name in redis_keys(redis_counting))
    assert flush() == "Flushed 0 batches: 0 visits, 0 page views, 0 article views.\n"
    assert counters(article) == (2, 2, 2, 2)


@pytest.mark.django_db
def test_a_batch_taken_before_a_crash_is_stored_by_the_next_run(article, redis_counting):
    now = timezone.now()
    buffered.visit_record(visitor_key="a", now=now, article_id=article.pk)
    buffered.batch_start()  # the run "crashes" before writing to PostgreSQL
    buffered.visit_record(visitor_key="b", now=now)
    assert counting.figures_read(now).all_time == 2
    assert flush() == "Flushed 2 batches: 2 visits, 2 page views, 1 article views.\n"
    assert counters(article) == (2, 2, 1, 1)
    assert FlushedBatch.objects.count() == 2


@pytest.mark.django_db
def test_views_of_an_article_deleted_before_the_flush_are_dropped(redis_counting):
    article = ArticleFactory()
    buffered.visit_record(visitor_key="a", article_id=article.pk)
    article.delete()
    flush()
    assert counters() == (1, 1, 0, 0)


def closing_connection(function):
    """Run in a thread of its own: its database connection must not outlive it (the test database
    could not be dropped)."""

    def run():
        try:
            function()
        finally:
            connection.close()

    return run


@pytest.mark.django_db(transaction=True)
def test_two_runs_storing_the_same_batch_store_it_once(redis_counting):
    article = ArticleFactory()
    buffered.visit_record(visitor_key="a", article_id=article.pk)
    batch = buffered.batch_start()
    with transaction.atomic():
        buffered.batch_store(batch)  # the first run, not committed yet
        second = threading.Thread(target=closing_connection(buffered.flush))
        second.start()
        time.sleep(0.5)
        assert second.is_alive()  # waiting on the batch id the first run holds
    second.join(timeout=10)
    assert counters(article) == (1, 1, 1, 1)
    assert redis.Redis.from_url(REDIS_URL).scard(f"{redis_counting}batches") == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_flushes_while_visitors_read_lose_and_double_nothing(redis_counting):
    article = ArticleFactory()
    visitors, reads = 40, 5
    stop = threading.Event()

    @closing_connection
    def flusher():
        while not stop.is_set():
            buffered.flush()

    def visitor(number):
        for _ in range(reads):
            buffered.visit_record(visitor_key=f"visitor {number}", article_id=article.pk)

    flushers = [threading.Thread(target=flusher) for _ in range(3)]
    for thread in flushers:
        thread.start()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(visitor, range(visitors)))
    stop.set()
    for thread in flushers:
        thread.join(timeout=30)
    buffered.flush()
    assert counters(article) == (visitors, visitors * reads, visitors, visitors)
    assert all_time() == visitors


@pytest.mark.django_db(transaction=True)
def test_concurrent_visitors_of_a_live_server_are_counted_exactly_in_redis_mode(live_server, redis_counting):
    article = ArticleFactory()
    url = article.get_absolute_url()
    threads, requests = 16, 10

    def visitor(number):
        return [get(live_server.url, url, browser(number)) for _ in range(requests)]

    with ThreadPoolExecutor(max_workers=threads) as pool:
        statuses = [status for result in pool.map(visitor, range(threads)) for status in result]
    assert statuses == [200] * threads * requests
    figures = counting.figures_read()
    assert (figures.online, figures.today, figures.all_time) == (threads, threads, threads)
    flush()
    assert counters(article) == (threads, threads * requests, threads, threads)
    assert counting.figures_read() == figures
    assert not RecentVisitor.objects.exists()
