"""Attached files: accepted only when the content is what the name says (portal.lib.files).

Hostile files are refused with a Vietnamese message that names the file and the limit, through the
model's validator, the admin's form and a plain save alike, and nothing is stored.
"""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import override_settings

from documents.models import Attachment
from portal.lib.files import ascii_filename, content_disposition, file_check, text_extract
from tests.documents.conftest import stored_files
from tests.factories import DocumentFactory, docx_bytes, pdf_bytes

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb():
    """300 MB of zeros in a few hundred kilobytes."""
    return zip_bytes({"bom.txt": b"\0" * (300 * 1024 * 1024)})


def xlsx_bytes():
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    return zip_bytes({"[Content_Types].xml": types, "xl/workbook.xml": "<workbook/>"})


def odt_bytes(mimetype=b"application/vnd.oasis.opendocument.text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def docm_bytes():
    """A Word file with macros renamed .docx: its main part declares the macro-enabled type."""
    real = zipfile.ZipFile(io.BytesIO(docx_bytes("Có macro")))
    entries = {info.filename: real.read(info) for info in real.infolist()}
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    return zip_bytes(entries)


HOSTILE = {
    "an HTML page renamed .pdf": ("bao-cao.pdf", HTML, "không phải là tệp PDF: nội dung là một trang HTML"),
    "an SVG image renamed .docx": ("quyet-dinh.docx", SVG, "không phải là tệp DOCX: nội dung là một ảnh SVG"),
    "a zip bomb": ("tai-lieu.zip", zip_bomb(), "tối đa 200 MB"),
    "a 200-page PDF": (
        "quy-hoach.pdf",
        pdf_bytes(*["Trang"] * 200),
        "có 200 trang: tệp PDF chỉ được tối đa 150",
    ),
    "a broken DOCX": (
        "hong.docx",
        docx_bytes("Văn bản")[:600],
        "không phải là tệp DOCX hợp lệ hoặc đã bị hỏng",
    ),
    "an HTML file": ("trang.html", HTML, "Chỉ nhận tệp PDF, Word (DOC, DOCX)"),
    "an SVG file": ("anh.svg", SVG, "Chỉ nhận tệp PDF"),
    "a script": ("chay.js", b"alert(1)", "Chỉ nhận tệp PDF"),
    "a program renamed .doc": (
        "cong-van.doc",
        b"MZ\x90\x00" + b"\0" * 512,
        "nội dung là một chương trình Windows",
    ),
    "a text file renamed .xls": ("bang.xls", "Số liệu".encode(), "không phải là tệp XLS hợp lệ"),
    "a DOCX with macros": ("macro.docx", docm_bytes(), "không phải là tệp DOCX hợp lệ"),
    "an ODS renamed .odt": (
        "van-ban.odt",
        odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet"),
        "ODT",
    ),
    "an empty file": ("rong.pdf", b"", "trống"),
    "a PDF whose tail is cut": ("cut.pdf", pdf_bytes("Một")[:300], "không phải là tệp PDF hợp lệ"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_in_vietnamese(case):
    name, data, message = HOSTILE[case]
    with pytest.raises(ValidationError) as refused:
        file_check(ContentFile(data, name=name))
    assert message in refused.value.messages[0], refused.value.messages
    assert name in refused.value.messages[0] or "Chỉ nhận" in refused.value.messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_saved_by_any_path_leaves_nothing_stored(case, media_root):
    name, data, _message = HOSTILE[case]
    document = DocumentFactory()
    attachment = Attachment(document=document, file=ContentFile(data, name=name))
    with pytest.raises(ValidationError):
        attachment.full_clean()
    with pytest.raises(ValidationError):
        attachment.save()  # a save that skipped the form (an import, a script) checks it too
    assert not Attachment.objects.exists()
    assert stored_files(media_root) == []


ACCEPTED = {
    "a PDF": ("quyet-dinh.pdf", pdf_bytes("Quyết định"), 1),
    "a DOCX": ("cong-van.docx", docx_bytes("Công văn"), None),
    "an XLSX": ("so-lieu.xlsx", xlsx_bytes(), None),
    "an ODT": ("van-ban.odt", odt_bytes(), None),
    "an old DOC": ("cu.doc", OLE2, None),
    "an old XLS": ("cu.xls", OLE2, None),
    "a ZIP": ("phu-luc.zip", zip_bytes({"a.txt": "Phụ lục " * 100}), None),
}


@pytest.mark.parametrize("case", ACCEPTED)
def test_files_whose_content_is_what_their_name_says_are_accepted(case):
    name, data, pages = ACCEPTED[case]
    checked = file_check(ContentFile(data, name=name.upper()))
    assert checked.extension == name.rsplit(".", 1)[1]
    assert checked.size == len(data)
    assert checked.pages == pages


@override_settings(
    PORTAL_FILE_MAX_MB={
        **dict.fromkeys(("doc", "docx", "xls", "xlsx", "odt", "ods"), 20),
        "pdf": 1,
        "zip": 1,
    }
)
def test_each_type_has_its_size_limit_and_the_message_names_it():
    with pytest.raises(ValidationError) as refused:
        file_check(ContentFile(b"%PDF-1.4" + b"\0" * (1024 * 1024 + 1), name="lon.pdf"))
    assert refused.value.messages == ["“lon.pdf” quá lớn: tệp PDF chỉ được tối đa 1 MB."]


@override_settings(PORTAL_ZIP_MAX_RATIO=10)
def test_a_package_that_unpacks_to_many_times_its_size_is_refused_however_small():
    with pytest.raises(ValidationError) as refused:
        file_check(ContentFile(zip_bytes({"a.txt": b"a" * 1_000_000}), name="nho.zip"))
    assert "tối đa 200 MB và 10 lần" in refused.value.messages[0]


@override_settings(PORTAL_ZIP_MAX_ENTRIES=10)
def test_a_package_of_too_many_files_is_refused():
    with pytest.raises(ValidationError) as refused:
        file_check(ContentFile(zip_bytes({f"{n}.txt": "x" for n in range(11)}), name="nhieu.zip"))
    assert "11 tệp" in refused.value.messages[0]


def test_the_text_of_pdf_and_docx_files_is_read_in_nfc_and_cut_at_the_limit():
    pdf = ContentFile(pdf_bytes("Nông thôn mới", "Chuyển đổi số"), name="a.pdf")
    assert text_extract(pdf, "pdf") == ("Nông thôn mới Chuyển đổi số", False)
    decomposed = "Đa\u0300ng bộ"  # "Đàng" typed with a combining grave accent
    docx = ContentFile(docx_bytes(decomposed, "x" * 50), name="a.docx")
    text, cut = text_extract(docx, "docx", limit=20)
    assert text.startswith("Đàng bộ") and len(text) <= 20 and cut


def test_a_file_whose_text_cannot_be_read_has_none():
    assert text_extract(ContentFile(xlsx_bytes(), name="a.xlsx"), "xlsx") == ("", False)
    assert text_extract(ContentFile(b"%PDF-1.4 garbage", name="a.pdf"), "pdf") == ("", False)


def test_downloads_carry_an_ascii_fallback_and_the_exact_name_per_rfc_6266():
    header = content_disposition("Quyết định số 12/QĐ-UBND.pdf")
    assert header == (
        'attachment; filename="Quyet dinh so 12-QD-UBND.pdf"; '
        "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%2012-Q%C4%90-UBND.pdf"
    )
    assert content_disposition('a"b\\c\r\n.pdf', inline=True).startswith('inline; filename="a_b-c .pdf"')
    assert ascii_filename("Đề án.docx") == "De an.docx"
    assert ascii_filename("文件.pdf") == "tep.pdf"
