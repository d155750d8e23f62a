"""The articles' search vector and the unaccent wrapper an index may hold.

PostgreSQL has no Vietnamese dictionary, so text is passed through `unaccent` and the `simple`
configuration (lower-casing, no stemming): "dang bo" and "ĐẢNG BỘ" find "Đảng bộ". The site search
(/tim-kiem/) is the search app's: it ranks articles with every other kind of public content in one
table (search/query.py), whose rows for articles search/sources.py writes on every save.
"""

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import SearchVector
from django.db.models import F, Func, TextField, Value

CONFIG = "simple"


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
