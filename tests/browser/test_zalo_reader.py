"""A link shared in Zalo opens in Zalo's own browser: that reader is counted like any other."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from stats.models import ArticleDailyViews, DailyStats, StatsTotals
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

CORPUS = json.loads((Path(__file__).parents[1] / "stats" / "user_agents.json").read_text(encoding="utf-8"))
ZALO_ANDROID = next(
    entry["user_agent"] for entry in CORPUS["people"] if entry["name"] == "Zalo in-app browser on Android"
)


@pytest.fixture
def zalo_reader(browser):
    """Chromium as Zalo's in-app browser on an Android phone (its User-Agent, a phone's screen)."""
    context = browser.new_context(
        user_agent=ZALO_ANDROID,
        viewport={"width": 412, "height": 915},
        is_mobile=True,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    yield context.new_page()
    context.close()


def test_a_reader_in_zalos_in_app_browser_is_counted(zalo_reader, live_server, settings):
    settings.STATS_BLOCK_CACHE_SECONDS = 0  # the block may lag by a few seconds; here it must not
    StatsTotals.objects.create(pk=1, starting_total=21_422_117)
    article = ArticleFactory(title="Sơn La đón 3 triệu lượt khách du lịch", view_count=171)
    assert "Zalo android/" in zalo_reader.evaluate("navigator.userAgent")

    zalo_reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(zalo_reader.get_by_role("heading", level=1)).to_have_text("Sơn La đón 3 triệu lượt khách du lịch")
    zalo_reader.reload()

    expect(zalo_reader.locator(".view-count")).to_have_text("172")
    block = zalo_reader.get_by_role("region", name="Thống kê truy cập")
    for label, value in (("Đang online", "1"), ("Hôm nay", "1"), ("Tất cả", "21.422.118")):
        expect(
            block.locator("div", has=zalo_reader.locator("dt", has_text=label)).locator("dd")
        ).to_have_text(value)
    day = DailyStats.objects.get()
    assert (day.visits, day.page_views) == (1, 2)
    assert ArticleDailyViews.objects.get(article=article).views == 1
