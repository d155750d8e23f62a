"""Public pages a shared cache may keep: an anonymous GET sets no cookie, carries no CSRF token, says
how long it may be kept, and answers a repeated request with 304 (docs/caching.md)."""

from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Tag, Topic
from feedback.models import Feedback
from stats.models import DailyStats
from tests.factories import (
    ArticleFactory,
    AttachmentFactory,
    DocumentFactory,
    FeedbackFactory,
    OfficialFactory,
    PageFactory,
    ScheduleEntryFactory,
    SiteSettingsFactory,
    UnitFactory,
    VideoFactory,
    editor,
    image_file,
)

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=0, s-maxage=60"
SCRIPT = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36"}


@pytest.fixture
def open_draft():
    now = timezone.now()
    return DocumentFactory(
        is_draft=True,
        number="",
        summary="Dự thảo Nghị quyết về hỗ trợ chuyển đổi số",
        consultation_opens_at=now - timedelta(days=1),
        consultation_closes_at=now + timedelta(days=20),
    )


@pytest.fixture
def public_urls(article, open_draft):
    """Every kind of public address, on demo-like rows (the frame around them included)."""
    SiteSettingsFactory(logo=image_file("logo.png", image_format="PNG"), logo_alt="Quốc huy")
    VideoFactory(poster=image_file("poster.jpg"))
    page = PageFactory(
        title="Giới thiệu",
        title_en="About",
        body_en="<p>About us</p>",
        show_in_menu=True,
        show_in_footer=True,
    )
    document = AttachmentFactory().document
    topic = Topic.objects.create(name="Chuyển đổi số", name_en="Digital transformation", featured=True)
    # English versions, so that each kind of page answers at its /en/ address too (english_urls).
    article.title_en, article.body_en = "Provincial Party Committee reviews the year", "<p>Body</p>"
    article.save()
    article.category.name_en = "Provincial news"
    article.category.save()
    tag = Tag.objects.create(name="Mộc Châu")
    article.topics.add(topic)
    article.tags.add(tag)
    ArticleFactory(category=article.category, title="Tin thứ hai")
    unit = UnitFactory(name="Sở Tài chính", parent=UnitFactory(name="UBND tỉnh"))
    OfficialFactory(unit=unit)
    ScheduleEntryFactory(title="Họp Ban Chỉ đạo", chair=unit.officials.first())
    FeedbackFactory(answer="Đã trả lời.", status="answered", allow_publish=True, is_published=True)
    return [
        "/",
        article.category.get_absolute_url(),
        article.category.get_absolute_url() + "?page=1",
        topic.get_absolute_url(),
        tag.get_absolute_url(),
        article.get_absolute_url(),
        page.get_absolute_url(),
        reverse("frame:videos"),
        reverse("documents:list"),
        reverse("documents:list") + "?q=quyet+dinh",
        document.get_absolute_url(),
        open_draft.get_absolute_url(),
        reverse("documents:consultations"),
        reverse("agency:schedule"),
        reverse("agency:schedule_ical"),
        reverse("agency:organisation"),
        unit.get_absolute_url(),
        reverse("agency:directory"),
        reverse("search:search"),
        reverse("search:search") + "?q=dang+bo",
        reverse("articles:feed"),
        reverse("articles:category_feed", kwargs={"slug": article.category.slug}),
        reverse("articles:topic_feed", kwargs={"slug": topic.slug}),
        reverse("documents:feed"),
        reverse("frame:sitemap"),
        reverse("feedback:answers"),
        reverse("feedback:answers") + "?q=thu+tuc",
    ]


def english_answers(public_urls):
    """Each kind of page at its English address: 200 where it has an English version, else a redirect
    to its Vietnamese page (the tag page, documents: docs/architecture.md)."""
    return {url: Client().get(url, **READER) for url in ("/en" + url for url in public_urls)}


@pytest.fixture
def english_urls(public_urls):
    answers = english_answers(public_urls)
    english = [url for url, response in answers.items() if response.status_code == 200]
    assert {"/en/", "/en/co-cau-to-chuc/", "/en/danh-ba/", "/en/rss/"} <= set(english)
    return english


def test_an_english_address_without_an_english_version_redirects_without_a_cookie(public_urls):
    for url, response in english_answers(public_urls).items():
        assert response.status_code in (200, 302), url
        assert not response.cookies and "Cookie" not in response.get("Vary", ""), url


@pytest.fixture
def every_url(public_urls, english_urls):
    return public_urls + english_urls


def crawl(urls):
    """Each address asked twice by a new reader (the second time from the page cache)."""
    for url in urls:
        for _time in range(2):
            reader = Client(enforce_csrf_checks=True)
            yield url, reader, reader.get(url, **READER)


def test_an_anonymous_reader_gets_no_cookie_and_no_token_on_any_public_page(every_url):
    for url, reader, response in crawl(every_url):
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)
        assert "Set-Cookie" not in response, url
        assert not reader.cookies, url
        assert b"csrfmiddlewaretoken" not in response.content, url
        assert "Cookie" not in response.get("Vary", ""), (url, response.get("Vary"))


def test_every_public_page_may_be_kept_briefly_by_a_shared_cache(every_url):
    for url, _reader, response in crawl(every_url):
        assert response["Cache-Control"] == PUBLIC, url
        assert response["ETag"], url


