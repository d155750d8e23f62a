"""One table of search entries for everything the public can find at /tim-kiem/.

Each app writes the rows of its own public things through search.index (articles and static pages
through search.sources, as their apps know nothing of this one); search.query ranks them all in one
statement. A row is written only for what the public may see by its app's own rule, or will see when a
time comes (a scheduled article): `public_from` and `public_until` hold that window and every search
filters by the current time, so nothing needs rewriting when the clock passes a publish time.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.search import ImmutableUnaccent


class SearchEntryQuerySet(models.QuerySet):
    def public(self, now=None):
        """Rows inside their public window now: what a search may find."""
        now = now or timezone.now()
        return self.filter(
            Q(public_from__isnull=True) | Q(public_from__lte=now),
            Q(public_until__isnull=True) | Q(public_until__gt=now),
        )

    def in_language(self, language):
        """The rows a reader of `language` is shown: that language's rows, and the Vietnamese rows of
        things without a version in it (they are shown in Vietnamese, marked lang="vi")."""
        if language == "vi":
            return self.filter(language="vi")
        return self.filter(Q(language=language) | Q(language="vi", translated=False))


class Kind(models.TextChoices):
    # The order of the filter on the search page.
    ARTICLE = "article", _("News")
    DOCUMENT = "document", _("Document")
    PAGE = "page", _("Page")
    ANSWER = "answer", _("Question and answer")
    UNIT = "unit", _("Agency or unit")
    OFFICIAL = "official", _("Official")
    SCHEDULE = "schedule", _("Work schedule")


# How each kind's words are read (search.query): the kinds that grow without end (the news, the
# documents, the weekly schedule) each walk their own newest matches; the few rows of the others
# (static pages, the answers published, the agency's units and officials) are read together.
WORD_GROUPS = {
    "article": (Kind.ARTICLE,),
    "document": (Kind.DOCUMENT,),
    "schedule": (Kind.SCHEDULE,),
    "few": (Kind.PAGE, Kind.ANSWER, Kind.UNIT, Kind.OFFICIAL),
}


def words_of(kinds):
    """A row's words when it is of one of `kinds`, else NULL: what the search of those kinds matches.

    Indexed once per group of WORD_GROUPS (SearchEntry.Meta), which also makes PostgreSQL's ANALYZE
    keep statistics of each group's words: the planner then knows that most articles hold "đảng bộ
    tỉnh" but few meetings of the schedule do, and reads those through their index instead of
    walking the whole schedule by date (the statistics of all rows together said 90% of meetings:
    2.5 ms a search at 1 000 meetings, 0.3 ms through the index). search.query writes the same
    expression.
    """
    return Case(When(kind__in=kinds, then=F("words")), output_field=SearchVectorField())


class SearchEntry(models.Model):
    Kind = Kind

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    language = models.CharField(_("language"), max_length=8, default="vi")
    # On a Vietnamese row: the thing has a row in another language too (SearchEntryQuerySet.in_language).
    translated = models.BooleanField(_("has a translation"), default=False)
    title = models.CharField(_("title"), max_length=300)
    # What it is, beyond its kind: "Nghị định · Chính phủ · 24/06/2022", "Giám đốc · Sở Tài chính".
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    # A document's number as documents.numbers keys it: an exact number ranks first.
    number_key = models.CharField(_("number key"), max_length=60, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    public_from = models.DateTimeField(_("public from"), null=True, blank=True)
    public_until = models.DateTimeField(_("public until"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    # The title and summary as the ranking compares them, written with the row (search/index.py) so that
    # a search does not fold them again for each candidate (search/query.py: half its time at 30 000
    # rows): lowered, and lowered once unaccented ("so tai chinh" for "Sở Tài chính").
    title_lower = models.CharField(_("title, lowered"), max_length=300, blank=True, editable=False)
    title_folded = models.CharField(_("title, unaccented"), max_length=300, blank=True, editable=False)
    summary_lower = models.TextField(_("summary, lowered"), blank=True, editable=False)
    # Every word of the thing, without positions: what a search matches, small enough that reading it
    # for each of the most recent rows costs little (search/query.py).
    words = SearchVectorField(null=True)
    # The title and keywords (weight A) and the summary (B), with positions: what ranks the matches.
    heading = SearchVectorField(null=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-date", "-pk"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="search_entry_once"),
        ]
        indexes = [
            # Without GIN's pending list: a search would read every row written since the last
            # vacuum one by one (5 ms a search after a rebuild of the bench data, 0.1 ms without);
            # rows are written once per edit, and searched on every search.
            *(
                GinIndex(words_of(kinds), name=f"search_words_{group}", fastupdate=False)
                for group, kinds in WORD_GROUPS.items()
            ),
            # The most recent matches of each kind (search.query: candidates per kind).
            models.Index(fields=["kind", "language", "-date"], name="search_entry_recent"),
            models.Index(
                fields=["number_key"],
                name="search_entry_number",
                opclasses=["varchar_pattern_ops"],
                condition=~Q(number_key=""),
            ),
            # Near misses: a word of the unaccented title similar to what was typed.
            GinIndex(OpClass(ImmutableUnaccent("title"), name="gin_trgm_ops"), name="search_entry_trigrams"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
