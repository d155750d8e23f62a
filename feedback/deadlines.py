"""The answer deadline: 15 working days from receipt.

Working days are Monday to Friday, minus public holidays. The holidays below are the days off that
the government announced for 2026 and the fixed-date ones of 2027 (Labour Code 2019, article 112).
Tết and the Hùng Kings' day of 2027 follow the lunar calendar and the Prime Minister's yearly
decision, and so does the day added to 2 September: add such days with the FEEDBACK_HOLIDAYS setting
(ISO dates, comma-separated in the environment) when they are announced. A missing holiday makes a
deadline one day early, never late.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ANSWER_WITHIN_WORKING_DAYS = 15

HOLIDAYS = frozenset(
    date.fromisoformat(day)
    for day in [
        # 2026
        "2026-01-01",  # New Year's Day
        "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",  # Tết Bính Ngọ
        "2026-04-27",  # Hùng Kings' day (Sunday 26 April), taken on the Monday
        "2026-04-30", "2026-05-01",  # Reunification Day, Labour Day
        "2026-09-02",  # National Day
        # 2027
        "2027-01-01",
        "2027-04-30",
        "2027-05-03",  # Labour Day (Saturday 1 May), taken on the Monday
        "2027-09-02",
    ]
)  # fmt: skip


def holidays():
    """The built-in holidays plus those of the FEEDBACK_HOLIDAYS setting."""
    extra = set()
    for value in settings.FEEDBACK_HOLIDAYS:
        try:
            extra.add(date.fromisoformat(str(value).strip()))
        except ValueError:
            raise ImproperlyConfigured(
                f"FEEDBACK_HOLIDAYS: {value!r} is not a date like 2027-02-08."
            ) from None
    return HOLIDAYS | extra


def add_working_days(start, count):
    """The `count`-th working day after the date `start` (the day of receipt itself never counts)."""
    days_off = holidays()
    day = start
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in days_off:
            count -= 1
    return day


def answer_deadline(received_on):
    return add_working_days(received_on, ANSWER_WITHIN_WORKING_DAYS)
