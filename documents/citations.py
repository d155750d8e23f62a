"""Numbers of published documents cited in articles and static pages become links to them.

"Kết luận số 44-KL/TW" in an article's body links to the page of the published Kết luận 44-KL/TW.
The rules:
- only whole numbers (documents.numbers: "144-KL/TW" does not cite 44-KL/TW), compared by their key
  (a number written 44/KL-TW cites it too);
- only published documents that are not drafts; a number two published documents share (1234/QĐ-UBND
  of two years) links to the list of documents searched for that number;
- never inside a link (<a>), a heading (<h1>–<h6>), a script or a style: the text is parsed with
  html.parser, not matched with a regular expression;
- the stored HTML is never changed: this runs when a page is rendered (templatetags/documents.py),
  and pages are stored per content generation, so a new document shows on the next render.

The published numbers are read once per process and content generation (caching.generation.held):
one query per generation, none per page. Their publish times are kept, so a scheduled document is
linked from its publish time on without waiting for another edit.
"""

from html.parser import HTMLParser
from urllib.parse import urlencode

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import SearchQuery
from django.db.models import Value
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.models import Article
from caching.generation import held
from documents.models import Document
from documents.numbers import citations
from documents.search import CONFIG

# Text inside these is never linked.
SKIPPED = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "textarea", "title"}


def published_numbers(version):
    """{number key: [(publish time, slug), …]} of published, issued documents, held per `version`."""
    return held("documents:numbers", version, _numbers_build)


def _numbers_build():
    numbers = {}
    rows = (
        Document.objects.filter(status=Document.Status.PUBLISHED, is_draft=False)
        .exclude(number_key="")
        .values_list("number_key", "published_at", "slug")
    )
    for key, published_at, slug in rows:
        numbers.setdefault(key, []).append((published_at, slug))
    return numbers


def citing_articles(document):
    """Published articles whose text holds the document's number as a phrase ("44-KL/TW" is the
    words 44 and kl/tw in a row: "144-KL/TW" is not it), newest first. Found through the articles'
    own search index (articles.Article.search_vector), never by reading every body."""
    if not document.number:
        return Article.objects.none()
    query = SearchQuery(Unaccent(Value(document.number)), config=CONFIG, search_type="phrase")
    return (
        Article.objects.published()
        .filter(search_vector=query)
        .only("title", "slug", "published_at")
        .order_by("-published_at", "-pk")
    )


def _address(text, documents):
    if len(documents) == 1:
        return reverse("documents:detail", kwargs={"slug": documents[0][1]})
    return f"{reverse('documents:list')}?{urlencode({'q': text})}"


def link_citations(html, numbers, *, now=None):
    """`html` with every cited number of `numbers` (published_numbers) made a link, as described above."""
    now = now or timezone.now()

    def public(key):
        return [entry for entry in numbers.get(key, ()) if entry[0] <= now]

    # Most bodies cite nothing that is published: they are returned as they are, without parsing.
    if not any(public(key) for _match, key in citations(html)):
        return html
    linker = _Linker(public)
    linker.feed(html)
    linker.close()
    return "".join(linker.out)


class _Linker(HTMLParser):
    """Writes the HTML it reads back out unchanged, but for cited numbers in text outside SKIPPED."""

    def __init__(self, public):
        super().__init__(convert_charrefs=False)
        self.public = public
        self.out = []
        self.skipping = {}  # tag: how many are open

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping[tag] = self.skipping.get(tag, 0) + 1
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.skipping.get(tag):
            self.skipping[tag] -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if any(self.skipping.values()):
            self.out.append(data)
            return
        position = 0
        for match, key in citations(data):
            documents = self.public(key)
            if not documents:
                continue
            self.out.append(data[position : match.start()])
            self.out.append(
                format_html(
                    '<a class="cited-document" href="{}">{}</a>', _address(match[0], documents), match[0]
                )
            )
            position = match.end()
        self.out.append(data[position:])

    # Everything else goes back out as it came.
    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")
