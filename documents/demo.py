"""Demo documents for `manage.py load_demo_data`: about thirty documents of a province, Sơn La.

The content is in `demo_data/` beside this module, for writers to edit: lookups.json (the issuing
bodies and fields) and documents.json (the keys: DOCUMENT_FIELDS below). Each document's files are
written at load time, PDFs with fpdf2 (DejaVu Sans, for the Vietnamese letters) and DOCX files with
python-docx, holding the record's "text": real text, which the search then finds inside the files.
Among them: the Kết luận 44-KL/TW and Chỉ thị 09-CT/TW a demo article cites, documents replacing,
amending and guiding others, two drafts for consultation (one open, one closed), one awaiting review
and one still a draft (neither public).

Dates are yyyy-mm-dd, or "today-3" / "today+12" for a document whose status depends on today.
Documents are keyed on their issuing body, number and year (drafts: their summary), never changed
once they exist: a second run creates nothing and stores no file.
"""

import functools
import io
import logging
from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import (
    Attachment,
    Document,
    DocumentEvent,
    DocumentRelation,
    DocumentType,
    IssuingBody,
    LegalStatus,
    Sector,
)
from documents.numbers import number_key
from portal.lib import demo as lib

DATA = Path(__file__).with_name("demo_data")
JOURNALIST, EDITOR = "phongvien", "bientap"  # made by accounts' demo loader, which runs first
FONT_FOLDER = Path("/usr/share/fonts/truetype/dejavu")
PARTY_BODIES = ("Ban Chấp hành", "Ban Bí thư", "Tỉnh ủy")


def demo_date(value):
    """yyyy-mm-dd, or today±N days."""
    if value.startswith("today"):
        days = int(value.removeprefix("today") or 0)
        return timezone.localdate() + timedelta(days=days)
    return datetime.strptime(value, "%Y-%m-%d").date()


def _record_list(value):
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ValueError(f"expected a list of objects, found {value!r}")
    return value


DOCUMENT_FIELDS = {
    "type": str,  # a type of migration 0002
    "number": str,  # "" for a draft without one
    "issuer": str,  # one of lookups.json's issuing bodies
    "issued": (demo_date, None),
    "effective": (demo_date, None),
    "expires": (demo_date, None),
    "signer": (str, ""),
    "position": (str, ""),
    "sector": (str, None),  # one of lookups.json's fields
    "summary": str,
    "legal_status": (lib.one_of("", *LegalStatus.values), ""),
    "draft": (bool, False),  # a draft for public consultation, open from "opens" to "closes"
    "opens": (demo_date, None),
    "closes": (demo_date, None),
    "state": (lib.one_of("public", "pending", "draft"), "public"),
    "relations": (_record_list, []),  # [{"kind": "replaces", "number": "43/2011/NĐ-CP", "year": 2011}]
    "files": (_record_list, []),  # [{"name": "….pdf", "format": "pdf"|"docx", "role": "annex"}]
    "text": lib.texts,  # the paragraphs of its files
    "body": (str, ""),  # an optional HTML text shown on the page
}
FILE_KEYS = {"name", "format", "role"}
RELATION_KEYS = {"kind", "number", "year"}


def load(*, stdout, verbosity, dry_run):
    """Create the demo issuing bodies, fields and documents that are missing; a one-line summary."""
    lookups = lib.record_read(DATA / "lookups.json", {"issuing_bodies": lib.texts, "sectors": lib.texts})
    records = lib.records_read(DATA / "documents.json", DOCUMENT_FIELDS)
    bodies = _lookups_load(IssuingBody, lookups.issuing_bodies)
    sectors = _lookups_load(Sector, lookups.sectors)
    DocumentType.objects.defaults_ensure()
    types = {document_type.name: document_type for document_type in DocumentType.objects.all()}
    for record in records:
        _record_check(record, types, bodies, sectors)
    users = {
        user.username: user for user in get_user_model().objects.filter(username__in=[JOURNALIST, EDITOR])
    }

    known, created, files = {}, [], 0
    for record in records:
        document = _existing(record, bodies)
        if document is None:
            document = _document_create(record, types, bodies, sectors, users)
            files += _files_attach(document, record)
            created.append((document, record))
            if verbosity >= 2:
                stdout.write(f"  + document [{record.state}] {document}")
        if record.number:
            known[(number_key(record.number), document.issued_on.year)] = document
    for document, record in created:
        for relation in record.relations:
            target = known.get((number_key(relation["number"]), relation["year"]))
            if target is None:
                raise lib.DemoDataError(
                    f"{record.where}: no demo document {relation['number']} of {relation['year']}"
                )
            DocumentRelation.objects.get_or_create(source=document, kind=relation["kind"], target=target)
    if not created:
        return f"nothing new ({len(records)} documents already there)"
    return f"{len(created)} documents with {files} files created, {len(records) - len(created)} already there"


