"""Template fragments ({% cache %}) are whole pieces of HTML: a fragment never opens an element that
closes outside it, nor closes one opened outside (docs/caching.md says which fragments exist)."""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_FRAGMENT = re.compile(r"\{% cache .*?%\}(.*?)\{% endcache %\}", re.DOTALL)
_TEMPLATE_SYNTAX = re.compile(
    r"\{% comment %\}.*?\{% endcomment %\}|\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL
)


class Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes what the fragment did not open")
        else:
            self.open.pop()


def unbalanced(fragment):
    parser = Balance()
    parser.feed(_TEMPLATE_SYNTAX.sub("", fragment))
    parser.close()
    return parser.problems + [f"<{tag}> is left open" for tag in parser.open]


def fragments():
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        for match in _FRAGMENT.finditer(path.read_text()):
            yield path.relative_to(settings.BASE_DIR), match[1]


def test_every_fragment_is_whole_html():
    found = list(fragments())
    assert len(found) >= 3  # the frame's fragments: the brand, the navigation, the sidebar, the footer
    assert [(path, problems) for path, fragment in found if (problems := unbalanced(fragment))] == []


def test_the_check_finds_a_fragment_that_closes_inside_an_element():
    assert unbalanced('<p class="meta"><span>date</span>') == ["<p> is left open"]
    assert unbalanced("</p><p>next</p>") == ["</p> closes what the fragment did not open"]
