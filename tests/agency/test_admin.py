"""The agency in the admin: editors keep the organisation and enter a week of the schedule quickly;
journalists read."""

import re
from datetime import time, timedelta

import pytest
from django.urls import reverse

from agency.models import ScheduleEntry, ScheduleWeek, Unit
from tests.factories import (
    ScheduleEntryFactory,
    ScheduleWeekFactory,
    UnitFactory,
    editor,
    journalist,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(editor(username="bientap2"))
    return client


def test_an_editor_starts_a_week_from_the_previous_one_and_lands_on_its_rows(editor_client):
    previous = ScheduleWeekFactory()
    ScheduleEntryFactory(week=previous, title="Giao ban đầu tuần", starts_at=time(7, 30))
    ScheduleEntryFactory(week=previous, title="Tiếp công dân", date=previous.starts_on + timedelta(days=3))
    next_monday = previous.starts_on + timedelta(days=7)
    response = editor_client.post(
        reverse("admin:agency_scheduleweek_add"),
        {
            "starts_on": (next_monday + timedelta(days=2)).strftime("%d/%m/%Y"),
            "note": "",
            "copy_previous": "on",
        },
    )
    week = ScheduleWeek.objects.get(starts_on=next_monday)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:agency_scheduleweek_change", args=[week.pk])
    copied = {(entry.title, entry.date) for entry in week.entries.all()}
    assert copied == {
        ("Giao ban đầu tuần", next_monday),
        ("Tiếp công dân", next_monday + timedelta(days=3)),
    }
    assert not week.is_approved and not ScheduleEntry.objects.published().filter(week=week).exists()


def test_an_empty_week_opens_with_a_row_for_each_day_choosing_among_its_days(editor_client):
    week = ScheduleWeekFactory(is_approved=False)
    html = editor_client.get(reverse("admin:agency_scheduleweek_change", args=[week.pk])).content.decode()
    assert 'name="entries-TOTAL_FORMS" value="7"' in html
    for offset in range(7):
        day = (week.starts_on + timedelta(days=offset)).isoformat()
        assert re.search(rf'name="entries-{offset}-date"[^>]*>.*?<option value="{day}" selected>', html, re.S)


def test_an_editor_enters_rows_and_approves_the_week(editor_client):
    week = ScheduleWeekFactory(is_approved=False)
    url = reverse("admin:agency_scheduleweek_change", args=[week.pk])
    data = {
        "starts_on": week.starts_on.strftime("%d/%m/%Y"),
        "is_approved": "on",
        "note": "",
        "copy_previous": "",
        "entries-TOTAL_FORMS": "2",
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
        "entries-0-date": week.starts_on.isoformat(),
        "entries-0-starts_at": "08:00",
        "entries-0-ends_at": "10:00",
        "entries-0-title": "Phiên họp thường kỳ",
        "entries-0-is_published": "on",
        "entries-0-week": str(week.pk),
        "entries-1-date": (week.starts_on + timedelta(days=1)).isoformat(),
        "entries-1-all_day": "on",
        "entries-1-title": "Kiểm tra tại huyện Mộc Châu",
        "entries-1-is_published": "on",
        "entries-1-week": str(week.pk),
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    week.refresh_from_db()
    assert week.is_approved and week.approved_by.username == "bientap2"
    assert ScheduleEntry.objects.published().filter(week=week).count() == 2


def test_a_day_outside_the_week_is_refused(editor_client):
    week = ScheduleWeekFactory(is_approved=False)
    data = {
        "starts_on": week.starts_on.strftime("%d/%m/%Y"),
        "note": "",
        "entries-TOTAL_FORMS": "1",
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
        "entries-0-date": (week.starts_on + timedelta(days=9)).isoformat(),
        "entries-0-starts_at": "08:00",
        "entries-0-title": "Họp",
        "entries-0-week": str(week.pk),
    }
    response = editor_client.post(reverse("admin:agency_scheduleweek_change", args=[week.pk]), data)
    assert response.status_code == 200 and not week.entries.exists()


def test_the_approve_action_publishes_the_chosen_weeks(editor_client):
    week = ScheduleWeekFactory(is_approved=False)
    ScheduleEntryFactory(week=week)
    editor_client.post(
        reverse("admin:agency_scheduleweek_changelist"),
        {"action": "approve_selected", "_selected_action": [week.pk]},
    )
    assert ScheduleEntry.objects.published().filter(week=week).count() == 1


def test_an_editor_keeps_the_organisation_and_a_cycle_is_refused(editor_client):
    top = UnitFactory(name="UBND tỉnh")
    child = UnitFactory(name="Sở Tài chính", parent=top)
    html = editor_client.get(reverse("admin:agency_unit_change", args=[top.pk])).content.decode()
    assert "— Sở Tài chính</option>" in html  # the parent choice reads like the chart
    response = editor_client.post(
        reverse("admin:agency_unit_change", args=[top.pk]),
        {
            "name": "UBND tỉnh", "name_en": "", "parent": str(child.pk), "order": "0", "slug": top.slug,
            "functions": "", "functions_en": "", "address": "", "phone": "", "email": "", "website": "",
            "officials-TOTAL_FORMS": "0", "officials-INITIAL_FORMS": "0", "officials-MIN_NUM_FORMS": "0",
            "officials-MAX_NUM_FORMS": "1000",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert Unit.objects.get(pk=top.pk).parent is None


def test_a_journalist_reads_the_organisation_and_the_schedule_but_changes_nothing(client):
    client.force_login(journalist(username="phongvien2"))
    week = ScheduleWeekFactory()
    assert client.get(reverse("admin:agency_unit_changelist")).status_code == 200
    assert client.get(reverse("admin:agency_scheduleweek_change", args=[week.pk])).status_code == 200
    assert client.get(reverse("admin:agency_unit_add")).status_code == 403
    assert client.post(reverse("admin:agency_scheduleweek_change", args=[week.pk]), {}).status_code == 403
