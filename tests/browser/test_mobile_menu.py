"""On a phone the main menu is a disclosure button that works from the keyboard alone."""

import pytest
from playwright.sync_api import expect

from tests.factories import CategoryFactory, PageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def tab_to(page, locator, limit=30):
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("(element) => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_the_mobile_menu_opens_and_closes_with_the_keyboard(page, live_server):
    CategoryFactory(name="Tin tức - Sự kiện", order=10)
    PageFactory(title="Giới thiệu", order=5, show_in_menu=True)
    page.goto(f"{live_server.url}/")

    button = page.get_by_role("button", name="Danh mục")
    menu = page.locator("#main-menu")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()

    tab_to(page, button)
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()

    # The links come next in the tab order.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Trang chủ")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Giới thiệu")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Tin tức - Sự kiện").first).to_be_focused()

    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()

    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Space")
    expect(menu).to_be_hidden()


def test_without_javascript_the_menu_is_simply_shown(browser, live_server):
    PageFactory(title="Giới thiệu", show_in_menu=True)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    expect(page.locator("[data-menu-toggle]")).to_be_hidden()
    expect(page.get_by_role("link", name="Giới thiệu").first).to_be_visible()
    context.close()


def test_on_a_wide_screen_the_menu_is_a_bar_without_the_button(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    expect(page.locator("[data-menu-toggle]")).to_be_hidden()
    expect(page.locator("#main-menu")).to_be_visible()
    context.close()
