"""Admin login abuse: django-axes locks a username out from one address after 5 wrong passwords."""

import re
import secrets
from importlib import import_module

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import StaffFactory, authenticator, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "mat-khau-thu-nghiem"
LOCKED = "Đăng nhập sai quá nhiều lần"


@pytest.fixture
def staff_user():
    user = StaffFactory(username="bientap")
    user.device = authenticator(user)
    return user


def log_in(client, password, username="bientap", address="203.0.113.7", **headers):
    """The password step: a right password answers with a redirect to the code step."""
    data = {"username": username, "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=address, HTTP_USER_AGENT="Firefox", **headers)


def sign_in(client, user, address="203.0.113.7"):
    """A whole login: the password, then the code of the user's authenticator."""
    assert log_in(client, PASSWORD, address=address)["Location"] == reverse("accounts:code")
    data = {"code": totp_code(user.device)}
    return client.post(reverse("accounts:code"), data, REMOTE_ADDR=address, HTTP_USER_AGENT="Firefox")


def fail(client, times, **kwargs):
    return [log_in(client, "sai-mat-khau", **kwargs).status_code for _ in range(times)]


def test_a_wrong_password_shows_the_form_again(client, staff_user):
    response = log_in(client, "sai-mat-khau")
    assert response.status_code == 200
    assert LOCKED not in response.content.decode()


def test_after_five_wrong_passwords_even_the_right_one_is_refused_in_vietnamese(client, staff_user):
    assert fail(client, 4) == [200, 200, 200, 200]
    assert fail(client, 1) == [429]  # the fifth failure locks
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "60 phút" in page
    assert '<html lang="vi"' in page
    assert "_auth_user_id" not in client.session
    script_sources = re.search(r"script-src ([^;]*)", response.headers["Content-Security-Policy"]).group(1)
    assert "'unsafe-inline'" not in script_sources


def test_another_address_or_another_username_is_not_locked(client, staff_user):
    StaffFactory(username="phongvien")
    fail(client, 5)
    assert log_in(client, PASSWORD).status_code == 429
    from_elsewhere = log_in(client, PASSWORD, address="198.51.100.20")
    assert from_elsewhere.status_code == 302
    client.logout()
    assert log_in(client, PASSWORD, username="phongvien").status_code == 302


def test_a_successful_login_starts_the_count_again(client, staff_user):
    fail(client, 4)
    assert sign_in(client, staff_user)["Location"] == "/admin/"
    client.logout()
    assert fail(client, 4) == [200, 200, 200, 200]
    assert log_in(client, PASSWORD).status_code == 302


def test_the_address_behind_nginx_is_the_visitors_not_the_proxys(client, staff_user):
    """X-Forwarded-For from the trusted proxy decides, as for the feedback limit (portal.lib.http)."""
    behind_nginx = {"address": "127.0.0.1"}
    fail(client, 5, **behind_nginx, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    assert log_in(client, PASSWORD, address="203.0.113.7").status_code == 429
    other_visitor = log_in(client, PASSWORD, **behind_nginx, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert other_visitor.status_code == 302


def test_axes_reset_unlocks(client, staff_user):
    fail(client, 5)
    call_command("axes_reset", verbosity=0)
    assert log_in(client, PASSWORD).status_code == 302


def test_hostile_login_input_never_gives_a_500(client, staff_user):
    for username, password in [("", ""), ("x" * 5000, "y"), ("bientap\x00", "a"), ("' OR 1=1 --", "'")]:
        response = log_in(client, password, username=username, address="203.0.113.9")
        assert response.status_code in {200, 400, 429}
    for _ in range(5):
        log_in(client, "sai-mat-khau", username="x" * 5000, address="203.0.113.9")
    locked = log_in(client, "sai-mat-khau", username="x" * 5000, address="203.0.113.9")
    assert locked.status_code == 429


def test_staff_sessions_end_with_the_browser_and_after_eight_hours(client, staff_user):
    assert sign_in(client, staff_user)["Location"] == "/admin/"
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == 8 * 3600
    assert "expires" not in str(client.cookies["sessionid"]).lower()


def test_passwords_need_twelve_characters(staff_user):
    with translation.override("vi"):
        with pytest.raises(ValidationError) as refused:
            validate_password("Sl9#kq2!mZ4", user=staff_user)
        assert "ít nhất 12 ký tự" in " ".join(refused.value.messages)
    validate_password("Sl9#kq2!mZ4x", user=staff_user)
    # What load_demo_data generates when no DEMO_*_PASSWORD is set.
    validate_password(secrets.token_urlsafe(12), user=staff_user)


def test_the_administrator_role_may_see_and_clear_lockouts():
    # Called directly: transactional tests elsewhere in the run flush the rows migrations made.
    axes_permissions = import_module("portal.migrations.0003_axes_permissions")
    Group.objects.filter(name="Quản trị").delete()
    axes_permissions.forwards(apps, schema_editor=None)
    codenames = set(Group.objects.get(name="Quản trị").permissions.values_list("codename", flat=True))
    assert {"view_accessattempt", "delete_accessattempt"} <= codenames
