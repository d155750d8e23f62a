from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from search import index
from search.models import SearchEntry


class Command(BaseCommand):
    help = (
        "Write the search table (/tim-kiem/) again from what each app publishes: after a fresh deploy, a "
        "restore, changes made outside the admin (SQL by hand, QuerySet.update()), or to repair it. Each "
        "kind's rows are replaced in one transaction; readers keep searching meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=SearchEntry.Kind.values,
            help="Only this kind (may be given more than once). Default: every kind.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be written; store nothing."
        )

    def handle(self, *args, kind, dry_run, verbosity, **options):
        sources = index.sources()
        kinds = kind or list(sources)
        missing = [name for name in kinds if name not in sources]
        if missing:
            raise CommandError(f"No app writes the kind(s) {', '.join(missing)}: is the app installed?")
        total = 0
        with transaction.atomic():
            for name in kinds:
                written = index.entries_write_all(name, sources[name]())
                total += written
                if verbosity >= 2:
                    self.stdout.write(f"  {name}: {written} rows")
            transaction.set_rollback(dry_run)
        if not dry_run:
            # Every row is new: the planner reads each group's words from fresh statistics at once
            # (search.models.words_of), not from the next autovacuum's.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
        if verbosity >= 1:
            done = "would be written (dry run: nothing stored)" if dry_run else "written"
            self.stdout.write(f"Search: {total} rows of {len(kinds)} kinds {done}.")
