"""English is the second language: chosen with the switch, never guessed from the browser."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact():
    return PageFactory(
        title="Liên hệ",
        body="<p>Địa chỉ: phường Tô Hiệu.</p>",
        title_en="Contact",
        body_en="<p>Address: Tô Hiệu ward.</p>",
        show_in_menu=True,
    )


def switch(client, language, next_url):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_the_site_is_vietnamese_by_default_even_for_an_english_browser(client, contact):
    response = client.get(contact.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert '<h1 class="page-title">Liên hệ</h1>' in html
    assert "Trang chủ" in html and "Tìm kiếm" in html
    assert response["Content-Language"] == "vi"
    assert "Cookie" in response["Vary"]


def test_the_switch_shows_english_content_and_interface_after_switching(client, contact):
    response = switch(client, "en", contact.get_absolute_url())
    assert response.status_code == 302
    assert response.url == contact.get_absolute_url()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = client.get(contact.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert '<h1 class="page-title">Contact</h1>' in html and "Address: Tô Hiệu ward." in html
    assert "Home" in html and ">Contact</a>" in html  # the menu uses the English title too
    # The switch now offers Vietnamese, named in Vietnamese.
    assert 'name="language" value="vi"' in html and '<span lang="vi">Tiếng Việt</span>' in html

    switch(client, "vi", contact.get_absolute_url())
    assert '<h1 class="page-title">Liên hệ</h1>' in client.get(contact.get_absolute_url()).content.decode()


def test_a_page_without_an_english_version_falls_back_to_vietnamese_marked_as_such(client):
    page = PageFactory(title="Giới thiệu", body="<p>Sơn La là tỉnh miền núi.</p>")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(page.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert "This page has no English version yet" in html
    assert '<article class="static-page" lang="vi">' in html
    assert "Sơn La là tỉnh miền núi." in html


def test_the_switch_is_a_post_form_with_csrf_that_returns_to_the_same_page(client, article):
    html = client.get(article.category.get_absolute_url() + "?page=1").content.decode()
    assert f'action="{reverse("set_language")}" method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'name="next" value="{article.category.get_absolute_url()}?page=1"' in html


def test_the_switch_carries_no_parameter_the_page_does_not_read(client, contact):
    """A stored page is kept per the parameters its view reads (caching/pagecache.py), so it cannot
    show anyone else's made-up query string."""
    html = client.get(contact.get_absolute_url() + "?a=1").content.decode()
    assert f'name="next" value="{contact.get_absolute_url()}"' in html


def test_an_unknown_language_in_the_cookie_gives_vietnamese(client, contact):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="vi">' in client.get(contact.get_absolute_url()).content.decode()


def test_the_switch_refuses_to_redirect_to_another_site(client, contact):
    response = switch(client, "en", "https://evil.example/")
    assert response.status_code == 302
    assert "evil.example" not in response.url


def test_a_control_character_url_answers_in_the_chosen_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/?q=%00")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
