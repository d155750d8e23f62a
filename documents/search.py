"""Search over legal documents: by number however it is typed, and by the words of the summary, the
body and the text inside the attached PDF and DOCX files, ignoring diacritics and case.

A number is found by its key (documents.numbers: "44 kl tw", "44-KL/TW" and "44/KL-TW" are all
"44kltw"), through the index on Document.number_key: a document whose key equals the typed one
ranks first, then those whose key starts with it ("42/2022" finds 42/2022/NĐ-CP), then the word
matches by rank. A number cited inside longer terms ("Nghị định 42/2022/NĐ-CP") counts as typed.

Words go through `unaccent` and the `simple` configuration, as articles do (articles/search.py):
the stored vector holds the number and its parts and the type (weight A), the summary (B), the body
(C) and the files' text (D). Only the SEARCH_CANDIDATES most recent matches are ranked, for the
reason articles give: a word most documents hold ("tỉnh") must not make every search rank them all.
"""

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Left

from documents.numbers import citations, number_key
from portal.lib.text import nfc

CONFIG = "simple"
SEARCH_CANDIDATES = 100
# A prefix of a number shorter than this ("4") would match thousands of numbers.
NUMBER_PREFIX_MIN = 3
# What of a document's body and of all its files' text goes into the vector. The text of each file is
# already cut to PORTAL_FILE_TEXT_MAX_CHARS; this bounds a document with many files (PostgreSQL
# refuses a vector over 1 MB; 300 000 characters of Vietnamese make about 70 KB).
BODY_MAX_CHARS = 100_000
FILES_MAX_CHARS = 300_000


def _replace(expression, pattern, replacement):
    return Func(
        expression,
        Value(pattern),
        Value(replacement),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def document_vector(*, type_name, files_text):
    """The expression stored in Document.search_vector. `type_name` and `files_text` are expressions
    (subqueries of documents.models: an UPDATE cannot join)."""
    return (
        SearchVector(Unaccent(F("number")), weight="A", config=CONFIG)
        # "42/2022/NĐ-CP" is one word to PostgreSQL; its parts make "nghị định 42" find it.
        + SearchVector(Unaccent(_replace(F("number"), r"[/-]", " ")), weight="A", config=CONFIG)
        + SearchVector(Unaccent(Coalesce(type_name, Value(""))), weight="A", config=CONFIG)
        + SearchVector(Unaccent(F("summary")), weight="B", config=CONFIG)
        + SearchVector(
            Unaccent(Left(_replace(F("body"), r"<[^>]+>", " "), BODY_MAX_CHARS)), weight="C", config=CONFIG
        )
        + SearchVector(
            Unaccent(Left(Coalesce(files_text, Value("")), FILES_MAX_CHARS)), weight="D", config=CONFIG
        )
    )


def number_keys(terms):
    """(keys matched exactly, the prefix matched) of what was typed; a prefix only when it looks like
    the start of a number (a digit first, long enough)."""
    whole = number_key(terms)
    keys = {key for _match, key in citations(terms)}
    prefix = whole if len(whole) >= NUMBER_PREFIX_MIN and whole[0].isdigit() else ""
    if prefix:
        keys.add(whole)
    return keys, prefix


def search_documents(queryset, terms):
    """`queryset` filtered to `terms` and ordered best first (see the module docstring)."""
    terms = nfc(terms)  # as the rows are (portal.lib.text.text_nfc)
    keys, prefix = number_keys(terms)
    query = SearchQuery(Unaccent(Value(terms)), config=CONFIG, search_type="websearch")
    found = Q(search_vector=query)
    closeness = [When(number_key__in=keys, then=Value(2))] if keys else []
    if keys:
        found |= Q(number_key__in=keys)
    if prefix:
        found |= Q(number_key__startswith=prefix)
        closeness.append(When(number_key__startswith=prefix, then=Value(1)))
    exact = Case(*closeness, default=Value(0), output_field=IntegerField()) if closeness else Value(0)
    # Read once: the page, the count and the check for matches then look rows up by primary key.
    candidates = list(
        queryset.filter(found)
        .annotate(exact=exact)
        .order_by("-exact", "-issued_on", "-pk")
        .values_list("pk", flat=True)[:SEARCH_CANDIDATES]
    )
    return (
        queryset.filter(pk__in=candidates)
        .annotate(exact=exact, rank=SearchRank(F("search_vector"), query))
        .order_by("-exact", "-rank", "-issued_on", "-pk")
    )
