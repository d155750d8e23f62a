"""One language per address: Vietnamese at the site's addresses, English at the same ones under /en/."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation

ENGLISH = "en"


def language_of(path):
    """The language an address is in ("/en/bai-viet/x/" → "en", "/bai-viet/x/" → "vi")."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def address_in(url, language):
    """`url` (a path with its query string) in `language`: the same page at the other prefix.

    An address that names no page of the public site comes back unchanged.
    """
    with translation.override(language_of(urlsplit(url).path)):
        return translate_url(url, language)


def vietnamese_only(resolver_match):
    """Whether the page matched is one of the sections written in Vietnamese alone
    (PORTAL_VIETNAMESE_ONLY: the legal documents, the published questions and answers): it has no
    English page, like an article without an English version."""
    if resolver_match is None:
        return False
    names = settings.PORTAL_VIETNAMESE_ONLY
    return resolver_match.namespace in names or resolver_match.view_name in names


def vietnamese_redirect(request):
    """The answer at the English address of something with no English version: its Vietnamese page.

    A temporary redirect (302): the English version may be written tomorrow.
    """
    return HttpResponseRedirect(address_in(request.get_full_path(), settings.LANGUAGE_CODE))


class BilingualSitemap(Sitemap):
    """A sitemap section that lists each item at its address in each language it exists in, with
    the others as its alternates (hreflang). in_english(item) says whether it has an English page."""

    i18n = True
    alternates = True

    def in_english(self, item):
        return True

    def get_languages_for_item(self, item):
        return [settings.LANGUAGE_CODE, ENGLISH] if self.in_english(item) else [settings.LANGUAGE_CODE]
