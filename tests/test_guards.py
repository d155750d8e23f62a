"""Project-wide guards: what must hold for every page and every model."""

import re
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.urls import reverse

from agency.models import Unit
from articles.models import Tag, Topic
from frame.models import Banner
from tests.factories import (
    ArticleFactory,
    AttachmentFactory,
    BannerFactory,
    LookupLinkFactory,
    OfficialFactory,
    PageFactory,
    ScheduleEntryFactory,
    SiteSettingsFactory,
    UnitFactory,
    VideoFactory,
    image_file,
    mp4_file,
)

pytestmark = pytest.mark.django_db


def test_no_model_change_lacks_a_migration():
    output = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=output)


@pytest.fixture
def public_urls(article):
    """Every kind of public page, with the whole frame around it: logo, banners in each position,
    lookup icons, a featured video with a poster, an uploaded video, menu and footer pages."""
    ArticleFactory(category=article.category, title="Tin thứ hai")
    SiteSettingsFactory(logo=image_file("logo.png", image_format="PNG"), logo_alt="Quốc huy")
    for position in Banner.Position.values:
        BannerFactory(position=position)
    LookupLinkFactory(icon=image_file("icon.png", image_format="PNG"))
    VideoFactory(poster=image_file("poster.jpg"))
    VideoFactory(url="", file=mp4_file(), poster=image_file("poster.jpg"), featured=False)
    contact = PageFactory(
        title="Liên hệ",
        title_en="Contact",
        body_en="<p>Contact us</p>",
        show_in_menu=True,
        show_in_footer=True,
    )
    about = PageFactory(title="Giới thiệu", show_in_menu=True)
    document = AttachmentFactory().document
    # A featured topic (a block on the home page, with its cover) and a tag, both on the article.
    topic = Topic.objects.create(
        name="Chuyển đổi số", featured=True, cover=image_file("chu-de.jpg"), cover_alt="Người dân nộp hồ sơ"
    )
    tag = Tag.objects.create(name="Mộc Châu")
    article.topics.add(topic)
    article.tags.add(tag)
    unit = UnitFactory(
        name="Sở Tài chính", name_en="Department of Finance", parent=UnitFactory(name="UBND tỉnh")
    )
    OfficialFactory(unit=unit, photo=image_file("chan-dung.jpg"), photo_alt="Ảnh chân dung")
    ScheduleEntryFactory(title="Họp Ban Chỉ đạo", chair=unit.officials.first())
    return [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        reverse("search:search") + "?q=dang+bo",
        reverse("search:search"),
        "/khong-co-trang-nay/",
        contact.get_absolute_url(),
        about.get_absolute_url(),
        reverse("frame:videos"),
        reverse("feedback:create"),
        reverse("feedback:lookup"),
        reverse("feedback:answers"),
        reverse("feedback:answers") + "?q=dang+ky",
        reverse("documents:list"),
        reverse("documents:list") + "?q=44+kl+tw&loai=khong-co",
        document.get_absolute_url(),
        topic.get_absolute_url(),
        tag.get_absolute_url(),
        reverse("search:search") + "?q=so+tai+chinh&loai=co-quan",
        reverse("agency:organisation"),
        unit.get_absolute_url(),
        reverse("agency:directory"),
        reverse("agency:schedule"),
        reverse("agency:schedule") + "?tuan=2026-W53",
    ]


@pytest.fixture
def english_urls(public_urls, article):
    """The English pages (under /en/): an article, its category and a static page in English, the
    agency's pages (a unit in English, its parent not), the interface pages and a missing page."""
    article.title_en, article.body_en = "Son La sums up the year", "<p>The English body.</p>"
    article.save()
    article.category.name_en = "Provincial news"
    article.category.save()
    unit = Unit.objects.get(name="Sở Tài chính")
    return [
        "/en" + url
        for url in (
            "/",
            article.category.get_absolute_url(),
            article.get_absolute_url(),
            "/trang/lien-he/",
            reverse("frame:videos"),
            reverse("agency:organisation"),
            unit.get_absolute_url(),
            reverse("agency:directory"),
            reverse("agency:schedule"),
            reverse("search:search") + "?q=finance",
            "/khong-co-trang-nay/",
        )
    ]


def pages_in_both_languages(client, public_urls, english_urls):
    for url in public_urls:
        yield url, "vi", client.get(url)
    for url in english_urls:
        yield url, "en", client.get(url)


def test_every_public_page_has_exactly_one_h1(client, public_urls, english_urls):
    for url, language, response in pages_in_both_languages(client, public_urls, english_urls):
        assert response.status_code in {200, 404}, url
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, (url, language)
        assert f'<html lang="{language}">' in html, (url, language)


def test_every_image_on_public_pages_has_a_text_alternative(client, public_urls, english_urls):
    seen = 0
    for url, language, response in pages_in_both_languages(client, public_urls, english_urls):
        for tag in re.findall(r"<img\b[^>]*>", response.content.decode()):
            assert re.search(r'\salt="', tag), (url, language, tag)
            seen += 1
    # Not vacuous: the logo, three banners, a lookup icon and a poster on most pages (the 404 page
    # has no sidebar, the video page shows its posters in the list).
    assert seen >= 5 * (len(public_urls) + len(english_urls))


def test_the_feeds_and_the_sitemap_parse_as_xml(client, article):
    Topic.objects.create(name="Chuyên đề").articles.add(article)
    for url in [
        reverse("articles:feed"),
        reverse("articles:category_feed", kwargs={"slug": article.category.slug}),
        reverse("frame:sitemap"),
        reverse("documents:feed"),
        reverse("articles:topic_feed", kwargs={"slug": "chuyen-de"}),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)


def test_the_sitemap_lists_published_articles_and_their_categories(client, article):
    root = ElementTree.fromstring(client.get(reverse("frame:sitemap")).content)
    locations = {element.text for element in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"http://testserver{article.get_absolute_url()}" in locations
    assert f"http://testserver{article.category.get_absolute_url()}" in locations
