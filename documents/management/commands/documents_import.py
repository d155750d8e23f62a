"""`manage.py documents_import FILE.csv --files DIR`: bring a legacy portal's documents over.

The CSV (UTF-8, a byte order mark allowed, a header row) has these columns; the first five are
required, the others may be left out or empty:

    number          the number and symbol, as printed (44-KL/TW, 1234/QĐ-UBND)
    type            a document type that exists (Nghị định, Quyết định…: the admin lists them)
    issuing_body    made when it does not exist yet
    issued_on       dd/mm/yyyy or yyyy-mm-dd
    summary         the trích yếu
    effective_on, expires_on, signer, signer_position, sector (made when missing),
    legal_status    in_force, partly_expired, expired, not_yet or its Vietnamese name; empty: the dates
    files           file names in DIR, separated by ";" (the first is the full text, the others annexes)

A row is imported whole or not at all: its fields are checked, then every file it names (by its
content, portal.lib.files), and only then is anything written. A row whose number, issuing body and
year of issue are already there is skipped, so the command can run again after fixing refused rows.
Each refused row gets a line saying why. Everything runs in one transaction; files stored for a row
that is refused, for a dry run or for a run that fails are deleted again.
"""

import csv
import unicodedata
from datetime import datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import (
    Attachment,
    Document,
    DocumentEvent,
    DocumentType,
    IssuingBody,
    LegalStatus,
    Sector,
)
from documents.numbers import number_key
from portal.lib.files import file_check
from portal.lib.storage import STORAGE_ERRORS
from portal.lib.text import normalize_whitespace

REQUIRED = ("number", "type", "issuing_body", "issued_on", "summary")
OPTIONAL = (
    "effective_on",
    "expires_on",
    "signer",
    "signer_position",
    "sector",
    "legal_status",
    "files",
)
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


class RowRefused(Exception):
    """The row is not imported; the message says why (in the portal's language)."""


