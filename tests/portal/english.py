"""Finding English in pages a Vietnamese staff member reads: words of the catalogues' English that no
Vietnamese translation uses, and internal names (snake_case, SETTING_NAMES).

The words come from the English msgids of Django's admin, auth, content types and forms, django-otp,
django-axes and the portal's own catalogue; a word that any Vietnamese translation of those
catalogues uses (a brand, "YouTube"; a term, "CSV"; an example slug, "dang-bo-tinh") is not counted
as English. What is read of a page: its text outside scripts, styles and the text areas staff type
into, and the attributes people read or hear (title, aria-label, placeholder, alt, the value of a
button). Content in English is not the interface: an element marked `lang="en"` and the row of an
English content field (`name_en`, `functions_en`: class "field-…_en", shown read-only to a journalist)
are left out. Addresses, e-mail addresses, paths and file names are left out: they are data, not words.
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import axes
import django
import django_otp

ROOT = Path(__file__).resolve().parents[2]
DJANGO = Path(django.__file__).parent
ENGLISH_CATALOGUES = [
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
    Path(axes.__file__).parent / "locale/de/LC_MESSAGES/django.po",  # msgids are the English
    Path(django_otp.__file__).parent / "locale/de/LC_MESSAGES/django.po",
    ROOT / "locale/vi/LC_MESSAGES/django.po",
]
VIETNAMESE_CATALOGUES = [
    ROOT / "locale/vi/LC_MESSAGES/django.po",
    ROOT / "portal/vendor_locale/vi/LC_MESSAGES/django.po",
    ROOT / "portal/vendor_locale/vi/LC_MESSAGES/djangojs.po",
    DJANGO / "contrib/admin/locale/vi/LC_MESSAGES/django.po",
    DJANGO / "contrib/admin/locale/vi/LC_MESSAGES/djangojs.po",
    DJANGO / "contrib/auth/locale/vi/LC_MESSAGES/django.po",
    DJANGO / "conf/locale/vi/LC_MESSAGES/django.po",
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}|<[^>]*>|&\w+;")
WORD = re.compile(r"(?<![\w.@/-])[A-Za-z]{3,}(?![\w@/-])")
IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b")
DATA = re.compile(r"\S+@\S+|\bhttps?://\S+|\b[\w-]+(?:\.[\w-]+)+\b|\S*/\S*|<\w+>")
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description"}


def _strings(path, field):
    """The msgid or msgstr texts of a .po file (their continuation lines joined)."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf'^{field}(?:\[\d+\]|_plural)? ((?:".*"\n?)+)', re.MULTILINE)
    return ["".join(re.findall(r'"(.*)"', match)) for match in pattern.findall(text)]


@cache
def english_words():
    vietnamese = set()
    for path in VIETNAMESE_CATALOGUES:
        for text in _strings(path, "msgstr"):
            words = re.findall(r"\w+", PLACEHOLDER.sub(" ", text))
            vietnamese.update(word.lower() for word in words if word.isascii())
    english = set()
    for path in ENGLISH_CATALOGUES:
        for text in _strings(path, "msgid"):
            english.update(word.lower() for word in WORD.findall(PLACEHOLDER.sub(" ", text)))
    return frozenset(english - vietnamese)


ENGLISH_FIELD_ROW = re.compile(r"\bfield-\w+_en\b")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Reader(HTMLParser):
    SKIPPED = {"script", "style", "textarea", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], []
        self.open, self.english_at = [], None  # open elements; where English content began

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self.open.append(tag)
            english = (attrs.get("lang") or "").lower().startswith("en") or ENGLISH_FIELD_ROW.search(
                attrs.get("class") or ""
            )
            if english and self.english_at is None:
                self.english_at = len(self.open)
        if self.english_at is not None:
            return
        if tag in self.SKIPPED:
            self.skipping.append(tag)
        for name in READ_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button", "reset"} and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass
            if self.english_at is not None and len(self.open) < self.english_at:
                self.english_at = None
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping and self.english_at is None:
            self.parts.append(data)


def read_text(html):
    reader = _Reader()
    reader.feed(html)
    return " ".join(" ".join(reader.parts).split())


def english_in(html, *, allowed=()):
    """The English words and internal names a person reads on the page `html`, sorted."""
    text = DATA.sub(" ", read_text(html))
    words = english_words() - {word.lower() for word in allowed}
    found = {word for word in WORD.findall(text) if word.lower() in words}
    found |= set(IDENTIFIER.findall(text))
    return sorted(found)