def _lookups_load(model, names):
    rows = {}
    for order, name in enumerate(names, start=1):
        rows[name], _created = model.objects.get_or_create(name=name, defaults={"order": order * 10})
    return rows


def _record_check(record, types, bodies, sectors):
    problems = []
    if record.type not in types:
        problems.append(f"'type': {record.type!r} is not a document type")
    if record.issuer not in bodies:
        problems.append(f"'issuer': {record.issuer!r} is not in lookups.json")
    if record.sector is not None and record.sector not in sectors:
        problems.append(f"'sector': {record.sector!r} is not in lookups.json")
    if not record.draft and not (record.number and record.issued):
        problems.append("an issued document needs a 'number' and an 'issued' date")
    for spec in record.files:
        if set(spec) - FILE_KEYS or "name" not in spec or spec.get("format", "pdf") not in {"pdf", "docx"}:
            problems.append(f"'files': {spec!r} needs a name, and only a format pdf or docx and a role")
        elif spec.get("role", Attachment.Role.FULL_TEXT) not in Attachment.Role.values:
            problems.append(f"'files': {spec['role']!r} is not a role")
    for relation in record.relations:
        if set(relation) != RELATION_KEYS or relation["kind"] not in DocumentRelation.Kind.values:
            problems.append(f"'relations': {relation!r} needs a kind, a number and a year")
    if problems:
        raise lib.DemoDataError(f"{record.where}: {'; '.join(problems)}")


def _existing(record, bodies):
    documents = Document.objects.filter(issuing_body=bodies[record.issuer])
    if record.number:
        return documents.filter(number_key=number_key(record.number), issued_year=record.issued.year).first()
    return documents.filter(is_draft=True, summary=record.summary).first()


def _moment(day):
    return timezone.make_aware(datetime.combine(day, time(8))) if day else None


def _document_create(record, types, bodies, sectors, users):
    status = {
        "public": Document.Status.PUBLISHED,
        "pending": Document.Status.PENDING,
        "draft": Document.Status.DRAFT,
    }[record.state]
    issued = record.issued
    published = _moment(issued) if issued else timezone.now() - timedelta(days=11)
    document = Document(
        document_type=types[record.type],
        number=record.number,
        issuing_body=bodies[record.issuer],
        signer=record.signer,
        signer_position=record.position,
        sector=sectors.get(record.sector),
        issued_on=issued,
        effective_on=record.effective,
        expires_on=record.expires,
        legal_status=record.legal_status,
        summary=record.summary,
        body=record.body,
        is_draft=record.draft,
        consultation_opens_at=_moment(record.opens),
        consultation_closes_at=_moment(record.closes),
        status=status,
        published_at=min(published, timezone.now()),
        created_by=users.get(JOURNALIST),
    )
    # Demo content passes the checks an editor's would.
    document.full_clean()
    document.save()
    events = {
        Document.Status.PUBLISHED: (DocumentEvent.Action.APPROVE, Document.Status.PENDING, EDITOR),
        Document.Status.PENDING: (DocumentEvent.Action.SUBMIT, Document.Status.DRAFT, JOURNALIST),
    }
    if status in events:
        action, from_status, actor = events[status]
        DocumentEvent.objects.create(
            document=document,
            action=action,
            from_status=from_status,
            to_status=status,
            actor=users.get(actor),
            created_at=document.published_at,
        )
    return document


