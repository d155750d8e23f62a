"""Where uploads are written: the local media folder, or an S3-compatible bucket when configured.

Two promises hold for both (portal.settings chooses one through STORAGES["default"]):
- a write that fails half-way (a full disk, a bucket that went away) leaves no partial file behind;
- a stored file is only ever served as the image, video, captions or document type its name says,
  never as HTML, SVG or script: every stored name ends in one of MEDIA_CONTENT_TYPES.
"""

import contextlib
import os
from pathlib import PurePosixPath

from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

# The only types media is served as, by the extension of its (always generated) name. Images are
# re-encoded by portal.lib.images; MP4 and WebVTT are checked by frame.validators.
MEDIA_CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".mp4": "video/mp4",
    ".vtt": "text/vtt; charset=utf-8",
    # Attached files, checked by their content (portal.lib.files). Only PDFs are shown in the browser;
    # the others are always downloaded (MEDIA_DOWNLOADED).
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".zip": "application/zip",
    # What an attachment whose type was never checked would be stored as (portal.lib.files.stored_name).
    ".bin": "application/octet-stream",
}
MEDIA_DOWNLOADED = {".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".zip", ".bin"}
# The one media type a page of ours may show in a frame (the document page's PDF viewer).
MEDIA_FRAMED = {".pdf"}
# Anything else (there should be nothing else) is downloaded, never displayed.
UNKNOWN_CONTENT_TYPE = "application/octet-stream"

# What a storage raises when it cannot write: the disk (full, read-only, missing folder) or S3
# (refused, unreachable). Callers turn these into a message instead of a 500.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError, S3UploadFailedError)


def media_content_type(name):
    """The Content-Type `name` is served with, from the fixed map above (never from the system's)."""
    return MEDIA_CONTENT_TYPES.get(PurePosixPath(name).suffix.lower())


def media_headers(name):
    """The headers media `name` is served with besides its type (here in development, by nginx's
    configuration in production): a sandbox that runs nothing; a download for office files and
    archives; framing by this site's own pages for PDFs only."""
    suffix = PurePosixPath(name).suffix.lower()
    policy = "default-src 'none'; sandbox"
    headers = {"X-Content-Type-Options": "nosniff"}
    if suffix in MEDIA_FRAMED:
        policy += "; frame-ancestors 'self'"
        headers["X-Frame-Options"] = "SAMEORIGIN"
    if suffix in MEDIA_DOWNLOADED or suffix not in MEDIA_CONTENT_TYPES:
        headers["Content-Disposition"] = "attachment"
    return {**headers, "Content-Security-Policy": policy}


class MediaFileSystemStorage(FileSystemStorage):
    """The media folder; a write that fails (ENOSPC, EFBIG, EIO) removes the truncated file it left."""

    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.lexists(full_path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed:
                with contextlib.suppress(OSError):
                    os.remove(full_path)
            raise


class MediaS3Storage(S3Storage):
    """An S3-compatible bucket; each object's Content-Type comes from MEDIA_CONTENT_TYPES.

    django-storages would otherwise take the type the browser sent with the upload (a valid MP4 sent
    as text/html would be stored as text/html) or guess it from the system's MIME table.
    """

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        content_type = media_content_type(name)
        params["ContentType"] = content_type or UNKNOWN_CONTENT_TYPE
        if content_type is None or PurePosixPath(name).suffix.lower() in MEDIA_DOWNLOADED:
            params["ContentDisposition"] = "attachment"
        return params
