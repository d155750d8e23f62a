"""The security review's findings against an outsider (docs/security.md), each attack replayed.

Every test performs the attack the review ran as a proof of concept and asserts that it now fails.
The outsider has no account: a home line with its IPv6 /64, addresses to spare, a slow network, a
browser that sends several requests at once.
"""

import contextlib
import http.client
import io
import re
import socket
import threading
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
import redis
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import override_settings

from feedback.models import Feedback
from stats.backends import redis as buffered
from stats.models import DailyStats
from tests.factories import ArticleFactory, StaffFactory
from tests.feedback.helpers import feedback_data
from tests.stats.helpers import browser, counters

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "mat-khau-thu-nghiem"
LOCKED = "Đăng nhập sai quá nhiều lần"
USERNAME_LOCKED = "từ nhiều địa chỉ khác nhau"


# Finding 5: the admin lockout was bypassed by rotating IPv6 addresses ----------------------------


@pytest.fixture
def editor_account(db):
    return StaffFactory(username="bientap")


def log_in(client, password, address, username="bientap"):
    data = {"username": username, "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=address, HTTP_USER_AGENT="Firefox")


def wrong_passwords(client, addresses):
    return [log_in(client, "sai-mat-khau", address).status_code for address in addresses]


def test_forty_wrong_passwords_from_forty_addresses_of_one_64_lock_the_account(client, editor_account):
    home = [f"2001:db8:7:1:{number:x}:{number * 7919 % 65536:x}:cafe:{number:x}" for number in range(1, 41)]

    answered = wrong_passwords(client, home)

    assert answered[:4] == [200] * 4
    assert set(answered[4:]) == {429}  # locked at the fifth, as from a single address
    refused = log_in(client, PASSWORD, "2001:db8:7:1:ffff:ffff:ffff:fffe")
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"2001:db8:7:1::"}


def test_the_next_64_is_another_network_and_an_ipv4_mapped_address_is_its_ipv4_one(client, editor_account):
    wrong_passwords(client, [f"2001:db8:7:1::{number}" for number in range(1, 6)])
    assert log_in(client, PASSWORD, "2001:db8:7:1::99").status_code == 429
    assert log_in(client, PASSWORD, "2001:db8:7:2::1").status_code == 302
    client.logout()
    wrong_passwords(client, ["::ffff:203.0.113.7"] * 5)
    assert log_in(client, PASSWORD, "203.0.113.7").status_code == 429


def unrelated_addresses(count):
    """Addresses of as many different networks (a botnet's, a cloud provider's)."""
    return [f"{11 + number}.{number * 37 % 256}.{number * 11 % 256}.{number + 1}" for number in range(count)]


def test_wrong_passwords_from_many_networks_lock_the_username_at_thirty(client, editor_account):
    StaffFactory(username="phongvien")
    *twenty_nine, thirtieth, elsewhere = unrelated_addresses(31)
    assert wrong_passwords(client, twenty_nine) == [200] * 29
    # Below the larger limit the owner still logs in, from anywhere.
    assert log_in(client, PASSWORD, "192.0.2.10").status_code == 302
    client.logout()

    assert wrong_passwords(client, [thirtieth]) == [429]  # the thirtieth failure locks the username

    refused = log_in(client, PASSWORD, elsewhere)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert USERNAME_LOCKED in page and "60 phút" in page
    assert "_auth_user_id" not in client.session
    # Another username is not locked from those addresses.
    assert log_in(client, PASSWORD, elsewhere, username="phongvien").status_code == 302


@pytest.mark.parametrize("command", [["axes_reset_username", "bientap"], ["axes_reset"]])
def test_the_reset_commands_unlock_a_username_locked_from_many_networks(client, editor_account, command):
    wrong_passwords(client, unrelated_addresses(30))
    assert log_in(client, PASSWORD, "192.0.2.10").status_code == 429
    call_command(*command, verbosity=0, stdout=io.StringIO())
    assert log_in(client, PASSWORD, "192.0.2.10").status_code == 302


# Finding 6: a slow Redis reply counted one page view twice ---------------------------------------


class DelayingProxy:
    """A TCP proxy to the real Redis that holds its answers back `delay` seconds, or refuses connections.

    What the client sends is forwarded at once (so Redis runs the script); only the answers wait.
    """

    def __init__(self, target=("127.0.0.1", 6379)):
        self.target = target
        self.delay = 0.0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed: connections are refused from now on
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            threading.Thread(target=self.pipe, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self.pipe, args=(server, client, True), daemon=True).start()

    def pipe(self, source, destination, delayed):
        try:
            while data := source.recv(65536):
                if delayed and self.delay:
                    time.sleep(self.delay)
                destination.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, destination):
                end.close()

    def refuse(self):
        """Stop listening and drop every connection: connecting is refused, as with Redis down."""
        for sock in [self.listener, *self.sockets]:
            # close() alone would leave the blocked accept() listening, and the pipes open.
            with contextlib.suppress(OSError):  # already shut
                sock.shutdown(socket.SHUT_RDWR)
        self.listener.close()


