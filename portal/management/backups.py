"""Backups of the database and the uploads, behind `manage.py backup` and `manage.py restore`.

One backup is one tar file, `BACKUP_DIR/cong-YYYYMMDD-HHMMSS.tar`, holding
- `database.dump`: `pg_dump --format=custom` of Django's default database (compressed by pg_dump);
- `media/...`: the media folder as it was (images, videos and captions are compressed already).
It is written under a temporary name and renamed when complete, so a file with the final name is
always a whole backup. It holds readers' personal data (feedback): it is readable by its owner only.

PostgreSQL's own tools do the database work (they must be the server's major version or newer). The
connection settings reach them through PG* environment variables, never the command line, where any
local user could read the password in `ps`.
"""

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.utils import timezone

ARCHIVE_NAME = re.compile(r"^cong-\d{8}-\d{6}\.tar$")
DATABASE_MEMBER = "database.dump"
MEDIA_MEMBER = "media"


class BackupError(Exception):
    """Something the operator must fix; the commands print it without a traceback."""


def media_root():
    """The media folder to save and restore, or None when uploads live in a bucket (S3 keeps them)."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def postgres_environment(alias="default"):
    """The environment that points libpq's tools at Django's database `alias`."""
    database = connections[alias].settings_dict
    environment = dict(os.environ)
    values = {
        "PGDATABASE": database["NAME"],
        "PGHOST": database["HOST"],
        "PGPORT": str(database["PORT"] or ""),
        "PGUSER": database["USER"],
        "PGPASSWORD": database["PASSWORD"],
        "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode", ""),
    }
    for name, value in values.items():
        environment.pop(name, None)
        if value:
            environment[name] = value
    return environment


def run_postgres_tool(arguments, *, alias="default"):
    """Run pg_dump / pg_restore; a missing program or a failure becomes a BackupError with its message."""
    program = shutil.which(arguments[0])
    if program is None:
        raise BackupError(
            f"{arguments[0]} is not installed: install PostgreSQL's client tools "
            "(Debian: apt-get install postgresql-client), the server's major version or newer."
        )
    result = subprocess.run(  # noqa: S603 (fixed program, arguments built here)
        [program, *arguments[1:]],
        env=postgres_environment(alias),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{arguments[0]} failed:\n{result.stderr.strip()}")
    return result.stdout


def backup_create(*, directory=None, keep=None):
    """Write a new backup archive; delete the oldest beyond `keep`. Returns (archive, deleted archives)."""
    directory = Path(directory or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    if keep < 1:
        raise BackupError("BACKUP_KEEP must be at least 1.")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    archive = directory / timezone.localtime().strftime("cong-%Y%m%d-%H%M%S.tar")
    if archive.exists():
        raise BackupError(f"{archive} exists already: wait a second and run the backup again.")
    media = media_root()
    with tempfile.TemporaryDirectory(dir=directory, prefix=".cong-backup-") as work:
        dump = Path(work) / DATABASE_MEMBER
        # The database first: a file uploaded meanwhile is merely unused, never missing.
        run_postgres_tool(["pg_dump", "--format=custom", "--no-password", f"--file={dump}"])
        partial = Path(work) / archive.name
        with tarfile.open(partial, "w") as tar:
            tar.add(dump, arcname=DATABASE_MEMBER)
            if media is not None and media.is_dir():
                tar.add(media, arcname=MEDIA_MEMBER, filter=_regular_files_only)
        partial.chmod(0o600)
        partial.rename(archive)
    return archive, _prune(directory, keep)


def _regular_files_only(member):
    """Folders and files only: the media folder holds nothing else, and restore refuses anything else."""
    return member if member.isfile() or member.isdir() else None


def _prune(directory, keep):
    archives = sorted(path for path in directory.iterdir() if ARCHIVE_NAME.match(path.name))
    deleted = archives[:-keep]
    for path in deleted:
        path.unlink()
    return deleted


def archive_find(name):
    """The archive `name` (a path, or a file name in BACKUP_DIR); a BackupError if there is none."""
    for candidate in (Path(name), Path(settings.BACKUP_DIR) / name):
        if name and candidate.is_file():
            return candidate
    raise BackupError(
        f"No backup archive {name!r} (looked in the current folder and in {settings.BACKUP_DIR})."
    )


def archive_check(archive):
    """Open `archive` and check it is a backup that restore can use: returns its list of media files."""
    try:
        with tarfile.open(archive, "r:") as tar:
            members = tar.getmembers()
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive} is not a readable backup archive ({error}).") from None
    names = {member.name for member in members}
    if DATABASE_MEMBER not in names:
        raise BackupError(
            f"{archive} holds no {DATABASE_MEMBER}: it is not a backup made by `manage.py backup`."
        )
    for member in members:
        path = PurePosixPath(member.name)
        safe = not path.is_absolute() and ".." not in path.parts
        if not safe or not (member.isfile() or member.isdir()):
            raise BackupError(f"{archive} holds {member.name!r}, which no backup contains: refusing it.")
    return [m.name for m in members if m.isfile() and PurePosixPath(m.name).parts[0] == MEDIA_MEMBER]


def backup_restore(archive, *, dry_run=False):
    """Replace the database and the media folder with the archive's; all or nothing as far as possible.

    The order keeps a failure harmless: the media is unpacked beside the media folder first, then the
    database is restored in one transaction, and only then is the new media folder swapped in.
    """
    media_files = archive_check(archive)
    media = media_root()
    if media is not None:
        _check_swappable(media)
    with tempfile.TemporaryDirectory(prefix="cong-restore-") as work:
        with tarfile.open(archive, "r:") as tar:
            dump = Path(work) / DATABASE_MEMBER
            _extract_file(tar, DATABASE_MEMBER, dump)
            # Reading the table of contents proves the dump is whole before anything is changed.
            run_postgres_tool(["pg_restore", "--list", str(dump)])
            if dry_run:
                return len(media_files)
            incoming = None
            if media is not None:
                media.parent.mkdir(parents=True, exist_ok=True)
                incoming = Path(tempfile.mkdtemp(dir=media.parent, prefix=f".{media.name}-restore-"))
                try:
                    for name in media_files:
                        relative = PurePosixPath(name).relative_to(MEDIA_MEMBER)
                        _extract_file(tar, name, incoming.joinpath(*relative.parts))
                except BaseException:
                    shutil.rmtree(incoming)
                    raise
        try:
            run_postgres_tool(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-acl",
                    "--single-transaction",
                    "--exit-on-error",
                    "--no-password",
                    f"--dbname={connections['default'].settings_dict['NAME']}",
                    str(dump),
                ]
            )
        except BaseException:
            if incoming is not None:
                shutil.rmtree(incoming)
            raise
    connections["default"].close()  # its view of the tables predates the restore
    if incoming is not None:
        _swap(incoming, media)
    return len(media_files)


def _extract_file(tar, name, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    source = tar.extractfile(name)
    if source is None:
        raise BackupError(f"{name} in the archive is not a file.")
    with source, open(target, "wb") as output:
        shutil.copyfileobj(source, output)
    target.chmod(settings.FILE_UPLOAD_PERMISSIONS or 0o644)


def _check_swappable(media):
    """The new media folder is renamed into place: that only works within one file system."""
    if media.exists() and media.stat().st_dev != media.parent.stat().st_dev:
        raise BackupError(
            f"MEDIA_ROOT ({media}) is a mount point, and restore replaces the folder by renaming it: "
            f"mount the disk at {media.parent} instead, or point MEDIA_ROOT at a folder inside the mount."
        )


def _swap(incoming, media):
    """Put `incoming` where `media` is, then delete the old folder."""
    incoming.chmod(0o755)
    if not media.exists():
        incoming.rename(media)
        return
    old = media.with_name(f".{media.name}-old-{os.getpid()}")
    media.rename(old)
    incoming.rename(media)
    shutil.rmtree(old)
