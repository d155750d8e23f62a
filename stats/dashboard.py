"""What the statistics dashboard shows: daily rows for a range, a chart drawn as SVG shapes, top articles.

The chart is computed here and drawn by the template with SVG attributes only: no JavaScript, no
inline styles, and the same numbers in a table next to it.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from articles.models import Article
from stats.definitions import month_start, week_start
from stats.models import ArticleDailyViews, DailyStats

RANGES = (30, 90, 365)
TOP_ARTICLES = 10

# Chart geometry, in SVG user units (the viewBox scales it to the page).
WIDTH, HEIGHT = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 12, 30
GRID_LINES = 4


@dataclass(frozen=True)
class Day:
    date: object
    visits: int
    page_views: int


def daily_rows(days, today=None):
    """One Day per date of the last `days` days up to today, oldest first; days without rows are 0."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    stored = {
        row.date: row for row in DailyStats.objects.filter(date__gte=first, date__lte=today).order_by("date")
    }
    rows = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        row = stored.get(day)
        rows.append(Day(day, row.visits if row else 0, row.page_views if row else 0))
    return rows


def nice_ceiling(value):
    """A round axis maximum at or above `value`: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return GRID_LINES
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return max(GRID_LINES, math.ceil(step * magnitude))
    return value  # not reached


def chart(rows):
    """Bars for visits, a line for page views, grid lines with their values and a few date labels."""
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    top_value = nice_ceiling(max((row.page_views for row in rows), default=0))
    slot = plot_width / max(len(rows), 1)

    def y(value):
        return round(TOP + plot_height - value * plot_height / top_value, 1)

    bars, points = [], []
    for index, row in enumerate(rows):
        x = LEFT + index * slot
        bars.append(
            {
                "x": round(x + slot * 0.15, 1),
                "y": y(row.visits),
                "width": round(max(slot * 0.7, 0.5), 1),
                "height": round(TOP + plot_height - y(row.visits), 1),
                "day": row,
            }
        )
        points.append(f"{round(x + slot / 2, 1)},{y(row.page_views)}")
    grid = [
        {"y": y(top_value * step / GRID_LINES), "value": top_value * step // GRID_LINES}
        for step in range(GRID_LINES + 1)
    ]
    label_every = max(len(rows) // 6, 1)
    labels = [
        {"x": round(LEFT + index * slot + slot / 2, 1), "date": row.date}
        for index, row in enumerate(rows)
        if index % label_every == 0
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": TOP + plot_height,
        "label_y": HEIGHT - 8,
        "bars": bars,
        "line": " ".join(points),
        "grid": grid,
        "labels": labels,
    }


def top_articles(since=None, limit=TOP_ARTICLES):
    """[(article title, slug, views)] most viewed since a date, or of all time (the running count)."""
    if since is None:
        articles = Article.objects.filter(view_count__gt=0).order_by("-view_count", "pk")[:limit]
        return [(article.title, article.get_absolute_url(), article.view_count) for article in articles]
    ranked = (
        ArticleDailyViews.objects.filter(date__gte=since)
        .values("article_id", "article__title", "article__slug")
        .annotate(total=Sum("views"))
        .order_by("-total", "article_id")[:limit]
    )
    return [
        (row["article__title"], Article(slug=row["article__slug"]).get_absolute_url(), row["total"])
        for row in ranked
    ]


def top_article_lists(today=None):
    today = today or timezone.localdate()
    return {
        "today": top_articles(today),
        "week": top_articles(week_start(today)),
        "month": top_articles(month_start(today)),
        "all_time": top_articles(),
    }
