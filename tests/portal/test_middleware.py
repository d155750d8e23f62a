import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/?q=%00",
        "/tim-kiem/?q=a%00b",
        "/admin/articles/article/?title=%00",
        "/bai-viet/a%00b/",
        "/tim-kiem/?q=%1b%5b31m",
    ],
)
def test_control_characters_in_the_url_get_a_vietnamese_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_tabs_and_newlines_in_a_query_are_not_refused(client):
    assert client.get("/tim-kiem/?q=%C4%91%E1%BA%A3ng%09b%E1%BB%99%0A").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["HTTP_USER_AGENT", "HTTP_ACCEPT", "HTTP_REFERER", "HTTP_X_FORWARDED_FOR"])
def test_control_characters_in_a_header_get_a_vietnamese_400_even_on_the_admin_login(client, header):
    # The login lockout (django-axes) stores the User-Agent and Accept of a failed login: a NUL
    # reaching PostgreSQL would be a 500.
    response = client.post("/admin/login/", {"username": "x", "password": "y"}, **{header: "a\x00b"})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert client.get("/", **{header: "tab\tis fine"}).status_code == 200
