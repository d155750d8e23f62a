"""`manage.py backup` and `manage.py restore` against the real test database, with pg_dump and pg_restore."""

import os
import subprocess
import sys
import tarfile
from datetime import timedelta
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article, Category
from feedback.models import Feedback
from stats.models import ArticleDailyViews, DailyStats, StatsTotals
from tests.factories import ArticleDailyViewsFactory, ArticleFactory, FeedbackFactory, image_file

ROOT = Path(__file__).resolve().parents[2]
# pg_dump sees only committed rows: the data must really be in the database.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "var" / "media")
    settings.BACKUP_DIR = tmp_path / "backups"
    return Path(settings.MEDIA_ROOT), settings.BACKUP_DIR


@pytest.fixture
def content(folders):
    """Articles (one with a cover in the media folder), feedback and every kind of counter."""
    today = timezone.localdate()
    article = ArticleFactory(
        title="Sơn La đón 1 triệu lượt khách", cover=image_file("bia.jpg"), view_count=17
    )
    ArticleFactory(title="Đảng bộ tỉnh tổng kết năm", status=Article.Status.DRAFT)
    FeedbackFactory(subject="Hỏi về cấp đổi giấy phép lái xe", message="Xin hướng dẫn thủ tục.")
    DailyStats.objects.create(date=today, visits=1234, page_views=5678)
    DailyStats.objects.create(date=today - timedelta(days=1), visits=99, page_views=150)
    ArticleDailyViewsFactory(article=article, views=17)
    StatsTotals.objects.create(pk=1, starting_total=21_422_117, visits_since=1333)
    return article


def snapshot(media_root):
    """Everything the backup must bring back: rows of each model, and every media file's bytes."""
    models = (Article, Category, Feedback, DailyStats, ArticleDailyViews, StatsTotals)
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    files = {
        path.relative_to(media_root).as_posix(): path.read_bytes()
        for path in media_root.rglob("*")
        if path.is_file()
    }
    return rows, files


def wipe(media_root):
    Article.objects.all().delete()  # with its views per day
    Category.objects.all().delete()
    Feedback.objects.all().delete()
    DailyStats.objects.all().delete()
    StatsTotals.objects.all().delete()
    for path in media_root.rglob("*.jpg"):
        path.unlink()
    (media_root / "la.txt").write_text("written after the backup")


def run(*args):
    output = StringIO()
    call_command(*args, stdout=output)
    return output.getvalue()


def backup(backup_dir):
    output = run("backup")
    (archive,) = backup_dir.glob("cong-*.tar")
    assert f"Wrote {archive}" in output
    return archive


def test_restore_brings_back_every_article_feedback_counter_and_file(content, folders):
    media_root, backup_dir = folders
    before = snapshot(media_root)
    assert len(before[1]) == 1 and before[0]["Feedback"] and before[0]["StatsTotals"]
    archive = backup(backup_dir)
    assert archive.stat().st_mode & 0o777 == 0o600  # it holds readers' personal data

    wipe(media_root)
    assert snapshot(media_root) != before
    output = run("restore", str(archive), "--yes")

    assert "Restored the database and 1 media files" in output
    assert snapshot(media_root) == before
    assert Article.objects.published().get().cover.name == content.cover.name


def test_a_corrupt_archive_changes_nothing(content, folders):
    media_root, backup_dir = folders
    archive = backup(backup_dir)
    before = snapshot(media_root)
    # A whole tar whose database dump is damaged: pg_restore must refuse it before anything changes.
    damaged = backup_dir / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            if member.name == "database.dump":
                garbage = b"PGDMP" + b"\xff" * 507
                member.size = len(garbage)
                target.addfile(member, BytesIO(garbage))
            else:
                target.addfile(member, source.extractfile(member) if member.isfile() else None)
    truncated = backup_dir / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[:700])

    for broken in (damaged, truncated, backup_dir / "missing.tar"):
        with pytest.raises(CommandError):
            run("restore", str(broken), "--yes")
    assert snapshot(media_root) == before


def test_restore_without_yes_refuses_and_a_dry_run_changes_nothing(content, folders):
    media_root, backup_dir = folders
    archive = backup(backup_dir)
    wipe(media_root)
    with pytest.raises(CommandError, match="run again with --yes"):
        run("restore", archive.name)  # a name in BACKUP_DIR is found there
    assert "Can restore the database and 1 media files" in run("restore", archive.name, "--dry-run")
    assert not Article.objects.exists()
    assert (media_root / "la.txt").exists()


def test_backup_keeps_only_the_newest_archives(folders):
    _, backup_dir = folders
    backup_dir.mkdir(parents=True)
    for day in ("20250101", "20250102", "20250103"):
        (backup_dir / f"cong-{day}-023000.tar").write_bytes(b"old")
    (backup_dir / "notes.txt").write_text("not a backup: never deleted")

    run("backup", "--keep", "2")

    names = sorted(path.name for path in backup_dir.iterdir())
    assert names[0] == "cong-20250103-023000.tar"
    assert names[1].startswith(f"cong-{timezone.localdate():%Y%m%d}-")
    assert names[2:] == ["notes.txt"]


def test_backup_without_pg_dump_says_what_to_install(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(PATH=str(tmp_path), BACKUP_DIR=str(tmp_path / "backups"))
    result = subprocess.run(
        [sys.executable, "manage.py", "backup"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "pg_dump is not installed" in result.stderr
    assert "Traceback" not in result.stderr
