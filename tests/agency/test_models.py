"""The organisation as a tree, the officials, and the schedule's weeks, entries and adjustments."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agency.models import MAX_DEPTH, ScheduleEntry, ScheduleWeek
from portal.lib.weeks import week_start
from tests.factories import (
    OfficialFactory,
    ScheduleEntryFactory,
    ScheduleWeekFactory,
    UnitFactory,
    image_file,
)

pytestmark = pytest.mark.django_db


def test_a_unit_gets_a_vietnamese_slug_and_sanitised_functions():
    unit = UnitFactory(
        name="Sở Tài chính", functions='<p onclick="x()">Tham mưu</p><script>alert(1)</script>'
    )
    assert unit.slug == "so-tai-chinh"
    assert unit.functions == "<p>Tham mưu</p>"


def test_a_unit_cannot_be_placed_under_itself_or_one_of_its_units():
    top = UnitFactory(name="UBND tỉnh")
    middle = UnitFactory(parent=top)
    bottom = UnitFactory(parent=middle)
    top.parent = bottom
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "parent" in error.value.message_dict
    middle.parent = middle
    with pytest.raises(ValidationError):
        middle.full_clean()


def test_the_chart_is_at_most_max_depth_levels_deep_moved_subtrees_included():
    chain = [UnitFactory()]
    for _ in range(MAX_DEPTH - 1):
        chain.append(UnitFactory(parent=chain[-1]))
    too_deep = UnitFactory.build(parent=chain[-1])
    with pytest.raises(ValidationError):
        too_deep.full_clean()
    # A unit with a unit under it, moved under the deepest but one: its unit would be too deep.
    branch = UnitFactory()
    UnitFactory(parent=branch)
    branch.parent = chain[-2]
    with pytest.raises(ValidationError):
        branch.full_clean()
    branch.parent = chain[0]
    branch.full_clean()


def test_a_unit_in_english_falls_back_to_vietnamese_marked_as_such():
    unit = UnitFactory(name="Sở Y tế", name_en="Department of Health", functions="<p>Y tế</p>")
    assert unit.name_in("en") == ("Department of Health", "en")
    assert unit.name_in("vi") == ("Sở Y tế", "vi")
    assert unit.functions_in("en") == ("<p>Y tế</p>", "vi")


def test_an_official_photo_needs_a_text_alternative_and_is_re_encoded():
    official = OfficialFactory.build(unit=UnitFactory(), photo=image_file("a.jpg"))
    with pytest.raises(ValidationError) as error:
        official.full_clean()
    assert "photo_alt" in error.value.message_dict
    official.photo_alt = "Ảnh chân dung"
    official.save()
    assert official.photo.name.startswith("officials/") and not official.photo.name.endswith("/a.jpg")


def test_a_week_is_stored_as_its_monday_and_named_by_its_iso_week():
    week = ScheduleWeekFactory(starts_on=timezone.datetime(2027, 1, 2).date())
    assert week.starts_on == timezone.datetime(2026, 12, 28).date()
    assert week.label == "2026-W53"
    assert week.ends_on == timezone.datetime(2027, 1, 3).date()


def test_an_entry_must_be_in_its_week_with_a_time_or_all_day():
    week = ScheduleWeekFactory()
    entry = ScheduleEntry(week=week, date=week.starts_on + timedelta(days=7), starts_at=time(8), title="Họp")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "date" in error.value.message_dict
    entry = ScheduleEntry(week=week, date=week.starts_on, title="Họp")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "starts_at" in error.value.message_dict
    entry = ScheduleEntry(week=week, date=week.starts_on, starts_at=time(9), ends_at=time(8), title="Họp")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "ends_at" in error.value.message_dict
    ScheduleEntry(week=week, date=week.starts_on, all_day=True, title="Đi cơ sở").full_clean()


def test_an_entry_without_a_week_joins_the_week_of_its_day():
    entry = ScheduleEntry(date=timezone.datetime(2027, 1, 1).date(), all_day=True, title="Trực")
    entry.save()
    assert entry.week.starts_on == timezone.datetime(2026, 12, 28).date()


def test_only_published_entries_of_approved_weeks_are_public():
    public = ScheduleEntryFactory()
    ScheduleEntryFactory(week=public.week, is_published=False)
    ScheduleEntryFactory(
        week=ScheduleWeekFactory(starts_on=public.week.starts_on + timedelta(days=7), is_approved=False)
    )
    assert list(ScheduleEntry.objects.published()) == [public]


def test_approving_a_week_publishes_its_entries_and_later_changes_are_marked():
    week = ScheduleWeekFactory(is_approved=False)
    entry = ScheduleEntryFactory(week=week)
    assert entry.published_at is None and entry.mark is None
    week.is_approved = True
    week.save()
    entry.refresh_from_db()
    assert entry.published_at == week.approved_at and entry.mark is None
    entry.starts_at = time(14)
    entry.save()
    assert entry.mark[0] == "adjusted" and entry.revision == 1
    untouched_save = entry.adjusted_at
    entry.save()  # nothing the public reads changed
    assert entry.adjusted_at == untouched_save and entry.revision == 1
    added = ScheduleEntryFactory(week=ScheduleWeek.objects.get(pk=week.pk))
    assert added.mark[0] == "added"


def test_the_week_of_today_is_the_statistics_week():
    week = ScheduleWeekFactory()
    assert week.starts_on == week_start(timezone.localdate())
