"""stats.edge: the lines nginx writes for the pages it answers from its cache, counted as Django counts.

The whole path through a real nginx is tests/deploy/test_edge_cache.py; these hold the parts.
"""

import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.test import override_settings

from stats import edge
from stats.backends import redis as buffered
from stats.definitions import local_date, visitor_key_for
from stats.middleware import COUNT_HEADER
from stats.models import CountedKind

REDIS_URL = "redis://127.0.0.1:6379/0"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
STAMP = 1796129016105  # 2026-12-01 in milliseconds


def line(*, forwarded="198.51.100.7, 127.0.0.1", agent=BROWSER, count="page a:42", purpose="   "):
    return "\t".join([str(STAMP), quote(forwarded), quote(agent), quote(count), quote(purpose)])


def test_a_line_counts_with_the_visitor_key_the_middleware_computes():
    counted = edge.edge_line_page_view(line())
    now = datetime.fromtimestamp(STAMP / 1000, tz=UTC)
    # The address nginx added last, as portal.lib.http.client_ip reads it behind a trusted proxy.
    key = visitor_key_for(ip="198.51.100.7", user_agent=BROWSER, day=local_date(now))
    assert counted == {"visitor_key": key, "now": now, "article_id": 42, "viewed": None, "page_view": True}


def test_an_address_the_client_wrote_is_not_believed():
    forged = edge.edge_line_page_view(line(forwarded="10.9.9.9, 198.51.100.7, 127.0.0.1"))
    assert forged["visitor_key"] == edge.edge_line_page_view(line())["visitor_key"]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        ("page", {"article_id": None, "viewed": None, "page_view": True}),
        ("page d:7", {"article_id": None, "viewed": (CountedKind.DOCUMENT, 7), "page_view": True}),
        ("download f:9", {"article_id": None, "viewed": (CountedKind.DOWNLOAD, 9), "page_view": False}),
    ],
)
def test_a_line_names_what_was_viewed_as_the_middleware_marked_it(count, expected):
    counted = edge.edge_line_page_view(line(count=count))
    assert {name: counted[name] for name in expected} == expected


@pytest.mark.parametrize(
    "changes",
    [
        {"agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"agent": ""},
        {"purpose": "prefetch   "},
        {"purpose": " prefetch;prerender  "},
        {"purpose": "   preview"},
    ],
)
def test_bots_and_pages_fetched_ahead_are_not_counted(changes):
    assert edge.edge_line_page_view(line(**changes)) is None


@pytest.mark.django_db
def test_the_counting_middleware_marks_what_an_answer_counts_as_for_bots_too(client, article):
    for agent in (BROWSER, "Googlebot/2.1"):
        response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=agent)
        assert response[COUNT_HEADER] == f"page a:{article.pk}"
    assert COUNT_HEADER not in client.get("/robots.txt")  # never a page view


@pytest.fixture
def redis_counting():
    prefix = f"test:{uuid.uuid4().hex}:"
    with override_settings(STATS_REDIS_URL=REDIS_URL, STATS_REDIS_PREFIX=prefix):
        yield buffered.client(REDIS_URL)
    store = redis.Redis.from_url(REDIS_URL)
    for name in store.scan_iter(f"{prefix}*"):
        store.delete(name)


@pytest.mark.django_db
def test_the_drain_counts_every_line_in_order_in_one_round_trip_per_batch(redis_counting):
    lines = [line(agent=f"{BROWSER} n/{n % 3}") for n in range(7)] + [line(agent="Googlebot/2.1")]
    redis_counting.rpush(edge.queue_key(), *lines)
    assert edge.edge_drain(batch=3) == 8
    assert redis_counting.llen(edge.queue_key()) == 0
    pending = redis_counting.hgetall(buffered.key("pending"))
    day = local_date(datetime.fromtimestamp(STAMP / 1000, tz=UTC)).isoformat()
    assert (pending[f"p:{day}"], pending[f"v:{day}"], pending[f"a:42:{day}"]) == ("7", "3", "3")


def test_nginx_writes_to_the_list_the_drain_reads():
    site = (Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "cong.conf").read_text()
    assert settings.STATS_REDIS_PREFIX == "cong:stats:"  # the default, which the site names
    assert f'key = "{settings.STATS_REDIS_PREFIX}{edge.QUEUE}"' in site
