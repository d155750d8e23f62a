"""The files attached to articles (0009) go with the article form: whoever writes articles adds and
removes them (a frozen copy of accounts.roles, as migrations must; administrators got every
permission of the app in 0011)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = "Phóng viên"
EDITOR = "Biên tập viên"
ADMINISTRATOR = "Quản trị"
CODENAMES = [
    "add_articleattachment",
    "change_articleattachment",
    "delete_articleattachment",
    "view_articleattachment",
]


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("articles"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    found = list(Permission.objects.filter(content_type__app_label="articles", codename__in=CODENAMES))
    if len(found) != len(CODENAMES):
        raise RuntimeError("Permissions missing for the article attachments")
    for name in (JOURNALIST, EDITOR, ADMINISTRATOR):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*found)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_topic_tag_role_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
