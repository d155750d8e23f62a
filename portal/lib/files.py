"""Attached files (“Tệp đính kèm”): what is accepted, the names they are stored and downloaded under,
and the text read from them for search. Documents use them today; articles and static pages can later.

A file is accepted only when its content is what its name says, checked by its bytes, never by the
type the browser sent:

    .pdf                  starts with "%PDF-", opens with pypdf, no password, at most
                          PORTAL_PDF_MAX_PAGES pages
    .doc, .xls            an OLE2 compound file (Office 97–2003) by its first eight bytes
    .docx, .xlsx          a ZIP package whose [Content_Types].xml names a Word document (an Excel
                          workbook) as its main part, macros not allowed; a DOCX must open with
                          python-docx, a workbook part must be well-formed XML
    .odt, .ods            a ZIP package whose first entry `mimetype` names an OpenDocument text
                          (spreadsheet), with its content.xml
    .zip                  a ZIP archive that can be read

Every ZIP package (the five above and ZIP itself) is refused when it would unpack to more than
PORTAL_ZIP_MAX_UNPACKED_MB, or to more than PORTAL_ZIP_MAX_RATIO times its size, or holds more than
PORTAL_ZIP_MAX_ENTRIES entries: a zip bomb. HTML, SVG and scripts are refused whatever they are
named, as every other extension is. Each type has its size limit (PORTAL_FILE_MAX_MB) and every
refusal is a ValidationError whose Vietnamese message names the file and the limit.

The acceptance rests on the structural checks above. puremagic (a database of several hundred
magic numbers) only names what a refused file really is ("its content is an HTML page"), so that
whoever uploaded it knows what went wrong.

A stored file gets a random name with the extension checked here: it is served only as the type of
portal.lib.storage.MEDIA_CONTENT_TYPES, and readers download it under its original name
(content_disposition).
"""

import io
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

import puremagic
from defusedxml import ElementTree
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pypdf import PasswordType, PdfReader

from portal.lib.images import is_stored

MB = 1024 * 1024
ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip")
# The two whose text is read for search (pypdf, python-docx).
TEXT_EXTENSIONS = ("pdf", "docx")

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_PACKAGES = ("docx", "xlsx", "odt", "ods", "zip")
# Parts of office files are parsed with defusedxml: no entity expansion, no external entity.
# The content type of the main part of each Office Open XML package: a macro-enabled Word file
# (.docm renamed .docx) declares another one and is refused.
OOXML_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# A part read whole to be checked ([Content_Types].xml, a workbook part): larger is not an office file.
_PART_MAX_BYTES = 5 * MB
_HEAD_BYTES = 8192

