from datetime import date, timedelta

import pytest
from django.core.cache import caches
from django.template import Context, Template
from django.utils import timezone

from stats.counting import figures_read
from stats.models import DailyStats, RecentVisitor, StatsTotals
from tests.stats.helpers import browser

pytestmark = pytest.mark.django_db


def render_block():
    return Template("{% load stats %}{% stats_block %}").render(Context({}))


def test_every_page_shows_the_block_with_its_four_figures(client, article):
    StatsTotals.objects.create(pk=1, starting_total=21_422_116)
    client.get("/", headers={"user-agent": browser()})
    caches["fragments"].clear()  # the figures are kept a few seconds; here they must be read again
    for url in ("/", article.get_absolute_url(), article.category.get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'aria-labelledby="stats-block-title"' in html
        for label in ("Thống kê truy cập", "Đang online", "Hôm nay", "Trong tuần", "Tất cả"):
            assert label in html
        assert "21.422.117" in html


def test_the_block_speaks_english_on_english_pages(client):
    html = client.get("/en/").content.decode()
    for label in ("Visit statistics", "Online now", "Today", "This week", "All time"):
        assert label in html


def test_the_block_is_cached_for_a_few_seconds(django_assert_num_queries):
    with django_assert_num_queries(3):
        render_block()
    with django_assert_num_queries(0):
        render_block()


def test_reading_the_block_with_ten_million_visits_of_history_costs_the_same_queries_as_with_none(
    django_assert_num_queries,
):
    with django_assert_num_queries(3):
        empty = figures_read()
    assert (empty.online, empty.today, empty.this_week, empty.all_time) == (0, 0, 0, 0)

    # Ten million visits of history are counters, not raw rows: 3 650 days and the all-time row.
    today = timezone.localdate()
    DailyStats.objects.bulk_create(
        DailyStats(date=today - timedelta(days=n), visits=2740, page_views=8000) for n in range(3650)
    )
    StatsTotals.objects.create(pk=1, starting_total=21_422_117, visits_since=2740 * 3650)
    now = timezone.now()
    RecentVisitor.objects.bulk_create(
        RecentVisitor(visitor_key=f"{n:064d}", last_seen=now - timedelta(minutes=n % 30), visit_started=now)
        for n in range(3000)
    )
    with django_assert_num_queries(3):
        full = figures_read()
    assert full.all_time == 21_422_117 + 10_001_000
    assert full.today == 2740
    assert full.this_week == 2740 * (today.weekday() + 1)
    assert full.online == 500


def test_the_block_formats_numbers_the_vietnamese_way():
    StatsTotals.objects.create(pk=1, starting_total=21_422_117)
    DailyStats.objects.create(date=date.today(), visits=0)
    assert "21.422.117" in render_block()
