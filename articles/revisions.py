"""A readable comparison of two revisions: title, summary and body, line by line.

The body is compared as text: block elements become lines and tags are dropped, which is what an
editor reads. The rows hold plain text; templates escape it like any other value.
"""

import difflib
import html
import re

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figcaption|tr|div)>|<br\s*/?>", re.IGNORECASE)
IMAGE = re.compile(r"<img\b[^>]*?\balt=\"([^\"]*)\"[^>]*>", re.IGNORECASE)

FIELDS = [("title", _("title")), ("summary", _("summary")), ("body", _("body"))]


def text_lines(value, *, is_html=False):
    if is_html:
        value = IMAGE.sub(lambda m: f"\n[{_('image')}: {html.unescape(m.group(1))}]\n", value)
        value = BLOCK_END.sub("\n", value)
        value = html.unescape(strip_tags(value))
    return [line.strip() for line in value.splitlines() if line.strip()]


def diff_rows(old_lines, new_lines):
    """[(kind, text)] with kind "same", "removed" or "added", in reading order."""
    rows = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [("same", line) for line in old_lines[i1:i2]]
            continue
        rows += [("removed", line) for line in old_lines[i1:i2]]
        rows += [("added", line) for line in new_lines[j1:j2]]
    return rows


def revisions_compare(old, new):
    """[(field label, rows, changed)] for the fields an editor compares."""
    result = []
    for name, label in FIELDS:
        rows = diff_rows(
            text_lines(getattr(old, name), is_html=name == "body"),
            text_lines(getattr(new, name), is_html=name == "body"),
        )
        result.append((label, rows, any(kind != "same" for kind, _text in rows)))
    return result