# What a refused file really is, for the message. Our own look at its first bytes comes first (markup
# and scripts, which puremagic names less surely), then puremagic's best guess by extension.
_CONTENT_NAMES = {
    "html": _("an HTML page"),
    "svg": _("an SVG image"),
    "xml": _("an XML file"),
    "script": _("a script"),
    "exe": _("a Windows program"),
    "image": _("an image"),
    "pdf": _("a PDF document"),
    "zip": _("a ZIP archive"),
    "ole2": _("an Office 97–2003 document"),
    "ooxml": _("an Office document"),
}
_PUREMAGIC_NAMES = {
    ".html": "html", ".htm": "html", ".svg": "svg", ".xml": "xml", ".js": "script", ".exe": "exe",
    ".dll": "exe", ".jpg": "image", ".png": "image", ".gif": "image", ".webp": "image", ".bmp": "image",
    ".pdf": "pdf", ".zip": "zip", ".doc": "ole2", ".xls": "ole2", ".msi": "ole2", ".docx": "ooxml",
    ".xlsx": "ooxml", ".pptx": "ooxml",
}  # fmt: skip
_MARKUP = re.compile(rb"^\s*(<\?xml|<!--|<!doctype|<html|<svg|<script|<head|<body|<)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class CheckedFile:
    """What file_check found: the extension (its type), the size in bytes, a PDF's page count."""

    extension: str
    size: int
    pages: int | None = None


def extension_of(name):
    return PurePosixPath(name or "").suffix.lower().lstrip(".")


def _refused(message, code, **params):
    return ValidationError(message, code=code, params=params)


def _head(file, size=_HEAD_BYTES):
    file.seek(0)
    try:
        return file.read(size)
    finally:
        file.seek(0)


def content_named(head):
    """What the bytes `head` look like, as the message says it ("an HTML page"), or "" when unknown."""
    match = _MARKUP.match(head.removeprefix(b"\xef\xbb\xbf"))
    if match:
        opening = match[1].lower()
        if opening.startswith(b"<svg") or b"<svg" in head[:2048].lower():
            return str(_CONTENT_NAMES["svg"])
        if opening == b"<?xml":
            return str(_CONTENT_NAMES["xml"])
        if opening == b"<script":
            return str(_CONTENT_NAMES["script"])
        return str(_CONTENT_NAMES["html"])
    if head.lstrip().startswith(b"#!"):
        return str(_CONTENT_NAMES["script"])
    try:
        guesses = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        return ""
    for guess in guesses:
        if guess.extension in _PUREMAGIC_NAMES:
            return str(_CONTENT_NAMES[_PUREMAGIC_NAMES[guess.extension]])
    return ""


# The content each extension should have, as content_named() names it: a damaged DOCX is still "an
# Office document", and the message then says it is damaged rather than something else.
_FAMILIES = {
    "pdf": {"pdf"}, "doc": {"ole2"}, "xls": {"ole2"}, "docx": {"ooxml", "zip"}, "xlsx": {"ooxml", "zip"},
    "odt": {"zip"}, "ods": {"zip"}, "zip": {"zip", "ooxml"},
}  # fmt: skip


def _not_what_it_says(name, extension, head):
    content = content_named(head)
    label = extension.upper()
    if content and content not in {str(_CONTENT_NAMES[family]) for family in _FAMILIES[extension]}:
        return _refused(
            _("“%(name)s” is not a %(kind)s file: its content is %(content)s."),
            "file_content",
            name=name,
            kind=label,
            content=content,
        )
    return _refused(
        _("“%(name)s” is not a valid %(kind)s file, or it is damaged."), "file_invalid", name=name, kind=label
    )


def file_check(file, *, extensions=ATTACHMENT_EXTENSIONS):
    """Check an uploaded `file` as the module docstring says; a CheckedFile, or a ValidationError."""
    name = PurePosixPath(getattr(file, "name", "") or "").name
    extension = extension_of(name)
    if extension not in extensions:
        raise _refused(
            _(
                "Only PDF, Word (DOC, DOCX), Excel (XLS, XLSX), OpenDocument (ODT, ODS) or ZIP files are "
                "accepted (“%(name)s” was not)."
            ),
            "file_extension",
            name=name,
        )
    size = getattr(file, "size", None)
    limit = settings.PORTAL_FILE_MAX_MB[extension]
    if size is not None and size > limit * MB:
        raise _refused(
            _("“%(name)s” is too large: a %(kind)s file may be at most %(limit)s MB."),
            "file_too_large",
            name=name,
            kind=extension.upper(),
            limit=limit,
        )
    head = _head(file)
    if not head:
        raise _refused(_("“%(name)s” is empty."), "file_empty", name=name)
    pages = None
    if extension == "pdf":
        pages = _pdf_check(file, name, head)
    elif extension in ("doc", "xls"):
        if not head.startswith(OLE2_MAGIC):
            raise _not_what_it_says(name, extension, head)
    else:
        _package_check(file, name, extension, head)
    file.seek(0)
    return CheckedFile(extension=extension, size=size if size is not None else _size_of(file), pages=pages)


def _size_of(file):
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def _pdf_open(file):
    """A PdfReader of `file`, decrypted when it needs no password; None when it needs one."""
    file.seek(0)
    reader = PdfReader(file)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        return None
    return reader


def _pdf_check(file, name, head):
    if not head.startswith(PDF_MAGIC):
        raise _not_what_it_says(name, "pdf", head)
    try:
        reader = _pdf_open(file)
        pages = None if reader is None else len(reader.pages)
    except Exception as error:
        # pypdf reads hostile bytes: whatever it raises (its own errors, but also ValueError,
        # KeyError, RecursionError on a crafted file) means the file is not a PDF we can use.
        raise _not_what_it_says(name, "pdf", head) from error
    finally:
        file.seek(0)
    if reader is None:
        raise _refused(
            _("“%(name)s” is protected by a password: attach a PDF that opens without one."),
            "pdf_password",
            name=name,
        )
    limit = settings.PORTAL_PDF_MAX_PAGES
    if pages > limit:
        raise _refused(
            _(
                "“%(name)s” has %(pages)s pages: a PDF may have at most %(limit)s. Attach its annexes "
                "as separate files."
            ),
            "pdf_too_many_pages",
            name=name,
            pages=pages,
            limit=limit,
        )
    if pages == 0:
        raise _not_what_it_says(name, "pdf", head)
    return pages


def _package_check(file, name, extension, head):
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise _not_what_it_says(name, extension, head) from error
    with archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        packed = max(1, sum(entry.compress_size for entry in entries))
        if len(entries) > settings.PORTAL_ZIP_MAX_ENTRIES:
            raise _refused(
                _("“%(name)s” holds %(entries)s files: a package may hold at most %(limit)s."),
                "zip_entries",
                name=name,
                entries=len(entries),
                limit=settings.PORTAL_ZIP_MAX_ENTRIES,
            )
        if (
            unpacked > settings.PORTAL_ZIP_MAX_UNPACKED_MB * MB
            or unpacked > settings.PORTAL_ZIP_MAX_RATIO * packed
        ):
            raise _refused(
                _(
                    "“%(name)s” would unpack to %(unpacked)s MB, %(ratio)s times its size: at most "
                    "%(limit)s MB and %(max_ratio)s times are accepted."
                ),
                "zip_bomb",
                name=name,
                unpacked=-(-unpacked // MB),
                ratio=unpacked // packed,
                limit=settings.PORTAL_ZIP_MAX_UNPACKED_MB,
                max_ratio=settings.PORTAL_ZIP_MAX_RATIO,
            )
        try:
            if extension in OOXML_MAIN_TYPES:
                main = _ooxml_main_part(archive, OOXML_MAIN_TYPES[extension])
                if extension == "docx":
                    _docx_open(file)
                else:
                    ElementTree.fromstring(_part_read(archive, main))
            elif extension in ODF_MIMETYPES:
                first = entries[0] if entries else None
                if first is None or first.filename != "mimetype" or first.file_size > 200:
                    raise ValueError("no mimetype entry first")
                if archive.read(first).strip() != ODF_MIMETYPES[extension]:
                    raise ValueError("another OpenDocument type")
                archive.getinfo("content.xml")
        except Exception as error:
            # The parts are hostile bytes too: a missing part, bad XML, a bad CRC all mean "not this type".
            raise _not_what_it_says(name, extension, head) from error
        finally:
            file.seek(0)


def _part_read(archive, part_name):
    info = archive.getinfo(part_name)
    if info.file_size > _PART_MAX_BYTES:
        raise ValueError(f"{part_name} is too large to check")
    return archive.read(info)


def _ooxml_main_part(archive, main_type):
    """The name of the package's main part, which [Content_Types].xml must declare as `main_type`."""
    types = ElementTree.fromstring(_part_read(archive, "[Content_Types].xml"))
    for override in types.iter(f"{_CONTENT_TYPES_NS}Override"):
        if override.get("ContentType") == main_type:
            part = (override.get("PartName") or "").lstrip("/")
            archive.getinfo(part)
            return part
    raise ValueError("no main part of the expected type")


def _docx_open(file):
    import docx  # python-docx loads lxml: only when a DOCX is checked or read

    file.seek(0)
    return docx.Document(file)


def validate_attachment(file):
    """Model and form validator of attached files (see file_check); a stored file is not read again."""
    if not is_stored(file):
        file_check(file)


# Text for search --------------------------------------------------------------------------------


def _text_clean(text):
    """NFC, no control characters (PostgreSQL refuses NUL), white space folded to single spaces."""
    return " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", text)).split())


