"""English at its own addresses: Vietnamese where it always was, English under /en/, one language per
address whatever the cookie or the browser says (docs/languages.md)."""

import re
from datetime import datetime
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Topic
from tests.factories import ArticleFactory, CategoryFactory, PageFactory, UnitFactory, VideoFactory
from tests.stats.helpers import browser, counters

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def english(path):
    return "/en" + path


def versions(html):
    """{hreflang: href} of the page's <link rel="alternate" hreflang>."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


@pytest.fixture
def bilingual(db):
    """An English category and an article with its English version, beside a Vietnamese-only one."""
    category = CategoryFactory(name="Tin trong tỉnh", name_en="Provincial news")
    translated = ArticleFactory(
        title="Sơn La đón khách du lịch",
        summary="Tóm tắt tiếng Việt.",
        body="<p>Nội dung tiếng Việt.</p>",
        title_en="Son La welcomes visitors",
        summary_en="An English summary.",
        body_en="<p>The English body.</p>",
        category=category,
        published_at=datetime(2026, 12, 1, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    vietnamese_only = ArticleFactory(title="Hội nghị tổng kết năm", category=category)
    return translated, vietnamese_only


def test_the_home_page_is_vietnamese_for_an_english_browser_and_an_old_english_cookie(client):
    client.cookies["django_language"] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_english_home_page_is_english_for_a_vietnamese_browser(client):
    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="vi")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html and response["Content-Language"] == "en"
    assert ">Home<" in html


def test_the_admin_stays_vietnamese_and_unprefixed(client):
    assert client.get("/en/admin/login/").status_code == 404
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response["Content-Language"] == "vi"


def test_an_article_links_its_english_version_both_ways_with_absolute_addresses(client, bilingual):
    article, _ = bilingual
    vietnamese_url = article.get_absolute_url()
    english_url = english(vietnamese_url)
    expected = {"vi": HOST + vietnamese_url, "en": HOST + english_url, "x-default": HOST + vietnamese_url}
    vietnamese_page = client.get(vietnamese_url).content.decode()
    english_page = client.get(english_url).content.decode()
    assert versions(vietnamese_page) == expected
    assert versions(english_page) == expected
    assert '<h1 class="article__title">Son La welcomes visitors</h1>' in english_page
    assert "The English body." in english_page and "An English summary." in english_page
    assert "Nội dung tiếng Việt." not in english_page


@pytest.mark.parametrize("kind", ["home", "category", "topic", "page", "unit", "organisation", "search"])
def test_every_public_page_kind_has_hreflang_both_ways(client, bilingual, kind):
    article, _ = bilingual
    page = PageFactory(title="Liên hệ", title_en="Contact", body_en="<p>Address.</p>", is_published=True)
    unit = UnitFactory(name="Sở Tài chính", name_en="Department of Finance")
    topic = Topic.objects.create(name="Chuyển đổi số", name_en="Digital transformation")
    article.topics.add(topic)
    path = {
        "home": "/",
        "category": article.category.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "page": page.get_absolute_url(),
        "unit": unit.get_absolute_url(),
        "organisation": reverse("agency:organisation"),
        "search": reverse("search:search") + "?q=son+la",
    }[kind]
    # The search page around its results is one stored page for every query (search/views.py): its
    # versions are the search page's, without the words.
    shown = path.split("?")[0] if kind == "search" else path
    expected = {"vi": HOST + shown, "en": HOST + english(shown), "x-default": HOST + shown}
    for url in (path, english(path)):
        response = client.get(url)
        assert response.status_code == 200, url
        assert versions(response.content.decode()) == expected, url


@pytest.mark.parametrize("name", ["documents:list", "documents:consultations", "feedback:answers"])
def test_the_sections_written_in_vietnamese_alone_have_no_english_pages(client, name):
    path = reverse(name)
    response = client.get(english(path))
    assert response.status_code == 302 and response.url == path
    assert versions(client.get(path).content.decode()) == {"vi": HOST + path, "x-default": HOST + path}


def test_a_page_without_an_english_version_names_only_vietnamese(client, bilingual):
    _, vietnamese_only = bilingual
    url = vietnamese_only.get_absolute_url()
    assert versions(client.get(url).content.decode()) == {"vi": HOST + url, "x-default": HOST + url}


def test_the_switch_is_a_plain_link_to_the_other_address_without_a_csrf_token(client, bilingual):
    article, vietnamese_only = bilingual
    html = client.get(article.get_absolute_url()).content.decode()
    switch = re.search(r'<p class="language-switch">.*?</p>', html, re.S)[0]
    assert f'href="{HOST}{english(article.get_absolute_url())}" hreflang="en"' in switch
    assert "<form" not in switch and "csrfmiddlewaretoken" not in html
    back = client.get(english(article.get_absolute_url())).content.decode()
    assert f'href="{HOST}{article.get_absolute_url()}" hreflang="vi"' in back
    # No English version: the switch leads to the English home page.
    lone = client.get(vietnamese_only.get_absolute_url()).content.decode()
    assert 'href="/en/" hreflang="en"' in lone


def test_the_old_switch_post_leads_to_the_address_in_the_chosen_language(client, bilingual):
    article, _ = bilingual
    response = client.post("/i18n/setlang/", {"language": "en", "next": article.get_absolute_url()})
    assert response.status_code == 302 and response.url == english(article.get_absolute_url())
    assert not response.cookies
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/en/chuyen-muc/x/?page=2"})
    assert response.url == "/chuyen-muc/x/?page=2"


def test_the_old_switch_needs_no_csrf_token_and_works_as_a_link(bilingual):
    from django.test import Client

    article, _ = bilingual
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/i18n/setlang/", {"language": "en", "next": "/bai-viet/x/"})
    assert response.status_code == 302 and response.url == "/en/bai-viet/x/"
    response = strict.get("/i18n/setlang/", {"language": "en", "next": article.get_absolute_url()})
    assert response.url == english(article.get_absolute_url())


def test_the_old_switch_never_leads_to_another_site(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/en/"


def test_an_old_english_cookie_does_not_change_a_vietnamese_address(client, bilingual):
    article, _ = bilingual
    client.cookies["django_language"] = "en"
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<h1 class="article__title">Sơn La đón khách du lịch</h1>' in html


def test_an_article_without_english_is_left_out_of_english_lists_and_feeds(client, bilingual):
    article, vietnamese_only = bilingual
    for path in ("/", article.category.get_absolute_url(), reverse("articles:feed")):
        vietnamese_page = client.get(path).content.decode()
        english_page = client.get(english(path)).content.decode()
        assert vietnamese_only.title in vietnamese_page, path
        assert vietnamese_only.title not in english_page, path
        assert "Son La welcomes visitors" in english_page, path
        assert "Sơn La đón khách du lịch" not in english_page, path


def test_the_english_address_of_an_article_without_english_leads_to_the_vietnamese_one(client, bilingual):
    _, vietnamese_only = bilingual
    response = client.get(english(vietnamese_only.get_absolute_url()))
    assert response.status_code == 302
    assert response.url == vietnamese_only.get_absolute_url()


def test_a_category_without_an_english_name_is_left_out_of_the_english_site(client, bilingual):
    untranslated = CategoryFactory(name="Tin huyện")
    ArticleFactory(category=untranslated, title_en="District news item", body_en="<p>Text.</p>")
    assert client.get(english(untranslated.get_absolute_url())).status_code == 302
    html = client.get("/en/").content.decode()
    assert "Tin huyện" not in html and "Provincial news" in html


def test_a_static_page_without_english_leads_to_its_vietnamese_page(client):
    page = PageFactory(title="Giới thiệu", is_published=True)
    response = client.get(english(page.get_absolute_url()))
    assert response.status_code == 302 and response.url == page.get_absolute_url()


def test_the_sitemap_lists_both_languages_and_only_english_pages_that_exist(client, bilingual):
    article, vietnamese_only = bilingual
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {url.findtext(f"{SITEMAP}loc"): url for url in root.iter(f"{SITEMAP}url")}
    assert HOST + article.get_absolute_url() in locations
    assert HOST + english(article.get_absolute_url()) in locations
    assert HOST + vietnamese_only.get_absolute_url() in locations
    assert HOST + english(vietnamese_only.get_absolute_url()) not in locations
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in locations[HOST + article.get_absolute_url()].iter(f"{XHTML}link")
    }
    assert alternates == {
        "vi": HOST + article.get_absolute_url(),
        "en": HOST + english(article.get_absolute_url()),
    }


def test_english_dates_read_one_way_and_vietnamese_ones_are_unchanged(client, bilingual):
    article, _ = bilingual
    assert "01/12/2026 08:30" in client.get(article.get_absolute_url()).content.decode()
    english_page = client.get(english(article.get_absolute_url())).content.decode()
    assert "1 December 2026, 08:30" in english_page and "12/01/2026" not in english_page


def test_the_page_cache_keeps_the_two_languages_apart(client, bilingual):
    article, _ = bilingual
    for _round in range(2):  # the second round is served from the stored pages
        assert '<html lang="vi">' in client.get(article.get_absolute_url()).content.decode()
        assert '<html lang="en">' in client.get(english(article.get_absolute_url())).content.decode()
        assert '<html lang="vi">' in client.get("/").content.decode()
        assert '<html lang="en">' in client.get("/en/").content.decode()


def test_an_english_article_view_is_counted_for_the_article(client, bilingual):
    article, _ = bilingual
    client.get(english(article.get_absolute_url()), headers={"user-agent": browser()})
    assert counters(article)[2:] == (1, 1)
    client.get(article.get_absolute_url(), headers={"user-agent": browser("other")})
    article.refresh_from_db()
    assert article.view_count == 2


def test_the_english_body_is_sanitised_like_the_vietnamese_one(bilingual):
    article, _ = bilingual
    article.body_en = '<p>Hi</p><script>alert(1)</script><img src="x" onerror="alert(1)" alt="x">'
    article.save()
    article.refresh_from_db()
    assert "<script" not in article.body_en and "onerror" not in article.body_en


def test_an_unknown_english_address_is_an_english_404(client):
    response = client.get("/en/khong-co/")
    assert response.status_code == 404
    with translation.override("en"):
        assert '<html lang="en">' in response.content.decode()


def test_the_article_form_has_a_collapsed_english_version(admin_client):
    html = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    fieldset = re.search(r"<details>.*?Bản tiếng Anh.*?</details>", html, re.S)
    assert fieldset, "no collapsed English fieldset"
    for field in ("title_en", "summary_en", "body_en"):
        assert f'name="{field}"' in fieldset[0]
    category_form = admin_client.get(reverse("admin:articles_category_add")).content.decode()
    assert 'name="name_en"' in category_form


def test_an_english_title_without_an_english_body_is_refused(bilingual):
    from django.core.exceptions import ValidationError

    _, article = bilingual
    article.title_en = "Only a title"
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "body_en" in refused.value.message_dict


def test_the_editors_empty_english_body_is_no_english_version(bilingual):
    """CKEditor sends an empty body as "<p>&nbsp;</p>": an article without an English title saves,
    and an English title with only that body is refused."""
    from django.core.exceptions import ValidationError

    _, article = bilingual
    article.title_en, article.body_en = "", "<p>&nbsp;</p>"
    article.full_clean()
    article.title_en = "Only a title"
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "body_en" in refused.value.message_dict


def test_video_titles_on_the_english_video_page_are_marked_vietnamese(client):
    VideoFactory(title="Nông thôn mới Sơn La")
    html = client.get(english(reverse("frame:videos"))).content.decode()
    assert re.search(
        r'<h2 class="video-list__title" id="video-title-\d+" lang="vi">Nông thôn mới Sơn La</h2>', html
    )
    vietnamese = client.get(reverse("frame:videos")).content.decode()
    assert re.search(
        r'<h2 class="video-list__title" id="video-title-\d+">Nông thôn mới Sơn La</h2>', vietnamese
    )


def test_robots_txt_keeps_crawlers_off_the_english_search_and_forms_too(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /en/tim-kiem/" in robots and "Disallow: /en/gop-y/" in robots


def test_the_english_search_finds_the_english_version_at_its_english_address(client, bilingual):
    article, _ = bilingual
    html = client.get(english(reverse("search:search")), {"q": "welcomes visitors"}).content.decode()
    assert f'href="{english(article.get_absolute_url())}">Son La welcomes visitors</a>' in html
    vietnamese = client.get(reverse("search:search"), {"q": "don khach"}).content.decode()
    assert f'href="{article.get_absolute_url()}">Sơn La đón khách du lịch</a>' in vietnamese
