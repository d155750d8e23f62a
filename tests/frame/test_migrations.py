"""The frame's models moved from `portal` (and Page from `articles`) without touching their tables:
a database of the old layout keeps its rows, and the permissions its groups hold keep working."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from frame.models import Banner, Page

BEFORE_THE_MOVE = [
    ("portal", "0003_axes_permissions"),
    ("articles", "0007_featured_index"),
    ("frame", None),
    ("caching", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_old_layout_keeps_its_rows_and_its_granted_permissions():
    executor = migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state([node for node in BEFORE_THE_MOVE if node[1]]).apps
    OldBanner, OldPage = old.get_model("portal", "Banner"), old.get_model("articles", "Page")
    OldPermission, OldGroup = old.get_model("auth", "Permission"), old.get_model("auth", "Group")
    OldBanner.objects.create(
        title="Chuyển đổi số",
        image="banners/a.jpg",
        image_width=600,
        image_height=200,
        alt_text="Chuyển đổi số",
    )
    OldPage.objects.create(title="Giới thiệu", slug="gioi-thieu", order=5)
    group = OldGroup.objects.create(name="Nhóm cũ")
    group.permissions.add(
        OldPermission.objects.get(content_type__app_label="portal", codename="change_banner"),
        OldPermission.objects.get(content_type__app_label="articles", codename="change_page"),
    )

    migrate(executor.loader.graph.leaf_nodes())

    assert Banner.objects.values_list("title", flat=True).get() == "Chuyển đổi số"
    assert Page.objects.get().slug == "gioi-thieu"
    held = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="Nhóm cũ").permissions.all()
    }
    assert held == {"frame.change_banner", "frame.change_page"}
    # The moved models' content types are gone (portal keeps only a model of its own, PendingUpload).
    portal_models = ContentType.objects.filter(app_label="portal").values_list("model", flat=True)
    assert set(portal_models) <= {"pendingupload"}
    assert ContentType.objects.filter(app_label="caching", model="contentgeneration").exists()
