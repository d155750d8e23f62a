"""deploy/gunicorn.conf.py: gunicorn loads it; a server started with it runs without a writable home."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.deploy.test_nginx import free_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "deploy" / "gunicorn.conf.py")]


def environment(**values):
    env = {k: v for k, v in os.environ.items() if k not in {"XDG_RUNTIME_DIR", "RUNTIME_DIRECTORY"}}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings", **values)
    return env


def test_gunicorn_loads_the_configuration_and_the_application():
    result = subprocess.run(
        [*GUNICORN, "--check-config", "portal.wsgi"],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_the_defaults_and_the_variables_an_operator_sets():
    def config(**values):
        result = subprocess.run(
            [*GUNICORN, "--print-config", "portal.wsgi"],
            cwd=ROOT, env=environment(**values), capture_output=True, text=True, check=True,
        )  # fmt: skip
        pairs = (line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)
        return {name.strip(): value.strip() for name, value in pairs}

    defaults = config()
    assert defaults["bind"] == "['127.0.0.1:8001']"
    assert defaults["workers"] == str(2 * os.cpu_count() + 1)
    assert defaults["worker_class"] == "sync"
    assert defaults["max_requests"] == "1000"
    assert defaults["preload_app"] == "False"
    assert defaults["control_socket"] == str(ROOT / "var" / "run" / "gunicorn.ctl")
    chosen = config(GUNICORN_BIND="127.0.0.1:9100", GUNICORN_WORKERS="3", RUNTIME_DIRECTORY="/run/cong")
    assert chosen["bind"] == "['127.0.0.1:9100']"
    assert chosen["workers"] == "3"
    assert chosen["control_socket"] == "/run/cong/gunicorn.ctl"


def test_gunicorn_serves_with_an_unwritable_home(tmp_path):
    """The service user has no home: gunicorn 27's control socket goes to systemd's runtime directory."""
    port, runtime = free_port(), tmp_path / "run"
    runtime.mkdir()
    env = environment(
        HOME=os.devnull,  # not a folder: nothing can be created under it, even by root
        RUNTIME_DIRECTORY=str(runtime),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
    )
    with subprocess.Popen([*GUNICORN, "portal.wsgi"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL) as server:
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5) as response:
                        assert b"Disallow: /admin/" in response.read()
                    break
                except OSError:
                    assert server.poll() is None, "gunicorn exited"
                    assert time.monotonic() < deadline, "gunicorn did not answer"
                    time.sleep(0.1)
            assert (runtime / "gunicorn.ctl").is_socket()
        finally:
            server.terminate()
