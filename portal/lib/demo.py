"""Shared helpers for the demo-data loaders that `manage.py load_demo_data` runs.

Each app may have a `demo` module with a `load(*, stdout, verbosity, dry_run)` function (see the
command's docstring for the contract). This module holds what those loaders share: reading the
data files in the app's `demo_data/` folder, deterministic "random" numbers, pictures drawn with
Pillow, and the list of files a run stored, so that a run that does not commit (a dry run, or an
error) takes its files back out of the storage.

"""

import functools
import io
import json
import math
import re
import unicodedata
import zlib
from types import SimpleNamespace

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from PIL import Image, ImageDraw, ImageFont

# Pillow's built-in font has no Vietnamese letters (they would come out as boxes); DejaVu has them
# and ships with most Linux systems. Without it the text is drawn without diacritics.
_FONT_FILE = "DejaVuSans-Bold.ttf"

_written_files = []
_REQUIRED = object()
_KINDS = {str: "a string", int: "a whole number", bool: "true or false", list: "a list"}
# Line breaks between two tags only lay an HTML body file out for its writer; text keeps its own.
_LAYOUT_BREAK = re.compile(r">\s*\n\s*<")


class DemoDataError(CommandError):
    """A demo data file is missing or malformed; the message names the file, the record and the key."""


def shown(path):
    """`path` as the messages show it: from the project folder."""
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)


def _text_read(path):
    try:
        return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DemoDataError(f"{shown(path)}: the file is missing") from error
    except (OSError, UnicodeError) as error:
        raise DemoDataError(f"{shown(path)}: {error}") from error


def _json_read(path):
    try:
        return json.loads(_text_read(path))
    except ValueError as error:
        raise DemoDataError(f"{shown(path)}: not valid JSON: {error}") from error


def record_read(path, fields):
    """The JSON object in the UTF-8 file `path`, checked against `fields` (see `_record`)."""
    return _record(_json_read(path), fields, where=shown(path))


def records_read(path, fields):
    """The list of JSON objects in the UTF-8 file `path`, each checked against `fields` (see `_record`).

    A record is named in messages by its number and the value of the first of `fields`.
    """
    items, where = _json_read(path), shown(path)
    if not isinstance(items, list):
        raise DemoDataError(f"{where}: expected a list [...], found {type(items).__name__}")
    first = next(iter(fields))
    checked = []
    for number, item in enumerate(items, start=1):
        name = item.get(first) if isinstance(item, dict) else None
        named = f"{where}, record {number}" + (f" ({name!r})" if isinstance(name, str) else "")
        checked.append(_record(item, fields, where=named))
    return checked


def html_read(path, purpose):
    """The HTML body in the UTF-8 file `path`, without the line breaks that only separate two tags.

    `purpose` says whose body it is, for the message when the file is missing.
    """
    if not path.is_file():
        raise DemoDataError(f"{shown(path)}: the file is missing (the body of {purpose})")
    return _LAYOUT_BREAK.sub("><", _text_read(path).strip())


def colour(value):
    """An [red, green, blue] list of JSON, 0 to 255 each, as the tuple the picture helpers take."""
    if not (
        isinstance(value, list) and len(value) == 3 and all(type(c) is int and 0 <= c <= 255 for c in value)
    ):
        raise ValueError(f"expected [red, green, blue] with numbers from 0 to 255, found {value!r}")
    return tuple(value)


def texts(value):
    """A list of JSON that is not empty and holds only strings."""
    if not (isinstance(value, list) and value and all(isinstance(text, str) for text in value)):
        raise ValueError(f"expected a list of one or more strings, found {value!r}")
    return value


def one_of(*choices):
    """A check that lets only `choices` through."""

    def check(value):
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(map(repr, choices))}, found {value!r}")
        return value

    return check


def _record(item, fields, *, where):
    """A JSON object checked against `fields`, as a namespace with the defaults filled in.

    `fields` maps each key to its kind (the key is required) or to (kind, default) (it may be left
    out; a default of None also lets it be null). A kind is str, int, bool or list, or a function that
    converts the value or raises ValueError (`colour`, `texts`, `one_of(...)`, a model's choices). A
    missing key, a key not in `fields` (a typo) or a value of the wrong kind fails, naming `where`;
    the namespace keeps `where` too, for the loader's own checks.
    """
    if not isinstance(item, dict):
        raise DemoDataError(f"{where}: expected an object {{...}}, found {type(item).__name__}")
    unknown = sorted(set(item) - set(fields))
    if unknown:
        raise DemoDataError(
            f"{where}: unknown key {', '.join(map(repr, unknown))}; known: {', '.join(fields)}"
        )
    values = {}
    for key, spec in fields.items():
        kind, default = spec if isinstance(spec, tuple) else (spec, _REQUIRED)
        if key not in item:
            if default is _REQUIRED:
                raise DemoDataError(f"{where}: missing key {key!r}")
            values[key] = default
        elif item[key] is None and default is None:
            values[key] = None
        elif kind in _KINDS:
            if type(item[key]) is not kind:
                raise DemoDataError(f"{where}: {key!r} must be {_KINDS[kind]}, found {item[key]!r}")
            values[key] = item[key]
        else:
            try:
                values[key] = kind(item[key])
            except (TypeError, ValueError) as error:
                raise DemoDataError(f"{where}: {key!r}: {error}") from error
    return SimpleNamespace(where=where, **values)


