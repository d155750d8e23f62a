import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def test_the_administrator_role_may_change_the_starting_total():
    codenames = set(Group.objects.get(name="Quản trị").permissions.values_list("codename", flat=True))
    assert {"change_statstotals", "view_dailystats"} <= codenames