class Command(BaseCommand):
    help = (
        "Import legal documents from a CSV file (columns: number, type, issuing_body, issued_on, summary, "
        "and optionally effective_on, expires_on, signer, signer_position, sector, legal_status, files) "
        "with their files from --files DIR. Rows already there (same number, issuing body and year) are "
        "skipped; each refused row is reported with the reason. --dry-run checks everything and stores "
        "nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="The CSV file to import.")
        parser.add_argument("--files", dest="files_dir", default=None, help="The folder holding the files.")
        parser.add_argument(
            "--status",
            choices=[Document.Status.PUBLISHED, Document.Status.DRAFT],
            default=Document.Status.PUBLISHED,
            help="The status of the imported documents (default: published, as on the old portal).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Do everything, then roll it back: nothing is stored."
        )

    def handle(self, *args, csv_file, files_dir, status, dry_run, verbosity, **options):
        self.verbosity = verbosity
        self.files_dir = Path(files_dir).resolve() if files_dir else None
        if self.files_dir is not None and not self.files_dir.is_dir():
            raise CommandError(f"--files {files_dir}: no such folder")
        rows = self.rows_read(Path(csv_file))
        self.source = Path(csv_file).name
        stored = []
        counts = {"imported": 0, "skipped": 0, "refused": 0}
        try:
            with transaction.atomic():
                for line, row in rows:
                    counts[self.row_handle(line, row, status, stored)] += 1
                transaction.set_rollback(dry_run)
        except BaseException:
            self.files_delete(stored)
            raise
        if dry_run:
            self.files_delete(stored)
        summary = _("%(imported)d imported, %(skipped)d already there, %(refused)d refused.") % counts
        if dry_run:
            summary += " " + _("Dry run: everything was rolled back, nothing was stored.")
        self.stdout.write(summary)

    def rows_read(self, path):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as error:
            raise CommandError(f"{path}: no such file") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 text ({error})") from error
        reader = csv.DictReader(text.splitlines())
        header = [normalize_whitespace(name).lower() for name in reader.fieldnames or []]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise CommandError(f"{path}: the header lacks the column(s) {', '.join(missing)}")
        unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
        if unknown:
            raise CommandError(
                f"{path}: unknown column(s) {', '.join(unknown)}; known: {', '.join(REQUIRED + OPTIONAL)}"
            )
        reader.fieldnames = header
        # Line numbers as an editor shows them: the header is line 1.
        return [(number, row) for number, row in enumerate(reader, start=2)]

    def row_handle(self, line, row, status, stored):
        values = {
            name: normalize_whitespace(unicodedata.normalize("NFC", row.get(name) or ""))
            for name in REQUIRED + OPTIONAL
        }
        shown = values["number"] or "?"
        row_stored = []
        try:
            with transaction.atomic():
                outcome = self.row_import(line, values, status, row_stored)
        except RowRefused as refusal:
            self.files_delete(row_stored)
            self.stdout.write(
                _("line %(line)d (%(number)s): refused: %(reason)s")
                % {"line": line, "number": shown, "reason": refusal}
            )
            return "refused"
        stored += row_stored
        if outcome == "skipped" and self.verbosity >= 2:
            self.stdout.write(
                _("line %(line)d (%(number)s): already there") % {"line": line, "number": shown}
            )
        elif outcome == "imported" and self.verbosity >= 2:
            self.stdout.write(_("line %(line)d (%(number)s): imported") % {"line": line, "number": shown})
        return outcome

    def row_import(self, line, values, status, row_stored):
        for name in REQUIRED:
            if not values[name]:
                raise RowRefused(_("the column “%(column)s” is empty") % {"column": name})
        document_type = self.document_type(values["type"])
        issued_on = self.date(values, "issued_on")
        issuing_body = IssuingBody.objects.filter(name__iexact=values["issuing_body"]).first()
        if (
            issuing_body
            and Document.objects.filter(
                issuing_body=issuing_body,
                number_key=number_key(values["number"]),
                issued_year=issued_on.year,
            ).exists()
        ):
            return "skipped"
        document = Document(
            document_type=document_type,
            number=values["number"],
            issuing_body=issuing_body or IssuingBody(name=values["issuing_body"]),
            issued_on=issued_on,
            effective_on=self.date(values, "effective_on"),
            expires_on=self.date(values, "expires_on"),
            signer=values["signer"],
            signer_position=values["signer_position"],
            summary=values["summary"],
            legal_status=self.legal_status(values["legal_status"]),
            status=status,
            published_at=timezone.make_aware(datetime.combine(issued_on, time(8))),
        )
        if values["sector"]:
            document.sector = Sector.objects.filter(name__iexact=values["sector"]).first() or Sector(
                name=values["sector"]
            )
        files = self.files(values["files"])
        try:
            # New issuing bodies and fields are saved first; the document then takes their keys.
            for field in ("issuing_body", "sector"):
                related = getattr(document, field)
                if related is not None and not related.pk:
                    related.full_clean()
                    related.save()
                    setattr(document, field, related)
            document.full_clean()
            document.save()
            for order, (path, upload) in enumerate(files):
                attachment = Attachment(
                    document=document,
                    file=upload,
                    name=path.name,
                    role=Attachment.Role.FULL_TEXT if order == 0 else Attachment.Role.ANNEX,
                    order=order,
                )
                attachment.save()
                row_stored.append(attachment.file.name)
        except ValidationError as error:
            raise RowRefused("; ".join(error.messages)) from error
        except STORAGE_ERRORS as error:
            raise RowRefused(_("a file could not be stored (%(error)s)") % {"error": error}) from error
        finally:
            for _path, upload in files:
                upload.close()
        DocumentEvent.objects.create(
            document=document,
            action=DocumentEvent.Action.IMPORT,
            from_status=status,
            to_status=status,
            comment=f"{self.source}, {line}",
        )
        return "imported"

    def document_type(self, name):
        found = DocumentType.objects.filter(name__iexact=name).first()
        if found is None:
            raise RowRefused(_("the document type “%(name)s” does not exist") % {"name": name})
        return found

    def date(self, values, column):
        if not values[column]:
            return None
        for date_format in DATE_FORMATS:
            try:
                return datetime.strptime(values[column], date_format).date()
            except ValueError:
                continue
        raise RowRefused(
            _("“%(value)s” in the column “%(column)s” is not a date (dd/mm/yyyy)")
            % {"value": values[column], "column": column}
        )

    def legal_status(self, value):
        if not value:
            return ""
        for choice in LegalStatus:
            if value.lower() in {choice.value, str(choice.label).lower()}:
                return choice.value
        raise RowRefused(_("“%(value)s” is not a legal status") % {"value": value})

    def files(self, value):
        """[(path, opened File)] of the files the row names, each checked by its content first."""
        names = [name.strip() for name in value.split(";") if name.strip()]
        if names and self.files_dir is None:
            raise RowRefused(_("the row names files but no --files folder was given"))
        opened = []
        try:
            for name in names:
                path = (self.files_dir / name).resolve()
                if not path.is_relative_to(self.files_dir) or not path.is_file():
                    raise RowRefused(_("the file “%(name)s” is not in the files folder") % {"name": name})
                upload = File(path.open("rb"), name=path.name)
                opened.append((path, upload))
                try:
                    file_check(upload)
                except ValidationError as error:
                    raise RowRefused("; ".join(error.messages)) from error
        except BaseException:
            for _path, upload in opened:
                upload.close()
            raise
        return opened

    def files_delete(self, names):
        while names:
            default_storage.delete(names.pop())