def test_a_repeated_request_with_the_etag_gets_a_304(every_url, settings):
    settings.STATS_BLOCK_CACHE_SECONDS = 0  # the block's figures as they are, not as 5 s ago
    for url in every_url:
        Client().get(url, **READER)  # this reader's visit and view counted: the page stays as it is
        first = Client().get(url, **READER)
        again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"], **READER)
        assert again.status_code == 304, url
        assert not again.content and not again.cookies, url
        assert again["ETag"] == first["ETag"] and again["Cache-Control"] == PUBLIC, url
        other = Client().get(url, HTTP_IF_NONE_MATCH='"autre"', **READER)
        assert other.status_code == 200, url


def test_a_304_is_counted_as_a_page_view_like_a_200(article, settings):
    settings.STATS_BLOCK_CACHE_SECONDS = 0
    url = article.get_absolute_url()
    Client().get(url, **READER)  # a visit, the article's view (0 shown, 1 counted), the page stored
    first = Client().get(url, **READER)  # from memory: 1 shown, the same visitor within 10 minutes
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"], **READER)
    assert again.status_code == 304
    day = DailyStats.objects.get()
    assert (day.visits, day.page_views) == (1, 3)
    article.refresh_from_db()
    assert article.view_count == 1


def test_a_reload_after_the_readers_own_view_shows_the_view_count_it_raised(article, settings):
    settings.STATS_BLOCK_CACHE_SECONDS = 0
    url = article.get_absolute_url()
    first = Client().get(url, **READER)
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"], **READER)
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_a_changed_page_is_sent_again(article):
    url = article.get_absolute_url()
    first = Client().get(url, **READER)
    article.title = "Tiêu đề đã sửa"
    article.save()
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"], **READER)
    assert again.status_code == 200 and "Tiêu đề đã sửa" in again.content.decode()


def test_form_pages_and_form_results_are_never_kept(article):
    for url in [reverse("feedback:create"), reverse("feedback:lookup")]:
        response = Client().get(url, **READER)
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"], url
    # /gop-y/ is a form page: its token comes with it (the issue lists it among the pages with forms).
    assert Client().get(reverse("feedback:create")).cookies["csrftoken"].value


def test_a_signed_in_editors_pages_are_not_public(client, article, public_urls):
    client.force_login(editor())
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" not in response.get("Cache-Control", ""), url
        assert "private" in response["Cache-Control"], url
    draft = ArticleFactory(status="draft")
    assert "no-store" in client.get(draft.get_absolute_url())["Cache-Control"]


def opinion(article, **captcha):
    return {
        "name": "Như Thuỷ",
        "subject": f"Về bài: {article.title}",
        "message": "Bài viết rất bổ ích.",
        "email": "",
        "website": "",
        "consent": "on",
        "allow_publish": "on",
        **captcha,
    }


def start_writing(reader):
    """What feedback.js asks for when the reader starts writing: a challenge and the CSRF token."""
    answer = reader.get(reverse("feedback:captcha_refresh"), **SCRIPT)
    assert "no-store" in answer["Cache-Control"]
    data = answer.json()
    solved = {"captcha_0": data["key"], "captcha_1": CaptchaStore.objects.get(hashkey=data["key"]).response}
    return solved, data["csrf_token"]


def sent_to(form, article, open_draft):
    """Where the form posts: an opinion under the article, a comment on the draft in consultation."""
    if form == "opinion":
        return reverse("feedback:article_opinion", kwargs={"slug": article.slug})
    return reverse("feedback:consultation_comment", kwargs={"slug": open_draft.slug})


@pytest.mark.parametrize("form", ["opinion", "comment"])
def test_a_form_on_a_public_page_gets_its_token_when_used_and_is_sent(article, open_draft, form):
    url = sent_to(form, article, open_draft)
    reader = Client(enforce_csrf_checks=True)
    reader.get(article.get_absolute_url() if form == "opinion" else open_draft.get_absolute_url())
    assert not reader.cookies
    captcha, token = start_writing(reader)
    assert reader.cookies["csrftoken"].value  # from the moment the reader writes, not before
    data = opinion(article, **captcha, organisation="")
    sent = reader.post(url, data, HTTP_X_CSRFTOKEN=token, **SCRIPT)
    assert sent.status_code == 200 and sent.json()["code"]
    assert Feedback.objects.count() == 1
    # The CSRF cookie it now sends changes nothing: the next page is as public as before.
    again = reader.get(article.get_absolute_url(), **READER)
    assert (
        again["Cache-Control"] == PUBLIC and not again.cookies and b"csrfmiddlewaretoken" not in again.content
    )


@pytest.mark.parametrize("form", ["opinion", "comment"])
def test_a_form_sent_without_javascript_comes_back_with_its_token_then_goes(article, open_draft, form):
    url = sent_to(form, article, open_draft)
    reader = Client(enforce_csrf_checks=True)
    first = reader.post(url, opinion(article, organisation=""))
    assert first.status_code == 200 and Feedback.objects.count() == 0
    html = first.content.decode()
    assert "csrfmiddlewaretoken" in html and "no-store" in first["Cache-Control"]
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    key = html.split('name="captcha_0" value="')[1].split('"')[0]
    captcha = {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}
    sent = reader.post(url, {**opinion(article, organisation="", **captcha), "csrfmiddlewaretoken": token})
    assert sent.status_code == 303 and Feedback.objects.count() == 1


@pytest.mark.parametrize("form", ["opinion", "comment"])
def test_an_answered_challenge_without_a_token_is_refused(article, open_draft, form):
    url = sent_to(form, article, open_draft)
    reader = Client(enforce_csrf_checks=True)
    captcha, _token = start_writing(reader)
    refused = reader.post(url, opinion(article, organisation="", **captcha), **SCRIPT)
    assert refused.status_code == 403 and Feedback.objects.count() == 0