def stable_number(key, low, high):
    """A number in [low, high] that depends only on `key`: the same on every machine and every run."""
    return low + zlib.crc32(str(key).encode()) % (high - low + 1)


def file_stored(name):
    """Record a file a loader has stored, so it is deleted again if the run is rolled back."""
    _written_files.append(name)


def stored_files_forget():
    """The run committed: the files stay."""
    _written_files.clear()


def stored_files_discard():
    """The run was rolled back: delete the files it stored, so nothing points nowhere or lies unused."""
    while _written_files:
        default_storage.delete(_written_files.pop())


@functools.cache
def _font(size):
    try:
        return ImageFont.truetype(_FONT_FILE, size), True
    except OSError:
        return ImageFont.load_default(size=size), False


def _drawable(text, font_has_vietnamese):
    if font_has_vietnamese:
        return text
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


@functools.cache
def _background(width, height, colour):
    """A diagonal gradient from `colour` to a darker shade; cached, as it is the slow part."""
    dark = tuple(channel // 3 for channel in colour)
    vertical = Image.linear_gradient("L").resize((width, height))
    horizontal = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize((width, height))
    mask = Image.blend(vertical, horizontal, 0.5)
    return Image.composite(
        Image.new("RGB", (width, height), dark), Image.new("RGB", (width, height), colour), mask
    )


def picture_jpeg(*, colour, title="", subtitle="", seed=0, width=1600, height=900):
    """JPEG bytes of a placeholder picture: a gradient in `colour`, hills and suns, and the text given.

    The same arguments always give the same picture. With no title and no subtitle it is purely
    decorative.
    """
    image = _background(width, height, tuple(colour)).copy()
    draw = ImageDraw.Draw(image, "RGBA")
    for index in range(4):
        radius = stable_number(f"{seed}-r{index}", height // 12, height // 4)
        x = stable_number(f"{seed}-x{index}", 0, width)
        y = stable_number(f"{seed}-y{index}", 0, height // 2)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 34))
    # Two ranges of hills: the province is mountains from one border to the other.
    for layer, (base, shade) in enumerate([(0.55, 50), (0.72, 90)]):
        peaks = [(0, height)]
        for step in range(7):
            x = width * step / 6
            y = height * base + stable_number(f"{seed}-h{layer}-{step}", -height // 9, height // 9)
            peaks.append((x, y))
        peaks.append((width, height))
        draw.polygon(peaks, fill=(0, 0, 0, shade))

    margin = width // 6  # cards crop the sides to 4:3: keep the text inside what every crop shows
    y = height - margin
    if subtitle:
        font, vietnamese = _font(height // 20)
        lines = _wrap(draw, _drawable(subtitle, vietnamese), font, width - 2 * margin)[:2]
        line_height = height // 20 * 5 // 4
        for number, line in enumerate(reversed(lines), start=1):
            draw.text((margin, y - number * line_height), line, font=font, fill=(255, 255, 255, 230))
        y -= len(lines) * line_height + height // 40
    if title:
        font, vietnamese = _font(height // 10)
        draw.text((margin, y), _drawable(title, vietnamese), font=font, fill="white", anchor="ld")

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def banner_jpeg(*, colour, title, subtitle="", width=600, height=200):
    """JPEG bytes of a banner: a gradient in `colour` with a title and an optional line under it.

    The banner's text alternative should say the same words.
    """
    image = _background(width, height, tuple(colour)).copy()
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rectangle((0, height - height // 14, width, height), fill=(255, 211, 77, 255))
    margin = height // 8
    # The largest title size that fits on two lines: every word on the banner is in its alt text.
    for size in range(height // 6, height // 14, -2):
        title_font, vietnamese = _font(size)
        lines = _wrap(draw, _drawable(title, vietnamese), title_font, width - 2 * margin)
        if len(lines) <= 2:
            break
    y = margin
    for line in lines:
        draw.text((margin, y), line, font=title_font, fill="white")
        y += size * 5 // 4
    if subtitle:
        font, vietnamese = _font(height // 10)
        draw.text(
            (margin, y + height // 20), _drawable(subtitle, vietnamese), font=font, fill=(255, 255, 255, 220)
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def icon_png(*, colour, letter, size=64):
    """PNG bytes of a small square icon with one letter: decorative beside a link's title."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=tuple(colour))
    font, vietnamese = _font(size // 2)
    draw.text((size / 2, size / 2), _drawable(letter, vietnamese), font=font, fill="white", anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def emblem_png(size=256):
    """PNG bytes of the demo logo: a gold-rimmed red disc with a five-pointed gold star."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size - 1, size - 1), fill=(255, 211, 77, 255))
    inset = size // 14
    draw.ellipse((inset, inset, size - 1 - inset, size - 1 - inset), fill=(196, 30, 36, 255))
    centre, outer, inner = size / 2, size * 0.33, size * 0.13
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi / 2 + index * math.pi / 5
        points.append((centre + radius * math.cos(angle), centre - radius * math.sin(angle)))
    draw.polygon(points, fill=(255, 211, 77, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
