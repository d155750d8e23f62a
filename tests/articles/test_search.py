"""Articles in the site search (/tim-kiem/, the search app): the rules the articles' own search had,
kept now that every kind is ranked together (tests/search/ holds the rules across kinds)."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from caching.pagecache import seen_forget
from search import query
from search.models import SearchEntry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def search(terms):
    """The articles found, best first, as the search page orders them."""
    found = query.search(terms, kinds=[SearchEntry.Kind.ARTICLE], limit=100)
    return [Article.objects.get(slug=result.url.strip("/").split("/")[-1]) for result in found.results]


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


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.PENDING},
        {"published_at": timezone.now() + timedelta(hours=1)},
        {"expires_at": timezone.now() - timedelta(minutes=1)},
    ],
    ids=["draft", "pending", "scheduled", "expired"],
)
def test_articles_the_public_may_not_read_are_not_found(changes):
    ArticleFactory(title="Đảng bộ", **changes)
    assert search("dang bo") == []


def test_a_scheduled_article_is_found_from_its_publish_time_without_a_save():
    article = ArticleFactory(title="Lễ hội hoa ban", published_at=timezone.now() + timedelta(hours=1))
    assert search("hoa ban") == []
    later = timezone.now() + timedelta(hours=2)
    found = query.search("hoa ban", kinds=[SearchEntry.Kind.ARTICLE], now=later)
    assert [result.url for result in found.results] == [article.get_absolute_url()]


def test_an_unpublished_or_deleted_article_leaves_the_search():
    article = ArticleFactory(title="Mùa hoa mận")
    assert search("hoa man") == [article]
    article.status = Article.Status.UNPUBLISHED
    article.save()
    assert search("hoa man") == []
    article.status = Article.Status.PUBLISHED
    article.save()
    article.delete()
    assert search("hoa man") == []


def test_a_near_miss_finds_the_title_by_trigrams():
    article = ArticleFactory(title="Chương trình nông thôn mới")
    assert search("nong thon moii") == [article]


def test_the_search_follows_edits():
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
        monkeypatch.setattr("search.query.CANDIDATES", candidates)
        caches["fragments"].clear()  # the same address: not the results kept by the previous call
        seen_forget()
        response = client.get(reverse("search:search"), {"q": "Đảng bộ", "loai": "tin-bai"})
        urls = [result.url for result in response.context["results"]]
        return [Article.objects.get(slug=url.strip("/").split("/")[-1]) for url in urls], response.context[
            "more_results"
        ]

    assert shown(3) == (recent, True)
    # Within the candidates the exact spelling still ranks first.
    assert shown(4) == ([exact, *recent], True)
    assert shown(500) == ([exact, oldest, *recent], False)


def test_a_search_with_few_matches_says_how_many(client):
    ArticleFactory(title="Đảng bộ huyện Mộc Châu")
    response = client.get(reverse("search:search"), {"q": "dang bo"})
    assert response.context["more_results"] is False
    assert "1 kết quả" in response.content.decode()
