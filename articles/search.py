"""Full-text search over articles that ignores diacritics and case.

PostgreSQL has no Vietnamese dictionary, so documents and queries are both passed through `unaccent`
and the `simple` configuration (lower-casing, no stemming): "dang bo" and "ĐẢNG BỘ" find "Đảng bộ".
Rows whose title or summary holds the query exactly as typed, diacritics included, rank first; when
nothing matches, trigram similarity on the title catches near misses ("nong thon moi" for "nông
thôn mới").

Only the SEARCH_CANDIDATES most recent matches are ranked. A word most articles contain ("tỉnh")
would otherwise make every search read and rank the whole archive (a third of a second at 10 000
articles, growing with it); news readers want the recent ones, and the page then says "more than
100 results" (SEARCH_CANDIDATES) instead of a count that cost as much as the search.
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
SEARCH_CANDIDATES = 100


class ImmutableUnaccent(Func):
    """unaccent() through the IMMUTABLE wrapper of migration 0006, which an index may hold.

    PostgreSQL's own unaccent() is only STABLE (its dictionary could change), so no index can be
    built on it; the wrapper names the dictionary, which makes the promise true.
    """

    function = "cong_unaccent"
    output_field = TextField()


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
    exact = Q(title__icontains=terms) | Q(summary__icontains=terms)
    # Read once (at most SEARCH_CANDIDATES numbers): the page, the count and the check for matches
    # then look rows up by primary key instead of searching three times.
    candidates = list(
        queryset.filter(search_vector=query)
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)[:SEARCH_CANDIDATES]
    )
    matches = (
        queryset.filter(pk__in=candidates)
        .annotate(
            exact=Case(When(exact, then=Value(1.0)), default=Value(0.0), output_field=FloatField()),
            rank=SearchRank(F("search_vector"), query),
        )
        .order_by("-exact", "-rank", "-published_at", "-pk")
    )
    if candidates:
        return matches
    # Near misses: a word of the title similar enough (pg_trgm's word_similarity_threshold, 0.6), found
    # through the trigram index on the unaccented title (article_title_trigrams), never by reading
    # every title: a search for nonsense costs no more than one for a word.
    typed = ImmutableUnaccent(Value(terms))
    return (
        queryset.annotate(plain_title=ImmutableUnaccent(F("title")))
        .filter(plain_title__trigram_word_similar=typed)
        .annotate(rank=TrigramWordSimilarity(typed, F("plain_title")))
        .order_by("-rank", "-published_at", "-pk")
    )
