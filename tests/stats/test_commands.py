from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from stats import demo
from stats.models import ArticleDailyViews, ArticleView, DailyStats, RecentVisitor, StatsTotals
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def run(*args):
    output = StringIO()
    call_command(*args, stdout=output)
    return output.getvalue()


@pytest.fixture
def working_rows(article):
    now = timezone.now()
    for key, minutes in (("fresh", 29), ("stale", 31)):
        seen = now - timedelta(minutes=minutes)
        RecentVisitor.objects.create(visitor_key=key, last_seen=seen, visit_started=seen)
        ArticleView.objects.create(
            visitor_key=key, article=article, last_counted=now - timedelta(minutes=minutes // 3)
        )
    DailyStats.objects.create(date=now.date() - timedelta(days=900), visits=5)


def test_stats_prune_deletes_only_rows_past_their_window(working_rows):
    assert run("stats_prune") == "Deleted 1 recent visitor rows and 1 article view rows.\n"
    assert list(RecentVisitor.objects.values_list("visitor_key", flat=True)) == ["fresh"]
    assert list(ArticleView.objects.values_list("visitor_key", flat=True)) == ["fresh"]
    assert DailyStats.objects.count() == 1  # counters are never pruned


def test_stats_prune_dry_run_deletes_nothing(working_rows):
    assert run("stats_prune", "--dry-run") == "Would delete 1 recent visitor rows and 1 article view rows.\n"
    assert RecentVisitor.objects.count() == 2
    assert run("stats_prune", "--verbosity=0") == ""


def test_stats_import_total_sets_the_starting_total_and_keeps_the_visits_counted_here():
    StatsTotals.objects.create(pk=1, visits_since=12)
    assert "all time is 21422129" in run("stats_import_total", "21422117")
    assert StatsTotals.objects.get(pk=1).total == 21_422_129


def test_stats_import_total_dry_run_changes_nothing():
    assert "Would set the starting total from 0 to 21422117" in run(
        "stats_import_total", "21422117", "--dry-run"
    )
    assert StatsTotals.objects.get(pk=1).starting_total == 0


def test_stats_import_total_refuses_a_negative_total():
    with pytest.raises(CommandError):
        call_command("stats_import_total", "-5")


def test_the_demo_loader_makes_30_days_of_plausible_statistics_once():
    article = ArticleFactory(view_count=3000, published_at=timezone.now() - timedelta(days=5))
    summary = demo.load(stdout=StringIO(), verbosity=1, dry_run=False)
    assert summary.startswith("31 days of visits, views per day for 1 articles")
    days = list(DailyStats.objects.order_by("date"))
    assert len(days) == 31
    weekdays = [day.visits for day in days[:-1] if day.date.weekday() < 5]
    weekends = [day.visits for day in days[:-1] if day.date.weekday() >= 5]
    assert min(weekdays) > max(weekends)
    assert all(day.page_views > day.visits for day in days)
    views = sum(ArticleDailyViews.objects.filter(article=article).values_list("views", flat=True))
    assert 0 < views <= article.view_count
    totals = StatsTotals.objects.get(pk=1)
    assert totals.starting_total == 21_422_117
    assert totals.visits_since == sum(day.visits for day in days)

    assert (
        demo.load(stdout=StringIO(), verbosity=1, dry_run=False)
        == "0 days of visits, views per day for 0 articles"
    )
    assert DailyStats.objects.count() == 31
