"""Files attached to articles and static pages ("Tệp đính kèm"): checked by content like a document's,
listed under the text, downloaded under their own names, hidden with what they belong to."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, ArticleAttachment
from frame.models import PageAttachment
from tests.articles.admin_form import form_data
from tests.factories import ArticleFactory, PageFactory, docx_bytes, editor, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored(media_root):
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


def attach(article, data, name):
    return ArticleAttachment.objects.create(article=article, file=ContentFile(data, name=name))


def test_an_editor_attaches_a_pdf_in_the_admin_and_readers_download_it_under_its_name(client, media_root):
    article = ArticleFactory(title="Kế hoạch chuyển đổi số năm 2027")
    client.force_login(editor(username="bientapvien"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url))
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": SimpleUploadedFile(
                "Kế hoạch số 150.pdf", pdf_bytes("Kế hoạch"), "text/html"
            ),
            "attachments-0-name": "",
            "attachments-0-order": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    attachment = ArticleAttachment.objects.get()
    assert (attachment.name, attachment.extension) == ("Kế hoạch số 150.pdf", "pdf")
    assert attachment.file.name.startswith("attachments/") and "150" not in attachment.file.name
    client.logout()

    html = client.get(article.get_absolute_url()).content.decode()
    assert "Tệp đính kèm" in html and "Kế hoạch số 150.pdf" in html
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert (
        "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%20150.pdf"
        in download["Content-Disposition"]
    )
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content)  # read to the end: the client closes the file


def test_an_html_page_named_pdf_is_refused_in_vietnamese_and_nothing_is_stored(client, media_root):
    article = ArticleFactory()
    client.force_login(editor(username="bientapvien"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url))
    page = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-file": SimpleUploadedFile("bieu-mau.pdf", page, "application/pdf"),
            "attachments-0-name": "",
            "attachments-0-order": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "không phải là tệp PDF" in response.content.decode()
    assert not ArticleAttachment.objects.exists()
    assert stored(media_root) == []


def test_an_unpublished_articles_file_is_not_found_by_readers(client):
    hidden = attach(ArticleFactory(status=Article.Status.DRAFT), docx_bytes("Bản nháp"), "ban-nhap.docx")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    client.force_login(editor(username="bientapvien"))
    download = client.get(hidden.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content)  # read to the end: the client closes the file


def test_a_word_file_is_always_downloaded_and_the_list_shows_type_and_size(client):
    article = ArticleFactory()
    attachment = attach(article, docx_bytes("Mẫu đơn"), "Mẫu đơn đề nghị.docx")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Mẫu đơn đề nghị.docx" in html and "(DOCX," in html
    download = client.get(attachment.get_absolute_url())
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content)  # read to the end: the client closes the file


def test_a_new_attachment_shows_on_the_stored_article_page_at_once(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())  # stored
    attach(article, pdf_bytes("Phụ lục"), "Phụ lục.pdf")
    assert "Phụ lục.pdf" in client.get(article.get_absolute_url()).content.decode()


def test_a_deleted_attachments_file_is_removed_once_the_deletion_is_committed(
    media_root, django_capture_on_commit_callbacks
):
    attachment = attach(ArticleFactory(), pdf_bytes("Tạm"), "tam.pdf")
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert not default_storage.exists(name)


def test_a_static_page_lists_its_files_and_hides_them_with_it(client):
    page = PageFactory(title="Thủ tục hành chính")
    attachment = PageAttachment.objects.create(
        page=page, file=ContentFile(pdf_bytes("Biểu mẫu"), name="Biểu mẫu.pdf")
    )
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Biểu mẫu.pdf" in html
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content)  # read to the end: the client closes the file
    page.is_published = False
    page.save()
    assert client.get(attachment.get_absolute_url()).status_code == 404
