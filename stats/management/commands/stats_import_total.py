from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from stats.models import StatsTotals


class Command(BaseCommand):
    help = (
        'Set the starting total of "Tất cả": the visits counted by the portal this one replaced. '
        "Visits counted here are kept and added to it."
    )

    def add_arguments(self, parser):
        parser.add_argument("total", type=int, help="Visits carried over, e.g. 21422117.")
        parser.add_argument("--dry-run", action="store_true", help="Show the result, change nothing.")

    def handle(self, *args, total, dry_run, verbosity, **options):
        if total < 0:
            raise CommandError("The starting total cannot be negative.")
        with transaction.atomic():
            totals, _ = StatsTotals.objects.select_for_update().get_or_create(pk=1)
            previous = totals.starting_total
            totals.starting_total = total
            if not dry_run:
                totals.save(update_fields=["starting_total"])
        if verbosity >= 1:
            verb = "Would set" if dry_run else "Set"
            self.stdout.write(
                f"{verb} the starting total from {previous} to {total}; "
                f"all time is {totals.total} ({totals.visits_since} visits counted here)."
            )
