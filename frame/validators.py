"""Validators for what staff type or upload into the site's frame: the monitoring script, videos, captions.

Messages are English msgids, shown in Vietnamese (locale/vi).
"""

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from frame.videos import parse_video_url
from portal.lib.images import is_stored
from portal.lib.validators import validate_https_url


def validate_monitoring_script_url(value):
    """The national monitoring script: https, and only from the hosts the operator allows."""
    validate_https_url(value)
    host = (urlsplit(value).hostname or "").lower()
    allowed = settings.PORTAL_MONITORING_SCRIPT_HOSTS
    if not any(host == domain or host.endswith(f".{domain}") for domain in allowed):
        raise ValidationError(
            _("Scripts are accepted only from %(hosts)s, the hosts the server's settings allow."),
            code="script_host",
            params={"hosts": ", ".join(allowed)},
        )


def validate_video_url(value):
    if parse_video_url(value) is None:
        raise ValidationError(
            _("Only YouTube or Vimeo video addresses are accepted, e.g. https://www.youtube.com/watch?v=…"),
            code="video_host",
        )


def _extension(file):
    return PurePosixPath(getattr(file, "name", "") or "").suffix.lower()


def _head(file, size):
    file.seek(0)
    try:
        return file.read(size)
    finally:
        file.seek(0)


def validate_mp4(file):
    """An MP4 file: by extension, by size and by its first box (`ftyp`), as every MP4 starts."""
    if is_stored(file):
        return
    if _extension(file) != ".mp4":
        raise ValidationError(_("Only MP4 video files are accepted."), code="video_extension")
    if (getattr(file, "size", 0) or 0) > settings.PORTAL_VIDEO_MAX_BYTES:
        raise ValidationError(
            _("The video is too large: at most %(limit)s MB."),
            code="video_too_large",
            params={"limit": settings.PORTAL_VIDEO_MAX_BYTES // (1024 * 1024)},
        )
    if _head(file, 12)[4:8] != b"ftyp":
        raise ValidationError(_("The file is not an MP4 video."), code="video_format")


CAPTIONS_MAX_BYTES = 1024 * 1024
# In WebVTT every "<" opens a tag (a text "<" is written "&lt;"), and only these tags and timestamps
# exist: anything else ("<script", "<html", "<!--", "<svg") is HTML hidden in a captions file.
_CAPTIONS_FOREIGN_TAG = re.compile(r"<(?!/?(?:c|i|b|u|v|lang|ruby|rt)[\s.>]|\d)")


def validate_captions(file):
    """A WebVTT captions file: .vtt, UTF-8 text starting with "WEBVTT", at most 1 MB."""
    if is_stored(file):
        return
    message = _("Captions must be a WebVTT file (.vtt) starting with “WEBVTT”.")
    if _extension(file) != ".vtt":
        raise ValidationError(message, code="captions_format")
    if (getattr(file, "size", 0) or 0) > CAPTIONS_MAX_BYTES:
        raise ValidationError(_("The captions file is too large: at most 1 MB."), code="captions_too_large")
    head = _head(file, 16).removeprefix(b"\xef\xbb\xbf")
    if not head.startswith(b"WEBVTT") or (len(head) > 6 and head[6:7] not in b" \t\r\n"):
        raise ValidationError(message, code="captions_format")
    try:
        text = _head(file, CAPTIONS_MAX_BYTES).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(message, code="captions_encoding") from error
    if _CAPTIONS_FOREIGN_TAG.search(text):
        raise ValidationError(
            _("Captions may contain only WebVTT's own tags (<b>, <i>, <u>, <c>, <v>, <lang>, <ruby>, <rt>)."),
            code="captions_markup",
        )
