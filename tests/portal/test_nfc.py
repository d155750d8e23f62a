"""All text the portal stores is Unicode NFC (TCVN 6909, "dựng sẵn"), whatever the input method sent.

Every way text comes in — the admin, the public forms, the import, the demo — is sent here in NFD
(the letters decomposed into a base and combining marks, as some input methods and macOS send them);
afterwards not one text column of the database holds anything but NFC. Searching with NFD terms finds
and ranks the NFC rows as if the terms had been typed in NFC. The rows stored before are normalised
by the migration portal 0006.
"""

import importlib
import io
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import pre_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import accounts.demo
import articles.demo
import frame.demo
import portal.lib.demo
from agency.models import Unit
from articles.models import Article
from documents.models import Document
from feedback.models import Feedback
from frame.models import Page
from search import query
from tests.articles.admin_form import article_form
from tests.factories import ArticleFactory, DocumentFactory, FeedbackFactory, UnitFactory, editor
from tests.feedback.helpers import feedback_data

pytestmark = pytest.mark.django_db

migration = importlib.import_module("portal.migrations.0006_text_nfc")

TEXT_FIELD_TYPES = {"CharField", "SlugField", "TextField"}
# The project's apps as a reader of the settings knows them: INSTALLED_APPS that are folders here.
PROJECT_APPS = {name for name in settings.INSTALLED_APPS if (Path(settings.BASE_DIR) / name).is_dir()}


def nfd(text):
    """`text` decomposed; asserted to differ, so that a test of it can fail."""
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    return decomposed


def text_fields(model, *, local=False):
    fields = model._meta.local_concrete_fields if local else model._meta.concrete_fields
    return [field for field in fields if field.get_internal_type() in TEXT_FIELD_TYPES]


def project_models_with_text():
    """Found here as a reader of the registry would, not through the code under test."""
    here = Path(settings.BASE_DIR).resolve()
    configs = [config for config in apps.get_app_configs() if Path(config.path).resolve().parent == here]
    assert {"portal", "articles", "feedback", "documents", "agency"} <= PROJECT_APPS
    assert {config.label for config in configs} == PROJECT_APPS
    models = [model for config in configs for model in config.get_models() if text_fields(model)]
    return [*models, get_user_model()]


def not_nfc():
    """(table, column, rows) of every text column of the project's tables holding a text not in NFC."""
    found = []
    with connection.cursor() as cursor:
        for model in project_models_with_text():
            if model._meta.proxy:
                continue
            for field in text_fields(model, local=True):
                table, column = model._meta.db_table, field.column
                cursor.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NFC NORMALIZED')  # noqa: S608
                if count := cursor.fetchone()[0]:
                    found.append((table, column, count))
    return found


# One mechanism for every model ---------------------------------------------------------------------


def test_every_model_of_every_project_app_is_normalised_before_it_is_saved():
    """pre_save as save() sends it, to a fresh instance of each model with NFD in every text field: a
    model of a new app, or a new field, is covered without a line anywhere."""
    models = project_models_with_text()
    assert {model._meta.app_label for model in models} >= PROJECT_APPS - {"caching"}
    text = nfd("Quyết định của Ủy ban nhân dân tỉnh")
    for model in models:
        instance = model()
        fields = text_fields(model)
        for field in fields:
            setattr(instance, field.attname, text)
        pre_save.send(sender=model, instance=instance, raw=False, using="default", update_fields=None)
        for field in fields:
            assert unicodedata.is_normalized("NFC", getattr(instance, field.attname)), (model, field)


def test_a_field_left_out_of_a_query_is_not_read_to_be_normalised(article):
    loaded = Article.objects.only("pk", "title").get(pk=article.pk)
    loaded.title = nfd("Hồ Chí Minh")
    with CaptureQueriesContext(connection) as queries:
        pre_save.send(sender=Article, instance=loaded, raw=False, using="default", update_fields=["title"])
    assert loaded.title == "Hồ Chí Minh"
    assert "body" not in loaded.__dict__
    assert not queries.captured_queries


# Every way text comes in ---------------------------------------------------------------------------


def test_an_article_typed_in_nfd_in_the_admin_is_stored_in_nfc(staff_client, category):
    data = article_form(
        category,
        title=nfd("Học tập và làm theo tư tưởng Hồ Chí Minh"),
        summary=nfd("Sơn La triển khai Quyết định số 12 của Tỉnh ủy"),
        body=nfd("<p>Nội dung <strong>đậm</strong> về Đảng bộ tỉnh</p>"),
        byline=nfd("Như Thuỷ"),
        source=nfd("Báo Sơn La"),
        _workflow="approve",
    )
    response = staff_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    article = Article.objects.get()
    assert article.title == "Học tập và làm theo tư tưởng Hồ Chí Minh"
    assert article.summary == "Sơn La triển khai Quyết định số 12 của Tỉnh ủy"
    assert article.body == "<p>Nội dung <strong>đậm</strong> về Đảng bộ tỉnh</p>"
    assert article.byline == "Như Thuỷ"
    assert article.slug == "hoc-tap-va-lam-theo-tu-tuong-ho-chi-minh"
    assert not_nfc() == []  # its revision, events and search rows included


