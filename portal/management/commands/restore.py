import sys

from django.core.management.base import BaseCommand, CommandError

from portal.management.backups import BackupError, archive_find, backup_restore, media_root


class Command(BaseCommand):
    help = (
        "Replace the database and the media folder with those of a backup archive made by "
        "`manage.py backup`. Stop the portal and its timers first. The database is restored in one "
        "transaction and the media folder swapped only afterwards: a failed restore changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive: a path, or a file name in BACKUP_DIR.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check that the archive can be restored; change nothing."
        )

    def handle(self, *args, archive, yes, dry_run, verbosity, **options):
        try:
            path = archive_find(archive)
            if not (dry_run or yes or self._confirmed(path)):
                raise CommandError("Nothing restored: run again with --yes to replace the data.")
            files = backup_restore(path, dry_run=dry_run)
        except (BackupError, OSError) as error:
            raise CommandError(error) from None
        if verbosity >= 1:
            media = f"{files} media files" if media_root() else "no media (they are in the bucket)"
            verb = "Can restore" if dry_run else "Restored"
            self.stdout.write(f"{verb} the database and {media} from {path}.")

    def _confirmed(self, path):
        """Ask on a terminal; anything else (a timer, a pipe) must say --yes."""
        if not sys.stdin.isatty():
            return False
        answer = input(
            f"This replaces every article, feedback item, counter and upload with {path}.\n"
            "Type 'yes' to continue: "
        )
        return answer.strip().lower() == "yes"
