"""Weeks: Monday to Sunday from the date itself; ISO labels only name a week in an address."""

from datetime import date, timedelta
from itertools import pairwise

import pytest

from portal.lib.weeks import week_days, week_from_label, week_label, week_start
from stats import definitions


@pytest.mark.parametrize(
    ("day", "monday", "label"),
    [
        (date(2025, 12, 29), date(2025, 12, 29), "2026-W01"),  # a Monday of 2025 in week 1 of 2026
        (date(2026, 1, 4), date(2025, 12, 29), "2026-W01"),  # its Sunday
        (date(2027, 1, 1), date(2026, 12, 28), "2026-W53"),
        (date(2027, 1, 3), date(2026, 12, 28), "2026-W53"),
        (date(2027, 1, 4), date(2027, 1, 4), "2027-W01"),
        (date(2026, 12, 2), date(2026, 11, 30), "2026-W49"),
    ],
)
def test_the_week_of_a_day_is_computed_from_the_date(day, monday, label):
    assert week_start(day) == monday
    assert week_label(day) == label
    assert week_from_label(label) == monday


def test_the_statistics_and_the_schedule_share_one_week():
    assert definitions.week_start is week_start


def test_a_week_has_seven_days_from_monday_to_sunday():
    days = week_days(date(2026, 12, 28))
    assert days[0] == date(2026, 12, 28) and days[-1] == date(2027, 1, 3) and len(days) == 7
    assert all(later - earlier == timedelta(days=1) for earlier, later in pairwise(days))


@pytest.mark.parametrize(
    "value",
    [
        "2025-W53",
        "2026-W54",
        "2026-W00",
        "2026-W1",
        "26-W01",
        "2026W01",
        "1999-W01",
        "2101-W01",
        "",
        None,
        "x",
    ],
)
def test_a_week_that_does_not_exist_is_none(value):
    assert week_from_label(value) is None
