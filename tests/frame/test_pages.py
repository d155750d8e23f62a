"""Static pages: edited in the admin like articles, shown in the menu and footer, in two languages."""

from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse

from frame.models import Page
from tests.factories import CategoryFactory, PageFactory

pytestmark = pytest.mark.django_db


def page_form(**overrides):
    data = {
        "title": "Cơ cấu tổ chức",
        "slug": "",
        "body": "<p>Ủy ban nhân dân tỉnh</p><script>alert(1)</script>",
        "title_en": "Organisation",
        "body_en": '<p onclick="alert(1)">The Provincial People\'s Committee</p>',
        "order": "20",
        "show_in_footer": "on",
        "is_published": "on",
        # The inline of attached files, empty (tests/articles/test_attachments.py fills it).
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_staff_create_a_page_whose_bodies_are_sanitised(staff_client):
    response = staff_client.post(reverse("admin:frame_page_add"), page_form())
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    page = Page.objects.get()
    assert page.slug == "co-cau-to-chuc"
    assert page.body == "<p>Ủy ban nhân dân tỉnh</p>"
    assert page.body_en == "<p>The Provincial People's Committee</p>"
    assert page.has_english


def test_staff_edit_a_page(staff_client):
    page = PageFactory(title="Liên hệ")
    response = staff_client.post(
        reverse("admin:frame_page_change", args=[page.pk]),
        page_form(title="Liên hệ", slug=page.slug, title_en="Contact", body_en="<p>Phone</p>"),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.title_en, page.body_en) == ("Contact", "<p>Phone</p>")


def test_an_english_title_without_an_english_body_is_refused(staff_client):
    response = staff_client.post(reverse("admin:frame_page_add"), page_form(body_en=""))
    assert response.status_code == 200
    assert "Bản tiếng Anh cần có cả tiêu đề và nội dung tiếng Anh." in response.content.decode()
    assert not Page.objects.exists()


def test_an_image_without_alt_text_in_either_body_is_refused(staff_client):
    data = page_form(body_en='<p>x</p><img src="/media/a.jpg">')
    response = staff_client.post(reverse("admin:frame_page_add"), data)
    assert "body_en" in response.context["adminform"].form.errors


def test_the_public_reads_a_published_page_with_one_h1(client):
    page = PageFactory(title="Tiếp cận thông tin", body="<p>Luật Tiếp cận thông tin</p>")
    response = client.get("/trang/tiep-can-thong-tin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="page-title">Tiếp cận thông tin</h1>' in html
    assert "<p>Luật Tiếp cận thông tin</p>" in html
    assert page.get_absolute_url() == "/trang/tiep-can-thong-tin/"


def test_an_unpublished_page_is_404_for_the_public_and_a_noindex_preview_for_staff(staff_client):
    page = PageFactory(title="Nháp", is_published=False)
    assert Client().get(page.get_absolute_url()).status_code == 404
    response = staff_client.get(page.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "Bản xem trước" in response.content.decode()


def test_menu_pages_and_categories_share_one_order(client):
    CategoryFactory(name="Tin tức", order=10)
    CategoryFactory(name="Kinh tế", order=20)
    PageFactory(title="Giới thiệu", order=5, show_in_menu=True)
    PageFactory(title="Liên hệ", order=99, show_in_menu=True, show_in_footer=True)
    PageFactory(title="Chỉ ở chân trang", order=1, show_in_footer=True)
    PageFactory(title="Ẩn", order=2, show_in_menu=True, is_published=False)
    html = client.get("/").content.decode()
    menu = html.split('id="main-menu"', 1)[1].split("</nav>", 1)[0]
    positions = [menu.index(name) for name in ["Trang chủ", "Giới thiệu", "Tin tức", "Kinh tế", "Liên hệ"]]
    assert positions == sorted(positions)
    assert "Chỉ ở chân trang" not in menu and "Ẩn" not in menu
    footer = html.split("<footer", 1)[1]
    assert "Chỉ ở chân trang" in footer and "Liên hệ" in footer and "Giới thiệu" not in footer


def test_the_current_menu_page_is_marked_for_screen_readers(client):
    page = PageFactory(title="Giới thiệu", show_in_menu=True)
    html = client.get(page.get_absolute_url()).content.decode()
    assert f'href="{page.get_absolute_url()}" aria-current="page">Giới thiệu</a>' in html


def test_the_mobile_menu_button_controls_the_menu_list(client):
    html = client.get("/").content.decode()
    assert 'aria-expanded="false" aria-controls="main-menu" hidden data-menu-toggle' in html
    assert '<ul class="menu" id="main-menu">' in html


def test_published_pages_are_in_the_sitemap(client):
    page = PageFactory(title="Giới thiệu")
    PageFactory(title="Nháp", is_published=False)
    root = ElementTree.fromstring(client.get(reverse("frame:sitemap")).content)
    locations = {element.text for element in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"http://testserver{page.get_absolute_url()}" in locations
    assert "http://testserver/trang/nhap/" not in locations


def test_pages_are_ordered_in_the_admin(staff_client):
    PageFactory(title="Thứ hai", order=2)
    PageFactory(title="Thứ nhất", order=1)
    response = staff_client.get(reverse("admin:frame_page_changelist"))
    assert [page.title for page in response.context["cl"].result_list] == ["Thứ nhất", "Thứ hai"]