def _files_attach(document, record):
    for order, spec in enumerate(record.files):
        role = spec.get("role", Attachment.Role.FULL_TEXT)
        paragraphs = record.text
        if role == Attachment.Role.ANNEX:
            paragraphs = [f"Phụ lục kèm theo {document.title}.", *record.text[:1]]
        elif role == Attachment.Role.CONSULTATION_REPORT:
            paragraphs = [
                f"Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý: {record.summary}.",
                record.text[-1],
            ]
        writer = docx_bytes if spec.get("format", "pdf") == "docx" else pdf_bytes
        data = writer(document=document, title=spec["name"].rsplit(".", 1)[0], paragraphs=paragraphs)
        attachment = Attachment(
            document=document,
            file=ContentFile(data, name=spec["name"]),
            name=spec["name"],
            role=role,
            order=order,
        )
        attachment.save()  # checked and read like an upload (portal.lib.files)
        lib.file_stored(attachment.file.name)
    return len(record.files)


def _letterhead(document):
    """The lines at the top of a Vietnamese official document: motto, issuer, number, place and date."""
    party = document.issuing_body.name.startswith(PARTY_BODIES)
    motto = (
        ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        if party
        else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    )
    place = "Sơn La" if "Sơn La" in document.issuing_body.name else "Hà Nội"
    when = ""
    if document.issued_on:
        day = document.issued_on
        when = f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"
    number = f"Số: {document.number}" if document.number else "DỰ THẢO"
    return [*motto, document.issuing_body.name.upper(), number, when]


DEMO_NOTE = "Dữ liệu mẫu của Cổng thông tin điện tử, viết để trình diễn: không phải văn bản chính thức."


def pdf_bytes(*, document, title, paragraphs):
    """A PDF of the document's letterhead, title, paragraphs and signature, in DejaVu Sans."""
    return _pdf(
        title=title,
        author=document.issuing_body.name,
        letterhead=tuple(_letterhead(document)),
        heading=document.document_type.name.upper(),
        summary=document.summary,
        paragraphs=tuple(paragraphs),
        signature=tuple(line for line in (document.signer_position, document.signer) if line),
    )


@functools.lru_cache(maxsize=256)
def _pdf(*, title, author, letterhead, heading, summary, paragraphs, signature):
    """The PDF of these texts, made once per process: the tests load the demo several times, and a
    PDF takes a fifth of a second (fpdf2 parses the fonts for each)."""
    from fpdf import FPDF

    # fontTools, which fpdf2 uses to embed only the letters used, logs every step at INFO.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author(author)
    regular, bold = FONT_FOLDER / "DejaVuSans.ttf", FONT_FOLDER / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("DejaVu", fname=str(regular))
        pdf.add_font("DejaVu", style="B", fname=str(bold))
        family, fold = "DejaVu", str
    else:  # the core fonts have no Vietnamese letters: the text loses its diacritics, not its words
        family, fold = "helvetica", _ascii
    pdf.set_margins(25, 20, 20)
    pdf.add_page()
    pdf.set_font(family, "B", 11)
    for line in letterhead:
        pdf.cell(0, 6, fold(line), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(family, "B", 14)
    pdf.multi_cell(0, 8, fold(heading), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "B", 12)
    pdf.multi_cell(0, 7, fold(summary), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(family, "", 12)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 7, fold(paragraph), align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.ln(6)
    pdf.set_font(family, "B", 12)
    for line in signature:
        pdf.cell(0, 7, fold(line), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font(family, "", 8)
    pdf.multi_cell(0, 5, fold(DEMO_NOTE), align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def docx_bytes(*, document, title, paragraphs):
    """The same as a Word document (python-docx)."""
    import docx

    word = docx.Document()
    word.core_properties.title = title
    for line in _letterhead(document):
        word.add_paragraph(line)
    word.add_heading(document.document_type.name.upper(), level=1)
    word.add_paragraph(document.summary)
    for paragraph in paragraphs:
        word.add_paragraph(paragraph)
    for line in (document.signer_position, document.signer):
        if line:
            word.add_paragraph(line)
    word.add_paragraph(DEMO_NOTE)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _ascii(text):
    import unicodedata

    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))
