import io
import re
from base64 import b32decode
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import FileField
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecondFactorEvent
from articles.models import Article, Category
from frame.models import Banner, LookupLink, Page, SiteSettings, Video

pytestmark = pytest.mark.django_db

PASSWORD_VARIABLES = {
    "admin": "DEMO_ADMIN_PASSWORD",
    "bientap": "DEMO_EDITOR_PASSWORD",
    "phongvien": "DEMO_JOURNALIST_PASSWORD",
}


def load_demo_data(*args, **options):
    out = io.StringIO()
    call_command("load_demo_data", *args, stdout=out, **options)
    return out.getvalue()


def row_counts():
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def stored_file_names():
    """Every file a row of any model points to (covers, banners, icons, posters, the logo)."""
    names = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField):
                names += [name for name in model._base_manager.values_list(field.name, flat=True) if name]
    return names


def printed_passwords(output):
    return dict(re.findall(r"(\w+) \([^)]*\), password: (\S+)", output))


def printed_second_factors(output):
    """{username: (key, otpauth address, recovery codes)} as load_demo_data prints them once."""
    keys = dict(re.findall(r"(\w+), authenticator app key: ([A-Z2-7 ]+)$", output, re.M))
    addresses = dict(re.findall(r"(\w+), or add to the app: (otpauth://\S+)$", output, re.M))
    codes = dict(re.findall(r"(\w+), recovery codes \(each works once\): ([a-z2-7 ]+)$", output, re.M))
    return {name: (keys[name], addresses[name], codes[name].split()) for name in keys}


