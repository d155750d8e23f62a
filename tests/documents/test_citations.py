"""Cited numbers become links to published documents, on the page only, never inside a link or heading."""

from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from caching.generation import held_forget
from documents.citations import link_citations, published_numbers
from documents.models import Document
from tests.factories import ArticleFactory, DocumentFactory, DocumentTypeFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited():
    return {
        "44": DocumentFactory(
            document_type=DocumentTypeFactory(name="Kết luận"), number="44-KL/TW", issued_on=date(2019, 1, 22)
        ),
        "42": DocumentFactory(
            document_type=DocumentTypeFactory(name="Nghị định"),
            number="42/2022/NĐ-CP",
            issued_on=date(2022, 6, 24),
        ),
    }


def linked(html):
    return link_citations(html, published_numbers(1))


def test_a_cited_number_of_a_published_document_links_to_its_page(cited):
    html = "<p>Thực hiện Kết luận số 44-KL/TW ngày 22/01/2019 và Nghị định 42/2022/NĐ-CP.</p>"
    link_44 = f'<a class="cited-document" href="{cited["44"].get_absolute_url()}">44-KL/TW</a>'
    link_42 = f'<a class="cited-document" href="{cited["42"].get_absolute_url()}">42/2022/NĐ-CP</a>'
    assert linked(html) == f"<p>Thực hiện Kết luận số {link_44} ngày 22/01/2019 và Nghị định {link_42}.</p>"


def test_a_number_written_with_other_separators_is_the_same_number(cited):
    assert cited["44"].get_absolute_url() in linked("<p>Kết luận 44/KL-TW của Ban Bí thư</p>")


@pytest.mark.parametrize(
    "html",
    [
        "<p>Kết luận 144-KL/TW</p>",
        "<p>Kết luận 44-KL/TWX</p>",
        "<p>Mã 44-KL/TW-2</p>",
        '<p><a href="/khac/">Kết luận 44-KL/TW</a></p>',
        '<p><a href="/khac/"><strong>Kết luận 44-KL/TW</strong></a></p>',
        "<h2>Kết luận 44-KL/TW</h2>",
        "<h3>Về <em>44-KL/TW</em></h3>",
        '<p><img src="/a.jpg" alt="Ảnh Kết luận 44-KL/TW"></p>',
        '<p title="44-KL/TW">Không có số</p>',
    ],
)
def test_only_whole_numbers_outside_links_headings_and_attributes_are_linked(cited, html):
    assert linked(html) == html


def test_the_html_is_written_back_unchanged_around_the_links(cited):
    html = (
        "<p>Theo&nbsp;<strong>Kết luận 44-KL/TW</strong> &amp; &#8220;khác&#8221;<br>"
        '<a href="https://vbpl.vn/" target="_blank" rel="noopener noreferrer">vbpl</a></p>'
        "<table><tbody><tr><td>Nghị định 42/2022/NĐ-CP</td></tr></tbody></table>"
    )
    result = linked(html)
    assert (
        result.replace(
            f'<a class="cited-document" href="{cited["44"].get_absolute_url()}">44-KL/TW</a>', "44-KL/TW"
        ).replace(
            f'<a class="cited-document" href="{cited["42"].get_absolute_url()}">42/2022/NĐ-CP</a>',
            "42/2022/NĐ-CP",
        )
        == html
    )


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=80))
def test_html_without_a_published_number_comes_back_as_it_was(text):
    numbers = {"44kltw": [(timezone.now() - timedelta(days=1), "ket-luan-44-kl-tw-2019")]}
    html = f"<p>{text.replace('<', '').replace('&', '')}</p><h2>{text[:5].replace('<', '')}</h2>"
    if "44" not in text:
        assert link_citations(html, numbers) == html


def test_unpublished_scheduled_and_draft_documents_are_not_linked():
    DocumentFactory(number="1/QĐ-UBND", status=Document.Status.DRAFT)
    DocumentFactory(number="2/QĐ-UBND", status=Document.Status.UNPUBLISHED)
    DocumentFactory(number="3/QĐ-UBND", published_at=timezone.now() + timedelta(hours=1))
    DocumentFactory(number="4/QĐ-UBND", is_draft=True)
    html = "<p>Quyết định 1/QĐ-UBND, 2/QĐ-UBND, 3/QĐ-UBND và 4/QĐ-UBND.</p>"
    assert linked(html) == html


def test_a_scheduled_document_is_linked_from_its_publish_time_on():
    document = DocumentFactory(number="3/QĐ-UBND", published_at=timezone.now() + timedelta(hours=1))
    numbers = published_numbers(7)
    assert link_citations("<p>3/QĐ-UBND</p>", numbers) == "<p>3/QĐ-UBND</p>"
    later = timezone.now() + timedelta(hours=2)
    assert document.get_absolute_url() in link_citations("<p>3/QĐ-UBND</p>", numbers, now=later)


def test_a_number_two_documents_share_links_to_the_list_searched_for_it():
    DocumentFactory(number="1234/QĐ-UBND", issued_on=date(2023, 6, 15))
    DocumentFactory(number="1234/QĐ-UBND", issued_on=date(2024, 6, 20))
    assert 'href="/van-ban/?q=1234%2FQ%C4%90-UBND"' in linked("<p>Quyết định 1234/QĐ-UBND</p>")


def test_the_published_numbers_cost_one_query_per_content_generation(cited, django_assert_num_queries):
    held_forget()
    with django_assert_num_queries(1):
        published_numbers(5)
        published_numbers(5)
    with django_assert_num_queries(1):
        published_numbers(6)


def test_the_filter_reads_the_generation_the_request_already_read(cited, django_assert_num_queries):
    request = RequestFactory().get("/")
    request._content_generation = 3
    template = Template("{% load documents %}{{ body|cited_documents:request }}")
    html = "<p>Kết luận 44-KL/TW</p><script>x</script>"
    with django_assert_num_queries(1):
        template.render(Context({"body": html, "request": request}))
    with django_assert_num_queries(0):
        result = template.render(Context({"body": html, "request": request}))
    assert cited["44"].get_absolute_url() in result and "<script>x</script>" in result  # not escaped twice
    assert cited["44"].get_absolute_url() in Template(
        "{% load documents %}{{ body|cited_documents }}"
    ).render(Context({"body": html}))


def test_articles_and_static_pages_link_their_citations_without_changing_the_stored_body(client, cited):
    body = "<p>Quán triệt Chỉ thị và Kết luận số 44-KL/TW của Ban Bí thư.</p>"
    article = ArticleFactory(body=body)
    page = PageFactory(body=body, is_published=True)
    for url in (article.get_absolute_url(), page.get_absolute_url()):
        assert (
            f'<a class="cited-document" href="{cited["44"].get_absolute_url()}">44-KL/TW</a>'
            in client.get(url).content.decode()
        )
    article.refresh_from_db()
    assert article.body == body


def test_a_new_document_is_linked_on_the_next_page_load(client):
    article = ArticleFactory(body="<p>Theo Nghị định 30/2020/NĐ-CP.</p>")
    assert "cited-document" not in client.get(article.get_absolute_url()).content.decode()
    document = DocumentFactory(number="30/2020/NĐ-CP", issued_on=date(2020, 3, 5))
    assert document.get_absolute_url() in client.get(article.get_absolute_url()).content.decode()
