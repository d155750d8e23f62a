"""Staff keep the site's frame in the admin: settings, banners, lookup links, videos."""

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.urls import reverse

from frame.models import Banner, LookupLink, SiteSettings, Video
from tests.factories import (
    BannerFactory,
    LookupLinkFactory,
    SiteSettingsFactory,
    UserFactory,
    VideoFactory,
    image_file,
    mp4_file,
    vtt_file,
)

pytestmark = pytest.mark.django_db


def settings_form(**overrides):
    data = {
        "agency_name": "Cổng thông tin điện tử tỉnh Sơn La",
        "agency_name_en": "Son La Province Portal",
        "short_name": "UBND tỉnh Sơn La",
        "logo_alt": "",
        "address": "Phường Tô Hiệu, tỉnh Sơn La",
        "phone": "0212 3852 100",
        "hotline": "0212 3852 111",
        "email": "bbt@cong.example",
        "responsible_editor": "Chịu trách nhiệm chính: Chánh Văn phòng",
        "footer_text": "Giấy phép số 00/GP-TTĐT",
        "facebook_url": "https://www.facebook.com/sonla",
        "youtube_url": "",
        "zalo_url": "",
        "monitoring_script_url": "",
        "badge_link": "",
        "badge_image_url": "",
        "badge_alt": "",
    }
    data.update(overrides)
    return data


def banner_form(**overrides):
    data = {
        "title": "Dịch vụ công",
        "alt_text": "Cổng Dịch vụ công quốc gia",
        "link": "https://dichvucong.gov.vn/",
        "position": "sidebar",
        "order": "10",
        "is_active": "on",
        "starts_at_0": "",
        "starts_at_1": "",
        "ends_at_0": "",
        "ends_at_1": "",
    }
    data.update(overrides)
    return data


def video_form(**overrides):
    data = {
        "title": "Nông thôn mới Sơn La",
        "description": "",
        "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "featured": "on",
        "is_published": "on",
        "published_at_0": "27/11/2026",
        "published_at_1": "08:30",
    }
    data.update(overrides)
    return data


def errors_of(response):
    return response.context["adminform"].form.errors if response.context else {}


class TestSiteSettings:
    def test_the_list_opens_the_single_record_creating_it_on_first_visit(self, staff_client):
        response = staff_client.get(reverse("admin:frame_sitesettings_changelist"))
        assert response.status_code == 302
        assert response.url == reverse("admin:frame_sitesettings_change", args=[1])
        assert SiteSettings.objects.get().agency_name == "Cổng thông tin điện tử tỉnh Sơn La"
        assert staff_client.get(reverse("admin:frame_sitesettings_add")).status_code == 403

    def test_staff_edit_the_settings_with_a_logo_that_is_re_encoded(self, staff_client):
        SiteSettingsFactory()
        data = settings_form(logo=image_file("logo.png", image_format="PNG"), logo_alt="Quốc huy")
        response = staff_client.post(reverse("admin:frame_sitesettings_change", args=[1]), data)
        assert response.status_code == 302, errors_of(response)
        settings = SiteSettings.objects.get()
        assert settings.hotline == "0212 3852 111"
        assert settings.logo.name.startswith("site/") and "logo" not in settings.logo.name

    def test_a_logo_without_a_text_alternative_is_refused(self, staff_client):
        SiteSettingsFactory()
        data = settings_form(logo=image_file("logo.png", image_format="PNG"))
        response = staff_client.post(reverse("admin:frame_sitesettings_change", args=[1]), data)
        assert response.status_code == 200
        assert "logo_alt" in errors_of(response)

    @pytest.mark.parametrize(
        "link", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "//evil.example/"]
    )
    def test_a_social_link_that_is_not_http_is_refused_in_vietnamese(self, staff_client, link):
        SiteSettingsFactory()
        data = settings_form(facebook_url=link)
        response = staff_client.post(reverse("admin:frame_sitesettings_change", args=[1]), data)
        assert response.status_code == 200
        assert "Hãy nhập địa chỉ web bắt đầu bằng http://" in response.content.decode()
        assert SiteSettings.objects.get().facebook_url == ""

    def test_only_superusers_may_set_the_monitoring_code(self, client):
        SiteSettingsFactory()
        editor = UserFactory(username="bientap", is_staff=True)
        editor.user_permissions.set(
            Permission.objects.filter(codename__in=["change_sitesettings", "view_sitesettings"])
        )
        client.force_login(editor)
        data = settings_form(monitoring_script_url="https://theodoi.gov.vn/ma.js")
        response = client.post(reverse("admin:frame_sitesettings_change", args=[1]), data)
        assert response.status_code == 302
        assert SiteSettings.objects.get().monitoring_script_url == ""

    def test_the_monitoring_script_must_come_from_an_allowed_host(self, staff_client):
        SiteSettingsFactory()
        url = reverse("admin:frame_sitesettings_change", args=[1])
        refused = staff_client.post(url, settings_form(monitoring_script_url="https://evil.example/x.js"))
        assert "monitoring_script_url" in errors_of(refused)
        accepted = staff_client.post(url, settings_form(monitoring_script_url="https://theodoi.gov.vn/ma.js"))
        assert accepted.status_code == 302, errors_of(accepted)
        assert SiteSettings.objects.get().monitoring_script_url == "https://theodoi.gov.vn/ma.js"


