"""The editor's stylesheet is the public site's rich-text typography (scripts/editor_css.py)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def generator():
    spec = importlib.util.spec_from_file_location("editor_css", ROOT / "scripts" / "editor_css.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_editor_stylesheet_is_what_site_css_makes():
    module = generator()
    assert module.EDITOR_CSS.read_text() == module.build(module.SITE_CSS.read_text()), (
        "site.css changed: run python scripts/editor_css.py"
    )


def test_it_carries_the_headings_lists_tables_and_captions_of_the_article_page():
    css = generator().EDITOR_CSS.read_text()
    for rule in [
        ".ck.ck-content {",  # the article body's font, size and line height
        ".ck.ck-content h2 {",
        ".ck.ck-content th, .ck.ck-content td {",
        ".ck.ck-content figure.image > figcaption {",
        ".ck.ck-content blockquote {",
    ]:
        assert rule in css
    assert "font-size: 1.125rem;" in css.split(".ck.ck-content :where")[0]
    # The admin's small headings, square bullets and small table cells are undone first.
    assert ":where(h1, h2, h3, h4, h5, h6, p, ul, ol, li, table" in css
    assert "@media print" not in css