def test_feedback_sent_in_nfd_through_the_public_form_is_stored_in_nfc(client):
    url = reverse("feedback:create")
    data = feedback_data(
        client.get(url).content,
        name=nfd("Lò Văn Khánh"),
        subject=nfd("Hỏi về thủ tục cấp đổi giấy phép lái xe"),
        message=nfd("Tôi có giấy phép lái xe hạng A1.\nXin hỏi có phải đổi không?"),
    )
    assert client.post(url, data).status_code == 303
    feedback = Feedback.objects.get()
    assert feedback.name == "Lò Văn Khánh"
    assert feedback.subject == "Hỏi về thủ tục cấp đổi giấy phép lái xe"
    assert feedback.message == "Tôi có giấy phép lái xe hạng A1.\nXin hỏi có phải đổi không?"
    assert not_nfc() == []


def test_an_opinion_sent_in_nfd_under_an_article_is_stored_in_nfc(client, article):
    script = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    challenge = client.get(reverse("feedback:captcha_refresh"), **script).json()
    response = client.post(
        reverse("feedback:article_opinion", kwargs={"slug": article.slug}),
        {
            "name": nfd("Như Thuỷ"),
            "subject": nfd("Về bài: Sơn La đẩy mạnh chuyển đổi số"),
            "message": nfd("Bài viết rất bổ ích."),
            "consent": "on",
            "captcha_0": challenge["key"],
            "captcha_1": CaptchaStore.objects.get(hashkey=challenge["key"]).response,
        },
        HTTP_X_CSRFTOKEN=challenge["csrf_token"],
        **script,
    )
    assert response.status_code == 200, response.content
    opinion = Feedback.objects.get()
    assert (opinion.name, opinion.message) == ("Như Thuỷ", "Bài viết rất bổ ích.")
    assert not_nfc() == []


def test_documents_imported_from_an_nfd_file_are_stored_in_nfc(tmp_path):
    header = "number,type,issuing_body,issued_on,summary,signer,signer_position,sector"
    row = "12/QĐ-UBND,Quyết định,Ủy ban nhân dân tỉnh,05/03/2024,Về phòng cháy chữa cháy rừng,Lê Văn A,"
    row += "Chủ tịch,Nông nghiệp"
    path = tmp_path / "van-ban.csv"
    path.write_text(nfd(f"{header}\n{row}\n"), encoding="utf-8")
    call_command("documents_import", str(path), stdout=io.StringIO())
    document = Document.objects.get()
    assert document.summary == "Về phòng cháy chữa cháy rừng"
    assert document.document_type.name == "Quyết định"
    assert document.issuing_body.name == "Ủy ban nhân dân tỉnh"
    assert not_nfc() == []


def test_the_demo_loaded_from_nfd_files_is_stored_in_nfc(monkeypatch):
    """The articles' and pages' bodies read decomposed (the reader of the demo's files makes them NFC
    itself; here it does not): what the loaders save is still NFC, and so is everything else."""
    read = portal.lib.demo.html_read
    monkeypatch.setattr(portal.lib.demo, "html_read", lambda *args: unicodedata.normalize("NFD", read(*args)))
    # The loaders whose bodies come from files (the articles need the accounts; all loaders: 50 s).
    for loader in (accounts.demo, articles.demo, frame.demo):
        loader.load(stdout=io.StringIO(), verbosity=0, dry_run=False)
    assert Article.objects.count() > 30
    assert Page.objects.filter(body__contains="Sơn La").exists()
    assert not_nfc() == []
    files = [
        name
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.get_internal_type() in {"FileField", "ImageField"}
        for name in model._base_manager.values_list(field.attname, flat=True)
        if name
    ]
    for name in files:  # the rows go with the test's transaction, their files here
        default_storage.delete(name)


