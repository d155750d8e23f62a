"""The role groups get the documents' permissions (frozen copies of accounts.roles, as migrations must).

Journalists prepare documents and their files and relations, and submit them; editors also publish,
delete and keep the lookup tables (types, issuing bodies, fields); administrators hold every
permission of the app. The groups are made by articles' migration 0005.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = "Phóng viên"
EDITOR = "Biên tập viên"
ADMINISTRATOR = "Quản trị"

JOURNALIST_PERMISSIONS = [
    "add_document",
    "change_document",
    "view_document",
    "submit_document",
    *(f"{action}_{model}" for model in ("attachment", "documentrelation") for action in ("add", "change", "delete", "view")),
    "view_documenttype",
    "view_issuingbody",
    "view_sector",
]
EDITOR_PERMISSIONS = [
    *JOURNALIST_PERMISSIONS,
    "delete_document",
    "publish_document",
    *(f"{action}_{model}" for model in ("documenttype", "issuingbody", "sector") for action in ("add", "change", "delete")),
    "view_documentevent",
]


def forwards(apps, schema_editor):
    create_permissions(global_apps.get_app_config("documents"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    documents = Permission.objects.filter(content_type__app_label="documents")
    for name, codenames in [(JOURNALIST, JOURNALIST_PERMISSIONS), (EDITOR, EDITOR_PERMISSIONS)]:
        found = list(documents.filter(codename__in=codenames))
        if len(found) != len(set(codenames)):
            raise RuntimeError(f"Permissions missing for the role {name}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*found)
    group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    group.permissions.add(*documents)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_document_types"),
        ("articles", "0005_role_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
