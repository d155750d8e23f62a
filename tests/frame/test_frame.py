"""The frame every public page shows, read from the cache and forgotten when staff change it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frame.models import Banner, SiteSettings
from tests.factories import (
    ArticleFactory,
    BannerFactory,
    CategoryFactory,
    LookupLinkFactory,
    PageFactory,
    SiteSettingsFactory,
    VideoFactory,
    image_file,
    mp4_file,
    vtt_file,
)

pytestmark = pytest.mark.django_db


def page_html(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def whole_frame(article):
    """Settings, a banner in each position, lookup links, a featured video, menu and footer pages."""
    SiteSettingsFactory(
        short_name="UBND tỉnh Sơn La",
        logo=image_file("logo.png", image_format="PNG"),
        logo_alt="Quốc huy",
        address="Phường Tô Hiệu, tỉnh Sơn La",
        phone="0212 3852 100",
        email="bbt@cong.example",
        responsible_editor="Chịu trách nhiệm chính: Chánh Văn phòng",
        footer_text="Giấy phép số 00/GP-TTĐT",
        facebook_url="https://www.facebook.com/sonla",
    )
    for position in Banner.Position.values:
        BannerFactory(position=position, alt_text=f"Banner {position}")
    LookupLinkFactory(title="Tra cứu văn bản", icon=image_file("i.png", image_format="PNG"))
    LookupLinkFactory(title="Thủ tục hành chính")
    VideoFactory(title="Nông thôn mới", poster=image_file("poster.jpg"))
    PageFactory(title="Giới thiệu", show_in_menu=True, show_in_footer=True, order=5)
    PageFactory(title="Tiếp cận thông tin", show_in_footer=True)


def test_every_page_shows_the_whole_frame(client, whole_frame, article):
    for url in ["/", article.get_absolute_url(), reverse("frame:videos"), "/trang/gioi-thieu/"]:
        html = page_html(client, url)
        assert 'alt="Quốc huy"' in html, url
        assert "UBND tỉnh Sơn La" in html, url
        assert "0212 3852 100" in html and 'href="tel:02123852100"' in html, url
        assert "Chịu trách nhiệm chính: Chánh Văn phòng" in html, url
        for position in ["header", "sidebar", "footer"]:
            assert f'alt="Banner {position}"' in html, (url, position)
        assert "Thông tin tra cứu" in html and "Tra cứu văn bản" in html, url
        assert 'href="/trang/gioi-thieu/"' in html and 'href="/trang/tiep-can-thong-tin/"' in html, url
        assert "https://www.facebook.com/sonla" in html, url
        assert 'class="skip-link" href="#main"' in html, url
        for landmark in ["<header", "<nav", '<main id="main"', "<aside", "<footer"]:
            assert landmark in html, (url, landmark)


def test_the_sidebar_shows_the_newest_featured_video_as_a_click_to_load_facade(client):
    VideoFactory(title="Cũ hơn", published_at=timezone.now() - timedelta(days=3))
    VideoFactory(title="Mới nhất", url="https://youtu.be/aqz-KE-bpKQ")
    VideoFactory(title="Không nổi bật", featured=False)
    html = page_html(client)
    sidebar = html.split("<aside", 1)[1]
    assert "Video tuyên truyền" in sidebar and "Mới nhất" in sidebar and "Cũ hơn" not in sidebar
    # Nothing from YouTube is loaded before the visitor presses play: no iframe, no script, no image.
    assert "<iframe" not in html
    assert (
        'data-video-embed="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&amp;rel=0"' in html
    )
    assert not re.search(r'src="https://[^"]*(youtube|ytimg|vimeo)', html)
    assert 'href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"' in html


def test_the_video_page_lists_published_videos_with_the_browser_player_for_files(client):
    VideoFactory(title="Trên Vimeo", url="https://vimeo.com/76979871")
    VideoFactory(
        title="Tải lên", url="", file=mp4_file(), poster=image_file("poster.jpg"), captions=vtt_file()
    )
    VideoFactory(title="Chưa đăng", is_published=False)
    html = page_html(client, reverse("frame:videos"))
    assert "Trên Vimeo" in html and "Tải lên" in html and "Chưa đăng" not in html
    assert "https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1" in html
    assert re.search(r'<video[^>]* controls preload="none" poster="/media/videos/posters/', html)
    assert re.search(r'<track kind="captions" src="/media/videos/[^"]+\.vtt" srclang="vi"', html)
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_a_banner_outside_its_dates_is_not_shown(client):
    now = timezone.now()
    BannerFactory(
        alt_text="Đang trong thời hạn", starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=1)
    )
    BannerFactory(alt_text="Chưa đến ngày", starts_at=now + timedelta(hours=1))
    BannerFactory(alt_text="Đã hết hạn", ends_at=now - timedelta(minutes=1))
    BannerFactory(alt_text="Đã tắt", is_active=False)
    html = page_html(client)
    assert "Đang trong thời hạn" in html
    assert "Chưa đến ngày" not in html and "Đã hết hạn" not in html and "Đã tắt" not in html


def test_a_cached_banner_appears_when_its_start_time_comes(client, monkeypatch):
    start = timezone.now() + timedelta(hours=1)
    BannerFactory(alt_text="Chúc mừng năm mới", starts_at=start)
    assert "Chúc mừng năm mới" not in page_html(client)
    # The frame is cached; dates are still checked on every request.
    later = start + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Chúc mừng năm mới" in page_html(client)


def test_lookup_links_are_ordered_and_icons_without_alt_text_are_decorative(client):
    LookupLinkFactory(title="Thứ hai", order=2, icon=image_file("a.png", image_format="PNG"))
    LookupLinkFactory(title="Thứ nhất", order=1)
    LookupLinkFactory(title="Đã ẩn", is_active=False)
    html = page_html(client)
    assert html.index("Thứ nhất") < html.index("Thứ hai")
    assert "Đã ẩn" not in html
    assert re.search(r'<img class="lookup__icon" src="/media/lookup/[^"]+" alt=""', html)


def test_the_monitoring_code_is_written_by_the_portal_from_its_parts(client):
    SiteSettingsFactory(
        monitoring_script_url="https://theodoi.gov.vn/ma.js",
        badge_link="https://tinnhiemmang.vn/danh-ba-tin-nhiem/cong",
        badge_image_url="https://tinnhiemmang.vn/handle_cert?id=cong",
        badge_alt="Chứng nhận Tín nhiệm mạng",
    )
    html = page_html(client)
    assert '<script src="https://theodoi.gov.vn/ma.js" async></script>' in html
    assert 'src="https://tinnhiemmang.vn/handle_cert?id=cong" alt="Chứng nhận Tín nhiệm mạng"' in html


def test_site_text_is_escaped(client):
    SiteSettingsFactory(address="<script>alert(1)</script>", footer_text="<b>x</b>")
    html = page_html(client)
    assert "<script>alert(1)" not in html and "<b>x</b>" not in html


def test_without_settings_the_site_shows_its_configured_name_and_the_emblem(client, settings):
    html = page_html(client)
    assert settings.PORTAL_SITE_NAME in html
    assert "#icon-emblem" in html
    assert not SiteSettings.objects.exists()  # reading never writes


class TestCaching:
    def test_a_staff_edit_of_the_settings_shows_on_the_next_request(self, staff_client, client):
        SiteSettingsFactory(hotline="0212 1111 111")
        assert "0212 1111 111" in page_html(client)
        data = {"agency_name": "Cổng thông tin điện tử tỉnh Sơn La", "hotline": "0212 2222 222"}
        response = staff_client.post(reverse("admin:frame_sitesettings_change", args=[1]), data)
        assert response.status_code == 302
        html = page_html(client)
        assert "0212 2222 222" in html and "0212 1111 111" not in html

    def test_a_new_banner_a_deleted_link_and_a_renamed_page_show_on_the_next_request(self, client):
        link = LookupLinkFactory(title="Sắp bị xoá")
        page = PageFactory(title="Giới thiệu", show_in_menu=True)
        page_html(client)  # warms the cache
        BannerFactory(alt_text="Banner mới")
        link.delete()
        page.title = "Giới thiệu chung"
        page.save()
        html = page_html(client)
        assert "Banner mới" in html and "Sắp bị xoá" not in html and "Giới thiệu chung" in html

    def test_the_frame_costs_no_query_once_cached(self, client, whole_frame, django_assert_num_queries):
        page_html(client, reverse("frame:videos"))
        # The content generation (caching.generation), then the video list itself: one count for the
        # paginator, one page of videos.
        with django_assert_num_queries(3):
            page_html(client, reverse("frame:videos"))

    def test_the_home_page_query_count_is_small_and_does_not_grow_with_content(
        self, client, whole_frame, django_assert_max_num_queries
    ):
        page_html(client)
        with django_assert_max_num_queries(4) as captured:
            page_html(client)
        before = len(captured.captured_queries)
        for number in range(6):
            category = CategoryFactory(name=f"Chuyên mục thêm {number}", order=number)
            CategoryFactory(name=f"Mục con {number}", parent=category)
            ArticleFactory.create_batch(2, category=category)
            BannerFactory()
            LookupLinkFactory()
        page_html(client)
        with django_assert_max_num_queries(before) as captured:
            html = page_html(client)
        assert len(captured.captured_queries) == before
        assert "Chuyên mục thêm 5" in html