def text_extract(file, extension, *, limit=None):
    """(text, cut): the words inside a checked PDF or DOCX, at most `limit` characters
    (PORTAL_FILE_TEXT_MAX_CHARS), and whether there was more. Other types, and a PDF whose text
    cannot be read (a scan without a text layer), give ("", False); a page that fails is skipped."""
    limit = settings.PORTAL_FILE_TEXT_MAX_CHARS if limit is None else limit
    parts, length = [], 0
    try:
        for chunk in _text_chunks(file, extension):
            chunk = _text_clean(chunk)
            if not chunk:
                continue
            parts.append(chunk)
            length += len(chunk) + 1
            if length > limit:
                break
    finally:
        file.seek(0)
    text = " ".join(parts)
    return text[:limit].rstrip(), len(text) > limit


def _text_chunks(file, extension):
    if extension == "pdf":
        try:
            reader = _pdf_open(file)
        except Exception:
            return  # checked on upload; a file that fails now has simply no text to offer
        for page in reader.pages if reader else []:
            try:
                yield page.extract_text() or ""
            except Exception:  # noqa: S112 - one unreadable page (a broken font) leaves the others
                continue
    elif extension == "docx":
        try:
            document = _docx_open(file)
        except Exception:
            return
        for paragraph in document.paragraphs:
            yield paragraph.text
        for table in document.tables:
            for row in table.rows:
                yield " ".join(cell.text for cell in row.cells)


