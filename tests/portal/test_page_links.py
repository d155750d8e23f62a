"""{% page_links page_obj %}: the page links of every list (portal/templatetags/portal.py)."""

import re

from django.core.paginator import Paginator
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

TEMPLATE = Template("{% load portal %}{% page_links page_obj %}")


def links(query, number, count=160):
    request = RequestFactory().get("/danh-sach/", query)
    with translation.override("vi"):
        html = TEMPLATE.render(
            RequestContext(request, {"page_obj": Paginator(range(count), 20).page(number)})
        )
    return html, re.findall(r'<li><a class="pagination__link"([^>]*) href="([^"]+)">(.*?)</a></li>', html)


def test_the_first_and_last_pages_and_two_either_side_with_the_query_kept():
    html, found = links({"q": "tai chinh", "page": "4", "loai": "van-ban"}, 4, count=200)
    assert [(attributes, address) for attributes, address, _text in found] == [
        (' rel="prev"', "?q=tai+chinh&amp;loai=van-ban&amp;page=3"),
        ("", "?q=tai+chinh&amp;loai=van-ban"),  # the first page has no ?page=
        ("", "?q=tai+chinh&amp;loai=van-ban&amp;page=2"),
        ("", "?q=tai+chinh&amp;loai=van-ban&amp;page=3"),
        (' aria-current="page"', "?q=tai+chinh&amp;loai=van-ban&amp;page=4"),
        ("", "?q=tai+chinh&amp;loai=van-ban&amp;page=5"),
        ("", "?q=tai+chinh&amp;loai=van-ban&amp;page=6"),
        ("", "?q=tai+chinh&amp;loai=van-ban&amp;page=10"),
        (' rel="next"', "?q=tai+chinh&amp;loai=van-ban&amp;page=5"),
    ]
    assert found[4][2] == '<span class="visually-hidden">Trang </span>4'
    assert found[0][2] == '<span aria-hidden="true">‹ </span>Trang trước'
    assert html.count('<li class="pagination__gap" aria-hidden="true">…</li>') == 1  # 7, 8 and 9
    assert html.startswith('<nav class="pagination" aria-label="Phân trang"><ul class="pagination__list">')


def test_without_other_parameters_the_first_page_is_the_bare_list():
    _html, found = links({"page": "2"}, 2, count=60)
    assert [address for _attributes, address, _text in found] == ["?", "?", "?page=2", "?page=3", "?page=3"]


def test_a_parameter_typed_to_break_out_of_the_address_is_escaped():
    html, found = links({"q": '"><script>x()</script>'}, 1, count=60)
    assert "<script>" not in html
    assert found[1][1] == "?q=%22%3E%3Cscript%3Ex%28%29%3C%2Fscript%3E&amp;page=2"


def test_one_page_has_no_links():
    assert links({}, 1, count=20)[0] == ""
