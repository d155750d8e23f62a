from django.contrib.sitemaps import Sitemap

from documents.models import Document


class DocumentSitemap(Sitemap):
    """Every published document, drafts for consultation included (their pages are public)."""

    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Document.objects.published().only("slug", "updated_at").order_by("-issued_on", "-pk")

    def lastmod(self, document):
        return document.updated_at


sitemaps = {"documents": DocumentSitemap}
