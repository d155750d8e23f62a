from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from stats.middleware import counted_article_id
from stats.models import DailyStats, RecentVisitor, StatsTotals
from tests.factories import ArticleFactory, UserFactory
from tests.stats.helpers import all_time, browser, counters

pytestmark = pytest.mark.django_db


def test_a_public_page_counts_one_visit_and_one_page_view(client):
    assert client.get("/", headers={"user-agent": browser()}).status_code == 200
    assert counters() == (1, 1, 0, 0)
    assert all_time() == 1
    client.get("/", headers={"user-agent": browser()})
    assert counters() == (1, 2, 0, 0)


def test_an_article_page_counts_a_view_of_that_article(client, article):
    response = client.get(article.get_absolute_url(), headers={"user-agent": browser()})
    assert response.status_code == 200
    assert counters(article) == (1, 1, 1, 1)
    client.get(article.get_absolute_url(), headers={"user-agent": browser()})
    assert counters(article) == (1, 2, 1, 1)


def test_a_document_page_counts_a_page_view_and_a_view_of_that_document(client):
    from stats.models import ObjectDailyCount
    from tests.factories import DocumentFactory

    document = DocumentFactory()
    assert client.get(document.get_absolute_url(), headers={"user-agent": browser()}).status_code == 200
    assert counters() == (1, 1, 0, 0)
    assert ObjectDailyCount.objects.get(kind="document", object_id=document.pk).count == 1


def test_the_article_page_shows_its_view_count_the_vietnamese_way(client, article):
    Article.objects.filter(pk=article.pk).update(view_count=21_422_116)
    client.get(article.get_absolute_url(), headers={"user-agent": browser()})
    response = client.get(article.get_absolute_url(), headers={"user-agent": browser(1)})
    assert "21.422.117" in response.content.decode()


def test_known_bots_are_not_counted(client, article):
    for agent in (
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "",
    ):
        assert client.get(article.get_absolute_url(), headers={"user-agent": agent}).status_code == 200
    assert counters(article) == (0, 0, 0, 0)


def test_logged_in_staff_are_not_counted(staff_client, article):
    staff_client.get(article.get_absolute_url(), headers={"user-agent": browser()})
    staff_client.get("/", headers={"user-agent": browser()})
    assert counters(article) == (0, 0, 0, 0)


def test_a_logged_in_reader_who_is_not_staff_is_counted(client, article):
    client.force_login(UserFactory())
    client.get(article.get_absolute_url(), headers={"user-agent": browser()})
    assert counters(article) == (1, 1, 1, 1)


def test_a_staff_preview_of_an_unpublished_article_is_never_counted_as_an_article_view(staff_client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    public = ArticleFactory()
    request = RequestFactory().get("/")
    assert counted_article_id(request, staff_client.get(draft.get_absolute_url())) is None
    assert counted_article_id(request, staff_client.get(public.get_absolute_url())) == public.pk
    reader = Client()
    reader.get(public.get_absolute_url())
    # Served from memory the second time (caching.pagecache): the page still names its article.
    assert counted_article_id(request, reader.get(public.get_absolute_url())) == public.pk


@pytest.mark.parametrize(
    "url",
    ["/rss/", "/sitemap.xml", "/robots.txt", "/admin/login/", "/khong-co-trang-nay/"],
)
def test_feeds_files_the_admin_and_errors_are_not_page_views(client, article, url):
    client.get(url, headers={"user-agent": browser()})
    assert counters() == (0, 0, 0, 0)


def test_a_post_is_not_a_page_view(client):
    client.post("/tim-kiem/", headers={"user-agent": browser()})
    assert counters() == (0, 0, 0, 0)


def test_a_head_request_is_not_a_page_view(client, article):
    # Link checkers, uptime probes and preview tools ask with HEAD; a browser showing a page never does.
    assert client.head(article.get_absolute_url(), headers={"user-agent": browser()}).status_code == 200
    assert client.head("/", headers={"user-agent": browser()}).status_code == 200
    assert counters(article) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    "ahead", [{"sec-purpose": "prefetch"}, {"sec-purpose": "prefetch;prerender"}, {"purpose": "prefetch"}]
)
def test_a_page_fetched_ahead_is_counted_only_when_asked_for_to_be_shown(client, article, ahead):
    url = article.get_absolute_url()
    assert client.get(url, headers={"user-agent": browser(), **ahead}).status_code == 200
    assert counters(article) == (0, 0, 0, 0)
    client.get(url, headers={"user-agent": browser()})
    assert counters(article) == (1, 1, 1, 1)


