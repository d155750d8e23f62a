"""deploy/systemd: systemd-analyze accepts every unit, and each timer starts a command that exists."""

import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"
SYSTEMD_ANALYZE = shutil.which("systemd-analyze") or "/usr/bin/systemd-analyze"


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


def test_the_app_runs_as_its_own_user_in_a_read_only_system():
    service = unit("cong.service")["Service"]
    assert service["User"] == "cong"
    assert service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"] == "/srv/cong/var"
    assert service["NoNewPrivileges"] == "yes"
    assert service["PrivateTmp"] == "yes"
    assert service["RuntimeDirectory"] == "cong"  # gunicorn's control socket


def test_buffered_counters_are_flushed_by_one_long_running_process():
    service = unit("cong-stats-flush.service")["Service"]
    assert service["Type"] == "simple" and service["Restart"] == "always"
    _program, _manage, command, *options = shlex.split(service["ExecStart"])
    assert command == "stats_flush" and options[:2] == ["--loop", "10"]
    assert unit("cong-stats-flush.service")["Install"]["WantedBy"] == "multi-user.target"
