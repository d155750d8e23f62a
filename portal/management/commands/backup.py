from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.management.backups import BackupError, backup_create, media_root


class Command(BaseCommand):
    help = (
        "Write one backup archive into BACKUP_DIR: a pg_dump of the database and the media folder "
        "(not when uploads live in an S3 bucket). Keeps the newest BACKUP_KEEP archives, deletes older ones. "
        "Needs PostgreSQL's pg_dump, the server's major version or newer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", help=f"Where to write (default BACKUP_DIR: {settings.BACKUP_DIR})."
        )
        parser.add_argument(
            "--keep",
            type=int,
            help=f"How many archives to keep (default BACKUP_KEEP: {settings.BACKUP_KEEP}).",
        )

    def handle(self, *args, directory, keep, verbosity, **options):
        try:
            archive, deleted = backup_create(directory=directory, keep=keep)
        except (BackupError, OSError) as error:
            raise CommandError(error) from None
        if verbosity >= 1:
            size = archive.stat().st_size / 1024 / 1024
            media = "database and media" if media_root() else "database only (media are in the bucket)"
            self.stdout.write(f"Wrote {archive} ({media}, {size:.1f} MB).")
            for path in deleted:
                self.stdout.write(f"Deleted the old backup {path}.")
