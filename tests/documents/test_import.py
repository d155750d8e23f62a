"""`manage.py documents_import`: a legacy portal's documents, whole rows or nothing, run again safely."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from documents.models import Attachment, Document, DocumentEvent, IssuingBody, LegalStatus, Sector
from tests.documents.conftest import stored_files
from tests.factories import DocumentFactory, IssuingBodyFactory, docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

HEADER = ",".join(
    [
        "number", "type", "issuing_body", "issued_on", "summary", "effective_on", "expires_on", "signer",
        "signer_position", "sector", "legal_status", "files",
    ]
)  # fmt: skip
ROWS = [
    (
        '42/2022/NĐ-CP,Nghị định,Chính phủ,24/06/2022,"Quy định về cung cấp thông tin, dịch vụ công trực '
        'tuyến",01/08/2022,,,Thủ tướng,Thông tin và truyền thông,,nd42.pdf;phu-luc.docx'
    ),
    (
        "43/2011/NĐ-CP,nghị định,Chính phủ,2011-06-13,Quy định về cung cấp thông tin trên cổng thông tin,"
        ",,,,,Hết hiệu lực,"
    ),
    "12/CT-UBND,Chỉ thị,Ủy ban nhân dân tỉnh Sơn La,05/03/2024,Về phòng cháy chữa cháy rừng,,,,,,,ct12.pdf",
]


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "tep"
    folder.mkdir()
    (folder / "nd42.pdf").write_bytes(pdf_bytes("Cổng thông tin điện tử của cơ quan nhà nước"))
    (folder / "phu-luc.docx").write_bytes(docx_bytes("Danh mục thông tin công khai"))
    (folder / "ct12.pdf").write_bytes(pdf_bytes("Phòng cháy, chữa cháy rừng mùa khô"))
    (folder / "trang.pdf").write_bytes(b"<html><script>alert(1)</script></html>")
    return folder


def csv_file(tmp_path, *rows, name="van-ban.csv"):
    path = tmp_path / name
    path.write_text("\ufeff" + "\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def run(path, files=None, *args):
    out = io.StringIO()
    options = ["--files", str(files)] if files else []
    call_command("documents_import", str(path), *options, *args, stdout=out, verbosity=1)
    return out.getvalue()


def test_it_imports_documents_with_their_files_and_logs_each(tmp_path, files, media_root):
    output = run(csv_file(tmp_path, *ROWS), files)
    assert output.strip() == "Đã nhập 3 văn bản, 0 văn bản đã có, từ chối 0 dòng."
    nd42 = Document.objects.get(number_key="422022ndcp")
    assert (nd42.document_type.name, nd42.issuing_body.name, str(nd42.issued_on)) == (
        "Nghị định",
        "Chính phủ",
        "2022-06-24",
    )
    assert nd42.is_public and nd42.sector == Sector.objects.get(name="Thông tin và truyền thông")
    assert [(a.name, a.role) for a in nd42.attachments.all()] == [
        ("nd42.pdf", "full_text"),
        ("phu-luc.docx", "annex"),
    ]
    assert Document.objects.filter(search_vector="cong").count() == 2  # the text of the files is searchable
    assert Document.objects.get(number_key="432011ndcp").legal_status == LegalStatus.EXPIRED
    assert len(stored_files(media_root)) == 3
    assert DocumentEvent.objects.filter(action="import").count() == 3
    assert IssuingBody.objects.count() == 2  # "Chính phủ" made once, then found again


def test_a_second_run_imports_nothing_again(tmp_path, files, media_root):
    path = csv_file(tmp_path, *ROWS)
    run(path, files)
    before = stored_files(media_root)
    assert run(path, files).strip() == "Đã nhập 0 văn bản, 3 văn bản đã có, từ chối 0 dòng."
    assert Document.objects.count() == 3 and stored_files(media_root) == before


def test_a_number_already_there_for_the_body_and_year_is_skipped_however_written(tmp_path, files):
    DocumentFactory(
        number="12/CT-UBND",
        issuing_body=IssuingBodyFactory(name="Ủy ban nhân dân tỉnh Sơn La"),
        issued_on=date(2024, 1, 2),
    )
    output = run(csv_file(tmp_path, ROWS[2].replace("12/CT-UBND", "12-ct-ubnd")), files)
    assert "0 văn bản, 1 văn bản đã có" in output.replace("Đã nhập ", "")


REFUSED = {
    "an unknown type": (ROWS[2].replace("Chỉ thị", "Chỉ thi"), "không có loại văn bản “Chỉ thi”"),
    "a bad date": (
        ROWS[2].replace("05/03/2024", "31/02/2024"),
        "“31/02/2024” ở cột “issued_on” không phải là ngày",
    ),
    "no summary": (ROWS[2].replace("Về phòng cháy chữa cháy rừng", ""), "cột “summary” để trống"),
    "a hostile file": (
        ROWS[2].replace("ct12.pdf", "trang.pdf"),
        "“trang.pdf” không phải là tệp PDF: nội dung là một trang HTML",
    ),
    "a missing file": (
        ROWS[2].replace("ct12.pdf", "khong-co.pdf"),
        "không có tệp “khong-co.pdf” trong thư mục tệp",
    ),
    "a file outside the folder": (
        ROWS[2].replace("ct12.pdf", "../van-ban.csv"),
        "không có tệp “../van-ban.csv”",
    ),
    "a bad legal status": (
        ROWS[2].replace(",,ct12.pdf", ",Sắp hết,ct12.pdf"),
        "“Sắp hết” không phải là tình trạng hiệu lực",
    ),
    "expiry before effect": (
        "12/CT-UBND,Chỉ thị,Ủy ban nhân dân tỉnh Sơn La,05/03/2024,Về phòng cháy,,01/01/2024,,,,,ct12.pdf",
        "Ngày hết hiệu lực phải sau",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_row_is_reported_with_its_reason_and_leaves_nothing(tmp_path, files, media_root, case):
    row, reason = REFUSED[case]
    output = run(csv_file(tmp_path, ROWS[1], row), files)
    assert "dòng 3 (12/CT-UBND): bị từ chối: " in output and reason in output, output
    assert "Đã nhập 1 văn bản, 0 văn bản đã có, từ chối 1 dòng." in output
    assert list(Document.objects.values_list("number", flat=True)) == ["43/2011/NĐ-CP"]
    assert stored_files(media_root) == []


def test_a_row_whose_second_file_is_refused_stores_not_even_its_first(tmp_path, files, media_root):
    output = run(csv_file(tmp_path, ROWS[0].replace("phu-luc.docx", "trang.pdf")), files)
    assert "bị từ chối" in output
    assert (
        not Document.objects.exists() and not Attachment.objects.exists() and stored_files(media_root) == []
    )


def test_a_dry_run_checks_everything_and_stores_nothing(tmp_path, files, media_root):
    output = run(csv_file(tmp_path, *ROWS), files, "--dry-run")
    assert "Đã nhập 3 văn bản" in output and "Chạy thử" in output
    assert not Document.objects.exists() and not IssuingBody.objects.exists()
    assert stored_files(media_root) == []


def test_a_failure_midway_rolls_everything_back_and_deletes_the_stored_files(
    tmp_path, files, media_root, monkeypatch
):
    from documents.management.commands import documents_import

    calls = []
    original = documents_import.Command.row_handle

    def failing(self, line, row, status, stored):
        calls.append(line)
        if len(calls) == 3:
            raise RuntimeError("mất điện")
        return original(self, line, row, status, stored)

    monkeypatch.setattr(documents_import.Command, "row_handle", failing)
    with pytest.raises(RuntimeError):
        run(csv_file(tmp_path, *ROWS), files)
    assert not Document.objects.exists() and stored_files(media_root) == []


def test_imported_documents_can_be_drafts_for_review(tmp_path, files):
    run(csv_file(tmp_path, ROWS[2]), files, "--status", "draft")
    assert Document.objects.get().status == Document.Status.DRAFT


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("number,type\n1/QĐ,Quyết định\n", "lacks the column(s) issuing_body, issued_on, summary"),
        (HEADER + ",ghi_chu\n", "unknown column(s) ghi_chu"),
    ],
)
def test_a_file_with_the_wrong_columns_is_refused_whole(tmp_path, content, message):
    path = tmp_path / "sai.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(path)


def test_files_named_without_a_files_folder_refuse_the_row(tmp_path):
    output = run(csv_file(tmp_path, ROWS[2]))
    assert "dòng có tên tệp nhưng không có thư mục --files" in output
