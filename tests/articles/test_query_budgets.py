"""Query budgets of the public pages: a change that adds a query per item of a list fails here.

Each page is measured twice: with empty caches (everything is read: the frame, menus, lists,
the statistics block) and once its fragments are cached (caching/generation.py), and again after
the site has grown. The test client sends no User-Agent, which the statistics treat as a robot, so
counting is not in these figures; tests/stats/ budgets it (two statements a page view, five for a
counted article view).
"""

import pytest
from django.urls import reverse

from tests.budgets import caches_cleared
from tests.factories import ArticleFactory, BannerFactory, CategoryFactory, LookupLinkFactory, image_file

pytestmark = pytest.mark.django_db

# Queries per page: (with empty caches, once cached). With empty caches every page also reads the
# content generation, the frame (settings, banners, lookup links, featured video: 4), the menus
# (categories, pages: 2) and the statistics block (3). Once cached, the pages come whole from memory
# (caching/pagecache.py) and read only the generation and what their holes need: the statistics
# block is itself kept for a few seconds, the article's view count is read every time.
BUDGETS = {
    # featured, latest, the blocks (categories, newest of each), the featured topics (and the newest
    # of each: none here) | cached: the generation
    "home": (15, 1),
    # the category, its sub-categories' ids, the count, the page, the sub-category links | cached:
    # the generation
    "category": (15, 1),
    # the article, related, newer, older, the view count, the numbers of published documents the body
    # may cite (documents/citations.py, once per content generation), the readers' published opinions
    # (feedback), the attached files, its topics and its tags | cached: the generation, the view count
    "article": (20, 2),
    # the site search's one statement (search/query.py) | cached: the generation (the page and this
    # query's results are both kept, search/views.py)
    "search": (11, 1),
}


def grow(category, number):
    """More of everything a page lists: articles with covers, categories, banners, links."""
    for n in range(number):
        ArticleFactory(
            title=f"Đảng bộ tỉnh họp phiên thứ {n}",
            category=category,
            featured=True,
            cover=image_file(f"bia-{n}.jpg", size=(200, 120)),
            cover_alt="Ảnh bìa",
        )
        other = CategoryFactory(name=f"Chuyên mục {category.pk}-{n}", order=n)
        CategoryFactory(name=f"Mục con {category.pk}-{n}", parent=other)
        ArticleFactory(category=other)
        BannerFactory()
        LookupLinkFactory()


@pytest.fixture
def addresses(article):
    return {
        "home": reverse("articles:home"),
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": reverse("search:search") + "?q=dang+bo",
    }


def queries_of(client, django_assert_num_queries, url, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200, url


@pytest.mark.parametrize("page", BUDGETS)
def test_each_page_keeps_its_query_budget_cold_and_cached_however_much_it_lists(
    page, client, article, addresses, django_assert_num_queries
):
    cold, cached = BUDGETS[page]
    url = addresses[page]
    for size in (1, 8):
        grow(article.category, size)
        caches_cleared()
        queries_of(client, django_assert_num_queries, url, cold)
        if page == "search":
            client.get(url)  # a search is stored the second time it is asked for (caching/pagecache.py)
        queries_of(client, django_assert_num_queries, url, cached)


def test_a_staff_edit_is_seen_at_once_whatever_is_cached(client, article, addresses):
    for url in addresses.values():
        client.get(url)
    article.title = "Đảng bộ tỉnh đổi tên bài"
    article.save()
    for page, url in addresses.items():
        assert "Đảng bộ tỉnh đổi tên bài" in client.get(url).content.decode(), page
