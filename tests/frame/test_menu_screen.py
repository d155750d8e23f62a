"""The main menu on one admin screen: shown as frame.menu builds it, reordered with buttons that post."""

import pytest
from django.urls import reverse

from articles.models import Category
from frame.menu import menu_build, menu_entries
from frame.models import Page
from tests.factories import CategoryFactory, PageFactory, VerifiedClient, editor, journalist

pytestmark = pytest.mark.django_db
MENU = reverse("admin:frame_mainmenu_changelist")


@pytest.fixture
def menu():
    about = PageFactory(title="Giới thiệu", show_in_menu=True, order=5)
    news = CategoryFactory(name="Tin tức", order=10)
    local = CategoryFactory(name="Tin trong tỉnh", parent=news, order=1)
    national = CategoryFactory(name="Tin trong nước", parent=news, order=2)
    economy = CategoryFactory(name="Kinh tế", order=20)
    contact = PageFactory(title="Liên hệ", show_in_menu=True, order=30)
    PageFactory(title="Trang ẩn", show_in_menu=False, order=1)
    return {
        "about": about,
        "news": news,
        "local": local,
        "national": national,
        "economy": economy,
        "contact": contact,
    }


@pytest.fixture
def staff_client():
    client = VerifiedClient()
    client.force_login(editor(username="bientap"))
    return client


def titles():
    return [item.title for item in menu_build("vi").main]


def test_the_screen_shows_the_menu_as_readers_get_it(staff_client, menu):
    html = staff_client.get(MENU).content.decode()
    preview = html.split('class="menu-preview"')[1].split("<h2")[0]
    positions = [preview.index(title) for title in ("Giới thiệu", "Tin tức", "Kinh tế", "Liên hệ")]
    assert positions == sorted(positions)
    assert "Trang ẩn" not in html
    assert [entry.key for entry in menu_entries()] == [
        f"page-{menu['about'].pk}",
        f"category-{menu['news'].pk}",
        f"category-{menu['economy'].pk}",
        f"page-{menu['contact'].pk}",
    ]


def test_moving_an_item_down_renumbers_categories_and_pages_and_the_menu_follows(staff_client, menu, client):
    response = staff_client.post(MENU, {"entry": f"page-{menu['about'].pk}", "move": "down"})
    assert response.status_code == 302 and f"moved=page-{menu['about'].pk}" in response["Location"]
    assert titles() == ["Tin tức", "Giới thiệu", "Kinh tế", "Liên hệ"]
    assert Category.objects.get(pk=menu["news"].pk).order == 10
    assert Page.objects.get(pk=menu["about"].pk).order == 20
    assert Category.objects.get(pk=menu["economy"].pk).order == 30
    # The public menu, kept per content version, follows at once.
    html = client.get("/").content.decode()
    nav = html.split('id="main-menu"')[1]
    assert nav.index("Tin tức") < nav.index("Giới thiệu") < nav.index("Kinh tế")


def test_a_sub_category_moves_among_its_siblings(staff_client, menu):
    staff_client.post(MENU, {"entry": f"category-{menu['national'].pk}", "move": "up"})
    children = [child.title for child in menu_build("vi").main[0 if titles()[0] == "Tin tức" else 1].children]
    assert children == ["Tin trong nước", "Tin trong tỉnh"]


def test_after_a_move_the_same_button_is_focused_and_the_first_and_last_cannot_go_further(staff_client, menu):
    key = f"category-{menu['economy'].pk}"
    html = staff_client.get(MENU, {"moved": key, "direction": "up"}).content.decode()
    row = html.split(f'id="entry-{key}"')[1].split("</tr>")[0]
    assert 'value="up" class="button" autofocus' in row
    first = html.split(f'id="entry-page-{menu["about"].pk}"')[1].split("</tr>")[0]
    assert 'value="up" class="button" disabled' in first


@pytest.mark.parametrize(
    "data",
    [
        {"entry": "category-999999", "move": "up"},
        {"entry": "page-x", "move": "down"},
        {"entry": "", "move": "sideways"},
        {},
    ],
)
def test_crafted_moves_are_answered_with_a_message_not_a_500(staff_client, menu, data):
    before = titles()
    response = staff_client.post(MENU, data)
    assert response.status_code == 302
    assert titles() == before


def test_only_who_may_change_categories_and_pages_opens_the_screen(menu):
    client = VerifiedClient()
    client.force_login(journalist(username="phongvien"))
    assert client.get(MENU).status_code == 403
    assert client.post(MENU, {"entry": f"page-{menu['about'].pk}", "move": "down"}).status_code == 403
    assert "Menu chính" not in client.get(reverse("admin:index")).content.decode()
    assert Page.objects.get(pk=menu["about"].pk).order == 5
