"""Query budgets of the agency's pages: the chart, a unit, the directory, the schedule and its feed hold
theirs however many units, officials and entries there are (tests/articles/test_query_budgets.py
explains the figures of the frame around every page: the generation, settings, banners, links, video,
menus, statistics)."""

import itertools
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.budgets import caches_cleared
from tests.factories import OfficialFactory, ScheduleEntryFactory, ScheduleWeekFactory, UnitFactory

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


@pytest.fixture
def top():
    return UnitFactory(name="Ủy ban nhân dân tỉnh")


def grow(top, number):
    """More units under the top, each with a unit under it and two officials; more entries this week."""
    week = ScheduleWeekFactory()
    for _ in range(number):
        n = next(_numbers)
        unit = UnitFactory(name=f"Sở số {n}", parent=top)
        UnitFactory(name=f"Chi cục số {n}", parent=unit)
        OfficialFactory.create_batch(2, unit=unit)
        OfficialFactory(unit=top)
        ScheduleEntryFactory(
            week=week, date=week.starts_on + timedelta(days=n % 7), chair=top.officials.first()
        )


# (with empty caches, once stored). Cold: the frame (10 with the generation), then:
BUDGETS = {
    # every unit, every official shown (the heads)
    "organisation": (lambda top: reverse("agency:organisation"), 12, 1),
    # every unit (its place in the chart), the unit with its functions, its officials shown, the
    # numbers of published documents its functions may cite (documents/citations.py)
    "unit": (lambda top: top.get_absolute_url(), 14, 1),
    # every unit, every official shown
    "directory": (lambda top: reverse("agency:directory"), 12, 1),
    # the week, its published entries with their chairs
    "schedule": (lambda top: reverse("agency:schedule"), 12, 1),
    # the published entries with their weeks and chairs (no frame: not a page)
    "calendar": (lambda top: reverse("agency:schedule_ical"), 2, 1),
}


@pytest.mark.parametrize("name", BUDGETS)
def test_each_page_keeps_its_query_budget_cold_and_stored_however_much_it_lists(
    client, top, name, django_assert_num_queries
):
    address, cold, stored = BUDGETS[name]
    for size in (1, 8):
        grow(top, size)
        caches_cleared()
        with django_assert_num_queries(cold):
            assert client.get(address(top)).status_code == 200
        if name == "schedule":
            client.get(address(top))  # stored the second time it is asked for (caching/pagecache.py)
        with django_assert_num_queries(stored):
            assert client.get(address(top)).status_code == 200
