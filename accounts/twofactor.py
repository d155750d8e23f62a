"""Two-factor sign-in for staff (django-otp): who must give a one-time code, and the way in.

    password ─┬─ no code needed (a journalist, while STAFF_2FA_JOURNALISTS is off) ──────▶ signed in
              ├─ authenticator set up ─▶ its 6-digit code, or a recovery code ───────────▶ signed in
              └─ none yet ─▶ enrolment: QR code and secret, a first code ─▶ recovery codes ▶ signed in
                                                                           (shown once)

Between the password and the arrow's end nobody is signed in: the session only remembers who gave
the right password, for PENDING_SECONDS (`pending_*`). django.contrib.auth.login runs once, at the end
(`sign_in_complete`), because django-axes forgives earlier failures at every login: were the password
alone a login, each right password would wipe the count of wrong codes. A wrong code is a failed login
for axes (accounts/views.py sends the signal), so 5 wrong codes lock a username out like 5 wrong
passwords; a wrong first code during the enrolment is not (the key is on the screen). django-otp
also makes the person wait after a wrong code (1, 2, 4 ... seconds, on the device).

A session signed in without a code although it needs one (from before two-factor sign-in, or whose
authenticator an administrator has reset) is signed out by accounts.middleware.SecondFactorMiddleware.
"""

import time
from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.models import SecondFactorEvent

# How long after the right password the code may come.
PENDING_SECONDS = 10 * 60
PENDING_SESSION_KEY = "accounts_second_factor"
# The recovery codes of a new enrolment, kept in the session until the page that shows them once.
NEW_CODES_SESSION_KEY = "accounts_recovery_codes"
RECOVERY_CODES = 10
# Device names are data django-otp stores; nobody reads them but a developer in the shell.
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_CODES_NAME = "recovery codes"


class CodeThrottled(Exception):
    """django-otp checks no code for a while after a wrong one (1, 2, 4, 8 ... seconds)."""

    def __init__(self, until):
        self.seconds = max(1, round((until - timezone.now()).total_seconds()))
        super().__init__(self.seconds)


# Who -------------------------------------------------------------------------------------------------


def code_required(user):
    """Whether `user` must sign in with a code: every staff member, except those who are journalists
    and nothing more while STAFF_2FA_JOURNALISTS is off."""
    if not user.is_staff:
        return False
    if settings.STAFF_2FA_JOURNALISTS or user.is_superuser:
        return True
    held = set(user.groups.values_list("name", flat=True))
    return held != {roles.JOURNALIST} or user.user_permissions.exists()


def enrolled(user):
    """Whether `user` has a confirmed authenticator."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def code_needed(user):
    """Whether signing in takes a code: required, or set up anyway (then it is always asked for)."""
    return code_required(user) or enrolled(user)


# Between the password and the code -----------------------------------------------------------------


def pending_begin(request, user, *, next_url):
    """Remember that `user` (authenticated by the password form) gave the right password here."""
    # Whoever was signed in here is no longer (a password for another account ends their session),
    # and the session gets a new key: an id planted before the password must not become this one.
    if request.user.is_authenticated:
        auth.logout(request)
    request.session.cycle_key()
    request.session[PENDING_SESSION_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "hash": user.get_session_auth_hash(),
        # time.time(), not timezone.now(): only an interval is measured.
        "since": time.time(),
        "next": next_url,
    }


def pending_user(request):
    """The active staff member who gave the right password in this session less than PENDING_SECONDS
    ago and has not changed it since, or None (and the session forgets an expired one)."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not pending:
        return None
    user = None
    if time.time() - pending["since"] <= PENDING_SECONDS:
        user = (
            get_user_model()
            ._default_manager.filter(pk=pending["user"], is_active=True, is_staff=True)
            .first()
        )
    if user is None or not constant_time_compare(user.get_session_auth_hash(), pending["hash"]):
        pending_end(request)
        return None
    user.backend = pending["backend"]
    return user


def pending_end(request):
    request.session.pop(PENDING_SESSION_KEY, None)


def sign_in_complete(request, user, device):
    """Sign `user` in, verified by `device`; return where the password form was asked to go next."""
    next_url = request.session.pop(PENDING_SESSION_KEY)["next"]
    auth.login(request, user, backend=user.backend)
    django_otp.login(request, device)
    return next_url


# The code ------------------------------------------------------------------------------------------


def code_normalized(code):
    """What the person typed, without spaces or dashes, in lower case (recovery codes are shown so)."""
    return "".join(code.split()).replace("-", "").lower()


def code_verify(user, code):
    """The device that accepts `code`, the authenticator's 6 digits or an unused recovery code (used
    up here, and logged), or None. Raises CodeThrottled while django-otp makes the person wait."""
    code = code_normalized(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        # A locked row: two requests cannot both use one recovery code, or one time step's code.
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        if device is None or not token_verify(device, code):
            return None
        if model is StaticDevice:
            _log(user=user, actor=user, action=SecondFactorEvent.Action.RECOVERY_CODE)
    return device


def token_verify(device, code):
    """Whether `device` accepts `code`; CodeThrottled instead while it checks none."""
    allowed, refusal = device.verify_is_allowed()
    if not allowed:
        raise CodeThrottled(refusal["locked_until"])
    return device.verify_token(code)


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Enrolment -----------------------------------------------------------------------------------------


def enrolment_device(request, user):
    """The authenticator being set up during this sign-in: made at the first visit of the enrolment
    page, the same on reloads (its QR code must not change while someone scans it)."""
    pending = request.session[PENDING_SESSION_KEY]
    device = TOTPDevice.objects.filter(pk=pending.get("device"), user=user, confirmed=False).first()
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
        pending["device"] = device.pk
        request.session.modified = True
    return device


def enrolment_code_verify(device, code):
    """Whether the first code from the app being set up is right. Without django-otp's pause after a
    wrong code: the key is on the screen, so a guess gains nothing, and a typo costs no wait."""
    device.throttle_reset(commit=False)
    return code.isdigit() and device.verify_token(code)


def enrolment_confirm(*, user, device, actor):
    """Confirm `device` (its first code was right), replace any other authenticator and the recovery
    codes, and log it. Returns the new recovery codes, which nobody can read again."""
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = recovery_codes_replace(user)
        _log(user=user, actor=actor, action=SecondFactorEvent.Action.ENROL)
    return codes


def recovery_codes_replace(user):
    """RECOVERY_CODES new one-time codes for `user`; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def secret_text(device):
    """The secret as an authenticator app asks for it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code(device):
    """The device's otpauth:// address as a QR code: {"src": an SVG data: address, "width": pixels}.

    Drawn here: no outside service ever sees the secret. (The admin's Content-Security-Policy allows
    data: images.)
    """
    qr = segno.make(device.config_url, error="m")
    width, _height = qr.symbol_size(scale=4, border=2)
    return {"src": qr.svg_data_uri(scale=4, border=2), "width": width}


# Reset ---------------------------------------------------------------------------------------------


def second_factor_reset(*, user, actor):
    """Remove `user`'s authenticator and recovery codes, and log it: they set up a new authenticator
    at their next sign-in, and a session of theirs ends at its next request (its device is gone)."""
    with transaction.atomic():
        for model in django_otp.device_classes():
            model.objects.filter(user=user).delete()
        return _log(user=user, actor=actor, action=SecondFactorEvent.Action.RESET)


def _log(*, user, actor, action):
    return SecondFactorEvent.objects.create(
        user=user, username=user.get_username(), actor=actor, action=action
    )
