"""The main navigation and the footer's page links, cached per language.

Menu categories and menu pages share one ordering (their `order` numbers), so staff place "Giới
thiệu" before the news categories and "Liên hệ" after them from the admin. Saving or deleting a
category or a page forgets the cached menus (articles/apps.py).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from articles.models import Category, Page

CACHE_KEY = "articles:menu:1:{language}"  # bump the number when Menu changes shape


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    lang: str = ""  # set when the title is not in the page's language (a Vietnamese name on an English page)
    children: tuple = ()


@dataclass(frozen=True)
class Menu:
    main: tuple  # categories and pages, in the order staff gave them
    categories: tuple  # the menu categories alone (the sidebar's list)
    footer_pages: tuple


def _category_items(language):
    categories = list(Category.objects.filter(show_in_menu=True).only("name", "slug", "parent_id", "order"))
    lang = "" if language == "vi" else "vi"
    items = []
    for top in (c for c in categories if c.parent_id is None):
        children = tuple(
            MenuItem(c.name, c.get_absolute_url(), lang) for c in categories if c.parent_id == top.pk
        )
        items.append((top.order, 0, MenuItem(top.name, top.get_absolute_url(), lang, children)))
    return items


def _page_item(page, language):
    title, _body, text_language = page.content_in(language)
    return MenuItem(title, page.get_absolute_url(), "" if text_language == language else text_language)


def menu_build(language):
    categories = _category_items(language)
    pages = list(Page.objects.published().filter(Q(show_in_menu=True) | Q(show_in_footer=True)))
    # On equal order numbers categories come first; the sort is stable otherwise.
    main = sorted(
        [*categories, *((page.order, 1, _page_item(page, language)) for page in pages if page.show_in_menu)],
        key=lambda entry: entry[:2],
    )
    return Menu(
        main=tuple(item for _order, _kind, item in main),
        categories=tuple(item for _order, _kind, item in categories),
        footer_pages=tuple(_page_item(page, language) for page in pages if page.show_in_footer),
    )


def site_menu(language=None):
    language = language or settings.LANGUAGE_CODE
    key = CACHE_KEY.format(language=language)
    menu = cache.get(key)
    if menu is None:
        menu = menu_build(language)
        cache.set(key, menu, settings.PORTAL_FRAME_CACHE_SECONDS)
    return menu


def menu_forget(**kwargs):
    """Signal receiver: forget the menus of every language, now and when the transaction commits."""
    keys = [CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
