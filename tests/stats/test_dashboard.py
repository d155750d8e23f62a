import csv
import io
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from stats.models import DailyStats, StatsTotals
from tests.factories import (
    ArticleDailyViewsFactory,
    ArticleFactory,
    UserFactory,
    editor,
    journalist,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:stats_dailystats_changelist")
EXPORT = reverse("admin:stats_dailystats_export")


@pytest.fixture
def history():
    today = timezone.localdate()
    DailyStats.objects.bulk_create(
        DailyStats(date=today - timedelta(days=n), visits=1000 + n, page_views=3000 + n) for n in range(400)
    )
    StatsTotals.objects.create(pk=1, starting_total=21_422_117)
    read_today = ArticleFactory(title="Lễ hội Hoa Ban 2026", view_count=900)
    read_long_ago = ArticleFactory(title="Chuyện cũ", view_count=5000)
    ArticleDailyViewsFactory(article=read_today, views=40)
    ArticleDailyViewsFactory(article=read_long_ago, date=today - timedelta(days=200), views=4000)
    return today


@pytest.mark.parametrize("url", [DASHBOARD, EXPORT])
def test_the_dashboard_is_for_staff_only(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 302


def test_editors_read_the_dashboard_and_journalists_do_not(client):
    # Called directly: transactional tests elsewhere in the run flush the rows migrations made.
    import_module("stats.migrations.0004_editors_read_statistics").forwards(apps, schema_editor=None)
    client.force_login(editor(username="bientapvien"))
    assert client.get(DASHBOARD).status_code == 200
    assert DASHBOARD in client.get(reverse("admin:index")).content.decode()
    client.force_login(journalist(username="phongvien"))
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert DASHBOARD not in client.get(reverse("admin:index")).content.decode()


def test_the_dashboard_shows_the_chart_the_table_the_figures_and_their_definitions(staff_client, history):
    response = staff_client.get(DASHBOARD)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert '<svg viewBox="0 0 760 280" role="img"' in html
    assert html.count("<rect ") == 30
    assert "<polyline points=" in html
    assert html.count('<th scope="row">') == 30
    assert "style=" not in html.split('id="content-main"')[1]
    assert "<script" not in html.split('id="content-main"')[1]
    assert "21.422.117" in html
    assert "Số khách truy cập khác nhau trong 5 phút gần nhất." in html
    assert "Lượt xem bài viết: mỗi khách, mỗi bài, tối đa một lượt trong 10 phút." in html


def test_the_dashboard_ranges_are_30_90_and_365_days(staff_client, history):
    for days in (30, 90, 365):
        html = staff_client.get(DASHBOARD, {"days": days}).content.decode()
        assert html.count("<rect ") == days
    assert staff_client.get(DASHBOARD, {"days": "7"}).content.decode().count("<rect ") == 30


def test_the_top_articles_are_ranked_per_period(staff_client, history):
    top = staff_client.get(DASHBOARD).context["top"]
    assert [title for title, _url, _views in top["today"]] == ["Lễ hội Hoa Ban 2026"]
    assert [views for _title, _url, views in top["today"]] == [40]
    assert [title for title, _url, _views in top["all_time"]] == ["Chuyện cũ", "Lễ hội Hoa Ban 2026"]


def test_the_csv_export_has_the_daily_rows_of_the_chosen_range_in_utf8_with_a_bom(staff_client, history):
    response = staff_client.get(EXPORT, {"days": 90})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Ngày", "Lượt truy cập", "Lượt xem trang"]
    assert len(rows) == 91
    assert rows[-1] == [history.isoformat(), "1000", "3000"]
    assert rows[1] == [(history - timedelta(days=89)).isoformat(), "1089", "3089"]


def test_the_starting_total_is_edited_in_the_admin(staff_client):
    StatsTotals.objects.create(pk=1, visits_since=5)
    url = reverse("admin:stats_statstotals_change", args=[1])
    response = staff_client.post(url, {"starting_total": "21422117"})
    assert response.status_code == 302
    totals = StatsTotals.objects.get(pk=1)
    assert (totals.starting_total, totals.visits_since, totals.total) == (21_422_117, 5, 21_422_122)
