"""English is the second language: at its own addresses (/en/), never guessed from the browser."""

import pytest
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
    """The old switch (a POST to set_language): it now leads to the address in that language."""
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_the_site_is_vietnamese_by_default_even_for_an_english_browser(client, contact):
    response = client.get(contact.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert '<h1 class="page-title">Liên hệ</h1>' in html
    assert "Trang chủ" in html and "Tìm kiếm" in html
    assert response["Content-Language"] == "vi"
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_switch_shows_english_content_and_interface_after_switching(client, contact):
    response = switch(client, "en", contact.get_absolute_url())
    assert response.status_code == 302
    assert response.url == "/en" + contact.get_absolute_url()
    assert not response.cookies

    html = client.get(response.url).content.decode()
    assert '<html lang="en">' in html
    assert '<h1 class="page-title">Contact</h1>' in html and "Address: Tô Hiệu ward." in html
    assert "Home" in html and ">Contact</a>" in html  # the menu uses the English title too
    # The switch now offers Vietnamese, named in Vietnamese.
    assert f'href="http://testserver{contact.get_absolute_url()}" hreflang="vi"' in html
    assert '<span lang="vi">Tiếng Việt</span>' in html

    response = switch(client, "vi", "/en" + contact.get_absolute_url())
    assert '<h1 class="page-title">Liên hệ</h1>' in client.get(response.url).content.decode()


def test_a_page_without_an_english_version_leads_from_its_english_address_to_vietnamese(client):
    page = PageFactory(title="Giới thiệu", body="<p>Sơn La là tỉnh miền núi.</p>")
    response = client.get("/en" + page.get_absolute_url())
    assert response.status_code == 302 and response.url == page.get_absolute_url()


def test_the_switch_is_a_link_without_csrf_to_the_same_page_in_english(client, article):
    article.category.name_en = "Provincial news"
    article.category.save()
    html = client.get(article.category.get_absolute_url() + "?page=1").content.decode()
    assert "set_language" not in html and 'name="csrfmiddlewaretoken"' not in html
    assert f'href="http://testserver/en{article.category.get_absolute_url()}?page=1" hreflang="en"' in html


def test_the_switch_carries_no_parameter_the_page_does_not_read(client, contact):
    """A stored page is kept per the parameters its view reads (caching/pagecache.py), so it cannot
    show anyone else's made-up query string."""
    html = client.get(contact.get_absolute_url() + "?a=1").content.decode()
    assert f'href="http://testserver/en{contact.get_absolute_url()}" hreflang="en"' in html


def test_an_unknown_language_in_the_old_cookie_gives_vietnamese(client, contact):
    client.cookies["django_language"] = "fr"
    assert '<html lang="vi">' in client.get(contact.get_absolute_url()).content.decode()


def test_the_switch_refuses_to_redirect_to_another_site(client, contact):
    response = switch(client, "en", "https://evil.example/")
    assert response.status_code == 302
    assert "evil.example" not in response.url


def test_a_control_character_url_answers_in_the_language_of_the_address(client):
    response = client.get("/en/?q=%00")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
