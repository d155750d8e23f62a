"""The role groups get the permissions of topics, tags and sections (frozen copies of accounts.roles,
as migrations must).

Journalists pick topics and tags in the article form (the autocomplete needs to view them) and add a
missing tag from it; editors keep the topics and tidy the tags; sections, which limit editors, are
the administrators' (they hold every permission of the app). The groups are made by 0005.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = "Phóng viên"
EDITOR = "Biên tập viên"
ADMINISTRATOR = "Quản trị"

JOURNALIST_PERMISSIONS = ["view_topic", "view_tag", "add_tag"]
EDITOR_PERMISSIONS = [
    *JOURNALIST_PERMISSIONS,
    "add_topic",
    "change_topic",
    "delete_topic",
    "change_tag",
    "delete_tag",
]


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("articles"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    articles = Permission.objects.filter(content_type__app_label="articles")
    for name, codenames in [(JOURNALIST, JOURNALIST_PERMISSIONS), (EDITOR, EDITOR_PERMISSIONS)]:
        found = list(articles.filter(codename__in=codenames))
        if len(found) != len(set(codenames)):
            raise RuntimeError(f"Permissions missing for the role {name}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*found)
    group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    group.permissions.add(*articles)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_topics_tags_sections_live_edits"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
