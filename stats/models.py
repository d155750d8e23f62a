"""Visit statistics as counters: per-day rows under unique constraints, incremented in the database.

Nothing here is a raw hit. RecentVisitor and ArticleView are short-lived working rows (pruned by
`manage.py stats_prune`); everything shown is read from a handful of counter rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecentVisitor(models.Model):
    """A visitor key seen within the visit window (30 minutes); older rows are pruned."""

    visitor_key = models.CharField(_("visitor key"), max_length=64, unique=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)
    visit_started = models.DateTimeField(_("visit started"))

    class Meta:
        verbose_name = _("recent visitor")
        verbose_name_plural = _("recent visitors")

    def __str__(self):
        return self.visitor_key[:12]


class DailyStats(models.Model):
    """Visits started and pages viewed on one local day (Asia/Ho_Chi_Minh)."""

    date = models.DateField(_("date"), unique=True)
    visits = models.PositiveBigIntegerField(_("visits"), default=0)
    page_views = models.PositiveBigIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("daily statistics")
        verbose_name_plural = _("daily statistics")
        ordering = ["-date"]

    def __str__(self):
        return str(self.date)


class ArticleView(models.Model):
    """When a visitor's view of an article last counted: one view per visitor per article per 10 minutes."""

    visitor_key = models.CharField(_("visitor key"), max_length=64)
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    last_counted = models.DateTimeField(_("last counted"), db_index=True)

    class Meta:
        verbose_name = _("recent article view")
        verbose_name_plural = _("recent article views")
        constraints = [
            models.UniqueConstraint(fields=["visitor_key", "article"], name="stats_articleview_unique"),
        ]

    def __str__(self):
        return f"{self.visitor_key[:12]} → {self.article_id}"


class ArticleDailyViews(models.Model):
    """Views ("Lượt xem") of one article on one local day."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="daily_views", verbose_name=_("article")
    )
    date = models.DateField(_("date"))
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("article views per day")
        verbose_name_plural = _("article views per day")
        constraints = [
            models.UniqueConstraint(fields=["article", "date"], name="stats_articledailyviews_unique"),
        ]
        indexes = [models.Index(fields=["date", "article"], name="stats_article_views_by_date")]

    def __str__(self):
        return f"{self.article_id} {self.date}: {self.views}"


class CountedKind(models.TextChoices):
    """What else than an article a visitor's look is counted for, by the same 10-minute rule."""

    DOCUMENT = "document", _("document page viewed")
    DOWNLOAD = "download", _("attached file downloaded")


class ObjectView(models.Model):
    """When a visitor's view of a document, or download of a file, last counted (as ArticleView)."""

    visitor_key = models.CharField(_("visitor key"), max_length=64)
    kind = models.CharField(_("kind"), max_length=10, choices=CountedKind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    last_counted = models.DateTimeField(_("last counted"), db_index=True)

    class Meta:
        verbose_name = _("recent view")
        verbose_name_plural = _("recent views")
        constraints = [
            models.UniqueConstraint(
                fields=["visitor_key", "kind", "object_id"], name="stats_objectview_unique"
            ),
        ]

    def __str__(self):
        return f"{self.visitor_key[:12]} → {self.kind} {self.object_id}"


class ObjectDailyCount(models.Model):
    """Views of one document, or downloads of one attached file, on one local day."""

    kind = models.CharField(_("kind"), max_length=10, choices=CountedKind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    date = models.DateField(_("date"))
    count = models.PositiveBigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("views per day")
        verbose_name_plural = _("views per day")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "date"], name="stats_objectdailycount_unique"
            ),
        ]
        indexes = [models.Index(fields=["kind", "date"], name="stats_object_counts_by_date")]

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.date}: {self.count}"


class StatsTotals(models.Model):
    """The one row behind "Tất cả": a starting total carried over plus every visit counted since."""

    starting_total = models.PositiveBigIntegerField(
        _("starting total"),
        default=0,
        help_text=_("Visits counted by the portal this one replaced; added to every visit counted here."),
    )
    visits_since = models.PositiveBigIntegerField(
        _("visits counted here"), default=0, help_text=_("Kept by the portal: one more with each new visit.")
    )

    class Meta:
        verbose_name = _("all-time total")
        verbose_name_plural = _("all-time total")

    def __str__(self):
        return str(_("All time"))

    @property
    def total(self):
        return self.starting_total + self.visits_since

    @classmethod
    def load(cls):
        return cls.objects.get_or_create(pk=1)[0]


class FlushedBatch(models.Model):
    """A batch of counters moved from Redis to PostgreSQL (`manage.py stats_flush`).

    Recorded in the same transaction as the counters, under a unique id, so that a batch still in
    Redis after a crash, or seen by two runs at once, is applied once.
    """

    batch_id = models.CharField(_("batch"), max_length=32, unique=True)
    flushed_at = models.DateTimeField(_("flushed at"), db_index=True)

    class Meta:
        verbose_name = _("flushed batch")
        verbose_name_plural = _("flushed batches")

    def __str__(self):
        return self.batch_id
