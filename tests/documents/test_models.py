"""Documents: what save() keeps, the legal status, the constraints, the attached files' records."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from documents.models import Attachment, Document, DocumentType, LegalStatus
from portal.lib.storage import MediaFileSystemStorage
from tests.documents.conftest import stored_files
from tests.factories import (
    AttachmentFactory,
    DocumentFactory,
    DocumentTypeFactory,
    IssuingBodyFactory,
    docx_bytes,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def test_the_document_types_come_with_the_migrations_and_staff_can_add_more():
    names = set(DocumentType.objects.values_list("name", flat=True))
    assert {"Luật", "Nghị định", "Nghị quyết", "Quyết định", "Chỉ thị", "Kết luận", "Thông tư"} <= names
    assert {"Kế hoạch", "Công văn", "Thông báo", "Báo cáo"} <= names
    assert DocumentType.objects.create(name="Đề án").slug == "de-an"


def test_save_keeps_nfc_text_the_number_key_and_a_slug_with_d_for_d_stroke(ket_luan, ban_bi_thu):
    # "Về tiếp tục thực hiện" with its accents typed as combining marks, as some keyboards send it.
    decomposed = "Ve\u0302\u0300 tie\u0302\u0301p tu\u0323c thu\u031b\u0323c hie\u0323\u0302n"
    document = DocumentFactory(
        document_type=ket_luan, issuing_body=ban_bi_thu, number=" 44-KL/TW ", summary=decomposed
    )
    assert document.summary == "Về tiếp tục thực hiện"
    assert document.number == "44-KL/TW"
    assert document.number_key == "44kltw"
    assert document.number_value == 44
    assert document.slug == f"ket-luan-44-kl-tw-{document.issued_on.year}"
    assert document.title == "Kết luận 44-KL/TW"
    nghi_dinh = DocumentFactory(
        document_type=DocumentType.objects.get(name="Nghị định"),
        number="42/2022/NĐ-CP",
        issued_on=date(2022, 6, 24),
    )
    assert nghi_dinh.slug == "nghi-dinh-42-2022-nd-cp"  # the year is in the number already


def test_a_draft_without_a_number_is_called_and_addressed_by_its_summary():
    draft = DocumentFactory(number="", issued_on=None, is_draft=True, summary="Dự thảo Nghị quyết về du lịch")
    assert draft.title == "Dự thảo Nghị quyết về du lịch"
    assert draft.slug == "du-thao-nghi-quyet-ve-du-lich"


def test_the_body_is_sanitised_like_an_articles():
    document = DocumentFactory(body='<p onclick="x()">Nội dung</p><script>alert(1)</script>')
    assert document.body == "<p>Nội dung</p>"


def test_a_changed_slug_keeps_the_old_address_for_redirects():
    document = DocumentFactory()
    old = document.slug
    document.slug = "dia-chi-moi"
    document.save()
    assert document.former_slugs == [old]
    other = built(slug=old)
    with pytest.raises(ValidationError, match="từng thuộc văn bản khác"):
        other.clean()


@pytest.mark.parametrize(
    ("effective", "expires", "staff", "expected"),
    [
        (None, None, "", LegalStatus.IN_FORCE),
        (TODAY + timedelta(days=1), None, "", LegalStatus.NOT_YET),
        (TODAY - timedelta(days=10), TODAY, "", LegalStatus.EXPIRED),
        (TODAY - timedelta(days=10), TODAY + timedelta(days=1), "", LegalStatus.IN_FORCE),
        (None, None, LegalStatus.PARTLY_EXPIRED, LegalStatus.PARTLY_EXPIRED),
        (None, None, LegalStatus.EXPIRED, LegalStatus.EXPIRED),
    ],
)
def test_the_legal_status_follows_the_dates_unless_staff_set_it(effective, expires, staff, expected):
    document = DocumentFactory(
        issued_on=TODAY - timedelta(days=30), effective_on=effective, expires_on=expires, legal_status=staff
    )
    assert document.legal_status_on(TODAY) == expected
    assert list(Document.objects.in_legal_status(expected, TODAY)) == [document]
    for other in set(LegalStatus) - {expected}:
        assert not Document.objects.in_legal_status(other, TODAY).exists()


def test_an_issue_date_in_the_future_without_an_effective_date_is_not_yet_in_force():
    document = DocumentFactory(issued_on=TODAY + timedelta(days=2))
    assert document.legal_status_on(TODAY) == LegalStatus.NOT_YET
    assert Document.objects.in_legal_status(LegalStatus.NOT_YET, TODAY).get() == document


def built(**kwargs):
    """A document not saved yet, of a saved type and issuing body (full_clean checks them)."""
    kwargs.setdefault("issuing_body", IssuingBodyFactory())
    return DocumentFactory.build(document_type=DocumentTypeFactory(), **kwargs)


def test_an_issued_document_needs_a_number_and_a_date_a_draft_does_not():
    with pytest.raises(ValidationError) as refused:
        built(number="", issued_on=None).full_clean()
    assert set(refused.value.message_dict) == {"number", "issued_on"}
    built(number="", issued_on=None, is_draft=True).full_clean()


def test_one_number_per_issuing_body_and_year_numbers_start_again_every_year():
    body = IssuingBodyFactory()
    DocumentFactory(number="1234/QĐ-UBND", issuing_body=body, issued_on=date(2023, 6, 15))
    DocumentFactory(number="1234/QĐ-UBND", issuing_body=body, issued_on=date(2024, 6, 20))
    elsewhere = IssuingBodyFactory(name="UBND huyện Mai Sơn")
    DocumentFactory(number="1234/QĐ-UBND", issuing_body=elsewhere, issued_on=date(2024, 1, 2))
    again = built(number="1234/qđ ubnd", issuing_body=body, issued_on=date(2024, 1, 5))
    with pytest.raises(ValidationError, match="đã có văn bản mang số, ký hiệu này"):
        again.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()


def test_the_expiry_date_must_come_after_the_effective_date():
    document = built(effective_on=TODAY, expires_on=TODAY)
    with pytest.raises(ValidationError, match="Ngày hết hiệu lực phải sau"):
        document.full_clean()


def test_an_attachment_records_its_name_type_size_pages_and_text(media_root):
    document = DocumentFactory()
    data = pdf_bytes("Phát triển nông thôn mới", "Chuyển đổi số")
    attachment = Attachment.objects.create(
        document=document, file=ContentFile(data, name="Quyết định số 5.pdf")
    )
    assert attachment.name == "Quyết định số 5.pdf"
    assert (attachment.extension, attachment.size, attachment.pages) == ("pdf", len(data), 2)
    assert attachment.text == "Phát triển nông thôn mới Chuyển đổi số"
    # Stored under a random name with the checked extension, never the uploaded one.
    [stored] = stored_files(media_root)
    assert stored.startswith(f"documents/{timezone.now():%Y/%m}/") and stored.endswith(".pdf")
    assert "Quy" not in stored


def test_the_files_text_is_searchable_with_the_documents_own_words():
    document = DocumentFactory(summary="Về công tác văn thư")
    AttachmentFactory(document=document, file=ContentFile(docx_bytes("Lưu trữ hồ sơ điện tử"), name="a.docx"))
    found = Document.objects.filter(search_vector="luu").values_list("pk", flat=True)
    assert list(found) == [document.pk]


def test_a_deleted_attachment_takes_its_file_and_its_text_with_it(
    media_root, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory(file=ContentFile(pdf_bytes("Phòng cháy rừng"), name="a.pdf"))
    document = attachment.document
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert stored_files(media_root) == []
    assert not Document.objects.filter(pk=document.pk, search_vector="chay").exists()


def test_a_replaced_file_is_read_again_and_the_old_one_deleted(
    media_root, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory(file=ContentFile(pdf_bytes("Một"), name="a.pdf"))
    attachment = Attachment.objects.get(pk=attachment.pk)
    old = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachment.file = ContentFile(docx_bytes("Hai"), name="b.docx")
        attachment.save()
    assert attachment.extension == "docx" and attachment.text == "Hai"
    assert old not in stored_files(media_root) and len(stored_files(media_root)) == 1


def test_saving_an_attachment_again_does_not_read_its_file_again(monkeypatch):
    attachment = Attachment.objects.get(pk=AttachmentFactory().pk)
    attachment.order = 3
    monkeypatch.setattr(MediaFileSystemStorage, "open", None)  # would fail if the file were opened
    attachment.save()
    assert attachment.extension == "pdf" and attachment.text
