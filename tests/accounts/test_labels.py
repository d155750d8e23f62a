"""People and permissions as Vietnamese staff read them (accounts.names, accounts.labels)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory, VerifiedClient, administrator

pytestmark = pytest.mark.django_db


def test_a_person_is_their_full_name_family_name_first_or_their_username():
    assert str(UserFactory(username="pv", first_name="Như Thuỷ", last_name="Lê")) == "Lê Như Thuỷ"
    assert str(UserFactory(username="khongten")) == "khongten"


def test_permissions_read_in_vietnamese_the_default_ones_and_the_declared_ones():
    with translation.override("vi"):
        add = str(Permission.objects.get(codename="add_article"))
        publish = str(Permission.objects.get(codename="publish_article"))
    assert add == "Bài viết | bài viết | Được thêm bài viết"
    assert publish.startswith("Bài viết | bài viết | ") and "Can " not in publish


def test_the_group_form_lists_no_english_permission():
    client = VerifiedClient()
    client.force_login(administrator(username="quantri"))
    html = client.get(reverse("admin:auth_group_add")).content.decode()
    assert "Can add" not in html and "TOTP device" not in html
    assert "Được xem ứng dụng xác thực" in html
