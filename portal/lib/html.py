"""Sanitising of rich text. The editor is not a security boundary: every stored body passes here."""

import re
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "span",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "hr",
    "ul", "ol", "li", "a", "img", "figure", "figcaption", "div", "oembed", "iframe",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "target"},
    "img": {"src", "alt", "width", "height", "title", "loading"},
    "figure": {"class"},
    "div": {"data-oembed-url"},
    "oembed": {"url"},
    "iframe": {"src", "title", "width", "height", "allow", "allowfullscreen", "frameborder"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "span": {"lang"},
    "p": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# Only the players' own embed addresses may be framed.
IFRAME_SOURCE = re.compile(
    r"^https://(www\.youtube\.com/embed/|www\.youtube-nocookie\.com/embed/|player\.vimeo\.com/video/)"
    r"[\w\-]+([?#][\w\-=&;%.]*)?$"
)
# An iframe's content is raw text that a browser never shows; nh3 keeps it verbatim: drop it.
_IFRAME_CONTENT = re.compile(r"(<iframe\b[^>]*>).*?</iframe>", re.IGNORECASE | re.DOTALL)
# nh3 drops the src of a refused iframe but keeps the empty element: remove those afterwards.
_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*></iframe>", re.IGNORECASE)


def _filter_attribute(tag, attribute, value):
    if tag == "iframe" and attribute == "src":
        return value if IFRAME_SOURCE.match(value) else None
    if tag == "img" and attribute == "src":
        # Images from our own media or over https only; no data: URIs (they can carry SVG).
        scheme = urlsplit(value).scheme
        return value if scheme in {"", "http", "https"} and not value.startswith("//") else None
    if tag == "a" and attribute == "target":
        return "_blank" if value == "_blank" else None
    return value


def sanitize_html(html):
    """Clean `html` down to the allowlist: no script, no event handler, no style, safe URLs only."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = _IFRAME_CONTENT.sub(r"\1</iframe>", cleaned)
    return _EMPTY_IFRAME.sub("", cleaned)


_IMAGE_WITHOUT_ALT = re.compile(r"""<img\b(?![^>]*\balt="[^"]*[^"\s])[^>]*>""", re.IGNORECASE)


def count_images_without_alt(html):
    """How many <img> in `html` lack a non-empty text alternative."""
    return len(_IMAGE_WITHOUT_ALT.findall(html or ""))
