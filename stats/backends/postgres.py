"""Counting in PostgreSQL: every page view is two statements, an article view two or three more.

Every count is an upsert on a counter row, decided by PostgreSQL on the locked row
(`INSERT ... ON CONFLICT ... DO UPDATE`), so concurrent requests never lose or double a count and
nothing reads raw hits. stats.counting chooses this backend, or stats.backends.redis in front of it.
"""

from django.db import connection, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from articles.models import Article
from documents.models import Attachment
from stats.definitions import (
    ARTICLE_VIEW_WINDOW,
    ONLINE_WINDOW,
    VISIT_WINDOW,
    Figures,
    Recorded,
    local_date,
    week_start,
)
from stats.models import (
    ArticleDailyViews,
    ArticleView,
    CountedKind,
    DailyStats,
    ObjectDailyCount,
    ObjectView,
    RecentVisitor,
    StatsTotals,
)

# The visitor's row is created or touched; the visit is new when the row is new or was last seen
# before the window. The CASE is evaluated on the locked, current row, so of two concurrent page
# views of a returning visitor exactly one starts the visit. RETURNING gives the row's visit start:
# equal to this request's timestamp exactly when this request started the visit.
_VISITOR_UPSERT = f"""
    INSERT INTO {RecentVisitor._meta.db_table} AS v (visitor_key, last_seen, visit_started)
    VALUES (%(key)s, %(now)s, %(now)s)
    ON CONFLICT (visitor_key) DO UPDATE SET
        last_seen = GREATEST(v.last_seen, EXCLUDED.last_seen),
        visit_started = CASE WHEN v.last_seen < %(visit_cutoff)s THEN EXCLUDED.visit_started
                             ELSE v.visit_started END
    RETURNING visit_started = %(now)s
"""  # noqa: S608 - table names come from the models, values are parameters

# The day's counters and the all-time row, in one statement. Both rows are created on first use; the
# all-time row is touched only when a visit starts, so page views do not all queue for its lock.
_DAY_AND_TOTAL_UPSERT = f"""
    WITH day AS (
        INSERT INTO {DailyStats._meta.db_table} AS d (date, visits, page_views)
        VALUES (%(day)s, %(visits)s, 1)
        ON CONFLICT (date) DO UPDATE SET visits = d.visits + EXCLUDED.visits, page_views = d.page_views + 1
    )
    INSERT INTO {StatsTotals._meta.db_table} AS t (id, starting_total, visits_since)
    SELECT 1, 0, %(visits)s WHERE %(visits)s > 0
    ON CONFLICT (id) DO UPDATE SET visits_since = t.visits_since + EXCLUDED.visits_since
"""  # noqa: S608

# A row comes back when the view counts: a first view, or the last counted one is 10 minutes old.
_ARTICLE_VIEW_UPSERT = f"""
    INSERT INTO {ArticleView._meta.db_table} AS a (visitor_key, article_id, last_counted)
    VALUES (%(key)s, %(article)s, %(now)s)
    ON CONFLICT (visitor_key, article_id) DO UPDATE SET last_counted = EXCLUDED.last_counted
    WHERE a.last_counted <= %(view_cutoff)s
    RETURNING 1
"""  # noqa: S608

_ARTICLE_DAY_UPSERT = f"""
    INSERT INTO {ArticleDailyViews._meta.db_table} AS a (article_id, date, views)
    VALUES (%(article)s, %(day)s, 1)
    ON CONFLICT (article_id, date) DO UPDATE SET views = a.views + 1
"""  # noqa: S608


# As for articles: a row comes back when the view (or download) counts.
_OBJECT_VIEW_UPSERT = f"""
    INSERT INTO {ObjectView._meta.db_table} AS o (visitor_key, kind, object_id, last_counted)
    VALUES (%(key)s, %(kind)s, %(object)s, %(now)s)
    ON CONFLICT (visitor_key, kind, object_id) DO UPDATE SET last_counted = EXCLUDED.last_counted
    WHERE o.last_counted <= %(view_cutoff)s
    RETURNING 1
"""  # noqa: S608

_OBJECT_DAY_UPSERT = f"""
    INSERT INTO {ObjectDailyCount._meta.db_table} AS o (kind, object_id, date, count)
    VALUES (%(kind)s, %(object)s, %(day)s, 1)
    ON CONFLICT (kind, object_id, date) DO UPDATE SET count = o.count + 1
"""  # noqa: S608


def visit_record(*, visitor_key, now=None, article_id=None, viewed=None, page_view=True):
    """Count one page view by `visitor_key` at `now`, and a view of the article `article_id` if given,
    or of `viewed`, a (stats.models.CountedKind, id) pair: a document's page, a file downloaded.

    A download is not a page view (`page_view=False`): it starts no visit and counts only itself.
    The caller has decided that the request counts (a public page, not a bot, not staff) and that the
    article is public. Two statements for a page, three more when an article view counts.
    """
    now = now or timezone.now()
    params = {
        "key": visitor_key,
        "now": now,
        "day": local_date(now),
        "article": article_id,
        "visit_cutoff": now - VISIT_WINDOW,
        "view_cutoff": now - ARTICLE_VIEW_WINDOW,
    }
    new_visit = article_view = object_view = False
    with transaction.atomic(), connection.cursor() as cursor:
        if page_view:
            cursor.execute(_VISITOR_UPSERT, params)
            new_visit = cursor.fetchone()[0]
            cursor.execute(_DAY_AND_TOTAL_UPSERT, {**params, "visits": int(new_visit)})
        if article_id is not None:
            cursor.execute(_ARTICLE_VIEW_UPSERT, params)
            article_view = cursor.fetchone() is not None
            if article_view:
                cursor.execute(_ARTICLE_DAY_UPSERT, params)
                Article.objects.filter(pk=article_id).update(view_count=F("view_count") + 1)
        if viewed is not None:
            kind, object_id = viewed
            counted = {**params, "kind": kind, "object": object_id}
            cursor.execute(_OBJECT_VIEW_UPSERT, counted)
            object_view = cursor.fetchone() is not None
            if object_view:
                cursor.execute(_OBJECT_DAY_UPSERT, counted)
                if kind == CountedKind.DOWNLOAD:
                    Attachment.objects.filter(pk=object_id).update(download_count=F("download_count") + 1)
    return Recorded(new_visit=new_visit, article_view=article_view, object_view=object_view)


def figures_read(now=None):
    """The four figures of "Thống kê truy cập", in three queries whatever the history.

    "Đang online" counts RecentVisitor rows seen in the last 5 minutes through the last_seen index;
    `stats_prune` keeps that table to the visit window, so the count is bounded by the visitors of
    the last half hour, not by history. Today and this week sum at most seven DailyStats rows.
    """
    now = now or timezone.now()
    today = local_date(now)
    monday = week_start(today)
    days = DailyStats.objects.filter(date__gte=monday, date__lte=today).aggregate(
        today=Sum("visits", filter=Q(date=today), default=0),
        week=Sum("visits", default=0),
    )
    totals = StatsTotals.objects.filter(pk=1).first()
    return Figures(
        online=RecentVisitor.objects.filter(last_seen__gte=now - ONLINE_WINDOW).count(),
        today=days["today"],
        this_week=days["week"],
        all_time=totals.total if totals else 0,
    )
