"""Files attached to an article or a static page (“Tệp đính kèm”): the model's common part and the
download everyone gets them through.

Each app declares its own small model on top of AttachedFile (articles.ArticleAttachment,
frame.PageAttachment), since `portal` owns no table and an app may not import another's models. The
checks are those of documents' files (portal.lib.files): accepted by content only, random stored
names under attachments/, downloaded under their own names.
"""

from pathlib import PurePosixPath

from django.db import models, transaction
from django.http import FileResponse, Http404
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from portal.lib.files import clean_filename, content_disposition, file_check, stored_name, validate_attachment
from portal.lib.images import is_stored
from portal.lib.storage import STORAGE_ERRORS, UNKNOWN_CONTENT_TYPE, media_content_type


def attached_file_upload_to(instance, filename):
    """A random name under attachments/year/month, with the extension portal.lib.files checked."""
    return stored_name("attachments", filename)


class AttachedFile(models.Model):
    """A file readers download from the page it belongs to; the concrete model adds the page's key."""

    file = models.FileField(
        _("file"),
        upload_to=attached_file_upload_to,
        max_length=200,
        validators=[validate_attachment],
        help_text=_("PDF, Word, Excel, OpenDocument or ZIP, checked by its content."),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("What readers see and download it as. Left empty: the name of the uploaded file."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Found by portal.lib.files when the file is new.
    extension = models.CharField(_("type"), max_length=10, editable=False)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self):
        return self.name or PurePosixPath(self.file.name).name

    def save(self, *args, **kwargs):
        if self.file and not self.extension:
            stored = is_stored(self.file)
            if not self.name:
                self.name = PurePosixPath(self.file.name).name
            if stored:
                self.file.open("rb")
            try:
                checked = file_check(self.file)
            finally:
                if stored:
                    self.file.close()
            self.extension, self.size = checked.extension, checked.size
        self.name = clean_filename(self.name)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        storage, name = self.file.storage, self.file.name
        result = super().delete(*args, **kwargs)
        if name:
            transaction.on_commit(lambda: storage.delete(name))  # never on a rollback
        return result

    def clean(self):
        # The name of the upload, taken before the admin writes it under its random name
        # (portal.lib.admin stores uploads between validation and save()).
        if self.file and not self.name and not is_stored(self.file):
            self.name = PurePosixPath(self.file.name).name

    @property
    def is_pdf(self):
        return self.extension == "pdf"


def download_response(field_file, name):
    """The stored file under its own name (RFC 6266), with the fixed type of its extension, never
    sniffed, never run, never kept by a shared cache. Http404 when the storage cannot give it."""
    try:
        handle = field_file.open("rb")
    except STORAGE_ERRORS as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=media_content_type(field_file.name) or UNKNOWN_CONTENT_TYPE)
    extension = PurePosixPath(field_file.name).suffix
    response["Content-Disposition"] = content_disposition(name or f"tep{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    add_never_cache_headers(response)
    return response
