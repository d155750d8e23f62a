"""The role groups get the agency's permissions (frozen copies of accounts.roles, as migrations must).

Journalists read the organisation, the officials and the schedule; editors and administrators keep
them. The groups are made by articles' migration 0005.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = "Phóng viên"
EDITOR = "Biên tập viên"
ADMINISTRATOR = "Quản trị"

MODELS = ("unit", "official", "scheduleweek", "scheduleentry")
JOURNALIST_PERMISSIONS = [f"view_{model}" for model in MODELS]
EDITOR_PERMISSIONS = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("agency"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    agency = Permission.objects.filter(content_type__app_label="agency")
    for name, codenames in [(JOURNALIST, JOURNALIST_PERMISSIONS), (EDITOR, EDITOR_PERMISSIONS)]:
        found = list(agency.filter(codename__in=codenames))
        if len(found) != len(set(codenames)):
            raise RuntimeError(f"Permissions missing for the role {name}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*found)
    group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    group.permissions.add(*agency)


class Migration(migrations.Migration):
    dependencies = [
        ("agency", "0001_initial"),
        ("articles", "0005_role_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
