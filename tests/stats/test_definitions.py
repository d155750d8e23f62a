from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from stats.backends.postgres import figures_read, visit_record
from stats.definitions import local_date, visitor_key_for, week_start
from stats.models import ArticleDailyViews, DailyStats, RecentVisitor, StatsTotals
from tests.stats.helpers import counters

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args):
    return datetime(*args, tzinfo=HCM)


def test_the_week_of_monday_29_12_2025_includes_new_years_day_2026():
    assert week_start(date(2026, 1, 1)) == date(2025, 12, 29)
    assert week_start(date(2026, 1, 4)) == date(2025, 12, 29)
    assert week_start(date(2025, 12, 29)) == date(2025, 12, 29)
    assert week_start(date(2025, 12, 28)) == date(2025, 12, 22)


def test_new_years_day_2027_belongs_to_the_week_starting_monday_28_12_2026():
    assert week_start(date(2027, 1, 1)) == date(2026, 12, 28)
    assert week_start(date(2027, 1, 3)) == date(2026, 12, 28)
    assert week_start(date(2027, 1, 4)) == date(2027, 1, 4)


def test_local_midnight_separates_the_days_not_utc_midnight():
    assert local_date(local(2026, 3, 9, 23, 59, 59)) == date(2026, 3, 9)
    assert local_date(local(2026, 3, 10, 0, 0, 0)) == date(2026, 3, 10)
    # 17:00 UTC is local midnight.
    assert local_date(datetime(2026, 3, 9, 17, 0, tzinfo=ZoneInfo("UTC"))) == date(2026, 3, 10)


def test_the_visitor_key_hides_the_address_and_changes_every_day():
    today = visitor_key_for(ip="203.0.113.7", user_agent="Firefox", day=date(2026, 3, 9))
    assert today == visitor_key_for(ip="203.0.113.7", user_agent="Firefox", day=date(2026, 3, 9))
    assert today != visitor_key_for(ip="203.0.113.7", user_agent="Firefox", day=date(2026, 3, 10))
    assert today != visitor_key_for(ip="203.0.113.8", user_agent="Firefox", day=date(2026, 3, 9))
    assert "203.0.113.7" not in today
    assert len(today) == 64


def test_a_huge_user_agent_is_hashed_by_its_first_512_characters():
    day = date(2026, 3, 9)
    long_agent = "A" * 512
    assert visitor_key_for(ip="1.1.1.1", user_agent=long_agent, day=day) == visitor_key_for(
        ip="1.1.1.1", user_agent=long_agent + "B" * 100_000, day=day
    )


@pytest.mark.django_db
def test_a_visit_starts_on_first_sight_and_again_after_30_minutes_of_inactivity():
    start = local(2026, 3, 9, 10, 0)
    assert visit_record(visitor_key="k", now=start).new_visit
    assert not visit_record(visitor_key="k", now=start + timedelta(minutes=29)).new_visit
    # 29 minutes after the last page view: still the same visit.
    assert not visit_record(visitor_key="k", now=start + timedelta(minutes=58)).new_visit
    assert visit_record(visitor_key="k", now=start + timedelta(minutes=89)).new_visit
    day = DailyStats.objects.get(date=date(2026, 3, 9))
    assert (day.visits, day.page_views) == (2, 4)
    assert StatsTotals.objects.get(pk=1).visits_since == 2
    assert RecentVisitor.objects.count() == 1


@pytest.mark.django_db
def test_visits_at_23_59_59_and_00_00_00_fall_on_different_days():
    visit_record(visitor_key="late", now=local(2026, 3, 9, 23, 59, 59))
    visit_record(visitor_key="early", now=local(2026, 3, 10, 0, 0, 0))
    assert dict(DailyStats.objects.values_list("date", "visits")) == {
        date(2026, 3, 9): 1,
        date(2026, 3, 10): 1,
    }


@pytest.mark.django_db
def test_the_same_visitor_reloading_an_article_within_10_minutes_counts_once(article):
    start = local(2026, 3, 9, 10, 0)
    assert visit_record(visitor_key="k", now=start, article_id=article.pk).article_view
    assert not visit_record(
        visitor_key="k", now=start + timedelta(minutes=9, seconds=59), article_id=article.pk
    ).article_view
    assert counters(article)[2:] == (1, 1)


@pytest.mark.django_db
def test_the_same_visitor_reading_an_article_again_after_10_minutes_counts_twice(article):
    start = local(2026, 3, 9, 10, 0)
    visit_record(visitor_key="k", now=start, article_id=article.pk)
    assert visit_record(
        visitor_key="k", now=start + timedelta(minutes=10), article_id=article.pk
    ).article_view
    assert counters(article)[2:] == (2, 2)
    # Another visitor within the same minute counts on its own.
    assert visit_record(
        visitor_key="other", now=start + timedelta(minutes=10), article_id=article.pk
    ).article_view
    assert ArticleDailyViews.objects.get(article=article).views == 3


@pytest.mark.django_db
def test_the_figures_follow_the_definitions():
    now = local(2026, 1, 1, 9, 0)  # a Thursday; the week began on Monday 29/12/2025
    DailyStats.objects.create(date=date(2025, 12, 28), visits=1000)  # the Sunday before: not this week
    DailyStats.objects.create(date=date(2025, 12, 29), visits=10)
    DailyStats.objects.create(date=date(2025, 12, 31), visits=20)
    DailyStats.objects.create(date=date(2026, 1, 1), visits=5)
    StatsTotals.objects.create(pk=1, starting_total=21_422_117, visits_since=1035)
    RecentVisitor.objects.create(visitor_key="a", last_seen=now - timedelta(minutes=4), visit_started=now)
    RecentVisitor.objects.create(visitor_key="b", last_seen=now - timedelta(minutes=6), visit_started=now)
    figures = figures_read(now)
    assert (figures.online, figures.today, figures.this_week, figures.all_time) == (1, 5, 35, 21_423_152)
