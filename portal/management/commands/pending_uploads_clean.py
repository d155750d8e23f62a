from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portal.lib.uploads import KEEP_FOR, pending_clean
from portal.models import PendingUpload


class Command(BaseCommand):
    help = (
        "Forget the files kept for staff whose admin form came back with errors (portal/lib/uploads.py) "
        "once they are a day old. Each new kept file also cleans up the old ones; run this from a daily "
        "timer so that none outlives its day when no form fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count them, delete nothing.")

    def handle(self, *args, dry_run, verbosity, **options):
        with transaction.atomic():
            if dry_run:
                count = PendingUpload.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).count()
            else:
                count = pending_clean()
        if verbosity >= 1:
            verb = "would delete" if dry_run else "deleted"
            self.stdout.write(f"Pending uploads older than a day: {verb} {count}.")
