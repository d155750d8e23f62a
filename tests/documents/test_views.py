"""The public pages: the list with its filters, a document's page, the feed, the sitemap, downloads."""

import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.models import Attachment, Document, DocumentRelation, Sector
from tests.factories import (
    ArticleFactory,
    AttachmentFactory,
    DocumentFactory,
    DocumentTypeFactory,
    IssuingBodyFactory,
    docx_bytes,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db
LIST = reverse("documents:list")


def listed(client, query=""):
    response = client.get(LIST + query)
    assert response.status_code == 200
    return response.context["documents"]


def numbers_of(documents):
    return [document.number for document in documents]


@pytest.fixture
def hidden():
    """Documents the public must never see, whatever the address."""
    return {
        "draft": DocumentFactory(number="1/QĐ-UBND", status=Document.Status.DRAFT, summary="Bản nháp bí mật"),
        "pending": DocumentFactory(
            number="2/QĐ-UBND", status=Document.Status.PENDING, summary="Chờ duyệt bí mật"
        ),
        "unpublished": DocumentFactory(
            number="3/QĐ-UBND", status=Document.Status.UNPUBLISHED, summary="Đã gỡ bí mật"
        ),
        "rejected": DocumentFactory(
            number="4/QĐ-UBND", status=Document.Status.REJECTED, summary="Bị trả bí mật"
        ),
        "scheduled": DocumentFactory(
            number="5/QĐ-UBND", published_at=timezone.now() + timedelta(days=1), summary="Hẹn giờ bí mật"
        ),
    }


def test_unpublished_documents_are_404_and_absent_from_lists_feed_sitemap_and_search(client, hidden):
    public = DocumentFactory(number="6/QĐ-UBND", summary="Văn bản công khai bí mật")
    for document in hidden.values():
        AttachmentFactory(document=document)
        assert client.get(document.get_absolute_url()).status_code == 404, document.status
        assert client.get(document.attachments.get().get_absolute_url()).status_code == 404
    assert numbers_of(listed(client)) == ["6/QĐ-UBND"]
    assert numbers_of(listed(client, "?q=bi+mat")) == ["6/QĐ-UBND"]
    for document in hidden.values():
        assert numbers_of(listed(client, f"?q={document.number}")) == []
    feed = client.get(reverse("documents:feed")).content.decode()
    sitemap = client.get(reverse("frame:sitemap")).content.decode()
    for document in hidden.values():
        assert document.summary not in feed and document.slug not in sitemap
    assert public.summary in feed and public.get_absolute_url() in sitemap


def test_staff_preview_unpublished_documents_unstored_and_unindexed(client, hidden, django_user_model):
    editor = django_user_model.objects.create_superuser("bientap", password="x" * 12, is_staff=True)
    client.force_login(editor)
    response = client.get(hidden["draft"].get_absolute_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex" and "no-store" in response["Cache-Control"]
    assert "Xem trước: văn bản này chưa công khai" in response.content.decode()


def test_a_draft_for_consultation_is_public_but_not_in_the_list_or_the_feed(client):
    draft = DocumentFactory(
        number="",
        issued_on=None,
        is_draft=True,
        summary="Dự thảo Nghị quyết về du lịch cộng đồng",
        consultation_opens_at=timezone.now() - timedelta(days=1),
        consultation_closes_at=timezone.now() + timedelta(days=20),
    )
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200 and "Đang lấy ý kiến." in page.content.decode()
    assert list(listed(client)) == []
    assert draft.summary not in client.get(reverse("documents:feed")).content.decode()
    assert draft.get_absolute_url() in client.get(reverse("frame:sitemap")).content.decode()
    assert list(Document.objects.open_for_consultation()) == [draft]


@pytest.fixture
def catalogue():
    nghi_dinh, quyet_dinh = DocumentTypeFactory(name="Nghị định"), DocumentTypeFactory(name="Quyết định")
    chinh_phu, ubnd = (
        IssuingBodyFactory(name="Chính phủ"),
        IssuingBodyFactory(name="Ủy ban nhân dân tỉnh Sơn La"),
    )
    return {
        "nd43": DocumentFactory(
            document_type=nghi_dinh,
            issuing_body=chinh_phu,
            number="43/2011/NĐ-CP",
            issued_on=date(2011, 6, 13),
            expires_on=date(2022, 8, 1),
        ),
        "nd42": DocumentFactory(
            document_type=nghi_dinh,
            issuing_body=chinh_phu,
            number="42/2022/NĐ-CP",
            issued_on=date(2022, 6, 24),
        ),
        "qd9": DocumentFactory(
            document_type=quyet_dinh, issuing_body=ubnd, number="9/QĐ-UBND", issued_on=date(2024, 3, 1)
        ),
        "qd1234": DocumentFactory(
            document_type=quyet_dinh, issuing_body=ubnd, number="1234/QĐ-UBND", issued_on=date(2024, 6, 20)
        ),
    }


def test_the_list_filters_by_type_body_year_status_and_dates(client, catalogue):
    assert numbers_of(listed(client)) == ["1234/QĐ-UBND", "9/QĐ-UBND", "42/2022/NĐ-CP", "43/2011/NĐ-CP"]
    assert numbers_of(listed(client, "?loai=nghi-dinh")) == ["42/2022/NĐ-CP", "43/2011/NĐ-CP"]
    assert numbers_of(listed(client, "?co_quan=uy-ban-nhan-dan-tinh-son-la")) == ["1234/QĐ-UBND", "9/QĐ-UBND"]
    assert numbers_of(listed(client, "?nam=2022")) == ["42/2022/NĐ-CP"]
    assert numbers_of(listed(client, "?hieu_luc=expired")) == ["43/2011/NĐ-CP"]
    assert numbers_of(listed(client, "?tu_ngay=2022-01-01&den_ngay=2024-04-01")) == [
        "9/QĐ-UBND",
        "42/2022/NĐ-CP",
    ]
    assert numbers_of(listed(client, "?tu_ngay=01/03/2024")) == ["1234/QĐ-UBND", "9/QĐ-UBND"]
    assert numbers_of(listed(client, "?loai=quyet-dinh&sap_xep=so-tang")) == ["9/QĐ-UBND", "1234/QĐ-UBND"]
    assert numbers_of(listed(client, "?sap_xep=cu-nhat"))[0] == "43/2011/NĐ-CP"
    assert numbers_of(listed(client, "?sap_xep=so-giam"))[0] == "1234/QĐ-UBND"


def test_a_field_filter(client, catalogue):
    document = catalogue["nd42"]
    document.sector = Sector.objects.create(name="Đất đai")
    document.save()
    assert numbers_of(listed(client, "?linh_vuc=dat-dai")) == ["42/2022/NĐ-CP"]


@pytest.mark.parametrize(
    "query",
    [
        "?loai=khong-co",
        "?nam=abc",
        "?nam=1800",
        "?tu_ngay=32/13/2024",
        "?hieu_luc=<script>",
        "?sap_xep=x",
        "?q=" + "a" * 300,
    ],
)
def test_a_hostile_filter_is_reported_and_left_out_never_a_500(client, catalogue, query):
    response = client.get(LIST + query)
    assert response.status_code == 200
    assert len(response.context["documents"]) == 4
    assert "Một số điều kiện lọc không dùng được" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_the_end_of_a_period_before_its_start_is_refused(client, catalogue):
    response = client.get(LIST + "?tu_ngay=2024-05-01&den_ngay=2024-01-01")
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()


def test_the_list_is_paginated_and_keeps_its_filters(client, catalogue):
    for number in range(25):
        DocumentFactory(number=f"{number + 100}/KH-UBND", document_type=catalogue["qd9"].document_type)
    page = client.get(LIST + "?loai=quyet-dinh")
    assert len(page.context["documents"]) == 20
    assert 'href="?loai=quyet-dinh&amp;page=2"' in page.content.decode()
    assert len(listed(client, "?loai=quyet-dinh&page=2")) == 7


def test_the_list_is_an_accessible_table_with_one_h1_and_vietnamese_dates(client, catalogue):
    html = client.get(LIST).content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<th scope="col">Số, ký hiệu</th>' in html and '<th scope="row">' in html
    assert '<label class="document-filters__label" for="id_q">' in html
    assert '<time datetime="2024-06-20">20/06/2024</time>' in html
    assert "Hết hiệu lực" in html and "Còn hiệu lực" in html


def test_the_list_and_a_search_are_stored_for_readers_once_asked_twice(catalogue, django_assert_num_queries):
    Client().get(LIST + "?q=42")
    Client().get(LIST + "?q=42")
    with django_assert_num_queries(1):  # the content generation: the page comes from memory
        response = Client().get(LIST + "?q=42&utm_source=x")
    assert response.status_code == 200 and "42/2022/NĐ-CP" in response.content.decode()


def test_a_document_page_shows_its_particulars_files_and_relations_both_ways(client, catalogue):
    new, old = catalogue["nd42"], catalogue["nd43"]
    DocumentRelation.objects.create(source=new, kind=DocumentRelation.Kind.REPLACES, target=old)
    AttachmentFactory(document=new, file=ContentFile(pdf_bytes("Toàn văn"), name="Nghị định 42.pdf"))
    AttachmentFactory(
        document=new, file=ContentFile(docx_bytes("Phụ lục"), name="Phụ lục.docx"), role=Attachment.Role.ANNEX
    )
    response = client.get(new.get_absolute_url())
    html = response.content.decode()
    assert response.page_facts == {"document_id": new.pk}
    assert (
        len(re.findall(r"<h1[\s>]", html)) == 1
        and '<h1 class="page-title">Nghị định 42/2022/NĐ-CP</h1>' in html
    )
    assert '<th scope="row">Ngày ban hành</th><td><time datetime="2022-06-24">24/06/2022</time></td>' in html
    assert "Nghị định 42.pdf" in html and "Phụ lục.docx" in html and "(Phụ lục)" in html
    assert "Thay thế" in html and old.get_absolute_url() in html
    # The PDF in a frame from our own media, which the page's policy allows.
    pdf = new.attachments.get(extension="pdf")
    assert f'<iframe class="document-viewer__frame" src="{pdf.file.url}"' in html
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert "'self'" in policy["frame-src"].split()
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert "Bị thay thế bởi" in old_page and new.get_absolute_url() in old_page


def test_a_relation_to_an_unpublished_document_is_not_shown(client, catalogue, hidden):
    DocumentRelation.objects.create(source=catalogue["nd42"], kind="amends", target=hidden["draft"])
    html = client.get(catalogue["nd42"].get_absolute_url()).content.decode()
    assert "Bản nháp bí mật" not in html and "Sửa đổi, bổ sung" not in html


def test_the_page_lists_the_articles_that_cite_the_number_whole(client, catalogue):
    citing = ArticleFactory(
        title="Triển khai Nghị định 42/2022/NĐ-CP", body="<p>Theo Nghị định 42/2022/NĐ-CP.</p>"
    )
    ArticleFactory(title="Bài khác", body="<p>Nghị định 142/2022/NĐ-CP</p>")
    ArticleFactory(title="Bài nháp", body="<p>Nghị định 42/2022/NĐ-CP</p>", status="draft")
    context = client.get(catalogue["nd42"].get_absolute_url()).context
    assert [article.title for article in context["citing_articles"]] == [citing.title]


def test_an_old_address_moves_permanently_to_the_new_one(client, catalogue):
    document = catalogue["qd9"]
    old = document.get_absolute_url()
    document.slug = "quyet-dinh-so-9"
    document.save()
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == document.get_absolute_url()


def test_a_download_has_the_original_name_a_fixed_type_no_sniffing_and_is_counted(client, catalogue):
    attachment = AttachmentFactory(
        document=catalogue["nd42"],
        file=ContentFile(docx_bytes("Nội dung"), name="Phụ lục số 1 (bản Word).docx"),
    )
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="Phu luc so 1 (ban Word).docx"; '
        "filename*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c%20s%E1%BB%91%201%20%28b%E1%BA%A3n%20Word%29.docx"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    with attachment.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()
    assert response.page_facts == {"document_id": catalogue["nd42"].pk, "attachment_id": attachment.pk}


def test_downloads_are_counted_by_the_statistics_rules(client, catalogue):
    """Once per visitor per 10 minutes, never for a bot or a HEAD, and no page view (stats/)."""
    from stats.models import DailyStats, ObjectDailyCount

    attachment = AttachmentFactory(document=catalogue["nd42"])
    url = attachment.get_absolute_url()
    reader = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36"}
    another = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1"}
    for method, headers in [
        (client.get, reader),
        (client.get, reader),  # the same reader again within 10 minutes
        (client.head, another),
        (client.get, {"HTTP_USER_AGENT": "Googlebot/2.1 (+http://www.google.com/bot.html)"}),
        (client.get, another),
    ]:
        b"".join(method(url, **headers).streaming_content)  # read whole, as a browser does
    assert Attachment.objects.get(pk=attachment.pk).download_count == 2
    assert ObjectDailyCount.objects.get(kind="download", object_id=attachment.pk).count == 2
    assert not DailyStats.objects.exists()  # a download is no page view


def test_pdfs_are_served_from_media_inline_and_framable_by_our_pages_only(client, catalogue):
    pdf = AttachmentFactory(document=catalogue["nd42"])
    docx = AttachmentFactory(document=catalogue["nd42"], file=ContentFile(docx_bytes("x"), name="a.docx"))
    response = client.get(pdf.file.url)
    b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert not response.get("Content-Disposition", "").startswith("attachment")  # shown in the browser
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox; frame-ancestors 'self'"
    response = client.get(docx.file.url)
    b"".join(response.streaming_content)
    assert response["Content-Disposition"] == "attachment" and response["X-Frame-Options"] == "DENY"


def test_a_missing_file_is_a_404_not_a_500(client, catalogue):
    attachment = AttachmentFactory(document=catalogue["nd42"])
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_the_feed_lists_new_documents_and_parses(client, catalogue):
    response = client.get(reverse("documents:feed"))
    root = ElementTree.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert "Nghị định 42/2022/NĐ-CP" in titles and len(titles) == 4
