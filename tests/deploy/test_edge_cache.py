"""The shipped nginx site in front of the live test server: pages kept at the edge, every view counted.

A real nginx (deploy/nginx/cong.conf with Debian's Lua module, rendered as in test_nginx) on free
ports, Redis counting (a database of its own), and `manage.py stats_flush` counting what nginx
answered from its cache (stats.edge).
"""

import shutil
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
import redis
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.db.models import Sum
from django.http import HttpResponse
from django.urls import path

from articles.models import Article
from portal.urls import urlpatterns as portal_urlpatterns
from stats.models import DailyStats
from tests.deploy.test_nginx import https, site_write
from tests.factories import ArticleFactory, StaffFactory, VerifiedClient

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"  # provision.sh installs it
REDIS_DB = 12
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
READER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 Visitor/{n}"
VALID_SECONDS = 3  # proxy_cache_valid in deploy/nginx/cong.conf: an edit shows within this


def cookie_page(request):
    """Says `public` and sets a cookie: nginx must never keep it."""
    response = HttpResponse("<!DOCTYPE html><title>x</title>", content_type="text/html")
    response["Cache-Control"] = "public, max-age=60"
    response.set_cookie("chon", "1")
    return response


# Added to, not included: the project's URLs hold i18n_patterns, which Django allows only at the root.
urlpatterns = [path("__edge__/cookie/", cookie_page), *portal_urlpatterns]


