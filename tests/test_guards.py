"""Project-wide guards: what must hold for every page and every model."""

import re
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_no_model_change_lacks_a_migration():
    output = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=output)


@pytest.fixture
def public_urls(article):
    ArticleFactory(category=article.category, title="Tin thứ hai")
    return [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        reverse("articles:search") + "?q=dang+bo",
        reverse("articles:search"),
        "/khong-co-trang-nay/",
    ]


def test_every_public_page_has_exactly_one_h1(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert 'lang="vi"' in html, url


def test_every_image_on_public_pages_has_a_text_alternative(client, public_urls):
    for url in public_urls:
        for tag in re.findall(r"<img\b[^>]*>", client.get(url).content.decode()):
            assert re.search(r'\salt="', tag), (url, tag)


def test_the_feeds_and_the_sitemap_parse_as_xml(client, article):
    for url in [
        reverse("articles:feed"),
        reverse("articles:category_feed", kwargs={"slug": article.category.slug}),
        reverse("articles:sitemap"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)


def test_the_sitemap_lists_published_articles_and_their_categories(client, article):
    root = ElementTree.fromstring(client.get(reverse("articles:sitemap")).content)
    locations = {element.text for element in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"http://testserver{article.get_absolute_url()}" in locations
    assert f"http://testserver{article.category.get_absolute_url()}" in locations
