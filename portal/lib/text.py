"""Vietnamese text helpers shared by every app."""

import unicodedata

from django.utils.text import slugify

# "đ" and "Đ" have no Unicode decomposition, so slugify would drop them ("Đảng" -> "ang").
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def slugify_vi(value, max_length=None):
    """Slug a Vietnamese phrase: "Đảng bộ tỉnh Sơn La" -> "dang-bo-tinh-son-la"."""
    slug = slugify(str(value).translate(_D_STROKE))
    if max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def unique_slug(value, *querysets, max_length=200, fallback="bai-viet"):
    """The slug of `value`, numbered -2, -3, ... until no row of any of `querysets` holds it (in a
    field named `slug`: the rows themselves, and for articles the old addresses kept for others)."""
    base = slugify_vi(value, max_length=max_length - 8) or fallback
    slug, number = base, 1
    while any(queryset.filter(slug=slug).exists() for queryset in querysets):
        number += 1
        slug = f"{base}-{number}"
    return slug


def normalize_whitespace(value):
    """NFC-normalise and fold runs of white space, so "Đảng  bộ" typed two ways is one phrase."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def has_control_characters(value):
    """True when `value` holds NUL or another control character other than tab and newlines."""
    return any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in value)
