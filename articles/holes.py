"""What articles writes into pages served from memory (caching.pagecache)."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import connection

from articles.models import Article
from caching.pagecache import hole_filler

_VIEW_COUNT = f"SELECT view_count FROM {Article._meta.db_table} WHERE id = %s"  # noqa: S608


@hole_filler("view_count")
def view_count(request, article_id):
    """The article's view count as it is now (templates/articles/detail.html), in SQL: every request."""
    with connection.cursor() as cursor:
        cursor.execute(_VIEW_COUNT, [int(article_id)])
        row = cursor.fetchone()
    return intcomma(row[0] if row else 0)
