"""The demo agency: a province's organisation in two languages and six weeks of the schedule around today."""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from agency.models import Official, ScheduleEntry, ScheduleWeek, Unit
from compliance.models import SectionSetting
from frame.models import LookupLink
from portal.lib.weeks import week_start
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root():
    """The demo's files stay where the module's run stored them (not a folder per test)."""


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One real run of every demo loader for the module's tests, rolled back and its files deleted after."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo_data", stdout=out)
        yield out.getvalue()
        files = [name for name in Official.objects.values_list("photo", flat=True) if name]
        files += [name for name in LookupLink.objects.values_list("icon", flat=True) if name]
        transaction.set_rollback(True)
    for name in files:
        default_storage.delete(name)


def test_about_twenty_units_and_forty_officials_most_in_english(demo):
    assert "agency: 21 units, 40 officials, 6 schedule weeks, 2 lookup links created" in demo
    assert Unit.objects.filter(parent=None).count() == 1
    assert Unit.objects.exclude(name_en="").count() == Unit.objects.count()
    assert Unit.objects.exclude(functions_en="").count() >= 19
    assert Official.objects.exclude(position_en="").count() >= 38
    assert Official.objects.exclude(photo="").filter(photo_alt__startswith="Ảnh chân dung").count() >= 5
    assert Official.objects.filter(spokesperson=True).exists()


def test_six_weeks_around_today_the_last_not_yet_approved(demo):
    monday = week_start(timezone.localdate())
    weeks = list(ScheduleWeek.objects.order_by("starts_on"))
    assert [week.starts_on for week in weeks] == [monday + timedelta(weeks=n) for n in range(-3, 3)]
    assert [week.is_approved for week in weeks] == [True] * 5 + [False]
    this_week = ScheduleEntry.objects.published().filter(week__starts_on=monday)
    assert this_week.count() >= 9
    marks = {entry.mark[0] for entry in this_week.select_related("week") if entry.mark}
    assert marks == {"adjusted", "added"}


def test_every_agency_page_looks_real(demo, client):
    html = client.get(reverse("agency:organisation")).content.decode()
    assert len(re.findall(r'class="org-chart__unit"', html)) == 21
    schedule = client.get(reverse("agency:schedule")).content.decode()
    assert "Giao ban Thường trực Ủy ban nhân dân tỉnh" in schedule and "Điều chỉnh lúc" in schedule
    unit = Unit.objects.get(name="Sở Tài chính")
    assert "Trần Văn Hòa" in client.get(unit.get_absolute_url()).content.decode()
    assert client.get(reverse("agency:directory")).status_code == 200
    assert set(SearchEntry.objects.values_list("kind", flat=True)) == set(SearchEntry.Kind.values)
    assert SectionSetting.objects.filter(section="introduction", page__slug="gioi-thieu").exists()


def test_a_second_run_creates_nothing(demo):
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert "agency: nothing new (21 units, 40 officials already there)" in out.getvalue()
    assert "compliance: nothing new" in out.getvalue()
