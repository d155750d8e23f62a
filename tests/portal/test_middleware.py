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
