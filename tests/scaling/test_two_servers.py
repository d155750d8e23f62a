"""Two app servers, one PostgreSQL, one Redis: the portal as it runs on several machines.

Two gunicorn processes in production mode (deploy/gunicorn.conf.py) on their own ports share the
test database and one Redis (cache, sessions and counters, under prefixes of this test's own). Every
request carries what nginx adds in front of them (X-Forwarded-Proto: https, X-Forwarded-For), so the
production settings hold as deployed, HTTPS redirect and secure cookies included: cookies are sent by
this client the way a browser sends them over HTTPS.
"""

import http.client
import os
import re
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
import redis
from django.db import connection
from django.test import override_settings

from stats.models import StatsTotals
from tests.factories import ArticleFactory, StaffFactory, authenticator, totp_code
from tests.faults.test_database_restart import PROJECT, free_port
from tests.stats.helpers import browser, counters

REDIS_URL = "redis://127.0.0.1:6379/0"
VISITORS = 40
ARTICLES = 3
READS = 2  # each visitor reads each article twice, once on each server: one article view
OWN_VARIABLES = ("DJANGO_", "DATABASE_", "REDIS_", "STATS_", "CACHE_", "AWS_", "SESSION_")


def request(port, method, path, *, agent="", address="203.0.113.1", cookies=None, body=None):
    """(status, headers, body) of one request to 127.0.0.1:port, as nginx would pass it on."""
    headers = {
        "Host": f"127.0.0.1:{port}",
        "User-Agent": agent,
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": address,
    }
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"https://127.0.0.1:{port}"
        headers["Referer"] = f"https://127.0.0.1:{port}{path}"
        body = urlencode(body)
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request(method, path, body=body, headers=headers)
        response = client.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        client.close()


def cookies_set(headers):
    jar = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


@pytest.fixture
def environment(tmp_path):
    """Production settings against the test database and one Redis under this test's prefixes."""
    database = connection.settings_dict
    prefix = f"test-two-servers-{uuid.uuid4().hex}"
    env = {
        # Nothing from the developer's shell that names another database, Redis, cache or bucket.
        **{name: value for name, value in os.environ.items() if not name.startswith(OWN_VARIABLES)},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "test-only-secret-key-for-the-two-servers-test-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "STATS_REDIS_PREFIX": f"{prefix}:stats:",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_WORKERS": "2",
        "RUNTIME_DIRECTORY": str(tmp_path),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"], cwd=PROJECT, env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    yield env
    client = redis.Redis.from_url(REDIS_URL)
    for name in client.scan_iter(match=f"{prefix}:*"):
        client.delete(name)


@pytest.fixture
def servers(environment, tmp_path):
    """Two gunicorn processes (two workers each) on their own ports; yields the ports."""
    ports = [free_port(), free_port()]
    logs = [tmp_path / f"gunicorn-{port}.log" for port in ports]
    processes = []
    for port, log in zip(ports, logs, strict=True):
        with log.open("w") as output:
            command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"]
            bind = {"GUNICORN_BIND": f"127.0.0.1:{port}"}
            processes.append(
                subprocess.Popen(
                    command, cwd=PROJECT, env={**environment, **bind}, stdout=output, stderr=subprocess.STDOUT
                )
            )
    deadline = time.monotonic() + 30
    for port, log, process in zip(ports, logs, processes, strict=True):
        while not answers(port):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
    yield ports
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def answers(port):
    try:
        return request(port, "GET", "/robots.txt")[0] == 200
    except OSError:
        return False


@pytest.mark.django_db(transaction=True)
def test_two_servers_count_exactly_and_share_logins(environment, servers):
    articles = [ArticleFactory() for _ in range(ARTICLES)]
    # Hashed as production hashes (the test settings' fast hasher is not one production accepts).
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        device = authenticator(StaffFactory(username="bientap"))
    first, second = servers

    def visitor(number):
        # One visitor (its own browser and address) going back and forth between the two servers.
        agent, address = browser(number), f"198.51.100.{number + 1}"
        statuses = [request(first, "GET", "/", agent=agent, address=address)[0]]
        for article in articles:
            for read in range(READS):
                port = servers[(number + read) % 2]
                statuses.append(
                    request(port, "GET", article.get_absolute_url(), agent=agent, address=address)[0]
                )
        return statuses

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = [status for result in pool.map(visitor, range(VISITORS)) for status in result]
    assert statuses == [200] * VISITORS * (1 + ARTICLES * READS)

    flush = subprocess.run(
        [sys.executable, "manage.py", "stats_flush"], cwd=PROJECT, env=environment, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    page_views = VISITORS * (1 + ARTICLES * READS)
    print(f"Two servers: {len(statuses)} requests sent; {flush.stdout.strip()}")
    # Every page view went through Redis (none fell back to PostgreSQL), and is now in PostgreSQL.
    assert f"{VISITORS} visits, {page_views} page views, {VISITORS * ARTICLES} article views" in flush.stdout
    assert counters() == (VISITORS, page_views, 0, 0)
    for article in articles:
        assert counters(article)[2:] == (VISITORS, VISITORS)
    assert StatsTotals.objects.get(pk=1).visits_since == VISITORS

    # A login on the first server is a login on the second (the session is in Redis and PostgreSQL):
    # the password on the first, the code on the second, the admin on the first again.
    _, headers, page = request(first, "GET", "/admin/login/")
    csrf = cookies_set(headers)["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "username": "bientap", "password": "mat-khau-thu-nghiem"}
    status, headers, _ = request(
        first,
        "POST",
        "/admin/login/?next=/admin/",
        cookies={"csrftoken": csrf},
        body={**form, "next": "/admin/"},
    )
    assert (status, headers["Location"]) == (302, "/admin/login/code/")
    pending = cookies_set(headers)["sessionid"]
    status, headers, _ = request(
        second,
        "POST",
        "/admin/login/code/",
        cookies={"csrftoken": csrf, "sessionid": pending},
        body={"csrfmiddlewaretoken": token, "code": totp_code(device)},
    )
    assert (status, headers["Location"]) == (302, "/admin/")
    session = cookies_set(headers)["sessionid"]
    status, _, page = request(first, "GET", "/admin/", cookies={"sessionid": session})
    assert status == 200
    assert "bientap" in page
    cached = redis.Redis.from_url(REDIS_URL).keys(f"{environment['CACHE_KEY_PREFIX']}:*sessions*{session}")
    assert len(cached) == 1
