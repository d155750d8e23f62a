"""What the statistics tests share: a browser's User-Agent and the counters read in one call."""

from articles.models import Article
from stats.models import ArticleDailyViews, DailyStats, StatsTotals

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def browser(number=0):
    """A distinct, ordinary browser User-Agent: one visitor identity per number."""
    return f"{BROWSER} Visitor/{number}"


def counters(article=None):
    """(visits, page views, article views, article.view_count), summed over every day and row."""
    visits = sum(DailyStats.objects.values_list("visits", flat=True))
    page_views = sum(DailyStats.objects.values_list("page_views", flat=True))
    article_views = view_count = 0
    if article is not None:
        article_views = sum(ArticleDailyViews.objects.filter(article=article).values_list("views", flat=True))
        view_count = Article.objects.get(pk=article.pk).view_count
    return visits, page_views, article_views, view_count


def all_time():
    totals = StatsTotals.objects.filter(pk=1).first()
    return totals.total if totals else 0
