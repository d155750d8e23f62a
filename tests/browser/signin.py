"""Signing in to the admin in Chromium through the real steps: the password, then the code."""

import re
from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import totp_code

PASSWORD = "mat-khau-thu-nghiem"


def password_step(page, live_server, username, password=PASSWORD):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập")).fill(username)
    page.get_by_label(re.compile("Mật khẩu")).fill(password)
    page.locator("input[type=submit]").click()


def code_from_the_page(page):
    """The code an authenticator app would show for the key the enrolment page writes out."""
    key = b32decode(page.locator("#signin-secret").inner_text().replace(" ", ""))
    return f"{TOTP(key).token():06d}"


def submit_code(page, code):
    page.locator("#id_code").fill(code)
    page.locator("#login-form input[type=submit]").click()


def sign_in(page, live_server, username, password=PASSWORD):
    """The password, then the code of the person's authenticator, computed from its key in the
    database (as the captcha tests read the stored answer). Someone who has none sets one up first
    on the enrolment page, from the key the page shows, as at a first sign-in."""
    password_step(page, live_server, username, password)
    if page.url.endswith("/admin/login/enrol/"):
        submit_code(page, code_from_the_page(page))
        page.get_by_role("link", name=re.compile("tiếp tục")).click()
    else:
        expect(page).to_have_url(re.compile(r"/admin/login/code/$"))
        submit_code(page, totp_code(TOTPDevice.objects.get(user__username=username, confirmed=True)))
    expect(page.locator("#user-tools")).to_be_visible()
