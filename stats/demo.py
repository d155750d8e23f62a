"""Demo statistics for `manage.py load_demo_data`: 30 days of plausible visits and article views.

Weekdays are busier than weekends (officials and citizens read at work). Rows are keyed on their
date (and article): an existing row is left alone, so a second run creates nothing. The all-time
row starts at 21 422 117 visits carried over from the "previous portal".
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles.models import Article
from portal.lib.demo import stable_number
from stats.models import ArticleDailyViews, DailyStats, StatsTotals

DAYS = 30
STARTING_TOTAL = 21_422_117
# Of an article's running view count, the share that fell in the last 30 days (the rest came before).
RECENT_SHARE = 0.6


def load(*, stdout, verbosity, dry_run):
    today = timezone.localdate()
    days = [today - timedelta(days=offset) for offset in range(DAYS, -1, -1)]
    created_days = _days_load(days, today, stdout, verbosity)
    created_articles = _article_views_load(days, stdout, verbosity)
    totals_created = _totals_load(created_days, stdout, verbosity)
    return f"{len(created_days)} days of visits, views per day for {created_articles} articles" + (
        ", the all-time total" if totals_created else ""
    )


def _days_load(days, today, stdout, verbosity):
    existing = set(DailyStats.objects.filter(date__in=days).values_list("date", flat=True))
    elapsed = timezone.localtime()
    fraction_of_today = (elapsed.hour * 60 + elapsed.minute + 1) / (24 * 60)
    rows = []
    for day in days:
        if day in existing:
            continue
        weekend = day.weekday() >= 5
        visits = (
            stable_number(f"visits-{day}", 1900, 2600)
            if weekend
            else stable_number(f"visits-{day}", 3800, 5200)
        )
        if day == today:
            visits = max(1, int(visits * fraction_of_today))
        page_views = visits * stable_number(f"depth-{day}", 230, 310) // 100
        rows.append(DailyStats(date=day, visits=visits, page_views=page_views))
        if verbosity >= 2:
            stdout.write(f"  {day:%d/%m/%Y}: {visits} visits, {page_views} page views")
    DailyStats.objects.bulk_create(rows)
    return rows


def _article_views_load(days, stdout, verbosity):
    """Spread part of each public article's view count over the days since it was published."""
    first = days[0]
    articles = (
        Article.objects.published()
        .filter(view_count__gt=0)
        .exclude(Exists(ArticleDailyViews.objects.filter(article=OuterRef("pk"))))
    )
    rows, count = [], 0
    for article in articles:
        published = timezone.localdate(article.published_at)
        shown_days = [day for day in days if day >= max(first, published)]
        if not shown_days:
            continue
        # Most reading happens in the first days after publication, then it tails off.
        weights = [1 / (1 + index) for index in range(len(shown_days))]
        budget = int(article.view_count * RECENT_SHARE)
        for day, weight in zip(shown_days, weights, strict=True):
            views = int(budget * weight / sum(weights))
            if views:
                rows.append(ArticleDailyViews(article=article, date=day, views=views))
        count += 1
        if verbosity >= 2:
            stdout.write(f"  {article.title}: {budget} views over {len(shown_days)} days")
    ArticleDailyViews.objects.bulk_create(rows)
    return count


def _totals_load(created_days, stdout, verbosity):
    if StatsTotals.objects.exists():
        return False
    visits = sum(row.visits for row in created_days)
    StatsTotals.objects.create(pk=1, starting_total=STARTING_TOTAL, visits_since=visits)
    if verbosity >= 2:
        stdout.write(f"  All time: {STARTING_TOTAL} carried over + {visits} visits")
    return True
