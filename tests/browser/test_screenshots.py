"""The pictures of the docs (docs/images/*.png), taken in Chromium from the demo data.

The README and the user guide (docs/huong-dan-su-dung.md) show them. Each test checks what the page
must show before taking its picture, so a broken page fails here instead of ending up in the guide.

The pictures must not change while the pages do not: the demo data is loaded under a stopped clock
(every date the pages print, and every date the demo computes from "now", is the same on every run),
the headless browser is not counted as a visitor (its User-Agent says "HeadlessChrome"), random names
and keys the pages would print are fixed, and a file is written only when the picture differs by more
than the rasteriser's noise, so `make test` leaves `git status` clean.
"""

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import django.utils.timezone
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image, ImageChops
from playwright.sync_api import expect

from accounts.demo import ACCOUNTS
from articles import workflow
from articles.models import Article
from feedback.models import Feedback
from frame.models import Banner
from stats.models import StatsTotals
from tests.browser.signin import code_from_the_page, password_step, sign_in, submit_code
from tests.factories import totp_code

pytestmark = pytest.mark.django_db(transaction=True)

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
# Friday 27/11/2026, 09:30 in Sơn La.
STOPPED_AT = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
PASSWORD = "demo-mat-khau-anh-chup"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
DRAFT_TITLE = "Sôi nổi Đại hội Thể dục thể thao các dân tộc tỉnh Sơn La"
# The pictures of the first sign-in show this key and these recovery codes, not random ones: a demo
# account's in a throw-away test database, published here on purpose.
AUTHENTICATOR_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's example secret
RECOVERY_CODES = [f"demo{n:04d}" for n in range(10)]
# Chromium's software rasteriser is not quite deterministic: from one run to the next a few dozen
# anti-aliased pixels (the rounded corners of an image, the edge of a scaled one) may differ. A
# picture is rewritten only when more pixels than that differ: a changed page changes thousands.
NOISE_LEVEL = 8
NOISE_PIXELS = 100


class _AnyDatetime(type):
    # django.utils.timezone also checks isinstance(value, datetime): every real datetime still is one.
    def __instancecheck__(cls, value):
        return isinstance(value, datetime)


class StoppedClock(datetime, metaclass=_AnyDatetime):
    """What django.utils.timezone sees as `datetime`: now() is always STOPPED_AT.

    Patching the module's `datetime` rather than `timezone.now` reaches the model fields whose default
    is the `timezone.now` function itself (an article event's time, a revision's).
    """

    @classmethod
    def now(cls, tz=None):
        return STOPPED_AT.astimezone(tz) if tz else STOPPED_AT.replace(tzinfo=None)


SNAPSHOT = "screenshots_demo"  # a PostgreSQL schema of its own: Django's flush never sees it


def django_tables(cursor):
    """{table: its columns but the generated ones} of every Django table."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = ANY(%s) AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [tables],
    )
    columns = {table: [] for table in tables}
    for table, column in cursor.fetchall():
        columns[table].append(connection.ops.quote_name(column))
    return columns


@pytest.fixture(scope="module")
def demo_snapshot(django_db_setup, django_db_blocker):
    """One real run of load_demo_data for the module, at STOPPED_AT with known passwords, its rows
    copied aside: it takes longer than most of these tests, and each test's flush would undo it."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setattr(django.utils.timezone, "datetime", StoppedClock)
        for account in ACCOUNTS:
            patch.setenv(account.password_variable, PASSWORD)
        call_command("load_demo_data", verbosity=0)
        with connection.cursor() as cursor:
            columns = django_tables(cursor)
            cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE; CREATE SCHEMA {SNAPSHOT}")
            for table in columns:
                name = connection.ops.quote_name(table)
                cursor.execute(f"CREATE TABLE {SNAPSHOT}.{name} AS TABLE {name}")
        yield columns
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA {SNAPSHOT} CASCADE")


@pytest.fixture
def demo(demo_snapshot, transactional_db, monkeypatch):
    """The demo data of `make run`, with known passwords, made at STOPPED_AT: every table holds exactly
    the rows load_demo_data made (copied back; the files it stored are still in MEDIA_ROOT)."""
    monkeypatch.setattr(django.utils.timezone, "datetime", StoppedClock)
    quoted = {connection.ops.quote_name(table): columns for table, columns in demo_snapshot.items()}
    # Django's foreign keys are checked at the commit: the tables may be filled in any order.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(quoted)}")
        for name, columns in quoted.items():
            listed = ", ".join(columns)
            cursor.execute(f"INSERT INTO {name} ({listed}) SELECT {listed} FROM {SNAPSHOT}.{name}")  # noqa: S608 - names from the introspection, quoted


