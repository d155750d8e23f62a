"""Give the Quản trị (administrator) role the permissions of the document view and download counts
(0005), as 0002 did for the app's first models (a frozen copy of accounts.roles, as migrations must)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATOR = "Quản trị"
MODELS = ["objectview", "objectdailycount"]


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("stats"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="stats", content_type__model__in=MODELS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0005_object_views"),
        ("articles", "0005_role_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
