import pytest

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
