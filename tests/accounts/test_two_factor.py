"""Two-factor sign-in: the password, then a code from an authenticator app or a recovery code."""

import re
from base64 import b32decode
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from accounts.models import SecondFactorEvent
from portal.admin import PortalAdminSite
from tests.accounts.signin import LOGIN, code_step, password_step, sign_in
from tests.factories import (
    ArticleFactory,
    StaffFactory,
    UserFactory,
    VerifiedClient,
    administrator,
    authenticator,
    editor,
    journalist,
    totp_code,
)

pytestmark = pytest.mark.django_db

CODE = reverse("accounts:code")
ENROL = reverse("accounts:enrol")
RECOVERY_CODES = reverse("accounts:recovery_codes")
WRONG = "Mã không đúng"
LOCKED = "Đăng nhập sai quá nhiều lần"


@pytest.fixture
def bientap():
    return editor(username="bientap")


@pytest.fixture
def enrolled(bientap):
    """An editor with an authenticator and recovery codes, as after the enrolment."""
    bientap.device = authenticator(bientap)
    bientap.recovery_codes = twofactor.recovery_codes_replace(bientap)
    return bientap


def page(response):
    return response.content.decode()


def secret_on(html):
    """The key the enrolment page writes out for typing, as bytes."""
    text = re.search(r'<code id="signin-secret">([A-Z2-7 ]+)</code>', html).group(1)
    return b32decode(text.replace(" ", ""))


def code_for(key, *, later=0):
    totp = TOTP(key)
    totp.time += later
    return f"{totp.token():06d}"


def enrol(client, user):
    """Password, enrolment page, first code: returns the page of recovery codes."""
    assert password_step(client, user.get_username())["Location"] == ENROL
    key = secret_on(page(client.get(ENROL)))
    response = client.post(ENROL, {"code": code_for(key)})
    assert response["Location"] == RECOVERY_CODES
    return client.get(RECOVERY_CODES)


# Enrolment -----------------------------------------------------------------------------------------


def test_after_the_password_an_editor_without_an_authenticator_is_sent_to_the_enrolment(client, bientap):
    response = password_step(client, "bientap")
    assert response["Location"] == ENROL
    assert "_auth_user_id" not in client.session  # signed in by neither step yet
    assert client.get("/admin/")["Location"] == f"{LOGIN}?next=/admin/"
    assert client.get(f"{LOGIN}?next=/admin/")["Location"] == ENROL


def test_the_enrolment_page_shows_a_qr_code_and_the_key_and_keeps_them_on_reload(client, bientap):
    password_step(client, "bientap")
    first = page(client.get(ENROL))

    assert '<html lang="vi"' in first
    assert "Thiết lập đăng nhập hai bước" in first
    qr = re.search(r'<img class="signin-qr" src="data:image/svg\+xml;[^"]+"[^>]*alt="([^"]+)"', first)
    assert qr and "Mã QR" in qr.group(1)
    device = TOTPDevice.objects.get(user=bientap)
    assert not device.confirmed
    assert secret_on(first) == device.bin_key
    otpauth = re.search(r'href="(otpauth://totp/[^"]+)"', first).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(otpauth).query)
    assert b32decode(query["secret"][0]) == device.bin_key
    assert query["issuer"] == ["Cổng thông tin điện tử tỉnh Sơn La"]
    assert unquote(urlsplit(otpauth).path).endswith(":bientap")

    assert secret_on(page(client.get(ENROL))) == device.bin_key
    assert TOTPDevice.objects.filter(user=bientap).count() == 1


def test_a_wrong_first_code_is_refused_in_vietnamese_and_sets_up_nothing(client, bientap):
    password_step(client, "bientap")
    client.get(ENROL)
    response = client.post(ENROL, {"code": "000000"})
    assert response.status_code == 200
    assert WRONG in page(response)
    assert not TOTPDevice.objects.filter(user=bientap, confirmed=True).exists()
    assert not SecondFactorEvent.objects.exists()
    assert "_auth_user_id" not in client.session
    # The key is on the screen: a wrong first code proves nothing and is not a failed login.
    assert not AccessAttempt.objects.exists()


def test_the_first_right_code_signs_in_and_shows_ten_recovery_codes_once(client, bientap):
    codes_page = enrol(client, bientap)

    html = page(codes_page)
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=bientap).values_list("token", flat=True))
    assert "chỉ hiện một lần" in html
    assert codes_page["Cache-Control"].count("no-store") == 1
    assert client.get(RECOVERY_CODES)["Location"] == "/admin/"  # never again
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=bientap).confirmed
    event = SecondFactorEvent.objects.get()
    assert (event.user, event.actor, event.action) == (bientap, bientap, "enrol")


def test_the_enrolment_goes_on_to_the_page_first_asked_for(client, bientap):
    password_step(client, "bientap", next_url="/admin/articles/article/")
    key = secret_on(page(client.get(ENROL)))
    client.post(ENROL, {"code": code_for(key)})
    assert 'href="/admin/articles/article/"' in page(client.get(RECOVERY_CODES))


# The code ------------------------------------------------------------------------------------------


