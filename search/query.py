"""One search over every kind of public thing, ranked together in one SQL statement.

What was typed goes through `unaccent` and the `simple` configuration, as the rows' words were
(search/index.py): "dang bo" and "ĐẢNG BỘ" find "Đảng bộ". The statement, SEARCH below:

1. `found`: for each kind, the CANDIDATES most recent rows whose words match — for the kinds that
   grow without end (news, documents, the schedule), read through the index on (kind, language,
   date) or the kind's words index, whichever the planner finds cheaper for these words (it keeps
   statistics of each kind's words: search.models.words_of); for the kinds of few rows, through
   their one words index, every match — and the rows whose document number is the number typed (or
   starts with it), through the number's index, however old. A word most rows hold ("tỉnh") cannot
   make a search rank the whole archive (a third of a second at 10 000 articles): the page says
   "more than" instead.
   `ranked`: each candidate's closeness, computed once (on the lowered and unaccented title and
   summary the row keeps, search/index.py) — 5 the exact document number, 4 a title that is the phrase
   as typed (diacritics included, case ignored), 3 a title holding it, 2 a title holding it once
   both are unaccented ("tai chinh" in "Sở Tài chính"), 1 the phrase in the summary or the start of
   a number — and its ts_rank in the row's heading (title and keywords above the summary, a short
   heading above a long one; a match in the body or the files only ranks by its date).
2. `placed`: the position of each candidate of the kinds shown, best first: closeness (among titles
   holding the phrase, the shorter title: the phrase is more of it), rank, then the newest.
3. The answer: a row per kind with its count of candidates (title empty), then what the page shows
   of the rows of the page asked for.

So a search costs one statement whatever the kinds, the filter and the page. When nothing matches at
all, NEAR_MISSES looks for titles with a word similar to what was typed (pg_trgm's word similarity,
through the trigram index on the unaccented title): "nong thon moii" still finds "nông thôn mới".

How a typed document number is keyed belongs to the documents app: it registers its function with
`number_matcher` (documents/indexing.py); without it, numbers are words like any other.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.backends.postgresql.base import ServerBindingCursor
from django.utils import timezone

from portal.lib.text import nfc
from search.models import WORD_GROUPS, SearchEntry

Kind = SearchEntry.Kind
CONFIG = "simple"
CANDIDATES = 50  # per kind: up to 350 results, more than anyone pages through

_TABLE = SearchEntry._meta.db_table
_VISIBLE = """
    (e.public_from IS NULL OR e.public_from <= %(now)s)
    AND (e.public_until IS NULL OR e.public_until > %(now)s)
    AND (e.language = %(language)s OR (%(language)s <> 'vi' AND e.language = 'vi' AND NOT e.translated))
"""
_SHOWN_COLUMNS = "e.title, e.detail, e.summary, e.url, e.date, e.language"
# Written out wherever it is used, not read from a CTE: the planner then sees the query itself and
# estimates how many rows match ("tỉnh": nearly all, so it walks the date index and stops at the limit;
# a rare word: the words' index).
_TYPED = f"websearch_to_tsquery('{CONFIG}', cong_unaccent(%(terms)s))"
# What the words must hold: the same with every "followed by" (a quoted phrase, and a hyphenated word
# such as "NĐ-CP", which the parser makes a phrase) read as "and", as `words` keep no positions. The
# phrase still ranks above its scattered words, through the heading, which keeps them.
_TYPED_WORDS = f"regexp_replace({_TYPED}::text, '<(-|[0-9]+)>', '&', 'g')::tsquery"
# What a candidate is ranked by, computed once for the candidates of every branch.
_RANKED = f"""e.id, e.kind, e.date,
        CASE
            WHEN e.number_key <> '' AND e.number_key = ANY(%(keys)s) THEN 5
            WHEN %(phrase)s <> '' AND e.title_lower = %(phrase)s THEN 4
            WHEN %(phrase)s <> '' AND strpos(e.title_lower, %(phrase)s) > 0 THEN 3
            WHEN %(phrase)s <> ''
                AND strpos(e.title_folded, lower(cong_unaccent(%(phrase)s))) > 0 THEN 2
            WHEN %(phrase)s <> '' AND strpos(e.summary_lower, %(phrase)s) > 0 THEN 1
            WHEN %(prefix)s <> '' AND e.number_key LIKE %(prefix)s || '%%' THEN 1
            ELSE 0
        END AS closeness,
        ts_rank(e.heading, {_TYPED}, 1) AS rank, length(e.title) AS title_length"""


def _words(kinds):
    """search.models.words_of(kinds) in SQL: the expression the group's index and statistics are of,
    so that the planner knows how many rows of those kinds hold the words."""
    listed = ", ".join(f"'{kind}'" for kind in kinds)
    return f"(CASE WHEN e.kind IN ({listed}) THEN e.words END)"


# A kind that grows without end: its most recent matches, the kind written in (the kinds come from
# the model, not from a request).
_RECENT = """
    (SELECT e.id FROM {table} e
    WHERE e.kind = '{kind}' AND {words} @@ {typed} AND {visible}
    ORDER BY e.date DESC
    LIMIT %(candidates)s)
