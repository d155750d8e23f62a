"""What articles writes into pages served from memory (caching.pagecache)."""

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import caches
from django.db import connection

from articles.models import Article
from caching.pagecache import hole_filler

_VIEW_COUNT = f"SELECT view_count FROM {Article._meta.db_table} WHERE id = %s"  # noqa: S608


@hole_filler("view_count")
def view_count(request, article_id):
    """The article's view count (templates/articles/detail.html): read in SQL, at most every
    ARTICLE_VIEW_COUNT_SECONDS in each process (0 without Redis: on every request)."""
    seconds = settings.ARTICLE_VIEW_COUNT_SECONDS
    if not seconds:
        return intcomma(_view_count_read(article_id))
    key = f"article:view_count:{int(article_id)}"
    return intcomma(caches["fragments"].get_or_set(key, lambda: _view_count_read(article_id), seconds))


def _view_count_read(article_id):
    with connection.cursor() as cursor:
        cursor.execute(_VIEW_COUNT, [int(article_id)])
        row = cursor.fetchone()
    return row[0] if row else 0
