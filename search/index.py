"""The API apps write their search rows with: an app describes each public thing as Entry objects,
this module stores them (search/models.py says what a row is).

    from search import index

    index.entries_replace(index.Kind.UNIT, unit.pk, [index.Entry(title=..., url=..., ...)])
    index.entries_replace(index.Kind.UNIT, unit.pk, [])     # no longer public: its rows go
    index.source(index.Kind.UNIT, every_unit_entries)       # in ready(): for `manage.py search_rebuild`

An app calls entries_replace whenever a thing's public face may have changed (a save, a publish, a
delete), in the same transaction, so a rolled-back edit leaves the rows as they were. Every word of
`title`, `keywords`, `summary`, `body` and `extra` is matched (the row's `words`); the title and
keywords (weight A) and the summary (B) also rank the matches (its `heading`). All is folded with
`unaccent` and the `simple` configuration, as the articles' and documents' own vectors are.
"""

import dataclasses
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from portal.lib.languages import address_in
from portal.lib.text import nfc, normalize_whitespace
from search.models import SearchEntry

Kind = SearchEntry.Kind
CONFIG = "simple"
SUMMARY_CHARS = 320
# PostgreSQL refuses a vector over 1 MB; these bound the text given (documents' files are the long ones).
BODY_MAX_CHARS = 100_000
EXTRA_MAX_CHARS = 300_000
BATCH = 500


@dataclass(frozen=True)
class Entry:
    """One row: a thing as a reader of `language` finds it."""

    title: str
    url: str
    language: str = "vi"
    translated: bool = False  # a Vietnamese row whose thing also has rows in other languages
    detail: str = ""
    summary: str = ""
    keywords: str = ""  # ranked with the title: a document's number and its parts, a type's name
    body: str = ""
    extra: str = ""  # the text of attached files: matched, never ranking
    number_key: str = ""
    date: datetime | None = None
    public_from: datetime | None = None
    public_until: datetime | None = None
    updated_at: datetime | None = None


def in_english(vietnamese, **english):
    """The English row of a thing whose Vietnamese row is `vietnamese`: the same address, dates and
    public window, with the English `title`, `summary`, `body`… given in place of the Vietnamese."""
    return dataclasses.replace(vietnamese, language="en", translated=False, **english)


def plain_text(value):
    """The text of an HTML fragment, entities decoded and white space folded."""
    return normalize_whitespace(html.unescape(strip_tags(value or "")))


def short(value, chars=SUMMARY_CHARS):
    return Truncator(plain_text(value)).chars(chars)


_COLUMNS = (
    "kind", "object_id", "language", "translated", "title", "detail", "summary", "url", "number_key",
    "date", "public_from", "public_until", "updated_at",
)  # fmt: skip
_TABLE = SearchEntry._meta.db_table
_UPSERT = f"""
    INSERT INTO {_TABLE} ({", ".join(_COLUMNS)}, title_lower, title_folded, summary_lower, words, heading)
    SELECT {", ".join(["%s"] * len(_COLUMNS))},
        lower(t.title), lower(cong_unaccent(t.title)), lower(t.shown_summary),
        strip(
            to_tsvector('{CONFIG}', cong_unaccent(t.heading))
            || to_tsvector('{CONFIG}', cong_unaccent(t.summary))
            || to_tsvector('{CONFIG}', cong_unaccent(t.body))
            || to_tsvector('{CONFIG}', cong_unaccent(t.extra))
        ),
        setweight(to_tsvector('{CONFIG}', cong_unaccent(t.heading)), 'A')
            || setweight(to_tsvector('{CONFIG}', cong_unaccent(t.summary)), 'B')
    FROM (
        SELECT %s AS title, %s AS shown_summary, %s AS heading, %s AS summary, %s AS body, %s AS extra
    ) t
    ON CONFLICT (kind, object_id, language) DO UPDATE SET
        {", ".join(f"{column} = EXCLUDED.{column}" for column in _COLUMNS[3:])},
        title_lower = EXCLUDED.title_lower, title_folded = EXCLUDED.title_folded,
        summary_lower = EXCLUDED.summary_lower, words = EXCLUDED.words, heading = EXCLUDED.heading
"""  # noqa: S608 - the table and column names come from the model


def _parameters(kind, object_id, entry, now):
    title, summary = normalize_whitespace(entry.title)[:300], normalize_whitespace(entry.summary)
    return [
        kind,
        object_id,
        entry.language,
        entry.translated,
        title,
        normalize_whitespace(entry.detail)[:300],
        summary,
        # The address in the row's language: an English row leads to the English page (/en/…).
        address_in(entry.url, entry.language)[:500],
        entry.number_key[:60],
        entry.date,
        entry.public_from,
        entry.public_until,
        entry.updated_at or now,
        # The title and summary as stored, lowered and unaccented by SQL (as a search folds the phrase).
        title,
        summary,
        # The words are written by SQL, not save(): NFC here, as every stored text is.
        nfc(f"{entry.title} {entry.keywords}"),
        nfc(entry.summary),
        nfc(entry.body[:BODY_MAX_CHARS]),
        nfc(entry.extra[:EXTRA_MAX_CHARS]),
    ]


def entries_replace(kind, object_id, entries):
    """Make the rows of one thing exactly `entries` (one per language; none: it is not public)."""
    languages = [entry.language for entry in entries]
    if len(set(languages)) != len(languages):
        raise ValueError(f"{kind} {object_id}: one entry per language")
    now = timezone.now()
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id=object_id).exclude(language__in=languages).delete()
        if entries:
            with connection.cursor() as cursor:
                cursor.executemany(_UPSERT, [_parameters(kind, object_id, entry, now) for entry in entries])


def entries_delete(kind, object_ids):
    """Remove the rows of things that are gone (deleted, or no longer public)."""
    SearchEntry.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()


def entries_write_all(kind, rows):
    """Replace every row of `kind` by `rows` ((object id, [entries]) pairs), in batches: the rebuild.
    Returns how many rows were written."""
    now, written, batch = timezone.now(), 0, []
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind).delete()
        with connection.cursor() as cursor:
            for object_id, entries in rows:
                batch += [_parameters(kind, object_id, entry, now) for entry in entries]
                if len(batch) >= BATCH:
                    cursor.executemany(_UPSERT, batch)
                    written, batch = written + len(batch), []
            if batch:
                cursor.executemany(_UPSERT, batch)
                written += len(batch)
    return written


# kind: a function yielding (object id, [entries]) for every public thing of that kind.
_sources: dict[str, Callable[[], Iterable]] = {}


def source(kind, every):
    """Register the function that lists every public thing of `kind` (each app's ready())."""
    _sources[kind] = every


def sources():
    """{kind: function} of every registered kind, in the order of the kinds."""
    return {kind: _sources[kind] for kind in Kind.values if kind in _sources}
