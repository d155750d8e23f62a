"""`manage.py load_demo_data`: one command makes a fresh checkout look alive. Never in production.

It runs the demo loader of every installed app, in INSTALLED_APPS order: the accounts first
(accounts/demo.py), then the articles, the frame, feedback and statistics. `portal` imports no app,
so the loaders are found, not imported by name: an app takes part by having a `demo` module with

    def load(*, stdout, verbosity, dry_run) -> str

which must
- create only what is missing, keyed on something stable (a slug, a username), and never change a
  row that exists: `make run` calls this command on every start, and a second run changes nothing;
- write one line per object to `stdout` when `verbosity` >= 2;
- return a one-line summary, which the command prints when `verbosity` >= 1;
- pass the name of every file it stores to `portal.lib.demo.file_stored()`, so that a run that is
  rolled back (`--dry-run`, or an error) deletes its files again.
"""

import time
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from portal.lib import demo


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
        if settings.PRODUCTION:
            # Its accounts have names everyone can read in the code, one of them a superuser.
            raise CommandError(
                "load_demo_data never runs with DJANGO_ENV=production: it creates a superuser and staff "
                "accounts with published usernames (admin, bientap, phongvien) and demo content."
            )
        self.verbosity = verbosity
        self.dry_run = dry_run
        started = time.monotonic()
        demo.stored_files_forget()
        try:
            with transaction.atomic():
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
