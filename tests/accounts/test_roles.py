"""The role groups the migrations made hold exactly what accounts.roles says each role holds."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts import roles

pytestmark = pytest.mark.django_db


def labels(permissions):
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


@pytest.mark.parametrize("name", roles.ROLES)
def test_the_group_made_by_the_migrations_matches_the_role_table(name):
    group = Group.objects.get(name=name)
    assert labels(group.permissions.select_related("content_type")) == labels(roles.role_permissions(name))


def test_a_journalist_holds_less_than_an_editor_who_holds_less_than_an_administrator():
    journalist, editor, administrator = (labels(roles.role_permissions(name)) for name in roles.ROLES)
    assert journalist < editor < administrator
    assert "articles.publish_article" in editor - journalist
    assert "auth.change_user" in administrator - editor


def test_a_group_missing_from_the_database_is_made_again_with_its_permissions():
    Group.objects.filter(name=roles.EDITOR).delete()
    group = roles.role_group(roles.EDITOR)
    assert labels(group.permissions.all()) == set(roles.ROLE_PERMISSIONS[roles.EDITOR])


def test_an_existing_group_is_left_as_an_administrator_changed_it():
    group = Group.objects.get(name=roles.JOURNALIST)
    group.permissions.remove(Permission.objects.get(codename="submit_article"))
    assert "articles.submit_article" not in labels(roles.role_group(roles.JOURNALIST).permissions.all())