def new_page(browser, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    return context.new_page()


def log_in(browser, live_server, username, viewport=DESKTOP, *, sidebar_open=False):
    page = new_page(browser, viewport)
    if not sidebar_open:
        # The admin's navigation sidebar closed, as its toggle leaves it: the lists get the whole width.
        page.add_init_script("localStorage.setItem('django.admin.navSidebarIsOpen', 'false')")
    # The password, then the enrolment of an authenticator (demo accounts with a chosen password have
    # none yet) or its code.
    sign_in(page, live_server, username, PASSWORD)
    return page


def picture(page, name, **options):
    """Write docs/images/`name` from what the page shows, unless the file already holds these bytes."""
    page.wait_for_load_state("networkidle")
    # Every image in full, also the lazy ones a full-page picture shows below the fold.
    page.evaluate(
        """() => Promise.all([...document.images].map((image) => {
            image.loading = "eager";
            return image.decode().catch(() => null);
        }))"""
    )
    # Uploads are stored under the month of the upload and a random name, which the admin prints
    # beside a file field: the picture shows one fixed name instead.
    page.evaluate(
        r"""() => document.querySelectorAll("p.file-upload > a").forEach((link) => {
            link.textContent = link.textContent.replace(/\d{4}\/\d{2}\/[0-9a-f]{32}/, "2026/11/anh-bia");
        })"""
    )
    page.mouse.move(0, 0)  # no hover effect where the last click was
    # Chromium may first paint a scaled image roughly and then again finely: the same picture twice
    # in a row is the settled page.
    data = None
    for _attempt in range(5):
        previous, data = data, page.screenshot(animations="disabled", caret="hide", **options)
        if data == previous:
            break
    path = IMAGES / name
    if changed(path, data):
        IMAGES.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def changed(path, data):
    """Whether the PNG `data` differs from the file at `path` by more than the rasteriser's noise."""
    if not path.exists():
        return True
    if path.read_bytes() == data:
        return False
    with Image.open(path) as old, Image.open(io.BytesIO(data)) as new:
        if old.size != new.size:
            return True
        levels = ImageChops.difference(old.convert("RGB"), new.convert("RGB")).convert("L").histogram()
    return sum(levels[NOISE_LEVEL + 1 :]) > NOISE_PIXELS


def test_the_home_page_on_a_desktop_screen(demo, browser, live_server):
    page = new_page(browser)
    page.goto(f"{live_server.url}/")

    expect(page.get_by_role("heading", name="Tin nổi bật")).to_be_visible()
    expect(page.get_by_role("navigation").get_by_role("link", name="Trang chủ")).to_have_attribute(
        "aria-current", "page"
    )
    picture(page, "home.png")


def test_the_home_page_on_a_phone_shows_the_menu_button(demo, browser, live_server):
    page = new_page(browser, PHONE)
    page.goto(f"{live_server.url}/")

    toggle = page.get_by_role("button", name="Danh mục")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#main-menu")).to_be_hidden()
    picture(page, "home-phone.png")


def test_an_article_page_shows_its_title_views_and_byline(demo, browser, live_server):
    article = Article.objects.published().get(title__startswith="Xoài Sơn La")
    page = new_page(browser)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    expect(page.locator("h1")).to_have_text(article.title)
    expect(page.locator(".view-count")).to_have_text(f"{article.view_count:,}".replace(",", "."))
    picture(page, "article.png")


def test_the_admin_login_page_asks_for_a_username_and_password(demo, browser, live_server):
    page = new_page(browser)
    page.goto(f"{live_server.url}/admin/login/")

    expect(page.get_by_label(re.compile("Tên đăng nhập"))).to_be_visible()
    expect(page.get_by_label(re.compile("Mật khẩu"))).to_be_visible()
    picture(page, "admin-login.png")


def test_a_first_sign_in_sets_up_the_authenticator_then_asks_for_its_code(
    demo, browser, live_server, monkeypatch
):
    codes = iter(RECOVERY_CODES)
    monkeypatch.setattr(StaticToken, "random_token", staticmethod(lambda: next(codes)))
    page = new_page(browser)
    password_step(page, live_server, "phongvien", PASSWORD)

    expect(page.get_by_role("heading", name="Thiết lập đăng nhập hai bước")).to_be_visible()
    # The key the page drew at random, replaced by the published one; the page shows the device's key.
    TOTPDevice.objects.filter(user__username="phongvien", confirmed=False).update(key=AUTHENTICATOR_KEY)
    page.reload()
    expect(page.get_by_role("img", name=re.compile("Mã QR"))).to_be_visible()
    expect(page.locator("#signin-secret")).to_have_text("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")
    picture(page, "signin-enrol.png", full_page=True)

    submit_code(page, code_from_the_page(page))
    expect(page.locator(".signin-codes li")).to_have_text(RECOVERY_CODES)
    picture(page, "signin-recovery-codes.png")

    page.get_by_role("link", name=re.compile("tiếp tục")).click()
    page.get_by_role("button", name="Thoát").click()
    password_step(page, live_server, "phongvien", PASSWORD)
    expect(page.get_by_role("heading", name="Mã đăng nhập")).to_be_visible()
    expect(page.get_by_label("Mã:")).to_be_editable()
    picture(page, "signin-code.png")
    submit_code(page, totp_code(TOTPDevice.objects.get(user__username="phongvien")))
    expect(page.locator("#user-tools")).to_contain_text("Như Thuỷ")


def test_a_journalist_lists_their_articles_without_the_publishing_actions(demo, browser, live_server):
    page = log_in(browser, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/")

    expect(page.locator("#result_list tbody tr", has_text=DRAFT_TITLE)).to_contain_text("Bản nháp")
    # The list actions approve, unpublish and delete: a journalist may do none of them.
    expect(page.locator("select[name=action]")).to_have_count(0)
    picture(page, "journalist-articles.png")


def test_a_journalist_can_submit_a_draft_but_not_publish_it(demo, browser, live_server):
    draft = Article.objects.get(title=DRAFT_TITLE)
    page = log_in(browser, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")

    expect(page.locator(".field-body .ck-editor__editable")).to_be_visible()
    expect(page.get_by_role("button", name="Gửi duyệt")).to_be_visible()
    expect(page.get_by_role("button", name="Duyệt và xuất bản")).to_have_count(0)
    expect(page.get_by_label(re.compile("^Trạng thái"))).to_have_count(0)
    picture(page, "journalist-article-form.png", full_page=True)


def test_an_editor_finds_a_submitted_article_first_and_may_approve_or_reject_it(demo, browser, live_server):
    draft = Article.objects.get(title=DRAFT_TITLE)
    workflow.article_submit(article=draft, user=draft.created_by)
    page = log_in(browser, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/")

    first = page.locator("#result_list tbody tr").first
    expect(first).to_contain_text(DRAFT_TITLE)
    expect(first).to_contain_text("Chờ duyệt")
    picture(page, "editor-queue.png")

    first.get_by_role("link", name=DRAFT_TITLE).click()
    expect(page.get_by_label("Ý kiến gửi người viết")).to_be_visible()
    expect(page.get_by_role("button", name="Duyệt và xuất bản")).to_be_visible()
    expect(page.get_by_role("button", name="Từ chối")).to_be_visible()
    expect(page.locator(".workflow-log")).to_contain_text("Gửi duyệt")
    picture(page, "editor-review.png", full_page=True)


def test_an_editor_sees_the_site_frame_feedback_and_statistics_in_the_admin(demo, browser, live_server):
    draft = Article.objects.get(title=DRAFT_TITLE)
    workflow.article_submit(article=draft, user=draft.created_by)
    page = log_in(browser, live_server, "bientap")

    # What waits for the editor first, each count a link to the list it counts.
    waiting = page.get_by_role("heading", name=re.compile("bài chờ duyệt"))
    expect(waiting).to_contain_text("1")
    expect(page.get_by_role("heading", name=re.compile("góp ý quá hạn"))).to_contain_text("1")
    for section in ("Bài viết", "Khung trang", "Góp ý của bạn đọc", "Thống kê truy cập"):
        expect(page.locator("#content-main").get_by_role("table", name=re.compile(section))).to_be_visible()
    expect(page.locator("#content-main")).not_to_contain_text("Người dùng")
    picture(page, "admin-index-editor.png")

    waiting.get_by_role("link").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list tbody tr")).to_contain_text(DRAFT_TITLE)


def test_a_journalist_sees_their_drafts_and_what_was_sent_back_with_the_comment(demo, browser, live_server):
    draft = Article.objects.get(title=DRAFT_TITLE)
    workflow.article_submit(article=draft, user=draft.created_by)
    editor = get_user_model().objects.get(username="bientap")
    workflow.article_reject(article=draft, user=editor, comment="Cần thêm tên các đoàn vận động viên.")
    page = log_in(browser, live_server, "phongvien")

    expect(page.get_by_role("heading", name=re.compile("bản nháp của tôi"))).to_contain_text("1")
    sent_back = page.locator(".dashboard-panel--sent_back")
    expect(sent_back.get_by_role("heading")).to_contain_text("1")
    expect(sent_back).to_contain_text("Cần thêm tên các đoàn vận động viên.")
    expect(page.get_by_role("heading", name=re.compile("bài đã lên lịch"))).to_contain_text("1")
    picture(page, "admin-index-journalist.png")


def test_the_article_list_reads_at_1366_by_768_with_the_navigation_open(demo, browser, live_server):
    """The office's usual screen, the admin's navigation sidebar open as it starts: every column
    visible, each title on at most two lines, the filters folded away above the list."""
    draft = Article.objects.get(title=DRAFT_TITLE)
    workflow.article_submit(article=draft, user=draft.created_by)
    page = log_in(browser, live_server, "bientap", sidebar_open=True)
    page.goto(f"{live_server.url}/admin/articles/article/")

    expect(page.locator("#nav-sidebar")).to_be_visible()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(Article.objects.count())
    expect(rows.first).to_contain_text(DRAFT_TITLE)
    expect(rows.first.locator(".status-label--pending")).to_have_text("Chờ duyệt")
    headers = [text.strip() for text in page.locator("#result_list thead th").all_inner_texts()]
    assert headers[1:] == [
        "TIÊU ĐỀ",
        "TRẠNG THÁI",
        "CHUYÊN MỤC",
        "NGƯỜI VIẾT",
        "THỜI GIAN XUẤT BẢN",
        "LƯỢT XEM",
    ]
    layout = page.evaluate(
        """() => {
            const results = document.querySelector("#changelist-form .results");
            const titles = [...document.querySelectorAll("#result_list th.field-title a")];
            const lineHeight = parseFloat(getComputedStyle(titles[0]).lineHeight);
            return {
                overflow: results.scrollWidth - results.clientWidth,
                lines: Math.max(
                    ...titles.map((title) => Math.round(title.getBoundingClientRect().height / lineHeight))
                ),
                height: document.documentElement.scrollHeight,
            };
        }"""
    )
    assert layout["overflow"] <= 0, layout
    assert layout["lines"] <= 2, layout
    assert layout["height"] < 3000, layout  # 40 articles; the list was 7 944 px tall before
    filters = page.locator(".changelist-filter-panel")
    expect(filters).not_to_have_attribute("open", "")
    by_status = page.locator('details[data-filter-title="trạng thái"]')
    expect(by_status.get_by_role("link", name="Chờ duyệt", exact=True)).to_be_hidden()
    picture(page, "editor-articles.png")

    filters.locator("> summary").click()
    by_status.get_by_role("link", name="Chờ duyệt", exact=True).click()
    expect(rows).to_have_count(1)
    expect(page.locator(".changelist-filter-panel")).to_have_attribute("open", "")


def test_the_article_list_is_usable_on_a_tablet(demo, browser, live_server):
    page = log_in(browser, live_server, "bientap", TABLET)
    page.goto(f"{live_server.url}/admin/articles/article/")

    overflow = page.evaluate(
        """() => {
            const results = document.querySelector("#changelist-form .results");
            return results.scrollWidth - results.clientWidth;
        }"""
    )
    assert overflow <= 0
    expect(page.locator("#result_list thead th.column-status_column")).to_be_visible()
    expect(page.locator("#result_list thead th.column-views")).to_be_hidden()


def test_an_editor_sees_which_banners_are_shown_now(demo, browser, live_server):
    page = log_in(browser, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/frame/banner/")

    expect(page.locator("#result_list tbody tr")).to_have_count(Banner.objects.count())
    later = Banner.objects.get(starts_at__gt=STOPPED_AT)
    row = page.locator("#result_list tbody tr", has_text=later.title)
    expect(row.locator("td.field-shown_now img")).to_have_attribute("alt", "False")
    picture(page, "banners.png")


def test_staff_see_overdue_feedback_first_marked_and_answer_it(demo, browser, live_server):
    page = log_in(browser, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/feedback/feedback/")

    expect(page.locator("#result_list tbody tr")).to_have_count(Feedback.objects.count())
    overdue = Feedback.objects.overdue().get()
    expect(page.locator("#result_list tbody tr", has_text=overdue.code)).to_contain_text("Quá hạn")
    picture(page, "feedback-list.png")

    page.get_by_role("link", name=overdue.code).click()
    expect(page.get_by_label("Câu trả lời")).to_be_editable()
    expect(page.locator(".field-message")).to_contain_text(overdue.message.splitlines()[0])
    picture(page, "feedback-answer.png", full_page=True)


def test_the_statistics_dashboard_shows_the_figures_and_a_chart_of_30_days(demo, browser, live_server):
    page = log_in(browser, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/stats/dailystats/")

    expect(page.get_by_role("heading", name="Số liệu hiện tại")).to_be_visible()
    expect(page.locator(".stats-chart rect")).to_have_count(30)
    all_time = StatsTotals.objects.get().total
    figure = page.locator(".stats-figures div", has=page.locator("dt", has_text="Tất cả"))
    expect(figure.locator(".stats-figures__value")).to_have_text(f"{all_time:,}".replace(",", "."))
    picture(page, "stats-dashboard.png", full_page=True)
