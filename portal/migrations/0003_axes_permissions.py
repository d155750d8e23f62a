"""Give the Quản trị (administrator) role django-axes' admin: see login attempts, unlock by deleting them.

The role groups are made by articles' migration 0005, before django-axes was installed.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATOR = "Quản trị"


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("axes"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="axes"))


class Migration(migrations.Migration):
    dependencies = [
        ("axes", "0010_accessattemptexpiration"),
        ("articles", "0005_role_groups"),
        ("portal", "0002_content_generation"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
