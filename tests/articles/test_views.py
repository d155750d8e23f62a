import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, image_file

pytestmark = pytest.mark.django_db


def test_home_shows_featured_latest_and_a_block_per_menu_category(client):
    news = CategoryFactory(name="Tin tức", order=1)
    hidden = CategoryFactory(name="Lưu trữ", show_in_menu=False)
    featured = ArticleFactory(title="Bài nổi bật", featured=True, category=news)
    archived = ArticleFactory(title="Bài lưu trữ", category=hidden)
    response = client.get("/")
    assert response.status_code == 200
    assert list(response.context["featured"]) == [featured]
    assert set(response.context["latest"]) == {featured, archived}
    assert response.context["category_blocks"] == [(news, [featured])]


def test_the_article_page_shows_everything_the_reader_needs(client, article):
    article.cover = image_file()
    article.cover_alt = "Quang cảnh hội nghị"
    article.cover_caption = "Hội nghị tổng kết"
    article.source = "Báo Sơn La"
    article.body = "<p>Nội dung <strong>quan trọng</strong></p>"
    article.save()
    Article.objects.filter(pk=article.pk).update(view_count=21422117)
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lượt xem" in html and "21.422.117" in html
    assert timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M") in html
    assert 'alt="Quang cảnh hội nghị"' in html
    assert "Hội nghị tổng kết" in html
    assert "<strong>quan trọng</strong>" in html
    assert "Như Thuỷ" in html
    assert "Báo Sơn La" in html
    assert '"@type": "NewsArticle"' in html
    assert 'property="og:title"' in html


def test_with_the_counts_in_redis_a_process_reads_the_view_count_at_most_every_two_seconds(
    client, article, settings, monkeypatch
):
    settings.ARTICLE_VIEW_COUNT_SECONDS = 2  # its default when STATS_REDIS_URL is set
    Article.objects.filter(pk=article.pk).update(view_count=1_000)
    url = article.get_absolute_url()
    assert "1.000" in client.get(url).content.decode()
    Article.objects.filter(pk=article.pk).update(view_count=2_000)  # as a flush writes it
    assert "1.000" in client.get(url).content.decode()  # the count read 0 s ago
    later = time.time() + 2.5
    monkeypatch.setattr(time, "time", lambda: later)
    assert "2.000" in client.get(url).content.decode()


def test_the_article_title_is_escaped(client):
    article = ArticleFactory(title="<script>alert(1)</script>", summary="<b>tóm tắt</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "<b>tóm tắt</b>" not in html


def test_json_ld_cannot_close_its_script_element(client):
    article = ArticleFactory(title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html


def test_related_and_newer_older_links_stay_in_the_category(client, category):
    now = timezone.now()
    older = ArticleFactory(category=category, published_at=now - timedelta(days=3))
    current = ArticleFactory(category=category, published_at=now - timedelta(days=2))
    newer = ArticleFactory(category=category, published_at=now - timedelta(days=1))
    ArticleFactory(published_at=now - timedelta(hours=1))  # another category
    context = client.get(current.get_absolute_url()).context
    assert context["newer"] == newer
    assert context["older"] == older
    assert set(context["related"]) == {older, newer}


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
        {"expires_at": timezone.now() - timedelta(minutes=1)},
    ],
    ids=["draft", "future", "expired"],
)
def test_an_article_the_public_may_not_see_is_404_for_the_public(client, changes):
    article = ArticleFactory(**changes)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(reverse("search:search"), {"q": article.title}).context["results"] == []
    assert article.title not in client.get("/").content.decode()
    assert article.title not in client.get(article.category.get_absolute_url()).content.decode()
    assert article.title not in client.get(reverse("articles:feed")).content.decode()
    assert article.slug not in client.get(reverse("frame:sitemap")).content.decode()


def test_the_draft_old_slug_does_not_redirect_for_the_public(client):
    article = ArticleFactory(title="Bài nháp", status=Article.Status.DRAFT)
    article.slug = "bai-nhap-moi"
    article.save()
    assert client.get("/bai-viet/bai-nhap/").status_code == 404


