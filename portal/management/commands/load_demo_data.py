"""`manage.py load_demo_data`: one command makes a fresh checkout look alive.

It creates the demo accounts, then runs the demo loader of every installed app, in INSTALLED_APPS
order. `portal` imports no app, so the loaders are found, not imported by name: an app takes part by
having a `demo` module with

    def load(*, stdout, verbosity, dry_run) -> str

which must
- create only what is missing, keyed on something stable (a slug, a username), and never change a
  row that exists: `make run` calls this command on every start, and a second run changes nothing;
- write one line per object to `stdout` when `verbosity` >= 2;
- return a one-line summary, which the command prints when `verbosity` >= 1;
- pass the name of every file it stores to `portal.demo.file_stored()`, so that a run that is
  rolled back (`--dry-run`, or an error) deletes its files again.
"""

import os
import secrets
import time
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from portal import demo


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password_variable: str
    role: str
    first_name: str
    last_name: str
    superuser: bool = False
    # A role group made by articles' migration 0005; its permissions are the account's.
    group: str = ""


ACCOUNTS = [
    DemoAccount(
        "admin", "DEMO_ADMIN_PASSWORD", "administrator", "Văn An", "Nguyễn", superuser=True, group="Quản trị"
    ),
    DemoAccount("bientap", "DEMO_EDITOR_PASSWORD", "editor", "Minh Hằng", "Trần", group="Biên tập viên"),
    DemoAccount("phongvien", "DEMO_JOURNALIST_PASSWORD", "journalist", "Như Thuỷ", "Lê", group="Phóng viên"),
]


def demo_loaders():
    """(app label, load function) of every installed app with a `demo` module that defines `load`."""
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, "demo"):
            continue
        load = getattr(import_module(f"{app_config.name}.demo"), "load", None)
        if callable(load):
            yield app_config.label, load


class Command(BaseCommand):
    help = (
        "Load demo content so a fresh checkout looks alive: the accounts admin, bientap (editor) and "
        "phongvien (journalist), then each app's demo data (categories, articles with cover images, "
        "...). Only what is missing is created; existing rows and accounts are never changed, so it is "
        "safe to run on every start. Passwords come from DEMO_ADMIN_PASSWORD, DEMO_EDITOR_PASSWORD and "
        "DEMO_JOURNALIST_PASSWORD, or are generated and printed once, when the account is created "
        "(even with --verbosity 0: there is no other chance to see them)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything inside a transaction, then roll it back: nothing is stored.",
        )

    def handle(self, *args, dry_run, verbosity, **options):
        self.verbosity = verbosity
        self.dry_run = dry_run
        started = time.monotonic()
        demo.stored_files_forget()
        try:
            with transaction.atomic():
                self.accounts_load()
                for label, load in demo_loaders():
                    summary = load(stdout=self.stdout, verbosity=verbosity, dry_run=dry_run)
                    self.say(1, f"{label}: {summary}")
                transaction.set_rollback(dry_run)
        except BaseException:
            demo.stored_files_discard()
            raise
        if dry_run:
            demo.stored_files_discard()
            self.say(1, self.style.WARNING("Dry run: everything was rolled back, nothing was stored."))
        else:
            demo.stored_files_forget()
            self.say(1, self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))

    def say(self, level, message):
        if self.verbosity >= level:
            self.stdout.write(message)

    def accounts_load(self):
        User = get_user_model()
        existing = set(
            User.objects.filter(username__in=[a.username for a in ACCOUNTS]).values_list(
                "username", flat=True
            )
        )
        created = 0
        for account in ACCOUNTS:
            if account.username in existing:
                self.say(2, f"  = account {account.username} exists, left as it is")
                self.account_group_ensure(User.objects.get(username=account.username), account)
                continue
            self.account_create(User, account)
            created += 1
        if created:
            self.say(1, f"accounts: {created} created, {len(existing)} already there")
        else:
            self.say(1, f"accounts: nothing new ({len(existing)} already there)")

    def account_create(self, User, account):
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
            user.groups.add(self.group(account.group))

        what = f"Created {account.role} {account.username} ({account.last_name} {account.first_name})"
        if not generated:
            self.say(1, f"{what}, password from {account.password_variable}.")
        elif self.dry_run:
            self.say(1, f"{what} (dry run: no password to show).")
        else:
            # Printed whatever the verbosity: this is the only time anyone can read it.
            hint = f"shown once; set {account.password_variable} to choose it"
            self.stdout.write(self.style.WARNING(f"{what}, password: {password}  ({hint})"))

    def group(self, name):
        if not Group.objects.filter(name=name).exists():
            # Made by a migration, but a flushed database (transactional tests) lost them: make the
            # role groups again the migration's way, which only adds what is missing.
            import_module("articles.migrations.0005_role_groups").forwards(apps, None)
        try:
            return Group.objects.get(name=name)
        except Group.DoesNotExist:
            raise CommandError(f"The group {name} is missing. Run migrate first.") from None

    def account_group_ensure(self, user, account):
        """A demo account made before roles were groups joins its group, dropping its own permissions.

        Only the group membership and direct permissions change (both were set by this command);
        a second run finds nothing to do.
        """
        if not account.group or user.groups.filter(name=account.group).exists():
            return
        user.groups.add(self.group(account.group))
        user.user_permissions.clear()
        self.say(1, f"  + account {account.username} joined the group {account.group}")
