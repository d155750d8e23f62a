"""Full-text search over articles that ignores diacritics and case.

PostgreSQL has no Vietnamese dictionary, so documents and queries are both passed through `unaccent`
and the `simple` configuration (lower-casing, no stemming): "dang bo" and "ĐẢNG BỘ" find "Đảng bộ".
Rows whose text holds the query exactly as typed, diacritics included, rank first; when nothing
matches, trigram similarity on the title catches near misses ("nong thon moi" for "nông thôn mới").
"""

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When

CONFIG = "simple"
NEAR_MISS_THRESHOLD = 0.45


def _plain_text(field):
    """The text of an HTML column, tags replaced by spaces, computed in the database."""
    return Func(
        F(field),
        Value(r"<[^>]+>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def document_vector():
    """The expression stored in Article.search_vector: title above summary above body."""
    return (
        SearchVector(Unaccent(F("title")), weight="A", config=CONFIG)
        + SearchVector(Unaccent(F("summary")), weight="B", config=CONFIG)
        + SearchVector(Unaccent(_plain_text("body")), weight="C", config=CONFIG)
    )


def search_articles(queryset, terms):
    """`queryset` filtered to `terms` and ordered best first."""
    query = SearchQuery(Unaccent(Value(terms)), config=CONFIG, search_type="websearch")
    exact = Q(title__icontains=terms) | Q(summary__icontains=terms) | Q(body__icontains=terms)
    matches = (
        queryset.filter(search_vector=query)
        .annotate(
            exact=Case(When(exact, then=Value(1.0)), default=Value(0.0), output_field=FloatField()),
            rank=SearchRank(F("search_vector"), query),
        )
        .order_by("-exact", "-rank", "-published_at", "-pk")
    )
    if matches.exists():
        return matches
    return (
        queryset.annotate(rank=TrigramWordSimilarity(Unaccent(Value(terms)), Unaccent(F("title"))))
        .filter(rank__gte=NEAR_MISS_THRESHOLD)
        .order_by("-rank", "-published_at", "-pk")
    )