class TestBanners:
    def test_staff_create_a_banner_whose_image_is_re_encoded(self, staff_client):
        data = banner_form(image=image_file("quang-cao.jpg", size=(600, 200)))
        response = staff_client.post(reverse("admin:frame_banner_add"), data)
        assert response.status_code == 302, errors_of(response)
        banner = Banner.objects.get()
        assert banner.alt_text == "Cổng Dịch vụ công quốc gia"
        assert (banner.image_width, banner.image_height) == (600, 200)
        assert "quang-cao" not in banner.image.name

    def test_staff_edit_a_banner(self, staff_client):
        banner = BannerFactory(title="Cũ")
        response = staff_client.post(
            reverse("admin:frame_banner_change", args=[banner.pk]),
            banner_form(title="Mới", position="footer"),
        )
        assert response.status_code == 302, errors_of(response)
        banner.refresh_from_db()
        assert (banner.title, banner.position) == ("Mới", "footer")

    @pytest.mark.parametrize("alt_text", ["", "   "])
    def test_a_banner_without_alt_text_is_refused(self, staff_client, alt_text):
        data = banner_form(image=image_file(), alt_text=alt_text)
        response = staff_client.post(reverse("admin:frame_banner_add"), data)
        assert response.status_code == 200
        assert "alt_text" in errors_of(response)
        assert not Banner.objects.exists()

    def test_the_database_refuses_a_banner_without_alt_text_even_without_the_form(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            BannerFactory(alt_text=" ")

    def test_a_javascript_link_is_refused(self, staff_client):
        data = banner_form(image=image_file(), link="javascript:alert(document.cookie)")
        response = staff_client.post(reverse("admin:frame_banner_add"), data)
        assert response.status_code == 200
        assert "link" in errors_of(response)
        assert not Banner.objects.exists()

    def test_an_end_before_the_start_is_refused(self, staff_client):
        data = banner_form(
            image=image_file(),
            starts_at_0="02/12/2026",
            starts_at_1="08:00",
            ends_at_0="01/12/2026",
            ends_at_1="08:00",
        )
        response = staff_client.post(reverse("admin:frame_banner_add"), data)
        assert "ends_at" in errors_of(response)

    def test_the_list_shows_whether_each_banner_is_shown_now(self, staff_client):
        BannerFactory(title="Đang hiện")
        response = staff_client.get(reverse("admin:frame_banner_changelist"))
        assert response.status_code == 200
        assert "Đang hiện" in response.content.decode()


class TestLookupLinks:
    def test_staff_create_and_edit_a_lookup_link_with_an_icon(self, staff_client):
        data = {"title": "Tra cứu văn bản", "link": "/chuyen-muc/thong-bao/", "icon_alt": "", "order": "1"}
        data["is_active"] = "on"
        response = staff_client.post(
            reverse("admin:frame_lookuplink_add"), {**data, "icon": image_file("i.png", image_format="PNG")}
        )
        assert response.status_code == 302, errors_of(response)
        link = LookupLink.objects.get()
        assert link.icon.name.startswith("lookup/")

        response = staff_client.post(
            reverse("admin:frame_lookuplink_change", args=[link.pk]), {**data, "title": "Văn bản"}
        )
        assert response.status_code == 302, errors_of(response)
        assert LookupLink.objects.get().title == "Văn bản"

    def test_a_javascript_lookup_link_is_refused(self, staff_client):
        data = {"title": "Xấu", "link": "javascript:alert(1)", "order": "1", "is_active": "on"}
        response = staff_client.post(reverse("admin:frame_lookuplink_add"), data)
        assert "link" in errors_of(response)
        assert not LookupLink.objects.exists()

    def test_lookup_links_are_ordered_in_the_admin(self, staff_client):
        LookupLinkFactory(title="Thứ hai", order=2)
        LookupLinkFactory(title="Thứ nhất", order=1)
        response = staff_client.get(reverse("admin:frame_lookuplink_changelist"))
        assert [link.title for link in response.context["cl"].result_list] == ["Thứ nhất", "Thứ hai"]


class TestVideos:
    def test_staff_create_and_edit_a_youtube_video(self, staff_client):
        response = staff_client.post(reverse("admin:frame_video_add"), video_form())
        assert response.status_code == 302, errors_of(response)
        video = Video.objects.get()
        assert video.remote.embed_url.startswith("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ")

        response = staff_client.post(
            reverse("admin:frame_video_change", args=[video.pk]),
            video_form(url="https://vimeo.com/76979871"),
        )
        assert response.status_code == 302, errors_of(response)
        video = Video.objects.get()
        assert video.remote.embed_url == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"

    @pytest.mark.parametrize(
        "url",
        [
            "https://www.dailymotion.com/video/x7tgad0",
            "https://youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
            "javascript:alert(1)",
            "https://www.youtube.com/watch?v=<script>",
        ],
    )
    def test_a_video_from_another_host_is_refused(self, staff_client, url):
        response = staff_client.post(reverse("admin:frame_video_add"), video_form(url=url))
        assert response.status_code == 200
        assert "Chỉ nhận địa chỉ video YouTube hoặc Vimeo" in response.content.decode()
        assert not Video.objects.exists()

    def test_staff_upload_an_mp4_with_a_poster_and_captions(self, staff_client):
        data = video_form(url="", file=mp4_file(), poster=image_file("poster.jpg"), captions=vtt_file())
        response = staff_client.post(reverse("admin:frame_video_add"), data)
        assert response.status_code == 302, errors_of(response)
        video = Video.objects.get()
        assert video.file.name.endswith(".mp4") and "clip" not in video.file.name
        assert video.captions.name.endswith(".vtt")
        assert video.remote is None

    def test_an_mp4_needs_a_poster(self, staff_client):
        response = staff_client.post(reverse("admin:frame_video_add"), video_form(url="", file=mp4_file()))
        assert "poster" in errors_of(response)

    def test_a_file_that_is_not_an_mp4_is_refused_whatever_its_name(self, staff_client):
        fake = mp4_file(data=b"<html><script>alert(1)</script></html>")
        data = video_form(url="", file=fake, poster=image_file())
        response = staff_client.post(reverse("admin:frame_video_add"), data)
        assert "file" in errors_of(response)
        assert not Video.objects.exists()

    @pytest.mark.parametrize(
        ("name", "data"),
        [
            ("phu-de.srt", b"WEBVTT\n"),
            ("phu-de.vtt", b"1\n00:00:00,000 --> 00:00:01,000\n"),
            ("a.vtt", b"\xff\xfe"),
        ],
    )
    def test_captions_must_be_a_webvtt_file(self, staff_client, name, data):
        form = video_form(url="", file=mp4_file(), poster=image_file(), captions=vtt_file(name, data))
        response = staff_client.post(reverse("admin:frame_video_add"), form)
        assert "captions" in errors_of(response)

    def test_an_address_and_a_file_together_are_refused(self, staff_client):
        data = video_form(file=mp4_file(), poster=image_file())
        response = staff_client.post(reverse("admin:frame_video_add"), data)
        assert response.status_code == 200
        assert not Video.objects.exists()

    def test_the_video_list_names_each_source(self, staff_client):
        VideoFactory(title="Trên YouTube")
        response = staff_client.get(reverse("admin:frame_video_changelist"))
        assert "YouTube" in response.content.decode()
