"""/tim-kiem/: the page, the filter by kind, and what a new and a repeated search cost."""

import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, OfficialFactory, UnitFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")


@pytest.fixture
def finance():
    unit = UnitFactory(name="Sở Tài chính", name_en="Department of Finance")
    OfficialFactory(unit=unit, full_name="Trần Văn Hòa", position="Giám đốc")
    ArticleFactory(title="Sở Tài chính triển khai dự toán")
    return unit


def test_the_page_says_what_each_result_is_and_counts_each_kind(client, finance):
    html = client.get(SEARCH, {"q": "tai chinh"}).content.decode()
    assert "<title>Tìm kiếm: tai chinh |" in html
    assert 'value="tai chinh"' in html
    labels = re.findall(r'<span class="search-result__label">([^<]+)</span>', html)
    assert sorted(labels) == ["Cán bộ", "Cơ quan, đơn vị", "Tin bài"]
    assert re.search(
        r'href="\?q=tai\+chinh" aria-current="page">Tất cả <span class="search-kinds__count">\(3\)', html
    )
    assert re.search(
        r'href="\?q=tai\+chinh&amp;loai=can-bo">Cán bộ <span class="search-kinds__count">\(1\)', html
    )


def test_the_filter_shows_one_kind_and_marks_it(client, finance):
    html = client.get(SEARCH, {"q": "tai chinh", "loai": "can-bo"}).content.decode()
    assert re.findall(r'<span class="search-result__label">([^<]+)</span>', html) == ["Cán bộ"]
    assert 'loai=can-bo" aria-current="page"' in html
    # A kind that does not exist shows every kind.
    every = client.get(SEARCH, {"q": "tai chinh", "loai": "khong-co"}).content.decode()
    assert len(re.findall(r'class="search-result__label"', every)) == 3


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1.5"])
def test_a_page_number_that_cannot_be_is_404(client, finance, page):
    assert client.get(SEARCH, {"q": "tai chinh", "page": page}).status_code == 404


def test_a_page_past_the_last_offers_the_first(client, finance):
    html = client.get(SEARCH, {"q": "tai chinh", "page": "3"}).content.decode()
    assert 'href="?q=tai+chinh">' in html and "quay về trang đầu" in html


def test_an_english_reader_reads_the_english_rows(client, finance):
    html = client.get("/en" + SEARCH, {"q": "finance"}).content.decode()
    assert '<html lang="en">' in html
    assert ">Department of Finance</a>" in html


def test_a_new_search_costs_its_statement_and_a_repeated_one_nothing_more(
    client, finance, django_assert_num_queries
):
    client.get(SEARCH, {"q": "tai chinh"})  # the page is stored with its holes
    with django_assert_num_queries(2):  # the content generation, the search
        client.get(SEARCH, {"q": "tran van hoa"})
    client.get(SEARCH, {"q": "tran van hoa"})  # its results are kept the second time
    with django_assert_num_queries(1):  # the content generation
        html = client.get(SEARCH, {"q": "tran van hoa"}).content.decode()
    assert "Trần Văn Hòa" in html and "<title>Tìm kiếm: tran van hoa |" in html


def test_an_edit_shows_in_a_search_kept_in_memory(client, finance):
    for _ in range(3):
        client.get(SEARCH, {"q": "tran van hoa"})
    official = finance.officials.get()
    official.position = "Phó Giám đốc phụ trách"
    official.save()
    assert "Phó Giám đốc phụ trách" in client.get(SEARCH, {"q": "tran van hoa"}).content.decode()


def test_staff_get_the_same_results_rendered_whole(staff_client, finance):
    html = staff_client.get(SEARCH, {"q": "tai chinh"}).content.decode()
    assert "<!--hole:" not in html
    assert len(re.findall(r'class="search-result__label"', html)) == 3


@pytest.mark.parametrize(
    "typed", ["<script>alert(1)</script>", "a" * 10_000, "%FF%FE", "'; DROP TABLE x; --"]
)
def test_hostile_terms_are_answered_without_error(client, finance, typed):
    response = client.get(f"{SEARCH}?q={typed}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_each_result_is_escaped_and_says_its_kind_detail_and_date(client):
    ArticleFactory(title='Tài chính <b>"đậm"</b> & <script>x()</script>', summary="Dự toán <i>2027</i>")
    html = client.get(SEARCH, {"q": "tai chinh"}).content.decode()
    result = re.search(r'<li class="search-result">.*?</li>', html, re.S)[0]
    assert "<script>" not in html and "<b>" not in result and "<i>" not in result
    assert "Tài chính &lt;b&gt;&quot;đậm&quot;&lt;/b&gt; &amp; &lt;script&gt;x()&lt;/script&gt;" in result
    assert '<p class="search-result__summary">Dự toán &lt;i&gt;2027&lt;/i&gt;</p>' in result
    # A date the Vietnamese way, the machine's in its datetime (search/templatetags/search.py).
    machine, shown = re.search(r'<time datetime="([^"]+)">([^<]+)</time>', result).groups()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0700", machine)
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", shown)


def test_a_vietnamese_result_on_an_english_page_says_its_language(client, finance):
    html = client.get("/en" + SEARCH, {"q": "tai chinh"}).content.decode()
    article = next(
        item for item in re.findall(r'<li class="search-result">.*?</li>', html, re.S) if "dự toán" in item
    )
    assert '<a href="/bai-viet/' in article and 'lang="vi">Sở Tài chính triển khai dự toán</a>' in article
