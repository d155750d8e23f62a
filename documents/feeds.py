from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from documents.models import Document

FEED_SIZE = 30


class LatestDocumentsFeed(Feed):
    """/van-ban/rss/: the documents published last (drafts for consultation are not in it)."""

    feed_type = Rss201rev2Feed
    description = _("Legal and administrative documents published on the portal.")

    def title(self):
        return f"{_('Documents')} — {settings.PORTAL_SITE_NAME}"

    def link(self):
        return reverse("documents:list")

    def items(self):
        return (
            Document.objects.published()
            .issued()
            .select_related("document_type", "issuing_body")
            .defer("body", "search_vector")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.document_type.name, item.issuing_body.name]
