"""Query budgets of the documents' pages: the list, a number search and a word search hold theirs
however many documents there are (tests/articles/test_query_budgets.py explains the figures of the
frame around every page: the generation, settings, banners, links, video, menus, statistics).
"""

import itertools

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.budgets import caches_cleared
from tests.factories import (
    AttachmentFactory,
    DocumentFactory,
    DocumentTypeFactory,
    IssuingBodyFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

LIST = reverse("documents:list")
# (with empty caches, once stored). Cold: the frame (10 with the generation), the filters' choices
# (types, issuing bodies, fields, years: 4, then held per content version), the count and the page of
# rows (2); a search adds its candidates (1). Stored: the generation only.
BUDGETS = {
    "list": (LIST, 16, 1),
    "filtered": (LIST + "?loai=quyet-dinh&nam=2026&hieu_luc=in_force&sap_xep=so-tang", 16, 1),
    "number": (LIST + "?q=44+kl+tw", 17, 1),
    "words": (LIST + "?q=chuyen+doi+so", 17, 1),
}


_bodies = itertools.count()


def grow(number):
    """More documents, each with a file, all matching both searches (the same number from many bodies)."""
    quyet_dinh = DocumentTypeFactory(name="Quyết định")
    for n in range(number):
        body = IssuingBodyFactory(name=f"Sở số {next(_bodies)}")
        document = DocumentFactory(
            document_type=quyet_dinh, issuing_body=body, number="44-KL/TW", summary=f"Chuyển đổi số {n}"
        )
        AttachmentFactory(
            document=document, file=ContentFile(pdf_bytes(f"Chuyển đổi số trang {n}"), name="a.pdf")
        )


@pytest.mark.parametrize("name", BUDGETS)
def test_each_page_keeps_its_query_budget_cold_and_stored_however_much_it_lists(
    client, name, django_assert_num_queries
):
    url, cold, stored = BUDGETS[name]
    for size in (1, 8):
        grow(size)
        caches_cleared()
        with django_assert_num_queries(cold):
            assert client.get(url).status_code == 200
        client.get(url)  # stored the second time it is asked for (caching/pagecache.py)
        with django_assert_num_queries(stored):
            assert client.get(url).status_code == 200


def test_a_document_page_keeps_its_budget_however_many_files_relations_and_citing_articles(
    client, django_assert_num_queries
):
    document = DocumentFactory(number="44-KL/TW")
    url = document.get_absolute_url()
    for size in (1, 6):
        for _ in range(size):
            AttachmentFactory(document=document)
            other = DocumentFactory()
            other.relations_from.create(kind="amends", target=document)
        caches_cleared()
        # The frame (10), the document, its files, its relations, the articles citing it.
        with django_assert_num_queries(14):
            assert client.get(url).status_code == 200
        with django_assert_num_queries(1):
            client.get(url)
