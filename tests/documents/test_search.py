"""Search: a number however it is typed, exact number first; words of the summary and of the files."""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from documents.models import Document
from documents.search import search_documents
from tests.factories import AttachmentFactory, DocumentFactory, DocumentTypeFactory, docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def found(terms):
    return list(search_documents(Document.objects.published(), terms))


@pytest.fixture
def numbers():
    ket_luan = DocumentTypeFactory(name="Kết luận")
    return {
        "44": DocumentFactory(document_type=ket_luan, number="44-KL/TW", summary="Về an ninh Tổ quốc"),
        "144": DocumentFactory(document_type=ket_luan, number="144-KL/TW", summary="Về công tác dân vận"),
        "44x": DocumentFactory(number="44-KL/TWX", summary="Kết luận số 44 về việc khác"),
        "cites": DocumentFactory(number="150-KH/TU", summary="Thực hiện Kết luận 44-KL/TW của Ban Bí thư"),
    }


@pytest.mark.parametrize(
    "typed", ["44 kl tw", "44-KL/TW", "44/KL-TW", "44KLTW", "  44 - kl / tw  ", "Kết luận 44-KL/TW"]
)
def test_a_number_typed_any_way_finds_the_document_first(numbers, typed):
    results = found(typed)
    assert results[0] == numbers["44"], typed
    assert numbers["144"] not in results[:1]


def test_the_exact_number_ranks_before_longer_numbers_and_documents_citing_it(numbers):
    results = found("44-KL/TW")
    assert results[0] == numbers["44"]
    assert set(results[1:]) >= {numbers["cites"]}  # its summary cites the number
    assert numbers["144"] not in results


def test_the_start_of_a_number_finds_the_numbers_it_starts(numbers):
    nghi_dinh = DocumentFactory(number="42/2022/NĐ-CP", issued_on=date(2022, 6, 24))
    assert found("42/2022") == [nghi_dinh]
    assert numbers["44x"] in found("44 kl tw")  # 44kltwx starts with 44kltw: found, after the exact one


def test_words_are_found_without_accents_and_whatever_the_case():
    document = DocumentFactory(summary="Phê duyệt Kế hoạch chuyển đổi số tỉnh Sơn La")
    DocumentFactory(summary="Về công tác văn thư")
    assert found("chuyen doi so") == [document]
    assert found("CHUYỂN ĐỔI SỐ") == [document]


def test_words_inside_the_attached_pdf_and_docx_files_are_found():
    in_pdf = DocumentFactory(summary="Quyết định phê duyệt")
    AttachmentFactory(
        document=in_pdf, file=ContentFile(pdf_bytes("Xây dựng hồ chứa nước Bản Mòng"), name="a.pdf")
    )
    in_docx = DocumentFactory(summary="Công văn hướng dẫn")
    AttachmentFactory(
        document=in_docx, file=ContentFile(docx_bytes("Tiêm chủng mở rộng cho trẻ em"), name="b.docx")
    )
    assert found("ho chua nuoc") == [in_pdf]
    assert found("tiêm chủng") == [in_docx]


def test_the_type_name_and_the_parts_of_a_number_are_words_too():
    nghi_dinh = DocumentFactory(
        document_type=DocumentTypeFactory(name="Nghị định"),
        number="42/2022/NĐ-CP",
        issued_on=date(2022, 6, 24),
    )
    assert found("nghị định 42") == [nghi_dinh]


def test_the_summary_ranks_above_the_files():
    in_summary = DocumentFactory(summary="Phòng cháy rừng mùa khô", issued_on=date(2020, 1, 1))
    in_file = DocumentFactory(summary="Chỉ thị của Chủ tịch", issued_on=date(2024, 1, 1))
    AttachmentFactory(document=in_file, file=ContentFile(pdf_bytes("Phòng cháy rừng"), name="a.pdf"))
    assert found("phong chay rung") == [in_summary, in_file]
