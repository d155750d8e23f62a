"""The demo documents: realistic, with real text in their files, and linked from the demo article."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from articles.models import Article
from documents.models import Attachment, Document, DocumentRelation
from documents.search import search_documents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root():
    """The demo's files stay where the module's run stored them (not a folder per test)."""


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One real run of every demo loader for the module's tests, rolled back and its files deleted after."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo_data", stdout=out)
        yield out.getvalue()
        files = list(Attachment.objects.values_list("file", flat=True))
        transaction.set_rollback(True)
    for name in files:
        default_storage.delete(name)


def test_about_thirty_documents_of_several_types_bodies_and_years(demo):
    assert "documents: 31 documents with" in demo
    documents = Document.objects.all()
    assert documents.count() == 31
    assert documents.values("document_type").distinct().count() >= 8
    assert documents.values("issuing_body").distinct().count() >= 6
    assert documents.exclude(issued_year=None).values("issued_year").distinct().count() >= 8


def test_the_documents_the_demo_article_cites_are_there_and_linked(demo, client):
    article = Article.objects.get(slug="son-la-day-manh-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc")
    html = client.get(article.get_absolute_url()).content.decode()
    for number in ("44-KL/TW", "09-CT/TW"):
        document = Document.objects.get(number=number)
        assert document.issuing_body.name == "Ban Bí thư Trung ương Đảng" and document.is_public
        assert f'href="{document.get_absolute_url()}">{number}</a>' in html
    page = client.get(Document.objects.get(number="44-KL/TW").get_absolute_url()).content.decode()
    assert article.title in page  # the articles that cite it


def test_every_file_is_stored_and_its_text_is_searchable(demo):
    attachments = Attachment.objects.all()
    assert (
        attachments.filter(extension="pdf").count() >= 31
        and attachments.filter(extension="docx").count() >= 3
    )
    for attachment in attachments:
        assert default_storage.exists(attachment.file.name), attachment.name
        assert attachment.text, attachment.name
    # Words only the files hold (the summaries do not): "lực lượng nòng cốt" is in 44-KL/TW's PDF.
    found = search_documents(Document.objects.published(), "luc luong nong cot")
    assert "44-KL/TW" in [document.number for document in found]


def test_relations_two_drafts_for_consultation_and_documents_the_public_cannot_see(demo):
    assert DocumentRelation.objects.filter(
        source__number="42/2022/NĐ-CP", kind="replaces", target__number="43/2011/NĐ-CP"
    ).exists()
    assert DocumentRelation.objects.count() >= 10
    drafts = Document.objects.drafts()
    assert drafts.count() == 2 and Document.objects.open_for_consultation().count() == 1
    assert drafts.filter(attachments__role="consultation_report").count() == 1
    assert Document.objects.exclude(pk__in=Document.objects.published()).count() == 2


def test_a_second_run_creates_nothing(demo):
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "documents: nothing new (31 documents already there)" in out.getvalue()
