"""The main navigation and the footer's page links, cached per language.

Menu categories and menu pages share one ordering (their `order` numbers), so staff place "Giới
thiệu" before the news categories and "Liên hệ" after them from the admin. Saving or deleting a
category or a page bumps the content generation (articles/apps.py, frame/apps.py): the menus are built again.
"""

from dataclasses import dataclass
from functools import cached_property, partial

from django.db.models import Q

from articles.models import Category
from caching.generation import held
from frame.models import Page


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

    @cached_property
    def urls(self):
        """Every address the main navigation links to, with the home page."""
        return {"/"} | {item.url for item in self.main} | {c.url for item in self.main for c in item.children}


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


def site_menu(language, version):
    """The menus in `language` for the content version `version` (caching.generation.version)."""
    return held(f"menu:{language}", version, partial(menu_build, language))
