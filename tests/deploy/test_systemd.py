"""deploy/systemd and deploy/tmpfiles.d: systemd-analyze accepts every unit, each timer starts a command
that exists, each unit writes one folder at most, and the folders get the modes nginx needs and no more."""

import configparser
import os
import re
import shlex
import shutil
import stat
import subprocess
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
SYSTEMD_ANALYZE = shutil.which("systemd-analyze") or "/usr/bin/systemd-analyze"
SYSTEMD_TMPFILES = shutil.which("systemd-tmpfiles") or "/usr/bin/systemd-tmpfiles"


def test_systemd_accepts_every_unit_without_a_warning(tmp_path):
    # The units name /srv/cong, where an operator installs the portal; here it is this checkout
    # (systemd-analyze checks that the programs exist).
    for unit in UNITS.iterdir():
        (tmp_path / unit.name).write_text(unit.read_text().replace("/srv/cong", str(ROOT)))
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", *sorted(str(path) for path in tmp_path.iterdir())],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def unit(name):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


def test_each_timer_runs_a_management_command_that_exists():
    timers = sorted(path.stem for path in UNITS.glob("*.timer"))
    assert timers == ["cong-backup", "cong-captcha-clean", "cong-stats-prune"]
    for name in timers:
        service = unit(f"{name}.service")["Service"]
        assert service["User"] == "cong"
        assert service["EnvironmentFile"] == "/etc/cong/env"
        program, manage, command, *_ = shlex.split(service["ExecStart"])
        assert (program, manage) == ("/srv/cong/.venv/bin/python", "manage.py")
        assert command in get_commands(), f"{name}.service runs an unknown command {command}"


def test_the_app_runs_as_its_own_user_in_a_read_only_system_writing_only_the_uploads():
    service = unit("cong.service")["Service"]
    assert service["User"] == "cong"
    assert service["ProtectSystem"] == "strict"
    # Not the static files, not the backups: a compromised worker can change neither.
    assert service["ReadWritePaths"] == "/srv/cong/var/media"
    assert service["NoNewPrivileges"] == "yes"
    assert service["PrivateTmp"] == "yes"
    assert service["RuntimeDirectory"] == "cong"  # gunicorn's control socket, writable by it


def test_each_unit_writes_its_own_folder_or_none():
    writes = {
        path.name: unit(path.name)["Service"].get("ReadWritePaths")
        for path in sorted(UNITS.glob("*.service"))
    }
    assert writes == {
        "cong-backup.service": "/srv/cong/var/backups",
        "cong-captcha-clean.service": None,
        "cong-collectstatic.service": "/srv/cong/var/static",
        "cong-stats-flush.service": None,
        "cong-stats-prune.service": None,
        "cong.service": "/srv/cong/var/media",
    }
    for name in writes:
        assert unit(name)["Service"]["ProtectSystem"] == "strict", name


def test_static_files_are_collected_by_their_own_unit_before_the_app_starts():
    collect = unit("cong-collectstatic.service")["Service"]
    _program, _manage, command, *options = shlex.split(collect["ExecStart"])
    assert command == "collectstatic" and "--noinput" in options
    assert collect["Type"] == "oneshot" and collect["User"] == "cong"
    assert collect["UMask"] == "0022"  # public files, read by nginx by their mode
    app = unit("cong.service")["Unit"]
    assert "cong-collectstatic.service" in app["Wants"].split()
    assert "cong-collectstatic.service" in app["After"].split()


def test_the_tmpfiles_rules_say_public_folders_private_backups_and_a_root_and_cong_settings_file():
    """The rules as written (the next test applies them, which needs root to set owners)."""
    rules = {}
    for line in (ROOT / "deploy" / "tmpfiles.d" / "cong.conf").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            kind, path, mode, user, group, _age = line.split()
            rules[path] = (kind, mode, user, group)
    assert rules == {
        "/srv/cong/var": ("d", "0755", "cong", "cong"),
        "/srv/cong/var/media": ("d", "0755", "cong", "cong"),
        "/srv/cong/var/static": ("d", "0755", "cong", "cong"),
        "/srv/cong/var/backups": ("d", "0700", "cong", "cong"),
        "/etc/cong/env": ("z", "0640", "root", "cong"),
    }


def test_the_folders_are_public_except_backups_and_the_settings_file_is_root_and_cong_only(tmp_path):
    """deploy/tmpfiles.d/cong.conf, applied by systemd-tmpfiles to a throw-away root with its own users.
    Setting owners needs root: `make test` runs as root on CI and on the machines provisioning serves."""
    assert os.geteuid() == 0, "systemd-tmpfiles sets owners only as root: run the tests as root"
    (tmp_path / "etc" / "cong").mkdir(parents=True)
    (tmp_path / "etc" / "passwd").write_text(
        "root:x:0:0::/root:/bin/sh\ncong:x:990:990::/nonexistent:/bin/false\n"
    )
    (tmp_path / "etc" / "group").write_text("root:x:0:\ncong:x:990:\nwww-data:x:33:\n")
    settings_file = tmp_path / "etc" / "cong" / "env"
    settings_file.write_text("SECRET_KEY=...\n")
    settings_file.chmod(0o644)  # a mistake the boot puts right
    rules = ROOT / "deploy" / "tmpfiles.d" / "cong.conf"
    result = subprocess.run(
        [SYSTEMD_TMPFILES, "--create", f"--root={tmp_path}", str(rules)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr

    def mode_and_owner(path):
        status = path.stat()
        return oct(stat.S_IMODE(status.st_mode)), status.st_uid, status.st_gid

    var = tmp_path / "srv" / "cong" / "var"
    assert mode_and_owner(var) == ("0o755", 990, 990)
    assert mode_and_owner(var / "media") == ("0o755", 990, 990)
    assert mode_and_owner(var / "static") == ("0o755", 990, 990)
    assert mode_and_owner(var / "backups") == ("0o700", 990, 990)
    assert mode_and_owner(settings_file) == ("0o640", 0, 990)
    # Readable by others (nginx's www-data) without sharing the group that reads the settings.
    lines = rules.read_text().splitlines()
    assert not [line for line in lines if "www-data" in line and not line.startswith("#")]


def test_buffered_counters_are_flushed_by_one_long_running_process():
    service = unit("cong-stats-flush.service")["Service"]
    assert service["Type"] == "simple" and service["Restart"] == "always"
    _program, _manage, command, *options = shlex.split(service["ExecStart"])
    assert command == "stats_flush" and options[:2] == ["--loop", "5"]
    assert unit("cong-stats-flush.service")["Install"]["WantedBy"] == "multi-user.target"


def test_no_instruction_puts_nginx_in_the_group_that_reads_the_secrets():
    """Audit review: `usermod -aG cong www-data` let nginx workers read /etc/cong/env."""
    texts = [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "deploy").rglob("*")]
    offending = [
        str(path.relative_to(ROOT))
        for path in texts
        if path.is_file()
        and re.search(r"usermod\s+-a?G\s+cong\s+www-data|adduser\s+www-data\s+cong", path.read_text())
    ]
    assert offending == []
