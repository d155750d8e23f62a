"""The administrators' group gets the compliance dashboard's permissions (accounts.roles: the app is in
ADMINISTRATOR_APPS); no other role sees it. The groups are made by articles' migration 0005."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATOR = "Quản trị"


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("compliance"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="compliance"))


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0001_initial"),
        ("articles", "0005_role_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
