"""Editors read the statistics dashboard (stats.view_dailystats); journalists do not.

The role groups are made by articles' migration 0005; administrators got every statistics permission
in 0002.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Biên tập viên"


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("stats"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(Permission.objects.get(content_type__app_label="stats", codename="view_dailystats"))


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0003_flushed_batch"),
        ("articles", "0005_role_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
