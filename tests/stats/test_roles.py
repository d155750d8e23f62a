from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

# Called directly: transactional tests elsewhere in the run flush the rows migrations made.
administrator_permissions = import_module("stats.migrations.0002_administrator_permissions")


def test_the_administrator_role_may_change_the_starting_total():
    Group.objects.filter(name="Quản trị").delete()
    administrator_permissions.forwards(apps, schema_editor=None)
    codenames = set(Group.objects.get(name="Quản trị").permissions.values_list("codename", flat=True))
    assert {"change_statstotals", "view_dailystats"} <= codenames