@pytest.fixture(scope="class")
def first_run(django_db_setup, django_db_blocker):
    """One real first run shared by a class of tests (each test rolls back to it), undone afterwards."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock(), transaction.atomic():
        for variable in PASSWORD_VARIABLES.values():
            patch.delenv(variable, raising=False)
        output = load_demo_data()
        yield output
        files = stored_file_names()
        transaction.set_rollback(True)
    for name in files:
        default_storage.delete(name)


@pytest.mark.usefixtures("first_run")
class TestFirstRun:
    def test_it_creates_top_level_categories_with_sub_categories(self):
        assert Category.objects.filter(parent=None).count() >= 5
        news = Category.objects.get(slug="tin-tuc-su-kien")
        assert set(news.children.values_list("name", flat=True)) == {"Tin trong tỉnh", "Tin trong nước"}
        assert not Category.objects.filter(description="").exists()

    def test_it_creates_at_least_30_published_articles_whose_cover_files_exist(self):
        with_covers = Article.objects.published().exclude(cover="")
        assert with_covers.count() >= 30
        for article in with_covers:
            assert default_storage.exists(article.cover.name), article.cover.name

    def test_it_creates_two_drafts_and_one_scheduled_article_the_public_cannot_see(self):
        assert Article.objects.filter(status=Article.Status.DRAFT).count() == 2
        hidden = Article.objects.exclude(pk__in=Article.objects.published())
        assert hidden.count() == 3

    def test_it_creates_the_administrator_editor_and_journalist_accounts(self):
        users = {user.username: user for user in get_user_model().objects.all()}
        assert users["admin"].is_superuser
        assert users["bientap"].is_staff and not users["bientap"].is_superuser
        assert users["bientap"].has_perm("articles.delete_article")
        assert users["phongvien"].is_staff and users["phongvien"].has_perm("articles.change_article")
        assert not users["phongvien"].has_perm("articles.delete_article")
        # Family name first, as everywhere (accounts.names).
        assert users["phongvien"].get_full_name() == str(users["phongvien"]) == "Lê Như Thuỷ"

    def test_articles_are_credited_to_the_journalist(self):
        assert set(Article.objects.values_list("created_by__username", flat=True)) == {"phongvien"}

    def test_generated_passwords_are_printed_once_and_let_the_accounts_log_in(self, first_run):
        passwords = printed_passwords(first_run)
        assert set(passwords) == set(PASSWORD_VARIABLES)
        for username, password in passwords.items():
            assert first_run.count(password) == 1
            assert get_user_model().objects.get(username=username).check_password(password)
        assert "password:" not in load_demo_data()

    def test_the_generated_accounts_get_an_authenticator_and_recovery_codes_printed_once(self, first_run):
        printed = printed_second_factors(first_run)
        assert set(printed) == set(PASSWORD_VARIABLES)
        for username, (key, address, codes) in printed.items():
            device = TOTPDevice.objects.get(user__username=username, confirmed=True)
            assert b32decode(key.replace(" ", "")) == device.bin_key
            assert address == device.config_url
            assert device.verify_token(TOTP(device.bin_key).token())
            stored = StaticToken.objects.filter(device__user=device.user).values_list("token", flat=True)
            assert len(codes) == 10 and set(codes) == set(stored)
            assert first_run.count(key) == 1
        assert SecondFactorEvent.objects.filter(action="enrol", actor=None).count() == 3
        assert "authenticator app key" not in load_demo_data()

    def test_it_prints_a_summary_line_per_app(self, first_run):
        assert "accounts: 3 created" in first_run
        assert re.search(r"^articles: \d+ categories and \d+ articles created", first_run, re.MULTILINE)
        assert re.search(
            r"^frame: 1 site settings, \d+ banners, \d+ lookup links, 2 videos, \d+ static pages created",
            first_run,
            re.M,
        )

    def test_a_second_run_changes_no_rows_stores_no_files_and_keeps_the_passwords(self):
        counts, files = row_counts(), media_files()
        hashes = dict(get_user_model().objects.values_list("username", "password"))

        output = load_demo_data()

        assert row_counts() == counts
        assert media_files() == files
        assert dict(get_user_model().objects.values_list("username", "password")) == hashes
        assert "articles: nothing new" in output
        assert "frame: nothing new" in output

    def test_every_public_article_with_a_cover_has_alt_text_or_is_decorative(self):
        for article in Article.objects.published().exclude(cover=""):
            assert article.cover_alt.strip() or article.cover_decorative, article.title
        assert Article.objects.filter(cover_decorative=True, cover_alt="").exclude(cover="").exists()

    def test_it_fills_the_site_settings_with_a_logo_described_for_screen_readers(self):
        settings = SiteSettings.objects.get()
        assert settings.agency_name and settings.address and settings.phone and settings.email
        assert settings.logo and settings.logo_alt
        assert default_storage.exists(settings.logo.name)

    def test_it_creates_banners_in_every_position_each_with_alt_text_and_one_not_shown_yet(self):
        banners = list(Banner.objects.all())
        assert {banner.position for banner in banners} == set(Banner.Position.values)
        for banner in banners:
            assert banner.alt_text.strip() and default_storage.exists(banner.image.name), banner.title
        assert len([banner for banner in banners if not banner.is_shown()]) == 1

    def test_it_creates_ordered_lookup_links_and_a_youtube_and_a_vimeo_video(self):
        assert LookupLink.objects.count() >= 5
        assert {video.remote.provider for video in Video.objects.all()} == {"youtube", "vimeo"}
        assert Video.objects.filter(featured=True).count() == 1
        assert all(video.poster for video in Video.objects.all())

    def test_it_creates_the_static_pages_with_english_organisation_and_contact(self):
        pages = {page.slug: page for page in Page.objects.all()}
        assert set(pages) >= {"gioi-thieu", "co-cau-to-chuc", "lien-he", "tiep-can-thong-tin"}
        assert pages["co-cau-to-chuc"].has_english and pages["lien-he"].has_english
        assert pages["gioi-thieu"].show_in_menu and pages["lien-he"].show_in_menu

    def test_the_editor_may_keep_the_frame_but_not_the_journalist(self):
        users = {user.username: user for user in get_user_model().objects.all()}
        for permission in ["frame.change_page", "frame.add_banner", "frame.change_sitesettings"]:
            assert users["bientap"].has_perm(permission), permission
            assert not users["phongvien"].has_perm(permission), permission

    def test_the_demo_home_page_shows_the_frame(self, client):
        html = client.get("/").content.decode()
        assert "Thông tin tra cứu" in html and "Video tuyên truyền" in html
        assert "Cổng Dịch vụ công quốc gia" in html and "Chúc mừng năm mới" not in html

    def test_the_english_site_has_categories_topics_and_articles_of_its_own(self, client):
        assert not Category.objects.filter(name_en="").exists()
        english = Article.objects.published().in_language("en")
        assert english.count() >= 3 and all(article.summary_en for article in english)
        html = client.get("/en/").content.decode()
        assert "Son La mangoes are exported to Australia and the United States" in html
        assert "Digital transformation" in html or "Party building" in html

    def test_the_slug_of_the_dang_bo_article_starts_with_dang_bo(self):
        article = Article.objects.get(title__startswith="Đảng bộ tỉnh Sơn La")
        assert article.slug.startswith("dang-bo-tinh-son-la")


def test_a_dry_run_stores_no_rows_and_no_files():
    counts, files = row_counts(), media_files()

    output = load_demo_data("--dry-run")

    assert "Dry run: everything was rolled back" in output
    assert re.search(r"^articles: \d+ categories and \d+ articles created", output, re.MULTILINE)
    assert row_counts() == counts
    assert media_files() == files


def test_passwords_come_from_the_environment_variables_and_are_never_printed(monkeypatch):
    for username, variable in PASSWORD_VARIABLES.items():
        monkeypatch.setenv(variable, f"{username}-mat-khau-demo")

    output = load_demo_data(verbosity=0)

    assert output == ""
    for username in PASSWORD_VARIABLES:
        user = get_user_model().objects.get(username=username)
        assert user.check_password(f"{username}-mat-khau-demo")
    # Whoever chose the passwords sets up an authenticator at the first sign-in.
    assert not TOTPDevice.objects.exists()
    for name in stored_file_names():
        default_storage.delete(name)  # the test database forgets them; the media folder would not


def test_production_refuses_to_load_demo_data_and_its_known_accounts(settings):
    settings.PRODUCTION = True
    counts = row_counts()
    with pytest.raises(CommandError, match="never runs with DJANGO_ENV=production"):
        load_demo_data()
    assert row_counts() == counts
    assert not get_user_model().objects.filter(username__in=PASSWORD_VARIABLES).exists()
