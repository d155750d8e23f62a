"""The agency's public pages: the chart, a unit, the directory, the schedule by week, the calendar."""

import re
from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from portal.lib.weeks import week_label, week_start
from tests.factories import (
    OfficialFactory,
    ScheduleEntryFactory,
    ScheduleWeekFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

SCHEDULE = reverse("agency:schedule")


@pytest.fixture
def chart():
    top = UnitFactory(name="Ủy ban nhân dân tỉnh", name_en="Provincial People's Committee", order=1)
    finance = UnitFactory(name="Sở Tài chính", name_en="Department of Finance", parent=top, order=2)
    health = UnitFactory(name="Sở Y tế", parent=top, order=1)  # no English name
    office = UnitFactory(name="Chi cục Kiểm lâm", parent=health)
    director = OfficialFactory(
        unit=finance, full_name="Trần Văn Hòa", position="Giám đốc", position_en="Director", order=1,
        phone="0212 3852 120", email="stc@cong.example",
    )  # fmt: skip
    OfficialFactory(unit=finance, full_name="Lò Thị Ẩn", position="Phó Giám đốc", is_shown=False)
    return {"top": top, "finance": finance, "health": health, "office": office, "director": director}


def english(url):
    """The English address of a page (docs/architecture.md: English under /en/)."""
    return "/en" + url


def test_the_chart_is_a_nested_list_in_the_units_order_with_their_heads(client, chart):
    html = client.get(reverse("agency:organisation")).content.decode()
    names = re.findall(r'class="org-chart__unit" href="[^"]+">([^<]+)</a>', html)
    assert names == ["Ủy ban nhân dân tỉnh", "Sở Y tế", "Chi cục Kiểm lâm", "Sở Tài chính"]
    # Three levels of lists: the office's list is inside the health department's item.
    assert re.search(
        r"Sở Y tế</a>\s*<ul class=\"org-chart__list\">\s*<li[^>]*>\s*<a[^>]*>Chi cục Kiểm lâm", html
    )
    assert 'Giám đốc</span>: <span lang="vi">Trần Văn Hòa' in html


def test_a_unit_page_shows_its_functions_contacts_and_shown_officials_only(client, chart):
    response = client.get(chart["finance"].get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trần Văn Hòa" in html and "0212 3852 120" in html and 'href="mailto:stc@cong.example"' in html
    assert "Lò Thị Ẩn" not in html
    assert "Tham mưu, giúp Ủy ban nhân dân tỉnh" in html
    assert client.get(reverse("agency:unit", kwargs={"slug": "khong-co"})).status_code == 404


def test_the_english_pages_use_the_records_and_mark_what_falls_back_to_vietnamese(client, chart):
    html = client.get(english(reverse("agency:organisation"))).content.decode()
    assert '<html lang="en">' in html
    assert ">Department of Finance</a>" in html
    assert 'lang="vi">Sở Y tế</a>' in html  # no English name: the Vietnamese one, marked
    unit = client.get(english(chart["finance"].get_absolute_url())).content.decode()
    assert '<h1 class="page-title">Department of Finance</h1>' in unit
    assert ">Director</p>" in unit
    # Its functions have no English version: shown in Vietnamese, said so.
    assert 'class="rich-text" lang="vi"' in unit


def test_the_directory_lists_the_shown_officials_unit_by_unit(client, chart):
    OfficialFactory(
        unit=chart["office"], full_name="Lường Văn Thắng", position="Chi cục trưởng", spokesperson=True
    )
    html = client.get(reverse("agency:directory")).content.decode()
    assert html.index("Lường Văn Thắng") < html.index("Trần Văn Hòa")  # the chart's order
    assert "Lò Thị Ẩn" not in html
    assert "người phát ngôn" in html


def test_the_schedule_shows_this_week_monday_to_sunday_with_today_marked(client):
    week = ScheduleWeekFactory()
    today = timezone.localdate()
    ScheduleEntryFactory(week=week, date=today, title="Họp Ban Chỉ đạo", starts_at=time(8), ends_at=time(10))
    ScheduleEntryFactory(week=week, date=week.starts_on, title="Ẩn", is_published=False)
    html = client.get(SCHEDULE).content.decode()
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', html)
    assert days == [(week.starts_on + timedelta(days=n)).isoformat() for n in range(7)]
    assert re.search(rf'aria-current="date"><time datetime="{today.isoformat()}">', html)
    assert "Họp Ban Chỉ đạo" in html and "08:00–10:00" in html and "Ẩn" not in html
    assert f"?tuan={week_label(week.starts_on - timedelta(days=7))}" in html
    assert f"?tuan={week_label(week.starts_on + timedelta(days=7))}" in html


def test_a_week_not_approved_is_not_public(client):
    ScheduleEntryFactory(week=ScheduleWeekFactory(is_approved=False), title="Chưa duyệt")
    html = client.get(SCHEDULE).content.decode()
    assert "Chưa duyệt" not in html
    assert "chưa được công bố" in html


def test_any_week_is_addressed_by_its_iso_week_across_the_year_boundary(client):
    week = ScheduleWeekFactory(starts_on=date(2026, 12, 28))
    ScheduleEntryFactory(
        week=week, date=date(2027, 1, 2), title="Trực Tết Dương lịch", all_day=True, starts_at=None
    )
    html = client.get(SCHEDULE, {"tuan": "2026-W53"}).content.decode()
    assert "28/12/2026" in html and "03/01/2027" in html and "Trực Tết Dương lịch" in html
    assert "?tuan=2027-W01" in html and "?tuan=2026-W52" in html
    first = client.get(SCHEDULE, {"tuan": "2026-W01"}).content.decode()
    assert '<time datetime="2025-12-29">' in first  # Monday 29/12/2025 is in 2026-W01


@pytest.mark.parametrize("value", ["2025-W53", "2026-W54", "tuan-nay", "2026-W1", "<script>", "2026-W01\x00"])
def test_a_week_that_does_not_exist_is_404(client, value):
    assert client.get(SCHEDULE, {"tuan": value}).status_code in {400, 404}


def test_a_change_after_publication_is_marked_with_its_time(client):
    entry = ScheduleEntryFactory(title="Tiếp công dân")
    entry.refresh_from_db()
    entry.location = "Trụ sở Tiếp công dân tỉnh"
    entry.save()
    html = client.get(SCHEDULE).content.decode()
    when = timezone.localtime(entry.adjusted_at).strftime("%H:%M %d/%m/%Y")
    assert f"Điều chỉnh lúc {when}" in html


def test_the_calendar_feed_holds_the_published_entries_as_icalendar(client):
    week = ScheduleWeekFactory()
    meeting = ScheduleEntryFactory(week=week, title="Họp giao ban", starts_at=time(7, 30), ends_at=time(9))
    ScheduleEntryFactory(
        week=week, title="Đi cơ sở", all_day=True, starts_at=None, date=week.starts_on + timedelta(days=2)
    )
    ScheduleEntryFactory(week=week, title="Bản nháp", is_published=False)
    ScheduleEntryFactory(
        week=ScheduleWeekFactory(starts_on=week.starts_on + timedelta(days=7), is_approved=False),
        title="Tuần sau",
    )
    response = client.get(reverse("agency:schedule_ical"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Họp giao ban", "Đi cơ sở"}
    start = events["Họp giao ban"].decoded("DTSTART")
    assert start.utcoffset() == timedelta(hours=7) and (start.hour, start.minute) == (7, 30)
    assert events["Đi cơ sở"].decoded("DTSTART") == week.starts_on + timedelta(days=2)  # a date: all day
    assert str(events["Họp giao ban"]["UID"]) == f"lich-cong-tac-{meeting.pk}@testserver"
    assert calendar.walk("VTIMEZONE")  # local times come with their zone


def test_the_calendar_feed_raises_the_sequence_of_an_adjusted_entry(client):
    entry = ScheduleEntryFactory(title="Họp")
    entry.refresh_from_db()
    entry.starts_at = time(15)
    entry.save()
    event = Calendar.from_ical(client.get(reverse("agency:schedule_ical")).content).walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) == 1
    assert "Điều chỉnh lúc" in str(event["DESCRIPTION"])


def test_an_edit_shows_on_the_next_page_load(client, chart):
    for url in (
        reverse("agency:organisation"),
        chart["finance"].get_absolute_url(),
        reverse("agency:directory"),
    ):
        client.get(url)
        client.get(url)
    chart["director"].full_name = "Trần Văn Hòa Mới"
    chart["director"].save()
    for url in (
        reverse("agency:organisation"),
        chart["finance"].get_absolute_url(),
        reverse("agency:directory"),
    ):
        assert "Trần Văn Hòa Mới" in client.get(url).content.decode(), url
    entry = ScheduleEntryFactory(title="Họp đầu tuần")
    client.get(SCHEDULE)
    entry.title = "Họp đầu tuần (đổi giờ)"
    entry.save()
    assert "Họp đầu tuần (đổi giờ)" in client.get(SCHEDULE).content.decode()


def test_the_sitemap_lists_the_chart_the_units_and_the_schedule(client, chart):
    xml = client.get(reverse("frame:sitemap")).content.decode()
    for url in (reverse("agency:organisation"), chart["office"].get_absolute_url(), SCHEDULE):
        assert f"http://testserver{url}</loc>" in xml


def test_this_week_is_the_week_of_monday_in_local_time(client, settings):
    """Sunday 23:30 in Hà Nội is Sunday (not the UTC Monday) and Monday 00:30 is the next week."""
    ScheduleWeekFactory()
    assert week_start(timezone.localdate()).weekday() == 0