def test_an_enrolled_editor_signs_in_with_the_code_from_the_app(client, enrolled):
    assert password_step(client, "bientap")["Location"] == CODE
    form = page(client.get(CODE))
    assert 'autocomplete="one-time-code"' in form
    assert "Mã đăng nhập" in form

    response = code_step(client, totp_code(enrolled.device))
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_in_vietnamese_and_counted_as_a_failed_login(client, enrolled):
    password_step(client, "bientap")
    response = code_step(client, "123456")
    assert response.status_code == 200
    assert WRONG in page(response)
    assert AccessAttempt.objects.get(username="bientap").failures_since_start == 1
    assert "_auth_user_id" not in client.session


def test_right_after_a_wrong_code_even_the_right_one_waits_a_second(client, enrolled):
    password_step(client, "bientap")
    code_step(client, "123456")
    response = code_step(client, totp_code(enrolled.device))
    assert "vui lòng đợi 1 giây" in page(response)
    assert AccessAttempt.objects.get(username="bientap").failures_since_start == 2


def test_five_wrong_codes_lock_the_login_out_like_five_wrong_passwords(client, enrolled):
    password_step(client, "bientap")
    statuses = [code_step(client, "123456").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 200, 429]
    locked = code_step(client, totp_code(enrolled.device))
    assert locked["Location"] == LOGIN  # the session forgot the password
    response = password_step(client, "bientap")
    assert response.status_code == 429
    assert LOCKED in page(response) and '<html lang="vi"' in page(response)


def test_wrong_codes_are_not_forgiven_by_a_right_password(client, enrolled):
    password_step(client, "bientap")
    assert [code_step(client, "123456").status_code for _ in range(4)] == [200] * 4
    client.logout()
    assert password_step(client, "bientap")["Location"] == CODE
    assert code_step(client, "654321").status_code == 429


def test_a_whole_sign_in_starts_the_count_again(client, enrolled):
    password_step(client, "bientap")
    [code_step(client, "123456") for _ in range(4)]
    enrolled.device.throttle_reset()  # django-otp's own pause after wrong codes
    assert code_step(client, totp_code(enrolled.device))["Location"] == "/admin/"
    assert not AccessAttempt.objects.filter(failures_since_start__gt=0).exists()


def test_a_recovery_code_signs_in_once(client, enrolled):
    code = enrolled.recovery_codes[3]
    password_step(client, "bientap")
    response = code_step(client, f" {code.upper()[:4]}-{code.upper()[4:]} ")  # as people type it
    assert response["Location"] == "/admin/"
    assert "còn 9 mã" in page(client.get("/admin/"))
    event = SecondFactorEvent.objects.get()
    assert (event.user, event.action) == (enrolled, "recovery_code")

    client.logout()
    password_step(client, "bientap")
    again = code_step(client, code)
    assert again.status_code == 200 and WRONG in page(again)
    assert StaticToken.objects.filter(device__user=enrolled).count() == 9


