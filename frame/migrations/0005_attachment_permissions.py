"""The files attached to static pages (0002): editors, who keep the pages, add and remove them;
administrators hold every permission of the app (a frozen copy of accounts.roles, as migrations must)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Biên tập viên"
ADMINISTRATOR = "Quản trị"
CODENAMES = ["add_pageattachment", "change_pageattachment", "delete_pageattachment", "view_pageattachment"]


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("frame"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    found = list(Permission.objects.filter(content_type__app_label="frame", codename__in=CODENAMES))
    if len(found) != len(CODENAMES):
        raise RuntimeError("Permissions missing for the page attachments")
    for name in (EDITOR, ADMINISTRATOR):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*found)


class Migration(migrations.Migration):
    dependencies = [
        ("frame", "0004_monitoring_help_text"),
        ("articles", "0005_role_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
