"""Weeks as the portal counts them: Monday to Sunday, local time (Asia/Ho_Chi_Minh).

"This week" is computed from the date itself (its Monday), never from a year and a week number: the
statistics' "Trong tuần" (stats.definitions) and the leaders' work schedule (agency) share these
helpers, so both mean the same week. ISO week labels ("2026-W01") only name a week in an address:
Monday 29/12/2025 is in 2026-W01 although its year is 2025, and 1–3/1/2027 are in 2026-W53.
"""

import re
from datetime import date, timedelta

from django.utils import timezone

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
# Weeks an address may name: wide enough for any schedule, narrow enough that date() never fails.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def local_date(moment):
    """The day in Asia/Ho_Chi_Minh that an aware datetime falls on."""
    return timezone.localdate(moment)


def week_start(day):
    """Monday of the week `day` belongs to, from the date itself (never from year + ISO week number)."""
    return day - timedelta(days=day.weekday())


def week_days(monday):
    """The seven days of the week that starts on `monday`."""
    return [monday + timedelta(days=offset) for offset in range(7)]


def week_label(day):
    """The ISO name of the week `day` is in: "2026-W01" for 29/12/2025."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_from_label(value):
    """The Monday of the ISO week `value` names ("2026-W53"), or None for anything else, a week 53
    of a year that has none included."""
    match = _ISO_WEEK.match(value or "")
    if not match:
        return None
    year, week = int(match[1]), int(match[2])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= week <= 53):
        return None
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:  # week 53 of a year with 52 weeks
        return None
    return monday
