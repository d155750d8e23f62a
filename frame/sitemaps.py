"""/sitemap.xml: the static pages here, and each app's own sections, found the way the admin finds
each app's admin module (an app takes part by having a `sitemaps` module with a `sitemaps` dict).

Found, not imported by name: the frame knows nothing of the apps that come after it.
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from frame.models import Page
from portal.lib.languages import BilingualSitemap


class PageSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Page.objects.published().only("slug", "updated_at", "title_en", "body_en")

    def in_english(self, page):
        return page.has_english

    def lastmod(self, page):
        return page.updated_at


sitemaps = {"pages": PageSitemap}


def site_sitemaps():
    """{section: Sitemap class} of every installed app with a `sitemaps` module, in INSTALLED_APPS order."""
    sections = {}
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "sitemaps"):
            sections.update(getattr(import_module(f"{app_config.name}.sitemaps"), "sitemaps", {}))
    return sections