def test_an_agency_unit_typed_in_nfd_in_the_admin_is_stored_in_nfc(client):
    client.force_login(editor(username="bientap2"))
    response = client.post(
        reverse("admin:agency_unit_add"),
        {
            "name": nfd("Sở Tài chính"), "name_en": "", "parent": "", "order": "0", "slug": "",
            "functions": nfd("<p>Tham mưu về tài chính, ngân sách</p>"), "functions_en": "",
            "address": nfd("Số 8, đường Tô Hiệu, thành phố Sơn La"), "phone": "", "email": "", "website": "",
            "officials-TOTAL_FORMS": "0", "officials-INITIAL_FORMS": "0", "officials-MIN_NUM_FORMS": "0",
            "officials-MAX_NUM_FORMS": "1000",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get()
    assert (unit.name, unit.slug) == ("Sở Tài chính", "so-tai-chinh")
    assert unit.address == "Số 8, đường Tô Hiệu, thành phố Sơn La"
    assert not_nfc() == []


# Searching with NFD terms --------------------------------------------------------------------------


@pytest.fixture
def departments():
    """The exact title, older, and a newer title that only matches once both are unaccented: typed in
    NFD without normalising, the exact match would lose its place (both would rank as unaccented)."""
    now = timezone.now()
    exact = ArticleFactory(title="Sở Tài chính", published_at=now - timedelta(days=3))
    other = ArticleFactory(title="Sổ tài chính", published_at=now - timedelta(days=1))
    return exact, other


def test_a_search_typed_in_nfd_ranks_the_exact_title_first(departments):
    exact, other = departments
    results = query.search(nfd("Sở Tài chính")).results
    assert [result.title for result in results] == [exact.title, other.title]


def test_the_site_search_page_typed_in_nfd_ranks_the_exact_title_first(client, departments):
    html = client.get(reverse("search:search"), {"q": nfd("Sở Tài chính")}).content.decode()
    assert html.index(">Sở Tài chính<") < html.index(">Sổ tài chính<")


def test_the_documents_list_searched_in_nfd_finds_the_document(client):
    DocumentFactory(summary="Quyết định về phòng cháy chữa cháy rừng")
    DocumentFactory(summary="Kế hoạch xây dựng nông thôn mới")
    response = client.get(reverse("documents:list"), {"q": nfd("phòng cháy")})
    html = response.content.decode()
    assert "Quyết định về phòng cháy chữa cháy rừng" in html
    assert "Kế hoạch xây dựng nông thôn mới" not in html


def test_the_admin_lists_searched_in_nfd_find_the_rows(staff_client):
    article = ArticleFactory(title="Hội nghị nông thôn mới")
    ArticleFactory(title="Khác")
    response = staff_client.get(reverse("admin:articles_article_changelist"), {"q": nfd("nông thôn")})
    assert list(response.context["cl"].result_list) == [article]


# The rows stored before ----------------------------------------------------------------------------


def test_the_migration_normalises_rows_written_around_save_and_then_finds_nothing_to_do(article):
    """Rows made NFD with QuerySet.update() and SQL (neither sends pre_save); then the migration's
    function, as migrate runs it; a second run reads each table once and writes nothing."""
    feedback, unit, document = FeedbackFactory(), UnitFactory(), DocumentFactory()
    Article.objects.filter(pk=article.pk).update(title=nfd("Hồ Chí Minh"), body=nfd("<p>Quyết định</p>"))
    Feedback.objects.filter(pk=feedback.pk).update(message=nfd("Góp ý về thủ tục"))
    Unit.objects.filter(pk=unit.pk).update(name=nfd("Sở Tài chính"))
    Document.objects.filter(pk=document.pk).update(summary=nfd("Quyết định số 12"))
    user = get_user_model().objects.create(username="nhuthuy")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE auth_user SET last_name = %s WHERE id = %s", [nfd("Lê Như Thuỷ"), user.pk])
    assert {(table, column) for table, column, _rows in not_nfc()} >= {
        ("articles_article", "title"),
        ("articles_article", "body"),
        ("feedback_feedback", "message"),
        ("agency_unit", "name"),
        ("documents_document", "summary"),
        ("auth_user", "last_name"),
    }

    with connection.schema_editor() as editor:
        assert migration.text_normalise(apps, editor) == 5

    assert not_nfc() == []
    article.refresh_from_db()
    assert (article.title, article.body) == ("Hồ Chí Minh", "<p>Quyết định</p>")
    assert Unit.objects.get(pk=unit.pk).name == "Sở Tài chính"
    assert get_user_model().objects.get(pk=user.pk).last_name == "Lê Như Thuỷ"
    with CaptureQueriesContext(connection) as queries, connection.schema_editor() as editor:
        assert migration.text_normalise(apps, editor) == 0
    updates = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("UPDATE")]
    assert len(updates) == len(list(migration.text_columns(apps)))


def test_an_nfd_duplicate_of_a_unique_name_is_a_form_error_not_a_database_error(admin_client):
    """The receiver normalises at save(), after the form's unique check: that check must still see
    the NFD name as the stored NFC one, or the database refuses it (a 500)."""
    from articles.models import Section

    Section.objects.create(name="Mảng Kinh tế")
    response = admin_client.post(reverse("admin:articles_section_add"), {"name": nfd("Mảng Kinh tế")})
    assert response.status_code == 200
    assert "đã tồn tại" in response.content.decode()
    assert Section.objects.count() == 1
