from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from articles.menu import site_menu
from portal import generation


def menu(request):
    """The main navigation, the sidebar's categories and the footer's pages: from the cache, lazily.

    `menu_current` is the menu address this page is (for aria-current), or "" on every other page:
    the cached navigation is rendered once per menu entry, not once per article.
    """
    site = SimpleLazyObject(lambda: site_menu(get_language(), generation.version(request)))
    return {
        "main_menu": SimpleLazyObject(lambda: site.main),
        "menu_categories": SimpleLazyObject(lambda: site.categories),
        "footer_pages": SimpleLazyObject(lambda: site.footer_pages),
        "menu_current": SimpleLazyObject(lambda: request.path if request.path in site.urls else ""),
    }
