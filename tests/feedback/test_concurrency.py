"""Sixteen simultaneous submissions of one solved captcha, over real HTTP: exactly one is stored.

django-simple-captcha's own check reads the challenge, then deletes it; several requests can read it
before any of them deletes it (2-6 of 16 were accepted when measured). Ours deletes it with one
conditional DELETE and accepts only the request whose DELETE removed the row.
"""

import http.client
import json
import re
import threading
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest

from feedback.models import Feedback
from tests.feedback.helpers import feedback_data

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 16
WRONG = "Mã kiểm tra không đúng hoặc đã hết hạn"


@pytest.fixture(autouse=True)
def live_server_requests_finish():
    """Let the server's request threads end (and close their database connections) after the test."""
    yield
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=10)


def connection(live_server):
    address = urlsplit(live_server.url)
    return http.client.HTTPConnection(address.hostname, address.port, timeout=30)


def test_sixteen_parallel_submissions_of_one_solved_captcha_store_exactly_one(live_server):
    opener = connection(live_server)
    opener.request("GET", "/gop-y/")
    response = opener.getresponse()
    html = response.read().decode()
    cookie = SimpleCookie(response.headers["Set-Cookie"])["csrftoken"].value
    opener.close()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urlencode({**feedback_data(html), "csrfmiddlewaretoken": token})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Referer": f"{live_server.url}/gop-y/",
    }

    start = threading.Barrier(PARALLEL)
    results = [None] * PARALLEL

    def submit(number):
        client = connection(live_server)
        start.wait()
        client.request("POST", "/gop-y/", body=body, headers=headers)
        answer = client.getresponse()
        results[number] = (answer.status, answer.read().decode())
        client.close()

    threads = [threading.Thread(target=submit, args=(number,)) for number in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(status for status, _ in results)
    assert Feedback.objects.count() == 1
    assert statuses == [200] * (PARALLEL - 1) + [303]
    refused = [page for status, page in results if status == 200]
    assert all(WRONG in page for page in refused)


def test_sixteen_parallel_opinions_with_one_solved_captcha_store_exactly_one(live_server):
    from captcha.models import CaptchaStore

    from tests.factories import ArticleFactory

    article = ArticleFactory(title="Sơn La đẩy mạnh chuyển đổi số")
    opener = connection(live_server)
    opener.request("GET", "/gop-y/ma-kiem-tra/moi/", headers={"X-Requested-With": "XMLHttpRequest"})
    response = opener.getresponse()
    challenge = json.loads(response.read())
    cookie = SimpleCookie(response.headers["Set-Cookie"])["csrftoken"].value
    opener.close()
    body = urlencode(
        {
            "name": "Như Thuỷ",
            "subject": "Về bài",
            "message": "Ý kiến",
            "consent": "on",
            "captcha_0": challenge["key"],
            "captcha_1": CaptchaStore.objects.get(hashkey=challenge["key"]).response,
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "X-CSRFToken": challenge["csrf_token"],
        "X-Requested-With": "XMLHttpRequest",
        "Referer": f"{live_server.url}{article.get_absolute_url()}",
    }
    start = threading.Barrier(PARALLEL)
    statuses = []

    def submit():
        client = connection(live_server)
        start.wait()
        client.request("POST", f"/gop-y/bai-viet/{article.slug}/", body=body, headers=headers)
        statuses.append(client.getresponse().status)
        client.close()

    threads = [threading.Thread(target=submit) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert Feedback.objects.filter(article=article).count() == 1
    assert sorted(statuses) == [200] + [400] * (PARALLEL - 1)
