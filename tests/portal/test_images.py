import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from portal.lib.images import reencode_image, renditions, save_upload, validate_image
from portal.templatetags.portal import responsive_image
from tests.factories import image_file


def pixel_bomb_png(width=20_000, height=20_000):
    """A small PNG whose header claims `width` × `height` pixels (400 million by default)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 64, 9)  # a few rows: the file stays tiny
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def test_a_real_image_passes():
    validate_image(image_file())


def test_a_pixel_bomb_is_refused_with_a_message():
    bomb = ContentFile(pixel_bomb_png(), name="bom.png")
    assert bomb.size < 100_000
    with pytest.raises(ValidationError) as error:
        validate_image(bomb)
    assert error.value.code == "image_too_many_pixels"


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_image(ContentFile(b"<html><script>alert(1)</script></html>", name="anh.jpg"))
    assert error.value.code == "invalid_image"


@pytest.mark.parametrize("name", ["anh.html", "anh.svg", "anh.pdf", "anh.eps", "anh"])
def test_extensions_outside_the_allowlist_are_refused(name):
    with pytest.raises(ValidationError) as error:
        validate_image(image_file(name=name))
    assert error.value.code == "image_extension"


def test_a_truncated_image_is_refused():
    data = image_file().read()
    with pytest.raises(ValidationError):
        validate_image(ContentFile(data[: len(data) // 3], name="cut.jpg"))


def test_reencoding_drops_a_script_appended_to_a_gif():
    buffer = io.BytesIO()
    Image.new("P", (8, 8)).save(buffer, "GIF")
    polyglot = ContentFile(buffer.getvalue() + b"<script>alert(1)</script>", name="anh.gif")
    content = reencode_image(polyglot)
    assert content.name.endswith(".png")
    assert b"<script>" not in content.read()


def test_saved_uploads_get_random_names():
    first = save_upload(image_file(name="ten-goc.jpg"), folder="uploads/test")
    second = save_upload(image_file(name="ten-goc.jpg"), folder="uploads/test")
    assert first != second
    assert "ten-goc" not in first
    assert first.startswith("uploads/test/") and first.endswith(".jpg")


def test_renditions_are_webp_copies_at_the_configured_widths_and_the_original():
    name = save_upload(image_file(size=(1600, 900)), folder="covers/test")
    result = renditions(name)
    assert [(width, height) for _, width, height in result] == [
        (480, 270),
        (960, 540),
        (1440, 810),
        (1600, 900),
    ]
    assert all(url.endswith(".webp") for url, _, _ in result[:-1])
    with default_storage.open(result[0][0].removeprefix("/media/")) as copy:
        assert Image.open(copy).size == (480, 270)


def test_a_responsive_image_carries_the_size_of_its_original_so_its_box_is_reserved():
    name = save_upload(image_file(size=(1600, 900)), folder="covers/test")
    html = responsive_image(_StoredImage(name), alt="Đồi chè")
    assert ' width="1600" height="900" ' in html


def test_only_the_image_at_the_top_is_fetched_first_the_others_when_scrolled_to():
    image = _StoredImage(save_upload(image_file(size=(800, 450)), folder="covers/test"))
    top = responsive_image(image, alt="Đồi chè", loading="eager")
    below = responsive_image(image, alt="Đồi chè")
    assert 'loading="eager"' in top and 'fetchpriority="high"' in top
    assert 'loading="lazy"' in below and "fetchpriority" not in below


class _StoredImage:
    """What responsive_image reads of an ImageFieldFile: its name and storage."""

    def __init__(self, name):
        self.name, self.storage = name, default_storage

    def __bool__(self):
        return True


def test_a_missing_original_gives_no_renditions():
    assert renditions("covers/khong-co.jpg") == []
