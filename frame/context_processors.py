from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from caching import generation
from frame.data import Frame, frame_data
from frame.menu import site_menu


def site(request):
    """The site's frame for every template, and the key part of cached fragments; lazily.

    Lazy, so admin pages and JSON views never touch them: `content_version` costs one query the
    first time a page uses it (caching.generation), the frame nothing more once held.
    """
    version = SimpleLazyObject(lambda: generation.version(request))
    frame = SimpleLazyObject(lambda: Frame(frame_data(str(version)), language=get_language()))
    return {
        "frame": frame,
        "site_name": SimpleLazyObject(lambda: frame.site_name),
        "content_version": version,
        "fragment_seconds": settings.PORTAL_FRAGMENT_CACHE_SECONDS,
    }


def menu(request):
    """The main navigation, the sidebar's categories and the footer's pages: held, lazily.

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
