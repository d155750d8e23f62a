"""Image uploads and renditions with Pillow.

Every uploaded image is opened, checked against size and pixel limits, decoded in full and written
again under a random name: what is stored is pixels we produced, never the bytes we were sent (a GIF
with a script appended leaves nothing of the script behind).
"""

import contextlib
import io
import uuid
import warnings
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import FileField, ImageField
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.lib.storage import STORAGE_ERRORS

# Extension allowlist; Django's default list also admits eps, pdf and fits.
ALLOWED_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}
ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
# What a re-encoded image is saved as: photographs as JPEG, images with transparency as PNG.
_SAVE_AS = {
    "JPEG": ("JPEG", "jpg"),
    "WEBP": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "GIF": ("PNG", "png"),
}


def _open_checked(file):
    """Open `file` with Pillow and refuse anything that is not a small enough, whole raster image."""
    name = getattr(file, "name", "") or ""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Only JPEG, PNG, GIF or WebP images are accepted (%(name)s was not)."),
            code="image_extension",
            params={"name": name},
        )
    size = getattr(file, "size", None)
    if size is not None and size > settings.PORTAL_IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is too large: at most %(limit)s MB."),
            code="image_too_large",
            params={"limit": settings.PORTAL_IMAGE_MAX_BYTES // (1024 * 1024)},
        )
    too_many_pixels = ValidationError(
        _("The image has too many pixels: at most %(limit)s million."),
        code="image_too_many_pixels",
        params={"limit": settings.PORTAL_IMAGE_MAX_PIXELS // 1_000_000},
    )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Our own pixel limit below is stricter than Pillow's warning threshold.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(file)
            if image.format not in ALLOWED_FORMATS:
                message = _("The file is not a JPEG, PNG, GIF or WebP image.")
                raise ValidationError(message, code="image_format")
            if image.width * image.height > settings.PORTAL_IMAGE_MAX_PIXELS:
                raise too_many_pixels
            image.load()  # decode every byte now: a truncated or corrupt file fails here, not later
    except Image.DecompressionBombError as error:
        # Pillow refuses to even open images above twice its own limit.
        raise too_many_pixels from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        message = _("The file is not a valid image or is damaged.")
        raise ValidationError(message, code="invalid_image") from error
    finally:
        file.seek(0)
    return image


def is_stored(file):
    """True for a file already in the storage, as opposed to one just uploaded.

    A stored file was checked (and re-encoded) when it was uploaded: editing the record again must not
    re-open it, which would leave it open and make a missing file a 500.
    """
    return getattr(file, "_committed", False) is True


def validate_image(file):
    """Form and model validator: raises ValidationError with a Vietnamese message."""
    if not is_stored(file):
        _open_checked(file)


def reencode_image(file):
    """A ContentFile holding a freshly encoded copy of `file`, named with a random name."""
    image = _open_checked(file)
    target_format, extension = _SAVE_AS[image.format]
    image = ImageOps.exif_transpose(image)
    if target_format == "JPEG":
        image = image.convert("RGB")
    elif image.mode not in {"RGB", "RGBA", "L", "LA"}:
        image = image.convert("RGBA")
    buffer = io.BytesIO()
    options = {"quality": 85, "optimize": True} if target_format == "JPEG" else {"optimize": True}
    image.save(buffer, target_format, **options)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def reencode_upload(field_file):
    """Replace a new upload in an ImageField by pixels we encoded, under a random name (model save)."""
    if field_file and not is_stored(field_file):
        content = reencode_image(field_file.file)
        field_file.save(content.name, content, save=False)


class UploadNotStored(Exception):
    """The storage could not write a new upload (the cause is chained); `field_name` says which."""

    def __init__(self, field_name):
        super().__init__(field_name)
        self.field_name = field_name


def store_uploads(instance):
    """Write every new upload of `instance` to the storage now, as its save() would.

    The admin calls this at the end of form validation, while a failure (a full disk, an unwritable
    media folder, an unreachable bucket) can still be shown on the form with everything typed kept.
    Every image field in the portal is re-encoded by its model's save(): here too. Raises
    UploadNotStored after removing the files this call already wrote: a record that is not saved
    leaves none behind.
    """
    written = []
    for field in instance._meta.fields:
        field_file = getattr(instance, field.attname) if isinstance(field, FileField) else None
        if not field_file or is_stored(field_file):
            continue
        try:
            if isinstance(field, ImageField):
                reencode_upload(field_file)
            else:
                field_file.save(field_file.name, field_file.file, save=False)
        except STORAGE_ERRORS as error:
            for stored in written:
                with contextlib.suppress(*STORAGE_ERRORS):
                    stored.storage.delete(stored.name)
            raise UploadNotStored(field.name) from error
        written.append(getattr(instance, field.attname))


def save_upload(file, *, folder):
    """Re-encode `file` and store it in the default storage under `folder`; return the stored name."""
    content = reencode_image(file)
    return default_storage.save(f"{folder.strip('/')}/{content.name}", content)


RENDITIONS_CACHE_SECONDS = 24 * 60 * 60


def rendition_name(name, width):
    path = PurePosixPath(name)
    return str(PurePosixPath("renditions") / path.parent / f"{path.stem}-{width}.webp")


def renditions(name, *, storage=default_storage):
    """[(url, width, height)] of WebP copies of the stored image `name` at the configured widths.

    The sizes let a page reserve each image's box before it loads (no layout shift). A missing copy
    is made on the spot, so a new image costs one slow request and none after.
    Widths larger than the original are skipped; the original always remains the fallback.
    Stored names are random and never rewritten, so the answer is kept in the process's memory: a
    page with twenty images neither opens and stats sixty files nor asks a shared cache twenty times.
    """
    cache = caches["fragments"]
    widths = "-".join(map(str, settings.PORTAL_IMAGE_WIDTHS))
    # v2: the entries carry the height too.
    cache_key = f"portal:renditions:v2:{widths}:{name}"
    if (cached := cache.get(cache_key)) is not None:
        return cached
    result = _renditions_make(name, storage)
    if result:
        cache.set(cache_key, result, RENDITIONS_CACHE_SECONDS)
    return result


def _renditions_make(name, storage):
    result = []
    try:
        with storage.open(name) as source:
            original = Image.open(source)
            original_width, original_height = original.size
            for width in settings.PORTAL_IMAGE_WIDTHS:
                if width >= original_width:
                    break
                target = rendition_name(name, width)
                if not storage.exists(target):
                    copy = original.copy()
                    copy.thumbnail((width, width * 4))
                    buffer = io.BytesIO()
                    copy.save(buffer, "WEBP", quality=80, method=4)
                    storage.save(target, ContentFile(buffer.getvalue()))
                # As thumbnail() rounds it, without opening a copy made earlier.
                result.append((storage.url(target), width, round(original_height * width / original_width)))
            result.append((storage.url(name), original_width, original_height))
    except (*STORAGE_ERRORS, ValueError):
        # A missing or unreadable original, or a storage that cannot write the copies (a full disk,
        # an unreachable bucket), is shown as is: the page must still render.
        return []
    return result
