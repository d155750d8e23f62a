"""Two-factor sign-in in Chromium: set up an authenticator, then sign in with its code and with a
recovery code."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.signin import code_from_the_page, password_step, submit_code
from tests.factories import editor, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page):
    page.locator("#logout-form button").click()
    expect(page).to_have_url(re.compile(r"/admin/logout/$"))


def test_an_editor_sets_up_an_authenticator_then_signs_in_with_its_code_and_a_recovery_code(
    page, live_server
):
    editor(username="bientap", first_name="Hằng", last_name="Trần")

    # The password, then the enrolment: a QR code, the same key written out, and a first code.
    password_step(page, live_server, "bientap")
    expect(page.get_by_role("heading", name="Thiết lập đăng nhập hai bước")).to_be_visible()
    qr_code = page.get_by_role("img", name=re.compile("Mã QR"))
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("image => image.complete && image.naturalWidth") > 100
    page.locator("#id_code").fill("000000")
    page.locator("#login-form input[type=submit]").click()
    expect(page.locator(".errorlist")).to_contain_text("Mã không đúng")
    submit_code(page, code_from_the_page(page))

    # The recovery codes, once; then the admin.
    expect(page.get_by_role("heading", name="Các mã dự phòng của bạn")).to_be_visible()
    codes = page.locator(".signin-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name=re.compile("tiếp tục")).click()
    expect(page.locator("#user-tools")).to_contain_text("Hằng")
    sign_out(page)

    # With the code the app shows (computed from the key in the database).
    password_step(page, live_server, "bientap")
    expect(page.get_by_role("heading", name="Mã đăng nhập")).to_be_visible()
    submit_code(page, totp_code(TOTPDevice.objects.get(user__username="bientap")))
    expect(page.locator("#user-tools")).to_be_visible()
    sign_out(page)

    # With a recovery code, which then is used up.
    password_step(page, live_server, "bientap")
    submit_code(page, codes[0])
    expect(page.locator("#user-tools")).to_be_visible()
    expect(page.locator(".messagelist")).to_contain_text("còn 9 mã")
    sign_out(page)
    password_step(page, live_server, "bientap")
    submit_code(page, codes[0])
    expect(page.locator(".errorlist")).to_contain_text("Mã không đúng")
