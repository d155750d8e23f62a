from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search import search_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def search(terms):
    return list(search_articles(Article.objects.published(), terms))


@pytest.mark.parametrize("terms", ["dang bo", "Đảng bộ", "ĐẢNG BỘ", "đang bo"])
def test_search_ignores_diacritics_and_case(terms):
    article = ArticleFactory(title="Đảng bộ tỉnh Sơn La tổng kết năm")
    ArticleFactory(title="Giá cà phê tăng")
    assert search(terms) == [article]


def test_exact_diacritics_rank_first():
    inexact = ArticleFactory(title="Đang bổ sung nguồn vốn")  # unaccented: "dang bo sung"
    exact = ArticleFactory(title="Đảng bộ huyện Mộc Châu")
    assert search("Đảng bộ") == [exact, inexact]


def test_the_body_is_searched_without_its_markup():
    article = ArticleFactory(title="Tin tức", body="<p>Hội nghị <strong>nông thôn</strong> mới</p>")
    assert search("nong thon") == [article]
    assert search("strong") == []


def test_title_matches_rank_above_body_matches():
    in_body = ArticleFactory(title="Tin tức", body="<p>Thủy điện Sơn La</p>")
    in_title = ArticleFactory(title="Thủy điện Sơn La", body="<p>Nội dung</p>")
    assert search("thuy dien") == [in_title, in_body]


def test_unpublished_articles_are_not_found():
    ArticleFactory(title="Đảng bộ", status=Article.Status.DRAFT)
    assert search("dang bo") == []


def test_a_near_miss_finds_the_title_by_trigrams():
    article = ArticleFactory(title="Chương trình nông thôn mới")
    assert search("nong thon moii") == [article]


def test_the_search_vector_follows_edits():
    article = ArticleFactory(title="Mùa mận hậu")
    article.title = "Mùa xoài"
    article.save()
    assert search("man hau") == []
    assert search("xoai") == [article]


def test_only_the_most_recent_matches_are_ranked_and_the_page_says_there_are_more(client, monkeypatch):
    now = timezone.now()
    oldest = ArticleFactory(title="Đảng bộ tỉnh: bài cũ nhất", published_at=now - timedelta(days=9))
    exact = ArticleFactory(title="Đảng bộ tỉnh họp", published_at=now - timedelta(days=4))
    recent = [
        ArticleFactory(title=f"Tin {n}: dang bo", published_at=now - timedelta(days=n)) for n in (1, 2, 3)
    ]

    def shown(candidates):
        monkeypatch.setattr("articles.search.SEARCH_CANDIDATES", candidates)
        monkeypatch.setattr("articles.views.SEARCH_CANDIDATES", candidates)
        caches["fragments"].clear()  # the same address: not the page stored by the previous call
        response = client.get(reverse("articles:search"), {"q": "Đảng bộ"})
        return list(response.context["articles"]), response.context["more_results"]

    assert shown(3) == (recent, True)
    # Within the candidates the exact spelling still ranks first.
    assert shown(4) == ([exact, *recent], True)
    assert shown(500) == ([exact, oldest, *recent], False)


def test_a_search_with_few_matches_says_how_many(client):
    ArticleFactory(title="Đảng bộ huyện Mộc Châu")
    response = client.get(reverse("articles:search"), {"q": "dang bo"})
    assert response.context["more_results"] is False
    assert "1 kết quả" in response.content.decode()
