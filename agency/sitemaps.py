from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agency.models import Unit


class AgencyPagesSitemap(Sitemap):
    """The chart, the directory and this week's schedule."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["agency:organisation", "agency:directory", "agency:schedule"]

    def location(self, name):
        return reverse(name)


class UnitSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Unit.objects.only("slug", "updated_at")

    def lastmod(self, unit):
        return unit.updated_at


sitemaps = {"agency": AgencyPagesSitemap, "units": UnitSitemap}
