from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from articles.menu import site_menu


def menu(request):
    """The main navigation, the sidebar's categories and the footer's pages: from the cache, lazily."""
    site = SimpleLazyObject(lambda: site_menu(get_language()))
    return {
        "main_menu": SimpleLazyObject(lambda: site.main),
        "menu_categories": SimpleLazyObject(lambda: site.categories),
        "footer_pages": SimpleLazyObject(lambda: site.footer_pages),
    }
