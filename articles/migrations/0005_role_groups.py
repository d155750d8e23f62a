"""The three roles as groups with Vietnamese names (data, not translated strings).

Permissions are normally created after all migrations ran; they are created here first so that a fresh
database gets complete groups. Running it again only adds what is missing.
"""

from types import SimpleNamespace

from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST = "Phóng viên"
EDITOR = "Biên tập viên"
ADMINISTRATOR = "Quản trị"

JOURNALIST_PERMISSIONS = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.submit_article",
    "articles.view_category",
]
EDITOR_PERMISSIONS = [
    *JOURNALIST_PERMISSIONS,
    "articles.delete_article",
    "articles.review_article",
    "articles.publish_article",
    "articles.add_category",
    "articles.change_category",
    "articles.delete_category",
    "articles.view_articleevent",
    "articles.view_articlerevision",
    # The site's frame: static pages, banners, lookup links, videos and the settings (all but the
    # monitoring code, which only superusers may set).
    *(
        f"{app}.{action}_{model}"
        for app, model in (
            ("articles", "page"),
            ("portal", "banner"),
            ("portal", "lookuplink"),
            ("portal", "video"),
        )
        for action in ("add", "change", "delete", "view")
    ),
    "portal.change_sitesettings",
    "portal.view_sitesettings",
    # Editors handle reader feedback: answer, assign, publish.
    "feedback.change_feedback",
    "feedback.view_feedback",
]
ADMINISTRATOR_APPS = ["auth", "articles", "portal", "feedback"]


def forwards(apps, schema_editor):
    for label in ["auth", "contenttypes", "articles", "portal", "feedback"]:
        # create_permissions reads only these two attributes of what it is given, then works from the
        # historical `apps`: the models as they were at this migration, wherever they live today
        # (portal's went to frame, which the installed `portal` app no longer has).
        create_permissions(SimpleNamespace(label=label, models_module=True), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def named(names):
        pairs = {tuple(name.split(".", 1)) for name in names}
        found = [
            p
            for p in Permission.objects.filter(codename__in={c for _, c in pairs}).select_related(
                "content_type"
            )
            if (p.content_type.app_label, p.codename) in pairs
        ]
        if len(found) != len(pairs):
            raise RuntimeError(f"Permissions missing for the role groups: {sorted(names)}")
        return found

    roles = {
        JOURNALIST: named(JOURNALIST_PERMISSIONS),
        EDITOR: named(EDITOR_PERMISSIONS),
        # Everything, users and roles included; the demo's admin is also a superuser.
        ADMINISTRATOR: Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS),
    }
    for name, permissions in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[JOURNALIST, EDITOR, ADMINISTRATOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_article_status_and_first_revisions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0001_initial"),
        ("feedback", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
