"""Signing in to the admin through its forms, as a person does: the password, then the code."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import authenticator, totp_code

PASSWORD = "mat-khau-thu-nghiem"
LOGIN = "/admin/login/"


def password_step(client, username, password=PASSWORD, *, next_url="/admin/", **extra):
    return client.post(f"{LOGIN}?next={next_url}", {"username": username, "password": password}, **extra)


def code_step(client, code, **extra):
    return client.post(reverse("accounts:code"), {"code": code}, **extra)


def sign_in(client, user, password=PASSWORD, **extra):
    """Both steps, with the code of the user's authenticator (made when they have none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or authenticator(user)
    response = password_step(client, user.get_username(), password, **extra)
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:code"))
    return code_step(client, totp_code(device), **extra)