"""
# The kinds of few rows: every match, the most recent of each kind kept.
_FEW = """
    (SELECT id FROM (
        SELECT e.id, row_number() OVER (PARTITION BY e.kind ORDER BY e.date DESC, e.id DESC) AS recent
        FROM {table} e WHERE {words} @@ {typed} AND {visible}
    ) few WHERE recent <= %(candidates)s)
"""
_BRANCHES = " UNION ALL ".join(
    (_FEW if group == "few" else _RECENT).format(
        table=_TABLE, kind=kinds[0], words=_words(kinds), typed=_TYPED_WORDS, visible=_VISIBLE
    )
    for group, kinds in WORD_GROUPS.items()
)
# Its white space folded: under 4 096 bytes, psycopg keeps its parsing of the statement between
# searches (psycopg._queries.MAX_CACHED_STATEMENT_LENGTH).
SEARCH = " ".join(
    f"""
WITH found AS (
    {_BRANCHES}
    UNION
    (
        SELECT e.id FROM {_TABLE} e
        WHERE e.number_key <> ''
            AND (e.number_key = ANY(%(keys)s) OR (%(prefix)s <> '' AND e.number_key LIKE %(prefix)s || '%%'))
            AND {_VISIBLE}
        ORDER BY e.number_key = ANY(%(keys)s) DESC, e.date DESC
        LIMIT %(candidates)s
    )
),
ranked AS (SELECT {_RANKED} FROM {_TABLE} e WHERE e.id IN (SELECT id FROM found)),
placed AS (
    SELECT ranked.id, ranked.kind,
        CASE WHEN ranked.kind = ANY(%(shown)s) THEN row_number() OVER (
            PARTITION BY ranked.kind = ANY(%(shown)s)
            ORDER BY closeness DESC, CASE WHEN closeness BETWEEN 2 AND 4 THEN title_length END,
                rank DESC, date DESC NULLS LAST, id DESC
        ) END AS position
    FROM ranked
)
SELECT kind, count(*), NULL, NULL, NULL, NULL, NULL::timestamptz, NULL FROM placed GROUP BY kind
UNION ALL
SELECT placed.kind, placed.position, {_SHOWN_COLUMNS}
FROM placed JOIN {_TABLE} e ON e.id = placed.id
WHERE placed.position > %(offset)s AND placed.position <= %(end)s
""".split()  # noqa: S608
)
NEAR_MISSES = f"""
SELECT e.kind, {_SHOWN_COLUMNS} FROM {_TABLE} e
WHERE cong_unaccent(e.title) %%> cong_unaccent(%(terms)s) AND {_VISIBLE}
ORDER BY word_similarity(cong_unaccent(%(terms)s), cong_unaccent(e.title)) DESC,
    e.date DESC NULLS LAST, e.id DESC
