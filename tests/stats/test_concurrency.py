"""Exactness under concurrency: real HTTP requests to a live server, many threads at once."""

import http.client
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from stats.models import RecentVisitor
from tests.factories import ArticleFactory
from tests.stats.helpers import all_time, browser, counters

THREADS = 16
REQUESTS = 10


def get(live_server_url, path, user_agent):
    address = urlsplit(live_server_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", path, headers={"User-Agent": user_agent})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_visitors_are_counted_exactly(live_server):
    article = ArticleFactory()
    url = article.get_absolute_url()

    def visitor(number):
        # Each thread is one visitor reading the article ten times within a minute: one visit,
        # ten page views, one article view.
        return [get(live_server.url, url, browser(number)) for _ in range(REQUESTS)]

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = [status for result in pool.map(visitor, range(THREADS)) for status in result]
    assert statuses == [200] * THREADS * REQUESTS
    assert counters(article) == (THREADS, THREADS * REQUESTS, THREADS, THREADS)
    assert all_time() == THREADS
    assert RecentVisitor.objects.count() == THREADS


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_requests_of_distinct_visitors_all_count(live_server):
    article = ArticleFactory()
    url = article.get_absolute_url()
    visitors = THREADS * REQUESTS

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(lambda number: get(live_server.url, url, browser(number)), range(visitors)))
    assert statuses == [200] * visitors
    assert counters(article) == (visitors, visitors, visitors, visitors)
    assert all_time() == visitors
