import logging
from operator import attrgetter

from django.conf import settings
from django.db.models import Q, Value
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView

from articles.models import Article, ArticleAttachment, ArticleSlugHistory, Category, Tag, Topic
from portal.lib.attachments import download_response
from portal.lib.languages import ENGLISH, vietnamese_redirect

logger = logging.getLogger(__name__)

HOME_FEATURED = 5
HOME_LATEST = 10
HOME_PER_CATEGORY = 4
RELATED = 4


class PublicArticlesMixin:
    """Lists show published articles only, with what their cards need in one query (not the body)."""

    paginate_by = 12

    def public_articles(self):
        return (
            Article.objects.published()
            .in_language(get_language())
            .select_related("category")
            .defer("body", "body_en", "search_vector")
        )


class EnglishVersionMixin:
    """A page of something without an English version (english_version() false) has no English
    address: there it leads to its Vietnamese page (portal.lib.languages.vietnamese_redirect), and
    its Vietnamese page names no English version (`page_languages`, for hreflang and the switch)."""

    def english_version(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.load()
        if get_language() == ENGLISH and not self.english_version():
            return vietnamese_redirect(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        if not self.english_version():
            kwargs.setdefault("page_languages", [settings.LANGUAGE_CODE])
        return super().get_context_data(**kwargs)


class HomeView(PublicArticlesMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        articles = self.public_articles()
        return super().get_context_data(
            featured=articles.filter(featured=True)[:HOME_FEATURED],
            latest=articles[:HOME_LATEST],
            # Lazy, like the querysets: a cached home page runs none of them (templates/articles/home.html).
            category_blocks=SimpleLazyObject(lambda: self.category_blocks(articles)),
            topic_blocks=SimpleLazyObject(lambda: self.topic_blocks(articles)),
            **kwargs,
        )

    def category_blocks(self, articles):
        """[(category, its newest articles)] for each top-level menu category, in two queries.

        However many categories there are: each block's newest articles come from a LIMIT of their
        own, read through the category index, and the blocks are glued with UNION ALL (ranking the
        whole archive with a window function took 160 ms at 10 000 articles).
        """
        categories = Category.objects.filter(
            Q(parent=None, show_in_menu=True) | Q(parent__parent=None, parent__show_in_menu=True)
        ).only("name", "name_en", "slug", "parent_id", "order")
        if get_language() == ENGLISH:
            categories = categories.exclude(name_en="")
        top_of = {category.pk: category.parent_id or category.pk for category in categories}
        tops = [category for category in categories if category.parent_id is None]
        if not tops:
            return []
        blocks = [
            articles.filter(category_id__in=[pk for pk, top in top_of.items() if top == block.pk])
            .annotate(block=Value(block.pk))
            .order_by("-published_at", "-pk")[:HOME_PER_CATEGORY]
            for block in tops
        ]
        items = {}
        for article in blocks[0].union(*blocks[1:], all=True):
            items.setdefault(article.block, []).append(article)
        newest_first = attrgetter("published_at", "pk")
        return [
            (top, sorted(items[top.pk], key=newest_first, reverse=True)) for top in tops if top.pk in items
        ]

    def topic_blocks(self, articles):
        """[(topic, its newest articles)] for each topic featured on the home page (a few: one query each)."""
        blocks = []
        topics = Topic.objects.filter(featured=True)
        for topic in topics.exclude(name_en="") if get_language() == ENGLISH else topics:
            newest = list(articles.filter(topics=topic)[:HOME_PER_CATEGORY])
            if newest:
                blocks.append((topic, newest))
        return blocks


class CategoryView(EnglishVersionMixin, PublicArticlesMixin, ListView):
    template_name = "articles/category.html"
    context_object_name = "articles"

    def load(self):
        self.category = get_object_or_404(Category.objects.select_related("parent"), slug=self.kwargs["slug"])

    def english_version(self):
        return bool(self.category.name_en)

    def get_queryset(self):
        return self.public_articles().filter(category_id__in=self.category.family_ids())

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TopicView(EnglishVersionMixin, PublicArticlesMixin, ListView):
    """A chuyên đề: its description and cover, then its articles, newest first."""

    template_name = "articles/topic.html"
    context_object_name = "articles"

    def load(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])

    def english_version(self):
        return bool(self.topic.name_en)

    def get_queryset(self):
        return self.public_articles().filter(topics=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class TagView(EnglishVersionMixin, PublicArticlesMixin, ListView):
    template_name = "articles/tag.html"
    context_object_name = "articles"

    def load(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])

    def english_version(self):
        return False  # tags are Vietnamese keywords ("Mộc Châu", "OCOP"), with no English names

    def get_queryset(self):
        return self.public_articles().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).select_related("category", "category__parent")

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            # An old address of a visible article moves permanently to the current one.
            history = ArticleSlugHistory.objects.filter(
                slug=self.kwargs["slug"], article__in=self.get_queryset()
            ).select_related("article")
            if old := history.first():
                return redirect(old.article, permanent=True)
            raise
        if get_language() == ENGLISH and not self.object.has_english:
            return vietnamese_redirect(request)
        response = self.render_to_response(self.get_context_data(object=self.object))
        # What the page shows, for whoever counts views; kept with the page when it is stored
        # (caching.pagecache), so a page served from memory still names its article.
        response.page_facts = {"article_id": self.object.pk} if self.object.is_public else {}
        if not self.object.is_public:
            # A staff preview must not be cached or indexed anywhere.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        vietnamese = get_language() != ENGLISH
        same_category = (
            Article.objects.published().in_language(get_language()).filter(category=article.category_id)
        )
        if not article.has_english:
            kwargs.setdefault("page_languages", [settings.LANGUAGE_CODE])
        return super().get_context_data(
            preview=not article.is_public,
            structured_data=self.structured_data(article),
            # A list, read when the page is rendered (a stored page reads none of it).
            attachments=SimpleLazyObject(lambda: list(article.attachments.all())),
            # On the English site, only topics with an English name; tags (Vietnamese keywords) none.
            topics=SimpleLazyObject(
                lambda: list(article.topics.all() if vietnamese else article.topics.exclude(name_en=""))
            ),
            tags=SimpleLazyObject(lambda: list(article.tags.all()) if vietnamese else []),
            # Lazy: read only when the cached part of the page is rendered again (articles/detail.html).
            related=same_category.exclude(pk=article.pk)[:RELATED],
            newer=SimpleLazyObject(
                lambda: (
                    same_category.filter(published_at__gt=article.published_at)
                    .order_by("published_at", "pk")
                    .first()
                )
            ),
            older=SimpleLazyObject(
                lambda: same_category.filter(published_at__lt=article.published_at).first()
            ),
            **kwargs,
        )

    def structured_data(self, article):
        """schema.org NewsArticle, for search engines and link previews."""
        build = self.request.build_absolute_uri
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.shown_title[:110],
            "description": article.shown_summary,
            "datePublished": article.published_at.isoformat(),
            "dateModified": article.updated_at.isoformat(),
            "mainEntityOfPage": build(article.get_absolute_url()),
            "articleSection": article.category.shown_name,
            "publisher": {"@type": "Organization", "name": settings.PORTAL_SITE_NAME},
        }
        if article.byline:
            data["author"] = {"@type": "Person", "name": article.byline}
        if article.cover:
            data["image"] = [build(article.cover.url)]
        return data


def attachment_download(request, pk):
    """A file attached to an article readers may see, under its own name (portal.lib.attachments)."""
    attachment = get_object_or_404(
        ArticleAttachment.objects.filter(article__in=Article.objects.visible_to(request.user)), pk=pk
    )
    return download_response(attachment.file, attachment.name)
