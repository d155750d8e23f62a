from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category, Topic

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    description = _("The latest news from the portal.")

    def title(self):
        return settings.PORTAL_SITE_NAME

    def link(self):
        return "/"

    def items(self):
        return Article.objects.published().select_related("category")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{category.name} — {settings.PORTAL_SITE_NAME}"

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description or category.name

    def items(self, category):
        return (
            Article.objects.published()
            .filter(category_id__in=category.family_ids())
            .select_related("category")[:FEED_SIZE]
        )


class TopicFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"{topic.name} — {settings.PORTAL_SITE_NAME}"

    def link(self, topic):
        return topic.get_absolute_url()

    def description(self, topic):
        return topic.description or topic.name

    def items(self, topic):
        return Article.objects.published().filter(topics=topic).select_related("category")[:FEED_SIZE]
