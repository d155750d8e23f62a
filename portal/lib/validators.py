"""Validators for addresses staff type: links a visitor may follow, https addresses of other sites.

Messages are English msgids, shown in Vietnamese (locale/vi).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

_http_url = URLValidator(schemes=["http", "https"])
_https_url = URLValidator(schemes=["https"])


def _has_unsafe_characters(value):
    # Browsers drop tabs and newlines inside a scheme ("java\tscript:") and read "\" as "/": refuse
    # white space, control characters and backslashes outright rather than reason about them.
    return any(ch.isspace() or ord(ch) < 0x20 or ch in "\\\x7f" for ch in value)


def validate_link(value):
    """A link a visitor may follow: http(s)://... or a path on this site ("/trang/lien-he/").

    Anything else is refused: javascript:, data:, vbscript:, and "//host" addresses that look like
    paths but leave the site.
    """
    refused = ValidationError(
        _("Enter a web address starting with http:// or https://, or a path on this site starting with /."),
        code="unsafe_link",
    )
    if not value or _has_unsafe_characters(value):
        raise refused
    if value.startswith("/"):
        if value.startswith("//"):
            raise refused
        return
    try:
        _http_url(value)
    except ValidationError as error:
        raise refused from error


def validate_https_url(value):
    """An absolute https:// address (an image or script on another site)."""
    if _has_unsafe_characters(value) or urlsplit(value).scheme != "https":
        raise ValidationError(_("Enter an address starting with https://."), code="not_https")
    try:
        _https_url(value)
    except ValidationError as error:
        raise ValidationError(_("Enter an address starting with https://."), code="not_https") from error