LIMIT %(candidates)s
"""  # noqa: S608


# Kinds whose date a result shows (a document's is in its detail, a meeting's in its day and time).
DATED_KINDS = {Kind.ARTICLE, Kind.ANSWER}


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    detail: str
    summary: str
    url: str
    date: datetime | None
    text_lang: (
        str  # the language of the text when it is not the page's (a Vietnamese title on an English page)
    )

    @property
    def kind_label(self):
        return Kind(self.kind).label

    @property
    def shown_date(self):
        return self.date if self.kind in DATED_KINDS else None


@dataclass
class Found:
    """One page of a search: its results, how many candidates of each kind, and of the kinds shown."""

    results: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # {kind: candidates}, every kind, whatever is shown
    total: int = 0  # candidates of the kinds shown
    near_misses: bool = False

    @property
    def more(self):
        """Whether some kind has more matches than were ranked (the page says "more than")."""
        return any(count >= CANDIDATES for count in self.counts.values())


# The documents app's function: typed text -> (number keys to match exactly, a number prefix or "").
_registered = {}


def number_matcher(function):
    """Register how typed text names document numbers (documents' ready())."""
    _registered["numbers"] = function


def search(terms, *, language="vi", kinds=None, offset=0, limit=20, now=None):
    """The results offset..offset+limit of `terms` among the kinds `kinds` (all when None)."""
    # NFC as the rows are: unaccent folds a decomposed "Hồ" too, but the phrase as typed must match.
    terms = nfc(terms)
    matcher = _registered.get("numbers")
    keys, prefix = matcher(terms) if matcher else (set(), "")
    parameters = {
        "terms": terms,
        "phrase": terms.replace('"', "").strip().lower(),
        "keys": sorted(keys),
        "prefix": prefix,
        "shown": list(kinds or Kind.values),
        "language": language,
        "now": now or timezone.now(),
        "candidates": CANDIDATES,
        "offset": offset,
        "end": offset + limit,
    }
    with _prepared_cursor() as cursor:
        cursor.execute(SEARCH, parameters)
        rows = cursor.fetchall()
    with connection.cursor() as cursor:
        if not rows:
            cursor.execute(NEAR_MISSES, parameters)
            return _near_misses(cursor.fetchall(), set(parameters["shown"]), offset, limit, language)
    found, placed = Found(), []
    for kind, number, *shown in rows:
        if shown[0] is None:  # a kind and its count
            found.counts[kind] = number
            found.total += number if kind in parameters["shown"] else 0
        else:
            placed.append((number, _result(kind, shown, language)))
    found.results = [result for _position, result in sorted(placed, key=lambda pair: pair[0])]
    return found


def _prepared_cursor():
    """A cursor that sends the values apart from the statement, which is prepared: PostgreSQL parses
    SEARCH once per connection, not on every search (a millisecond of its 5 KB each time).

    Django's own cursors write the values into the statement and never prepare; this one is
    psycopg's, whose statements the connection prepares from their first run (prepare_threshold 0 in
    settings.DATABASES). A prepared statement is still planned for each search's values, as when
    they were written into it: plan_cache_mode = force_custom_plan there too, as a plan made without
    the words would not know a word most rows hold ("tỉnh": walk the dates) from a rare one (the
    words' index): measured on the bench data, 25–100 ms a search with the generic plan, 2–4 ms
    planned for its words. Through Django's wrapper: logged and counted like every query.
    """
    connection.ensure_connection()
    cursor = ServerBindingCursor(connection.connection)
    return (
        connection.make_debug_cursor(cursor) if connection.queries_logged else connection.make_cursor(cursor)
    )


def _result(kind, columns, language):
    *shown, text_language = columns
    return Result(kind, *shown, text_lang="" if text_language == language else text_language)


def _near_misses(rows, shown, offset, limit, language):
    found = Found(near_misses=True)
    results = []
    for kind, *columns in rows:
        found.counts[kind] = found.counts.get(kind, 0) + 1
        if kind in shown:
            results.append(_result(kind, columns, language))
    found.total = len(results)
    found.results = results[offset : offset + limit]
    return found
