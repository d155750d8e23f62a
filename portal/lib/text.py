"""Vietnamese text helpers shared by every app."""

import functools
import unicodedata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
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


# The database types of the fields that hold text: CharField and its kinds (e-mail addresses, links),
# SlugField and TextField (CKEditor 5's field is a plain Field whose type is TextField).
TEXT_FIELD_TYPES = frozenset({"CharField", "SlugField", "TextField"})


def nfc(value):
    """`value` in Unicode NFC ("dựng sẵn", TCVN 6909) when it is a string; anything else as it is.

    Vietnamese has two spellings of the same letters: "ồ" as one character (NFC) or as "o" and two
    combining marks (NFD, which some input methods and macOS send). They look alike but compare,
    sort and search apart, so everything stored is NFC.
    """
    if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


def project_models():
    """The models of the project's own apps (the apps whose folder is in the project's folder, so
    that a new app is covered without a line anywhere), and the user model (staff's names)."""
    here = Path(settings.BASE_DIR).resolve()
    models = [
        model
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == here
        for model in config.get_models()
    ]
    return [*models, get_user_model()]


@functools.cache
def text_fields(model):
    """The concrete fields of `model` whose column holds text (TEXT_FIELD_TYPES)."""
    return tuple(
        field for field in model._meta.concrete_fields if field.get_internal_type() in TEXT_FIELD_TYPES
    )


def text_nfc(sender, instance, **kwargs):
    """pre_save receiver (connected for every project model by portal's ready()): every text field of
    `instance` in NFC before it is written, whatever the form, command or loader that set it. Writes
    that skip save() (bulk_create(), QuerySet.update(), SQL) pass their text through nfc() themselves.
    Deferred fields are left alone (reading them would load them)."""
    for field in text_fields(sender):
        value = instance.__dict__.get(field.attname)
        if isinstance(value, str):
            instance.__dict__[field.attname] = nfc(value)


def has_control_characters(value):
    """True when `value` holds NUL or another control character other than tab and newlines."""
    return any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in value)