def test_a_forged_x_forwarded_for_from_an_untrusted_client_changes_nothing(client):
    for forged in ("1.2.3.4", "5.6.7.8", "9.9.9.9, 10.0.0.1"):
        client.get(
            "/",
            headers={"user-agent": browser(), "x-forwarded-for": forged},
            REMOTE_ADDR="203.0.113.9",
        )
    assert counters() == (1, 3, 0, 0)
    assert RecentVisitor.objects.count() == 1


def test_behind_the_trusted_proxy_each_forwarded_address_is_a_visitor(client):
    for address in ("198.51.100.1", "198.51.100.2"):
        client.get(
            "/", headers={"user-agent": browser(), "x-forwarded-for": address}, REMOTE_ADDR="127.0.0.1"
        )
    assert counters() == (2, 2, 0, 0)


@pytest.mark.parametrize("agent", ["Mozilla/5.0 " + "x" * 100_000, "Trình duyệt ✓"])
def test_a_strange_user_agent_causes_no_error(client, article, agent):
    response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=agent)
    assert response.status_code == 200
    assert counters(article) == (1, 1, 1, 1)


def test_a_user_agent_with_a_nul_byte_is_refused_in_vietnamese_and_not_counted(client, article):
    response = client.get(article.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0 \x00 Firefox")
    assert response.status_code == 400 and "Yêu cầu không hợp lệ" in response.content.decode()
    assert counters(article) == (0, 0, 0, 0)


def test_a_failing_database_does_not_break_the_page(client, article, caplog):
    with mock.patch("stats.counting.visit_record", side_effect=DatabaseError("statistics unavailable")):
        response = client.get(article.get_absolute_url(), headers={"user-agent": browser()})
    assert response.status_code == 200
    assert "Visit not counted" in caplog.text


def queries_for(client, url, agent):
    """Queries a request makes, not counting the savepoints that transaction.atomic() issues only
    because the test itself runs inside a transaction (in production it is one BEGIN ... COMMIT)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers={"user-agent": agent}).status_code == 200
    return sum(1 for query in queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))


def big_history():
    """Years of counters and a full table of working rows: counting must not read any of it."""
    first = date(2000, 1, 1)
    DailyStats.objects.bulk_create(
        DailyStats(date=first + timedelta(days=n), visits=3000, page_views=9000) for n in range(9000)
    )
    now = timezone.now()
    RecentVisitor.objects.bulk_create(
        RecentVisitor(visitor_key=f"{n:064d}", last_seen=now, visit_started=now) for n in range(5000)
    )
    StatsTotals.objects.update_or_create(pk=1, defaults={"starting_total": 10_000_000})


def test_counting_adds_two_queries_to_a_plain_page_whatever_the_history(client, article):
    bot = "Googlebot/2.1"
    queries_for(client, "/", bot)  # warm the frame cache
    uncounted = queries_for(client, "/", bot)
    assert queries_for(client, "/", browser()) - uncounted == 2
    big_history()
    assert queries_for(client, "/", browser(1)) - uncounted == 2


def test_counting_adds_at_most_five_queries_to_an_article_page(client, article):
    bot = "Googlebot/2.1"
    url = article.get_absolute_url()
    queries_for(client, url, bot)
    uncounted = queries_for(client, url, bot)
    assert queries_for(client, url, browser()) - uncounted == 5  # a new visit and a counted view
    assert queries_for(client, url, browser()) - uncounted == 3  # a reload: the view is not counted again