# Names ------------------------------------------------------------------------------------------


def clean_filename(name, *, max_length=200):
    """The name a file is shown and downloaded under: NFC, without control characters, slashes made
    dashes ("12/QĐ-UBND.pdf" is no path), at most `max_length` characters with its extension kept."""
    name = _text_clean(str(name).replace("/", "-").replace("\\", "-")).strip(". ")
    if len(name) <= max_length:
        return name
    suffix = PurePosixPath(name).suffix[:10]
    return name[: max_length - len(suffix)].rstrip() + suffix


def stored_name(folder, filename):
    """A new random name under `folder`/year/month, with `filename`'s extension when it is one of the
    accepted types (the file was checked) and .bin, served as a download, when it is not."""
    extension = extension_of(filename)
    if extension not in ATTACHMENT_EXTENSIONS:
        extension = "bin"
    return f"{folder.strip('/')}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_FALLBACK_UNSAFE = re.compile(r"[^A-Za-z0-9 ._()-]+")


def ascii_filename(name):
    """`name` in ASCII for old clients: "Quyết định số 12.pdf" -> "Quyet dinh so 12.pdf"."""
    folded = unicodedata.normalize("NFKD", name.translate(_D_STROKE))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    plain = " ".join(_FALLBACK_UNSAFE.sub("_", plain).split()).strip("._ ")
    suffix = PurePosixPath(name).suffix.encode("ascii", "ignore").decode()
    return plain if plain and plain != suffix.strip(".") else f"tep{suffix}"


def content_disposition(filename, *, inline=False):
    """The Content-Disposition header of RFC 6266 for `filename`: an ASCII fallback first, then the
    exact name in UTF-8 (RFC 8187), which every current browser prefers."""
    filename = clean_filename(filename) or "tep"
    disposition = "inline" if inline else "attachment"
    return (
        f"{disposition}; filename=\"{ascii_filename(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
