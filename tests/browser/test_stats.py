"""A visitor reads an article and sees the counts; a staff member reads the statistics dashboard."""

import re

import pytest
from playwright.sync_api import expect

from stats.models import DailyStats, StatsTotals
from tests.browser.signin import sign_in
from tests.factories import ArticleFactory, StaffFactory
from tests.stats.helpers import BROWSER

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reader(browser):
    """An ordinary browser: headless Chromium announces itself as "HeadlessChrome", which the
    statistics treat as a bot."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", user_agent=BROWSER)
    yield context.new_page()
    context.close()


def test_a_visitor_sees_the_counted_numbers_after_a_reload(reader, live_server, settings):
    settings.STATS_BLOCK_CACHE_SECONDS = 0  # the block may lag by a few seconds; here it must not
    StatsTotals.objects.create(pk=1, starting_total=21_422_117)
    article = ArticleFactory(title="Sơn La đón 3 triệu lượt khách du lịch", view_count=1_233)

    reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    block = reader.get_by_role("region", name="Thống kê truy cập")
    expect(block).to_be_visible()
    reader.reload()

    expect(reader.locator(".view-count")).to_have_text("1.234")
    for label, value in (
        ("Đang online", "1"),
        ("Hôm nay", "1"),
        ("Trong tuần", "1"),
        ("Tất cả", "21.422.118"),
    ):
        expect(block.locator("div", has=reader.locator("dt", has_text=label)).locator("dd")).to_have_text(
            value
        )


def test_a_staff_member_reads_the_dashboard_with_its_chart_and_top_articles(page, live_server):
    StaffFactory(username="bientap")
    article = ArticleFactory(title="Lễ hội Hoa Ban 2026", view_count=4_321)
    DailyStats.objects.create(date=article.published_at.date(), visits=1_200, page_views=3_400)

    sign_in(page, live_server, "bientap")
    page.get_by_role("link", name="Thống kê theo ngày").first.click()

    expect(page.get_by_role("heading", name="Số liệu hiện tại")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Lượt truy cập và lượt xem trang"))).to_be_visible()
    expect(page.locator(".stats-chart rect")).to_have_count(30)
    top = page.get_by_role("region", name="Bài viết được đọc nhiều nhất")
    expect(top.get_by_role("link", name="Lễ hội Hoa Ban 2026")).to_be_visible()
    expect(top).to_contain_text("4.321 lượt xem")