def started(site):
    process = subprocess.Popen([*site.command, "-g", "daemon off;"])
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", site.https_port), timeout=1).close()
            return process
        except OSError:
            assert process.poll() is None, (site.base / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not start listening"
            time.sleep(0.05)


@pytest.fixture
def edge(live_server, tmp_path, settings):
    """nginx in front of the live server; counting in Redis database REDIS_DB, emptied first."""
    settings.STATS_REDIS_URL = REDIS_URL
    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = ["*"]
    store = redis.Redis.from_url(REDIS_URL)
    store.flushdb()
    address = live_server.url.removeprefix("http://")
    site = site_write(tmp_path, address, redis_db=REDIS_DB)
    process = started(site)
    yield SimpleNamespace(**vars(site), redis=store)
    process.terminate()
    process.wait(timeout=10)
    store.flushdb()
    errors = [line for line in (site.base / "error.log").read_text().splitlines() if "[error]" in line]
    assert errors == []  # a Lua failure is logged, not raised: it would lose a count silently


def get(edge, path, agent, **headers):
    return https(edge, path, headers={"User-Agent": agent, **headers})


def counted(edge):
    """What the statistics hold once nginx's lines have reached Redis and stats_flush has run."""
    deadline = time.monotonic() + 5
    while edge.redis.llen("cong:stats:edge") == 0 and time.monotonic() < deadline:
        time.sleep(0.05)  # the worker's timer moves the lines every 50 ms
    time.sleep(0.2)
    call_command("stats_flush", verbosity=0)
    return DailyStats.objects.aggregate(
        visits=Sum("visits", default=0), page_views=Sum("page_views", default=0)
    )


@pytest.mark.django_db(transaction=True)
def test_pages_from_the_cache_are_counted_exactly_k_visitors_n_views(edge):
    article = ArticleFactory(title="Bão số 9 đổ bộ")
    statuses = []
    for n in range(3):  # K = 3 visitors, 4 page views each
        for _ in range(4):
            response = get(edge, article.get_absolute_url(), READER.format(n=n))
            assert response.status == 200
            assert response.getheader("X-Cong-Count") is None  # never sent on
            statuses.append(response.getheader("X-Cache-Status"))
    assert statuses[0] == "MISS"
    assert statuses.count("HIT") >= 8  # within 3 s of the first
    assert counted(edge) == {"visits": 3, "page_views": 12}
    article.refresh_from_db()
    assert article.view_count == 3  # one per visitor per 10 minutes


@pytest.mark.django_db(transaction=True)
def test_a_crowd_across_expiries_is_counted_exactly_once_each(edge):
    """K visitors, N requests at once for over two lifetimes of the copy: misses, hits, the lock and
    the stale copy served while one request renders (UPDATING) — exactly K visits and N page views."""
    article = ArticleFactory(title="Sơn La mưa đá")
    visitors, rounds = 6, 12
    statuses = []

    def read(n):
        for _ in range(rounds):
            statuses.append(
                get(edge, article.get_absolute_url(), READER.format(n=n)).getheader("X-Cache-Status")
            )
            time.sleep(0.6)  # 12 × 0.6 s: past two 3-second lifetimes

    with ThreadPoolExecutor(visitors) as pool:
        list(pool.map(read, range(visitors)))
    assert len(statuses) == visitors * rounds
    assert {"MISS", "HIT"} <= set(statuses)
    assert statuses.count("HIT") + statuses.count("UPDATING") + statuses.count("STALE") >= rounds
    assert counted(edge) == {"visits": visitors, "page_views": visitors * rounds}
    article.refresh_from_db()
    assert article.view_count == visitors


@pytest.mark.django_db(transaction=True)
def test_visitors_told_apart_by_address_alone_are_told_apart_at_the_edge_too(edge):
    """Same browser, two addresses (as a proxy in front of nginx forwards them): two visitors, whether
    Django or nginx answered; the same address twice is one."""
    article = ArticleFactory(title="Hai địa chỉ")
    statuses = [
        get(edge, article.get_absolute_url(), READER.format(n=1), **{"X-Forwarded-For": address}).getheader(
            "X-Cache-Status"
        )
        for address in ("198.51.100.1", "198.51.100.2", "198.51.100.1", "198.51.100.2")
    ]
    assert statuses[0] == "MISS" and statuses.count("HIT") >= 2
    assert counted(edge) == {"visits": 2, "page_views": 4}


@pytest.mark.django_db(transaction=True)
def test_bots_and_prefetches_served_from_the_cache_are_not_counted(edge):
    article = ArticleFactory(title="Kết quả thi tốt nghiệp")
    assert get(edge, article.get_absolute_url(), READER.format(n=1)).getheader("X-Cache-Status") == "MISS"
    bot = get(edge, article.get_absolute_url(), "Mozilla/5.0 (compatible; Googlebot/2.1)")
    ahead = get(edge, article.get_absolute_url(), READER.format(n=2), **{"Sec-Purpose": "prefetch"})
    assert [bot.getheader("X-Cache-Status"), ahead.getheader("X-Cache-Status")] == ["HIT", "HIT"]
    # A HEAD (a link checker) reaches Django as a HEAD, never counted, and never as a GET.
    head = https(edge, article.get_absolute_url(), method="HEAD", headers={"User-Agent": READER.format(n=3)})
    assert (head.status, head.getheader("X-Cache-Status")) == (200, "BYPASS")
    assert counted(edge) == {"visits": 1, "page_views": 1}


@pytest.mark.django_db(transaction=True)
def test_staff_never_get_or_make_a_kept_page_and_are_not_counted(edge):
    article = ArticleFactory(title="Lịch tiếp công dân")
    staff = StaffFactory(username="bientap")
    client = VerifiedClient()
    client.force_login(staff)
    session = client.cookies["sessionid"].value
    assert client.session[SESSION_KEY] == str(staff.pk)
    agent = READER.format(n=9)
    for _ in range(2):
        response = get(edge, article.get_absolute_url(), agent, Cookie=f"sessionid={session}")
        assert response.status == 200
        assert response.getheader("X-Cache-Status") == "BYPASS"
        assert response.getheader("Cache-Control") != "public, max-age=60"
    # Nothing kept by the staff's requests: the first reader's request goes to Django.
    assert get(edge, article.get_absolute_url(), READER.format(n=1)).getheader("X-Cache-Status") == "MISS"
    assert counted(edge) == {"visits": 1, "page_views": 1}


@pytest.mark.django_db(transaction=True)
def test_an_answer_with_a_cookie_is_never_kept(edge):
    for _ in range(3):
        response = get(edge, "/__edge__/cookie/", READER.format(n=1))
        assert response.status == 200
        assert response.getheader("Set-Cookie", "").startswith("chon=1")
        assert response.getheader("X-Cache-Status") == "MISS"


@pytest.mark.django_db(transaction=True)
def test_a_staff_edit_shows_to_readers_within_three_seconds(edge):
    article = ArticleFactory(title="Tin cũ")
    assert "Tin cũ" in get(edge, article.get_absolute_url(), READER.format(n=1)).content.decode()
    kept = get(edge, article.get_absolute_url(), READER.format(n=1))
    assert kept.getheader("X-Cache-Status") == "HIT"
    Article.objects.filter(pk=article.pk).update(title="Tin mới")
    article.refresh_from_db()
    article.save()  # a save through the model, as the admin does: the generation moves
    edited = time.monotonic()
    while "Tin mới" not in get(edge, article.get_absolute_url(), READER.format(n=1)).content.decode():
        assert time.monotonic() - edited < VALID_SECONDS + 0.5, "the edit did not show in time"
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_redis_down_pages_are_served_and_every_view_counted_once(live_server, tmp_path, settings):
    """nginx's line waits in memory, pages skip the cache and Django counts them in PostgreSQL; when
    Redis answers again the line reaches it and stats_flush counts it: N page views, never more."""
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    redis_port = port.getsockname()[1]
    port.close()
    url = f"redis://127.0.0.1:{redis_port}/0"
    settings.STATS_REDIS_URL = url
    settings.ALLOWED_HOSTS = ["*"]
    article = ArticleFactory(title="Mưa lớn ở Sơn La")
    site = site_write(tmp_path, live_server.url.removeprefix("http://"), redis_port=redis_port)
    process = started(site)
    server = None
    try:
        statuses = []
        for _ in range(6):
            response = https(site, article.get_absolute_url(), headers={"User-Agent": READER.format(n=1)})
            assert response.status == 200
            statuses.append(response.getheader("X-Cache-Status"))
            time.sleep(0.1)
        assert statuses[:2] == ["MISS", "HIT"]  # the HIT's line cannot reach Redis...
        assert set(statuses[3:]) == {"BYPASS"}  # ...so pages go to Django, which counts them
        days = DailyStats.objects.aggregate(page_views=Sum("page_views", default=0))
        assert days["page_views"] == 5  # in PostgreSQL: all but the one answered from the cache
        server = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        store = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                if store.llen("cong:stats:edge") == 1:
                    break
            except redis.ConnectionError:
                pass
            assert time.monotonic() < deadline, "nginx's waiting line never reached Redis"
            time.sleep(0.1)
        call_command("stats_flush", verbosity=0)
        days = DailyStats.objects.aggregate(page_views=Sum("page_views", default=0))
        assert days["page_views"] == 6
    finally:
        process.terminate()
        process.wait(timeout=10)
        if server:
            server.terminate()
            server.wait(timeout=10)