def test_staff_preview_a_draft_with_a_visible_banner_and_no_caching(staff_client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    response = staff_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.context["preview"] is True
    assert "Bản xem trước" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_published_articles_are_not_marked_as_previews_for_staff(staff_client, article):
    response = staff_client.get(article.get_absolute_url())
    assert response.context["preview"] is False
    assert "X-Robots-Tag" not in response


def test_an_old_slug_redirects_permanently_to_the_new_address(client, article):
    old_url = article.get_absolute_url()
    article.slug = "dang-bo-tinh-tong-ket"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/bai-viet/dang-bo-tinh-tong-ket/"


def test_an_unknown_article_is_a_vietnamese_404_in_the_site_layout(client):
    response = client.get("/bai-viet/khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert "Không tìm thấy trang" in html


def test_a_category_page_lists_its_own_and_its_children_articles(client, category):
    child = CategoryFactory(name="Tin huyện", parent=category)
    own = ArticleFactory(category=category)
    childs = ArticleFactory(category=child)
    ArticleFactory()  # another category
    response = client.get(category.get_absolute_url())
    assert set(response.context["articles"]) == {own, childs}


def test_a_category_page_is_paginated(client, category):
    ArticleFactory.create_batch(13, category=category)
    first = client.get(category.get_absolute_url())
    assert len(first.context["articles"]) == 12
    second = client.get(category.get_absolute_url(), {"page": 2})
    assert len(second.context["articles"]) == 1
    assert client.get(category.get_absolute_url(), {"page": "last"}).status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "3", "abc", "99999999999999999999999", "1.5", "", "%ff"])
def test_bad_page_numbers_are_404_never_500(client, category, page):
    ArticleFactory.create_batch(2, category=category)
    response = client.get(f"{category.get_absolute_url()}?page={page}")
    assert response.status_code in {200, 404}


def test_an_unknown_category_is_404(client):
    assert client.get("/chuyen-muc/khong-co/").status_code == 404


def test_search_page_finds_without_diacritics_and_paginates(client):
    ArticleFactory.create_batch(21, title="Đảng bộ tỉnh họp")
    response = client.get(reverse("search:search"), {"q": "dang bo"})
    assert response.status_code == 200
    assert response.context["paginator"].count == 21
    assert len(response.context["results"]) == 20
    second = client.get(reverse("search:search"), {"q": "dang bo", "page": 2})
    assert len(second.context["results"]) == 1


@pytest.mark.parametrize(
    "query",
    [
        "a" * 10_000,
        "%FF%FE%80",
        "'; DROP TABLE articles_article; --",
        "<script>alert(1)</script>",
        "!!! & | :* <->",
        "",
    ],
)
def test_hostile_search_terms_are_answered_without_error(client, query):
    response = client.get(f"{reverse('search:search')}?q={query}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_too_long_search_term_gets_a_vietnamese_message(client):
    response = client.get(reverse("search:search"), {"q": "a" * 10_000})
    assert "tối đa 200 ký tự" in response.content.decode()


def test_the_site_feed_lists_published_articles_newest_first(client):
    now = timezone.now()
    old = ArticleFactory(title="Tin cũ", published_at=now - timedelta(days=2))
    new = ArticleFactory(title="Tin mới", published_at=now - timedelta(days=1))
    response = client.get(reverse("articles:feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert body.index(new.title) < body.index(old.title)


def test_the_category_feed_lists_only_that_category(client, category):
    mine = ArticleFactory(category=category)
    other = ArticleFactory()
    body = client.get(reverse("articles:category_feed", kwargs={"slug": category.slug})).content.decode()
    assert mine.title in body and other.title not in body


def test_pages_announce_their_feeds(client, category):
    assert reverse("articles:feed") in client.get("/").content.decode()
    category_feed = reverse("articles:category_feed", kwargs={"slug": category.slug})
    assert category_feed in client.get(category.get_absolute_url()).content.decode()


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
