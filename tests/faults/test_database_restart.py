"""PostgreSQL restarted while the portal serves load, for real.

The test runs its own PostgreSQL 15 cluster and the portal under gunicorn in production mode (two
sync workers, persistent connections so that CONN_HEALTH_CHECKS matters), sends steady load from
threads, stops PostgreSQL, waits while requests keep coming, and starts it again.

While it is down every reader gets the Vietnamese 503 page (portal/unavailable.py); once it accepts
connections again, no request fails.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
CLIENTS = 4
OUTAGE_SECONDS = 2.0
AFTER_SECONDS = 3.0
SLUG = "bai-viet-khi-co-so-du-lieu-khoi-dong-lai"

# Made in the test's own database, before gunicorn starts.
CREATE_ARTICLES = f"""
from tests.factories import ArticleFactory, CategoryFactory
category = CategoryFactory(name="Tin trong tỉnh")
ArticleFactory(title="Bài viết khi cơ sở dữ liệu khởi động lại", slug="{SLUG}", category=category)
for number in range(5):
    ArticleFactory(category=category)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(*command):
    """initdb and pg_ctl refuse to run as root: run them as the postgres user then."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *map(str, command)], check=True, capture_output=True, text=True)


class Cluster:
    """A throw-away PostgreSQL cluster: trust authentication, loopback, its own port and socket folder."""

    def __init__(self, folder):
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()

    def pg_ctl(self, *arguments):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        return as_postgres(
            POSTGRES_BIN / "pg_ctl", "-D", self.data, "-l", self.folder / "postgres.log", "-o", options,
            "-w", *arguments,
        )  # fmt: skip

    def create(self):
        as_postgres(POSTGRES_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self.pg_ctl("start")
        as_postgres(POSTGRES_BIN / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "cong")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/cong"


@pytest.fixture
def cluster():
    # Not tmp_path: pytest's folder is private to root, and PostgreSQL runs as postgres.
    folder = Path(tempfile.mkdtemp(prefix="cong-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    cluster = Cluster(folder)
    cluster.create()
    yield cluster
    subprocess.run(
        ["runuser", "-u", "postgres", "--"] * (os.geteuid() == 0)
        + [str(POSTGRES_BIN / "pg_ctl"), "-D", str(cluster.data), "-m", "immediate", "stop"],
        capture_output=True,
        check=False,
    )
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def portal(cluster, tmp_path):
    """The portal as in production, in gunicorn with deploy/gunicorn.conf.py, against `cluster`."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "test-only-secret-key-for-the-database-restart-test-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "DATABASE_URL": cluster.url,
        # Persistent connections: each worker keeps one across the restart, which only the health
        # check (CONN_HEALTH_CHECKS) can notice is dead.
        "DATABASE_CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "RUNTIME_DIRECTORY": str(tmp_path),
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, str(PROJECT / "manage.py")]
    for command in (
        ["migrate", "--no-input"],
        ["collectstatic", "--no-input"],
        ["shell", "-c", CREATE_ARTICLES],
    ):
        subprocess.run([*manage, *command], cwd=PROJECT, env=env, check=True, capture_output=True)
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while fetch(base + "/")[0] != 200:
        assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
        time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=30)
    log.close()


def fetch(url):
    """(status, headers, body) of a GET; 0 when no answer came at all."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own http URLs
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
    except OSError:
        return 0, {}, ""


class Load:
    """Threads asking for the home page and an article, each answer kept with when it was asked."""

    def __init__(self, base):
        self.urls = [f"{base}/", f"{base}/bai-viet/{SLUG}/"]
        self.results = []  # (started, finished, status, headers, body)
        self.running = True
        self.threads = [threading.Thread(target=self.client, args=(n,)) for n in range(CLIENTS)]

    def client(self, number):
        while self.running:
            started = time.monotonic()
            status, headers, body = fetch(self.urls[number % len(self.urls)])
            self.results.append((started, time.monotonic(), status, headers, body))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        for thread in self.threads:
            thread.join()

    def between(self, start, end):
        """Requests started after `start` and finished before `end`."""
        return [result for result in self.results if result[0] >= start and result[1] <= end]


def test_readers_get_a_vietnamese_503_while_postgresql_is_down_and_nothing_fails_after(cluster, portal):
    with Load(portal) as load:
        time.sleep(1.0)
        stopping = time.monotonic()
        cluster.pg_ctl("-m", "fast", "stop")
        down = time.monotonic()
        time.sleep(OUTAGE_SECONDS)
        restarting = time.monotonic()
        cluster.pg_ctl("start")
        up = time.monotonic()
        time.sleep(AFTER_SECONDS)

    before = load.between(0, stopping)
    during = load.between(down, restarting)
    after = load.between(up, float("inf"))
    statuses = {result[2] for result in load.results}
    recovered = min(result[1] for result in after if result[2] == 200) - restarting
    print(
        f"\nPostgreSQL restart: {len(load.results)} requests sent, {len(during)} during the outage "
        f"({sum(r[2] == 503 for r in during)} answered 503), {len(after)} after it was back "
        f"({sum(r[2] != 200 for r in after)} failed); first 200 {recovered:.2f} s after the start command "
        f"(pg_ctl start -w took {up - restarting:.2f} s)"
    )

    assert statuses <= {200, 503}, statuses
    assert before and all(result[2] == 200 for result in before)
    assert len(during) >= CLIENTS
    for _started, _finished, status, headers, body in during:
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert "Cổng thông tin tạm thời gián đoạn" in body
        assert "Traceback" not in body and "OperationalError" not in body
    assert len(after) >= 2 * CLIENTS
    assert [result[2] for result in after if result[2] != 200] == []
