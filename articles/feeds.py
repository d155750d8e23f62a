from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category, Topic

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    description = _("The latest news from the portal.")

    def title(self):
        return settings.PORTAL_SITE_NAME

    def link(self):
        return reverse("articles:home")

    def public_articles(self):
        """In the feed's language: the English feeds (/en/rss/…) carry articles with an English version."""
        return Article.objects.published().in_language(get_language()).select_related("category")

    def items(self):
        return self.public_articles()[:FEED_SIZE]

    def item_title(self, item):
        return item.shown_title

    def item_description(self, item):
        return item.shown_summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.category.shown_name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{category.shown_name} — {settings.PORTAL_SITE_NAME}"

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description or category.shown_name

    def items(self, category):
        return self.public_articles().filter(category_id__in=category.family_ids())[:FEED_SIZE]


class TopicFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"{topic.shown_name} — {settings.PORTAL_SITE_NAME}"

    def link(self, topic):
        return topic.get_absolute_url()

    def description(self, topic):
        return topic.description or topic.shown_name

    def items(self, topic):
        return self.public_articles().filter(topics=topic)[:FEED_SIZE]
