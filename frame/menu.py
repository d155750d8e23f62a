"""The main navigation and the footer's page links, cached per language.

Menu categories and menu pages share one ordering (their `order` numbers), so staff place "Giới
thiệu" before the news categories and "Liên hệ" after them from the admin. Saving or deleting a
category or a page bumps the content generation (articles/apps.py, frame/apps.py): the menus are built again.
The admin's menu screen (frame.admin.MainMenuAdmin) shows menu_entries() and reorders them with
menu_move(), which writes those `order` numbers.
"""

from dataclasses import dataclass
from functools import cached_property, partial

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from articles.models import Category
from caching.generation import held
from frame.models import Page
from portal.lib.languages import ENGLISH


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
        return (
            {reverse("articles:home")}
            | {item.url for item in self.main}
            | {c.url for item in self.main for c in item.children}
        )


@dataclass
class MenuEntry:
    """One place of the main menu with the row behind it (a Category or a Page), for the menu screen."""

    kind: str  # "category" or "page"
    row: object
    children: list

    @property
    def key(self):
        return f"{self.kind}-{self.row.pk}"

    @property
    def title(self):
        return self.row.name if self.kind == "category" else self.row.title


def _menu_categories():
    return list(
        Category.objects.filter(show_in_menu=True)
        .select_related("parent")
        .only("name", "name_en", "slug", "parent_id", "order", "parent__name_en")
    )


def _menu_pages():
    return list(Page.objects.published().filter(Q(show_in_menu=True) | Q(show_in_footer=True)))


def _main_sorted(categories, pages):
    """[(category or page, kind)] of the main menu's top level, in menu order; on equal order numbers
    categories come first (the sort is stable otherwise)."""
    entries = [(c.order, 0, c) for c in categories if c.parent_id is None]
    entries += [(p.order, 1, p) for p in pages if p.show_in_menu]
    return [(row, ("category", "page")[kind]) for _order, kind, row in sorted(entries, key=lambda e: e[:2])]


def menu_entries():
    """The main menu as it will appear (the same order as menu_build), as rows to reorder."""
    categories, pages = _menu_categories(), _menu_pages()
    return [
        MenuEntry(
            kind,
            row,
            [
                MenuEntry("category", c, [])
                for c in categories
                if kind == "category" and c.parent_id == row.pk
            ],
        )
        for row, kind in _main_sorted(categories, pages)
    ]


class NotInMenu(LookupError):
    """The category or page asked for is not in the main menu (any more)."""


def menu_move(*, key, up):
    """Move the entry `key` ("category-12", "page-3") one place up or down among its neighbours
    (the top level, or the sub-categories of one category) and number them again 10, 20, 30…:
    saved as the categories' and pages' `order`, which also bumps the content generation."""
    with transaction.atomic():
        entries = menu_entries()
        for siblings in [entries, *(entry.children for entry in entries)]:
            keys = [entry.key for entry in siblings]
            if key in keys:
                break
        else:
            raise NotInMenu(key)
        index = keys.index(key)
        other = index - 1 if up else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, entry in enumerate(siblings, start=1):
            if entry.row.order != position * 10:
                entry.row.order = position * 10
                entry.row.save(update_fields=["order"])
        return next(entry for entry in siblings if entry.key == key)


def _category_item(top, categories, language):
    children = tuple(
        MenuItem(c.shown_name, c.get_absolute_url()) for c in categories if c.parent_id == top.pk
    )
    return MenuItem(top.shown_name, top.get_absolute_url(), children=children)


def _page_item(page, language):
    title, _body, text_language = page.content_in(language)
    return MenuItem(title, page.get_absolute_url(), "" if text_language == language else text_language)


def menu_build(language):
    """The menus of the site in `language` (active while they are built: their addresses are in it).

    The English site lists only what has an English version: categories with an English name, pages
    with an English text (their other addresses lead to the Vietnamese page).
    """
    categories, pages = _menu_categories(), _menu_pages()
    if language == ENGLISH:
        categories = [c for c in categories if c.name_en and (c.parent_id is None or c.parent.name_en)]
        pages = [p for p in pages if p.has_english]
    main = tuple(
        _category_item(row, categories, language) if kind == "category" else _page_item(row, language)
        for row, kind in _main_sorted(categories, pages)
    )
    return Menu(
        main=main,
        categories=tuple(
            _category_item(top, categories, language)
            for top, kind in _main_sorted(categories, [])
            if kind == "category"
        ),
        footer_pages=tuple(_page_item(page, language) for page in pages if page.show_in_footer),
    )


def site_menu(language, version):
    """The menus in `language` for the content version `version` (caching.generation.version)."""
    return held(f"menu:{language}", version, partial(menu_build, language))
