"""Whole pages served from memory (caching/pagecache.py): what is stored, what is filled per request."""

import re

import pytest
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_a_stored_page_has_its_holes_filled_and_gives_no_reader_a_token_or_a_cookie(article):
    url = article.get_absolute_url()
    Client().get(url)  # stores the page
    reader = Client(enforce_csrf_checks=True)
    html = reader.get(url).content.decode()
    assert "<!--hole:" not in html and "Lượt xem" in html
    assert not TOKEN.search(html) and not reader.cookies  # tests/caching/test_no_cookies.py: every page
    Client().get("/en/")
    assert '<html lang="en">' in reader.get("/en/").content.decode()  # the English page, stored apart


def test_the_view_count_and_the_statistics_are_read_again_on_every_request(
    article, django_assert_num_queries
):
    url = article.get_absolute_url()
    Client().get(url)
    article.__class__.objects.filter(pk=article.pk).update(view_count=1_234_567)
    with django_assert_num_queries(2):  # the content generation, the view count
        html = Client().get(url).content.decode()
    assert "1.234.567" in html


def test_the_views_own_headers_are_kept(article):
    Client().get("/rss/")
    response = Client().get("/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert article.title in response.content.decode()


def test_staff_and_errors_are_never_stored(staff_client, client):
    draft = ArticleFactory(status="draft", title="Bản nháp chưa duyệt")
    assert "Bản nháp chưa duyệt" in staff_client.get(draft.get_absolute_url()).content.decode()
    assert Client().get(draft.get_absolute_url()).status_code == 404
    missing = Client().get("/bai-viet/khong-co/")
    assert missing.status_code == 404 and "<!--hole:" not in missing.content.decode()
    assert 'name="csrfmiddlewaretoken"' not in missing.content.decode()