def test_the_code_page_is_only_for_whoever_just_gave_the_password(client, enrolled, monkeypatch):
    assert client.get(CODE)["Location"] == LOGIN
    assert code_step(client, totp_code(enrolled.device))["Location"] == LOGIN
    password_step(client, "bientap")
    monkeypatch.setattr(twofactor.time, "time", lambda: 10**10)  # long after
    assert client.get(CODE)["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_log_in_with_another_account_forgets_the_password(client, enrolled):
    password_step(client, "bientap")
    assert client.post(reverse("accounts:cancel"))["Location"] == LOGIN
    assert client.get(CODE)["Location"] == LOGIN
    assert client.get(LOGIN).status_code == 200


def test_a_password_for_another_account_ends_the_session_signed_in_before(client, enrolled):
    client.force_login(administrator(username="quantri"))
    old_session = client.cookies["sessionid"].value
    assert password_step(client, "bientap")["Location"] == CODE
    assert "_auth_user_id" not in client.session
    assert client.cookies["sessionid"].value != old_session
    assert client.get("/admin/")["Location"] == f"{LOGIN}?next=/admin/"


@pytest.mark.parametrize("code", ["", "12345", "1234567", "a" * 5000, "12345\x00", "' OR 1=1 --", "١٢٣٤٥٦"])
def test_hostile_codes_are_refused_with_a_message_never_a_500(client, enrolled, code):
    password_step(client, "bientap")
    response = code_step(client, code)
    assert response.status_code == 200
    assert 'class="errorlist' in page(response)


# Who must use a code -------------------------------------------------------------------------------


def test_an_editor_who_gave_only_the_password_reaches_no_admin_page(client, bientap):
    draft = ArticleFactory(title="Bản nháp riêng ZQX", status="draft")
    content_type = ContentType.objects.get_for_model(draft)
    password_step(client, "bientap")
    for url in [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{draft.pk}/change/",
        "/admin/auth/user/",
        "/admin/accounts/secondfactorevent/",
        "/admin/password_change/",
        f"/admin/r/{content_type.pk}/{draft.pk}/",
        "/admin/stats/",
        "/admin/articles/article/?q=ZQX",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith((LOGIN, "/admin/")), url
        assert response["Location"] not in {url, "/admin/"}, url
        assert "ZQX" not in page(response)
    assert client.get(CODE)["Location"] == ENROL
    assert client.get(RECOVERY_CODES)["Location"] == "/admin/"
    # Outside the admin a person signed in by neither step is a visitor.
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.post(reverse("editor_upload")).status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_session_signed_in_without_a_code_is_signed_out_at_once(bientap):
    """Sessions from before two-factor sign-in, or whose authenticator was reset."""
    client = VerifiedClient()
    client.force_login(bientap, verified=False)
    assert client.get("/admin/")["Location"] == f"{LOGIN}?next=/admin/"
    assert "_auth_user_id" not in client.session


def test_the_admin_lets_in_no_request_the_second_factor_middleware_has_not_seen(bientap):
    request = RequestFactory().get("/admin/")
    request.user = bientap
    assert not PortalAdminSite().has_permission(request)
    request.second_factor_checked = True
    assert PortalAdminSite().has_permission(request)


def test_journalists_and_superusers_must_set_up_an_authenticator_by_default():
    assert twofactor.code_required(journalist(username="phongvien"))
    assert twofactor.code_required(StaffFactory(username="quantri"))
    assert twofactor.code_required(UserFactory(username="ketoan", is_staff=True))
    assert not twofactor.code_required(UserFactory(username="docgia", is_staff=False))
    assert password_step(Client(), "phongvien")["Location"] == ENROL


def test_journalists_sign_in_with_the_password_alone_when_the_setting_says_so(client, settings, bientap):
    settings.STAFF_2FA_JOURNALISTS = False
    journalist(username="phongvien")
    both = journalist(username="vuaviet")
    both.groups.add(*bientap.groups.all())

    assert password_step(client, "phongvien")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert password_step(Client(), "bientap")["Location"] == ENROL
    assert password_step(Client(), "vuaviet")["Location"] == ENROL


def test_a_journalist_who_set_up_an_authenticator_is_asked_for_its_code_anyway(client, settings):
    settings.STAFF_2FA_JOURNALISTS = False
    authenticator(journalist(username="phongvien"))
    assert password_step(client, "phongvien")["Location"] == CODE


# Reset by an administrator -------------------------------------------------------------------------


def test_an_administrator_resets_a_lost_authenticator_and_the_person_must_set_up_again(enrolled):
    their_session = Client()
    sign_in(their_session, enrolled)
    assert their_session.get("/admin/").status_code == 200
    quantri = administrator(username="quantri")
    client = Client()
    sign_in(client, quantri)

    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "second_factor_reset_selected", "_selected_action": [enrolled.pk, quantri.pk]},
        follow=True,
    )

    html = page(response)
    assert "Đã đặt lại đăng nhập hai bước cho 1 người" in html
    assert "không được đặt lại" in html  # not their own
    assert not TOTPDevice.objects.filter(user=enrolled).exists()
    assert not StaticDevice.objects.filter(user=enrolled).exists()
    assert TOTPDevice.objects.filter(user=quantri).exists()
    event = SecondFactorEvent.objects.get(action="reset")
    assert (event.user, event.username, event.actor) == (enrolled, "bientap", quantri)
    # Their session ends at its next request; the next sign-in starts with the enrolment.
    assert their_session.get("/admin/")["Location"] == f"{LOGIN}?next=/admin/"
    assert password_step(their_session, "bientap")["Location"] == ENROL


def test_the_user_list_shows_who_has_set_up_two_factor_sign_in(admin_client, enrolled):
    StaffFactory(username="chuaco")
    html = page(admin_client.get(reverse("admin:auth_user_changelist")))
    assert "Đăng nhập hai bước" in html
    column = re.findall(r'<td class="field-second_factor"><img [^>]*alt="(\w+)"', html)
    assert sorted(column) == ["False", "True", "True"]  # chuaco; bientap and the admin client's user


def test_an_editor_cannot_reset_anyone(client, enrolled):
    other = editor(username="bientap2")
    authenticator(other)
    client.force_login(enrolled)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "second_factor_reset_selected", "_selected_action": [other.pk]},
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=other).exists()


def test_the_two_factor_log_is_read_only_for_administrators(client, enrolled):
    twofactor.second_factor_reset(user=enrolled, actor=None)
    client.force_login(administrator(username="quantri"))
    event = SecondFactorEvent.objects.get()

    listing = client.get(reverse("admin:accounts_secondfactorevent_changelist"))
    assert listing.status_code == 200
    assert "bientap" in page(listing) and "Nhật ký đăng nhập hai bước" in page(listing)
    assert client.get(reverse("admin:accounts_secondfactorevent_add")).status_code == 403
    detail = client.get(reverse("admin:accounts_secondfactorevent_change", args=[event.pk]))
    assert detail.status_code == 200 and 'name="_save"' not in page(detail)
    delete = reverse("admin:accounts_secondfactorevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert SecondFactorEvent.objects.count() == 1
    assert not LogEntry.objects.exists()


def test_django_otps_device_admins_which_show_the_secrets_are_not_there(admin_client):
    assert admin_client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert admin_client.get("/admin/otp_static/staticdevice/").status_code == 404
