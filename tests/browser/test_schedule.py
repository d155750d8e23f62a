"""The leaders' schedule in real Chromium: moving between weeks with the keyboard alone."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.lib.weeks import week_label
from tests.factories import ScheduleEntryFactory, ScheduleWeekFactory

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page, name, limit=80):
    """Press Tab until the focused element is the link or field named `name` (its text or its id)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => [document.activeElement.id, document.activeElement.innerText.trim()]")
        if name in focused:
            return
    raise AssertionError(f"{name!r} is never focused by Tab")


def test_the_weeks_are_reached_with_the_keyboard_links_and_picker(page, live_server):
    this_week = ScheduleWeekFactory()
    next_week = ScheduleWeekFactory(starts_on=this_week.starts_on + timedelta(days=7))
    ScheduleEntryFactory(week=this_week, title="Giao ban đầu tuần")
    ScheduleEntryFactory(week=next_week, title="Hội nghị tuần sau")
    page.goto(live_server.url + "/lich-cong-tac/")
    expect(page.locator("h1")).to_have_text("Lịch công tác của lãnh đạo")
    expect(page.locator("table.schedule")).to_contain_text("Giao ban đầu tuần")
    expect(page.locator('[aria-current="date"]')).to_have_count(1)

    tab_to(page, "Tuần sau ›")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"\?tuan={week_label(next_week.starts_on)}$"))
    expect(page.locator("table.schedule")).to_contain_text("Hội nghị tuần sau")
    expect(page.locator('[aria-current="date"]')).to_have_count(0)  # today is not in that week

    tab_to(page, "Tuần này")
    page.keyboard.press("Enter")
    expect(page.locator(".schedule__this-week")).to_be_visible()

    # The picker: the week field holds this week; the Up arrow moves it on a week, Enter shows it.
    tab_to(page, "tuan")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"\?tuan={week_label(next_week.starts_on)}$"))
    expect(page.locator("table.schedule")).to_contain_text("Hội nghị tuần sau")