@pytest.fixture
def redis_behind_proxy():
    """Counting in Redis through a DelayingProxy, under a key prefix of this test's own."""
    proxy = DelayingProxy()
    prefix = f"test:cong:stats:{uuid.uuid4().hex}:"
    with override_settings(STATS_REDIS_URL=f"redis://127.0.0.1:{proxy.port}/0", STATS_REDIS_PREFIX=prefix):
        yield proxy
    proxy.refuse()
    direct = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    for name in direct.scan_iter(match=f"{prefix}*"):
        direct.delete(name)


def read(client, article, visitor):
    response = client.get(article.get_absolute_url(), headers={"user-agent": browser(visitor)})
    assert response.status_code == 200


@pytest.mark.django_db
def test_page_views_whose_redis_answer_comes_too_late_are_each_counted_once(
    client, redis_behind_proxy, caplog
):
    article = ArticleFactory()
    read(client, article, 0)  # an open connection, the script loaded: the state of a busy server
    # Past the client's timeout: Redis runs each script, its answer arrives after the reader left.
    redis_behind_proxy.delay = 2 * buffered.SOCKET_TIMEOUT
    slow_views = 4
    for visitor in range(1, 1 + slow_views):
        read(client, article, visitor)
    redis_behind_proxy.delay = 0
    time.sleep(2 * buffered.SOCKET_TIMEOUT + 0.2)  # the late answers are through

    call_command("stats_flush", verbosity=0)

    views = 1 + slow_views
    assert counters(article) == (views, views, views, views)  # visits, page views, article views
    assert "Redis did not answer a page view: not counted again in PostgreSQL" in caplog.text
    client_retries = buffered.client(f"redis://127.0.0.1:{redis_behind_proxy.port}/0").get_retry()
    assert client_retries.get_retries() == 0


@pytest.mark.django_db
def test_with_redis_refusing_connections_each_page_view_is_counted_in_postgresql_once(
    client, redis_behind_proxy, caplog
):
    article = ArticleFactory()
    read(client, article, 0)
    redis_behind_proxy.refuse()
    started = time.monotonic()
    for visitor in range(1, 4):
        read(client, article, visitor)
    assert time.monotonic() - started < 2  # no retries with back-off holding the readers
    assert counters(article) == (3, 3, 3, 3)  # in PostgreSQL; the first view waits in Redis
    assert caplog.text.count("Redis unavailable: visit counted in PostgreSQL") == 3
    assert DailyStats.objects.get().page_views == 3


# Finding 7: parallel posts from one visitor all passed the feedback rate limit -------------------


def connection(live_server):
    address = urlsplit(live_server.url)
    return http.client.HTTPConnection(address.hostname, address.port, timeout=30)


def solved_form(live_server):
    """What one browser tab holds: the form's cookie, its token and its own solved captcha."""
    opener = connection(live_server)
    opener.request("GET", "/gop-y/")
    response = opener.getresponse()
    html = response.read().decode()
    opener.close()
    cookie = SimpleCookie(response.headers["Set-Cookie"])["csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urlencode({**feedback_data(html), "csrfmiddlewaretoken": token})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Referer": f"{live_server.url}/gop-y/",
    }
    return body, headers


@pytest.fixture
def live_server_requests_finish():
    """Let the server's request threads end (and close their database connections) after the test."""
    yield
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_six_parallel_posts_from_one_visitor_store_one_with_a_limit_of_one(
    live_server, live_server_requests_finish, settings
):
    settings.FEEDBACK_RATE_LIMIT = 1
    tabs = [solved_form(live_server) for _ in range(6)]
    start = threading.Barrier(len(tabs))
    results = [None] * len(tabs)

    def submit(number):
        body, headers = tabs[number]
        client = connection(live_server)
        start.wait()
        client.request("POST", "/gop-y/", body=body, headers=headers)
        answer = client.getresponse()
        results[number] = (answer.status, answer.read().decode())
        client.close()

    threads = [threading.Thread(target=submit, args=(number,)) for number in range(len(tabs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert Feedback.objects.count() == 1
    assert sorted(status for status, _ in results) == [200] * 5 + [303]
    refused = [page for status, page in results if status == 200]
    assert all("Bạn đã gửi nhiều góp ý trong một giờ qua" in page for page in refused)
