"""Demo accounts for `manage.py load_demo_data`: one person per role, created before any content.

Passwords come from DEMO_ADMIN_PASSWORD, DEMO_EDITOR_PASSWORD and DEMO_JOURNALIST_PASSWORD, or are
generated and printed once, when the account is created (whatever the verbosity: there is no other
chance to read them). An existing account is never changed, except that one made before roles were
groups joins its group.

Two-factor sign-in (accounts/twofactor.py): an account whose password is generated also gets an
authenticator and recovery codes, printed once with the password (the key to type into an app, its
otpauth:// address, and the codes), so that on a fresh machine anyone can sign in, with no phone at
hand too (a recovery code). An account whose password comes from the environment gets none: whoever
chose the password sets up their own authenticator at the first sign-in, and nothing secret is printed.
"""

import os
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.management.color import color_style
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles, twofactor
from accounts.names import full_name


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password_variable: str
    role: str
    first_name: str
    last_name: str
    superuser: bool = False
    # A role group (accounts.roles); its permissions are the account's.
    group: str = ""


ACCOUNTS = [
    DemoAccount(
        "admin", "DEMO_ADMIN_PASSWORD", "administrator", "Văn An", "Nguyễn", superuser=True,
        group=roles.ADMINISTRATOR,
    ),
    DemoAccount("bientap", "DEMO_EDITOR_PASSWORD", "editor", "Minh Hằng", "Trần", group=roles.EDITOR),
    DemoAccount(
        "phongvien", "DEMO_JOURNALIST_PASSWORD", "journalist", "Như Thuỷ", "Lê", group=roles.JOURNALIST,
    ),
]  # fmt: skip


def load(*, stdout, verbosity, dry_run):
    User = get_user_model()
    existing = set(
        User.objects.filter(username__in=[a.username for a in ACCOUNTS]).values_list("username", flat=True)
    )
    for account in ACCOUNTS:
        if account.username in existing:
            if verbosity >= 2:
                stdout.write(f"  = account {account.username} exists, left as it is")
            _group_ensure(User.objects.get(username=account.username), account, stdout, verbosity)
        else:
            _account_create(User, account, stdout, verbosity, dry_run)
    created = len(ACCOUNTS) - len(existing)
    if created:
        return f"{created} created, {len(existing)} already there"
    return f"nothing new ({len(existing)} already there)"


def _account_create(User, account, stdout, verbosity, dry_run):
    password = os.environ.get(account.password_variable, "")
    generated = not password
    if generated:
        password = secrets.token_urlsafe(12)
    user = User(
        username=account.username,
        first_name=account.first_name,
        last_name=account.last_name,
        email=f"{account.username}@cong.example",
        is_staff=True,
        is_superuser=account.superuser,
    )
    user.set_password(password)
    user.save()
    if account.group:
        user.groups.add(roles.role_group(account.group))

    what = f"Created {account.role} {account.username} ({full_name(user)})"
    if not generated:
        if verbosity >= 1:
            stdout.write(
                f"{what}, password from {account.password_variable}; sets up two-factor sign-in at the "
                "first login."
            )
    elif dry_run:
        if verbosity >= 1:
            stdout.write(f"{what} (dry run: no password to show).")
    else:
        device, codes = _second_factor_enrol(user)
        # Printed whatever the verbosity: this is the only time anyone can read them.
        hint = f"shown once; set {account.password_variable} to choose it"
        warning = color_style().WARNING
        stdout.write(warning(f"{what}, password: {password}  ({hint})"))
        stdout.write(warning(f"  {account.username}, authenticator app key: {twofactor.secret_text(device)}"))
        stdout.write(warning(f"  {account.username}, or add to the app: {device.config_url}"))
        stdout.write(warning(f"  {account.username}, recovery codes (each works once): {' '.join(codes)}"))


def _second_factor_enrol(user):
    """An authenticator and recovery codes, as an enrolment makes them (logged, done by nobody)."""
    device = TOTPDevice.objects.create(user=user, name=twofactor.AUTHENTICATOR_NAME, confirmed=False)
    codes = twofactor.enrolment_confirm(user=user, device=device, actor=None)
    return device, codes


def _group_ensure(user, account, stdout, verbosity):
    """A demo account made before roles were groups joins its group, dropping its own permissions.

    Only the group membership and direct permissions change (both were set by this command); a
    second run finds nothing to do.
    """
    if not account.group or user.groups.filter(name=account.group).exists():
        return
    user.groups.add(roles.role_group(account.group))
    user.user_permissions.clear()
    if verbosity >= 1:
        stdout.write(f"  + account {account.username} joined the group {account.group}")
