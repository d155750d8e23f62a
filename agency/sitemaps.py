from django.urls import reverse

from agency.models import Unit
from portal.lib.languages import BilingualSitemap


class AgencyPagesSitemap(BilingualSitemap):
    """The chart, the directory and this week's schedule."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["agency:organisation", "agency:directory", "agency:schedule"]

    def location(self, name):
        return reverse(name)


class UnitSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Unit.objects.only("slug", "updated_at", "name_en")

    def in_english(self, unit):
        return unit.has_english

    def lastmod(self, unit):
        return unit.updated_at


sitemaps = {"agency": AgencyPagesSitemap, "units": UnitSitemap}
