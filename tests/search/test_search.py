"""The site search across kinds: one table, one statement, each kind's public rule, ranked together."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from search import query
from search.models import WORD_GROUPS, SearchEntry
from tests.factories import (
    ArticleFactory,
    DocumentFactory,
    DocumentTypeFactory,
    FeedbackFactory,
    OfficialFactory,
    PageFactory,
    ScheduleEntryFactory,
    ScheduleWeekFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db
Kind = SearchEntry.Kind


def found(terms, **options):
    return query.search(terms, limit=100, **options)


def kinds_and_titles(terms, **options):
    return [(result.kind, result.title) for result in found(terms, **options).results]


@pytest.fixture
def everything():
    """One public thing of each kind about finance, and one hidden thing of each."""
    unit = UnitFactory(name="Sở Tài chính", name_en="Department of Finance")
    return {
        "article": ArticleFactory(title="Hội nghị tổng kết công tác tài chính"),
        "document": DocumentFactory(
            document_type=DocumentTypeFactory(name="Quyết định"),
            number="1234/QĐ-UBND",
            summary="Về việc giao dự toán ngân sách tài chính năm 2027",
        ),
        "page": PageFactory(title="Tài chính công khai", title_en="Public finance", body_en="<p>Budget</p>"),
        "answer": FeedbackFactory(
            subject="Hỏi về quyết toán tài chính", allow_publish=True, is_published=True, answer="Đã trả lời."
        ),
        "unit": unit,
        "official": OfficialFactory(
            unit=unit, full_name="Trần Văn Hòa", position="Giám đốc", position_en="Director"
        ),
        "schedule": ScheduleEntryFactory(title="Làm việc với Sở Tài chính về thu, chi ngân sách"),
        "hidden": [
            ArticleFactory(title="Tài chính nháp", status="draft"),
            DocumentFactory(summary="Tài chính chờ duyệt", status="pending"),
            PageFactory(title="Tài chính ẩn", is_published=False),
            FeedbackFactory(subject="Tài chính chưa trả lời", allow_publish=True),
            OfficialFactory(unit=unit, full_name="Tài Chính Ẩn", is_shown=False),
            ScheduleEntryFactory(
                week=ScheduleWeekFactory(
                    starts_on=timezone.localdate() + timedelta(days=7), is_approved=False
                ),
                title="Tài chính tuần sau",
            ),
        ],
    }


def test_every_kind_is_found_by_words_without_accents_and_says_what_it_is(everything):
    result = found("tai chinh")
    assert set(result.counts) == set(Kind.values)
    titles = {r.title for r in result.results}
    assert not titles & {
        "Tài chính nháp",
        "Tài chính ẩn",
        "Tài chính chưa trả lời",
        "Tài Chính Ẩn",
        "Tài chính tuần sau",
    }
    assert "Quyết định 1234/QĐ-UBND" in titles and "Trần Văn Hòa" in titles
    labels = {r.kind: str(r.kind_label) for r in result.results}
    assert labels[Kind.OFFICIAL] == "Cán bộ" and labels[Kind.SCHEDULE] == "Lịch công tác"
    official = next(r for r in result.results if r.kind == Kind.OFFICIAL)
    assert official.detail == "Giám đốc · Sở Tài chính"


def test_one_statement_searches_every_kind(everything, django_assert_num_queries):
    with django_assert_num_queries(1):
        found("tai chinh")


def test_the_exact_phrase_ranks_first_whatever_its_kind(everything):
    first = found("Sở Tài chính").results[0]
    assert (first.kind, first.title) == (Kind.UNIT, "Sở Tài chính")


def test_an_exact_document_number_ranks_first_however_it_is_typed(everything):
    ArticleFactory(title="Triển khai Quyết định 1234/QĐ-UBND về ngân sách")
    for typed in ("1234/QĐ-UBND", "1234 qd ubnd", "1234-QĐ/UBND"):
        first = found(typed).results[0]
        assert (first.kind, first.title) == (Kind.DOCUMENT, "Quyết định 1234/QĐ-UBND"), typed


def test_the_filter_by_kind_keeps_the_counts_of_every_kind(everything):
    only = found("tai chinh", kinds=[Kind.OFFICIAL])
    assert [r.kind for r in only.results] == [Kind.OFFICIAL]
    assert only.total == 1 and set(only.counts) == set(Kind.values)


def test_english_readers_find_the_english_rows_and_the_rest_in_vietnamese(everything):
    english = found("finance", language="en")
    assert {(r.kind, r.title, r.text_lang) for r in english.results} == {
        (Kind.UNIT, "Department of Finance", ""),
        (Kind.OFFICIAL, "Trần Văn Hòa", ""),  # the director of the department, in English
        (Kind.PAGE, "Public finance", ""),
    }
    director = next(r for r in english.results if r.kind == Kind.OFFICIAL)
    assert director.detail == "Director · Department of Finance"
    # An article has no English version: an English reader finds it in Vietnamese, marked so.
    article = next(r for r in found("tong ket", language="en").results if r.kind == Kind.ARTICLE)
    assert article.text_lang == "vi"
    # The Vietnamese name of a unit with an English one is found by an English reader too.
    assert (Kind.UNIT, "Department of Finance") in kinds_and_titles("sở tài chính", language="en")


def test_what_becomes_public_or_stops_being_public_leaves_or_joins_the_search(everything):
    document = everything["hidden"][1]
    document.status = "published"
    document.save()
    assert (Kind.DOCUMENT, document.title) in kinds_and_titles("cho duyet")
    week = everything["hidden"][5].week
    week.is_approved = True
    week.save()
    assert (Kind.SCHEDULE, "Tài chính tuần sau") in kinds_and_titles("tuan sau")
    official = everything["official"]
    official.is_shown = False
    official.save()
    assert (Kind.OFFICIAL, "Trần Văn Hòa") not in kinds_and_titles("tran van hoa")


def test_a_renamed_unit_renames_its_officials_rows(everything):
    unit = everything["unit"]
    unit.name = "Sở Tài chính và Kế hoạch"
    unit.save()
    official = next(r for r in found("tran van hoa").results if r.kind == Kind.OFFICIAL)
    assert official.detail == "Giám đốc · Sở Tài chính và Kế hoạch"


def test_a_renamed_document_type_renames_its_documents(everything):
    document_type = everything["document"].document_type
    document_type.name = "Quyết định cá biệt"
    document_type.save()
    assert (Kind.DOCUMENT, "Quyết định cá biệt 1234/QĐ-UBND") in kinds_and_titles("1234/QĐ-UBND")


def test_answers_marked_as_spam_in_bulk_leave_the_search(everything, admin_client):
    answer = everything["answer"]
    admin_client.post(
        "/admin/feedback/feedback/", {"action": "mark_spam", "_selected_action": [answer.pk]}, follow=True
    )
    assert (Kind.ANSWER, answer.subject) not in kinds_and_titles("quyet toan")


def test_the_public_window_is_read_at_the_time_of_the_search():
    soon = ArticleFactory(title="Khai mạc lễ hội hoa ban", published_at=timezone.now() + timedelta(hours=1))
    ending = ArticleFactory(title="Thông báo hoa ban nở", expires_at=timezone.now() + timedelta(hours=1))
    now = [r.title for r in found("hoa ban").results]
    later = [r.title for r in found("hoa ban", now=timezone.now() + timedelta(hours=2)).results]
    assert now == [ending.title] and later == [soon.title]


def test_hostile_text_is_only_words(everything):
    for typed in ["'; DROP TABLE search_searchentry; --", "!!! & | :* <->", '"unclosed', "a" * 200, "-"]:
        found(typed)
    assert SearchEntry.objects.filter(kind=Kind.UNIT).exists()


def test_the_rebuild_writes_every_kind_again_and_a_dry_run_nothing(everything):
    before = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    out = io.StringIO()
    call_command("search_rebuild", "--dry-run", stdout=out)
    assert SearchEntry.objects.count() == 0
    assert f"Search: {before} rows" in out.getvalue() and "dry run" in out.getvalue()
    call_command("search_rebuild", stdout=out)
    assert SearchEntry.objects.count() == before
    call_command("search_rebuild", "--kind", "unit", stdout=out)
    assert SearchEntry.objects.count() == before
    assert kinds_and_titles("1234 qd ubnd")[0] == (Kind.DOCUMENT, "Quyết định 1234/QĐ-UBND")


@pytest.mark.parametrize("group", WORD_GROUPS)
def test_the_search_reads_each_group_of_kinds_as_its_index_was_made(group):
    """search.query writes the words of each group as search.models.words_of indexed them: else the
    planner has neither that index nor its statistics, and walks a whole kind by date."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT e.id FROM search_searchentry e WHERE {query._words(WORD_GROUPS[group])} @@ 'tai'"  # noqa: S608 - the kinds come from the model
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on search_words_{group}" in plan, plan


def test_the_words_indexes_keep_no_pending_list():
    """GIN's fast update would make each search read, one by one, every row written since the last
    vacuum (5 ms a search after a rebuild of the bench data): the words are written once per edit."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)",
            [[f"search_words_{group}" for group in WORD_GROUPS]],
        )
        options = dict(cursor.fetchall())
    assert options == {f"search_words_{group}": ["fastupdate=off"] for group in WORD_GROUPS}


def test_the_rebuild_leaves_fresh_statistics_of_each_groups_words():
    UnitFactory(name="Ban Quản lý khu Zyxwvu")
    call_command("search_rebuild", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT most_common_elems::text FROM pg_stats WHERE tablename = 'search_words_few'")
        (elements,) = cursor.fetchone()
    assert "zyxwvu" in elements
