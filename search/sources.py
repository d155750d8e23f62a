"""The rows of articles and static pages, which their apps cannot write: `articles` knows nothing of the
newer apps and the frame nothing of the apps after it, so this app follows their saves and deletes.

The newer apps write their own rows (documents/indexing.py, feedback/indexing.py, agency/indexing.py).
Visibility is each app's own rule: Article.objects.published() is status published, publish time
reached, not expired — the row holds the status and the window (public_from, public_until);
Page.objects.published() is `is_published`.
"""

from django.db.models.signals import post_delete, post_save

from articles.models import Article
from frame.models import Page
from search import index
from search.index import Entry, Kind, in_english, plain_text, short


def article_entries(article):
    if article.status != Article.Status.PUBLISHED:
        return []
    vietnamese = Entry(
        title=article.title,
        url=article.get_absolute_url(),
        translated=article.has_english,
        summary=article.summary or short(article.body),
        body=plain_text(article.body),
        date=article.published_at,
        public_from=article.published_at,
        public_until=article.expires_at,
        updated_at=article.updated_at,
    )
    if not article.has_english:
        return [vietnamese]
    english = in_english(
        vietnamese,
        title=article.title_en,
        summary=article.summary_en or short(article.body_en),
        keywords=article.title,  # a reader of English may type the Vietnamese title
        body=plain_text(article.body_en),
    )
    return [vietnamese, english]


def page_entries(page):
    if not page.is_published:
        return []
    vietnamese = Entry(
        title=page.title,
        url=page.get_absolute_url(),
        translated=page.has_english,
        summary=short(page.body),
        body=plain_text(page.body),
        updated_at=page.updated_at,
    )
    if not page.has_english:
        return [vietnamese]
    english = in_english(
        vietnamese,
        title=page.title_en,
        summary=short(page.body_en),
        keywords=page.title,  # a reader of English may type the Vietnamese name
        body=plain_text(page.body_en),
    )
    return [vietnamese, english]


def article_saved(sender, instance, **kwargs):
    index.entries_replace(Kind.ARTICLE, instance.pk, article_entries(instance))


def page_saved(sender, instance, **kwargs):
    index.entries_replace(Kind.PAGE, instance.pk, page_entries(instance))


def deleted(kind):
    def receiver(sender, instance, **kwargs):
        index.entries_delete(kind, [instance.pk])

    return receiver


def every_article():
    articles = Article.objects.filter(status=Article.Status.PUBLISHED).defer("search_vector")
    for article in articles.iterator(chunk_size=500):
        yield article.pk, article_entries(article)


def every_page():
    for page in Page.objects.published():
        yield page.pk, page_entries(page)


def connect():
    post_save.connect(article_saved, sender=Article, dispatch_uid="search-article-save")
    post_delete.connect(
        deleted(Kind.ARTICLE), sender=Article, dispatch_uid="search-article-delete", weak=False
    )
    post_save.connect(page_saved, sender=Page, dispatch_uid="search-page-save")
    post_delete.connect(deleted(Kind.PAGE), sender=Page, dispatch_uid="search-page-delete", weak=False)
    index.source(Kind.ARTICLE, every_article)
    index.source(Kind.PAGE, every_page)
