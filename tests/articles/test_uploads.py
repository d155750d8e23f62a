import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import UserFactory, image_file
from tests.portal.test_images import pixel_bomb_png

pytestmark = pytest.mark.django_db
UPLOAD = reverse("editor_upload")


@pytest.fixture(autouse=True)
def empty_media_root(settings, tmp_path):
    # Each test sees only what it uploaded itself.
    settings.MEDIA_ROOT = tmp_path


def upload(client, name, data, content_type="image/jpeg"):
    return client.post(UPLOAD, {"upload": SimpleUploadedFile(name, data, content_type=content_type)})


def stored_uploads():
    try:
        return default_storage.listdir("uploads")
    except FileNotFoundError:
        return ([], [])


def test_staff_upload_an_image_and_get_its_reencoded_address(staff_client):
    response = upload(staff_client, "anh-hoi-nghi.jpg", image_file(size=(800, 600)).read())
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/uploads/") and url.endswith(".jpg")
    assert "anh-hoi-nghi" not in url
    with default_storage.open(url.removeprefix("/media/")) as stored:
        assert Image.open(stored).size == (800, 600)


def test_the_public_cannot_upload(client):
    response = upload(client, "a.jpg", image_file().read())
    assert response.status_code == 403
    assert stored_uploads() == ([], [])


def test_a_logged_in_non_staff_user_cannot_upload(client):
    client.force_login(UserFactory())
    assert upload(client, "a.jpg", image_file().read()).status_code == 403


def test_a_non_image_is_refused_with_a_vietnamese_message(staff_client):
    response = upload(staff_client, "a.jpg", b"MZ\x90\x00 not an image", "application/octet-stream")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Tệp không phải là ảnh hợp lệ hoặc đã bị hỏng."
    assert stored_uploads() == ([], [])


def test_an_image_with_html_appended_is_stored_without_it(staff_client):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "GIF")
    polyglot = buffer.getvalue() + b"<html><script>alert(document.cookie)</script></html>"
    response = upload(staff_client, "anh.gif", polyglot, "image/gif")
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.endswith(".png")
    with default_storage.open(url.removeprefix("/media/")) as stored:
        assert b"<script>" not in stored.read()


def test_an_html_file_is_refused_by_its_extension(staff_client):
    response = upload(staff_client, "anh.html", image_file().read(), "text/html")
    assert response.status_code == 400
    assert "JPEG, PNG, GIF" in response.json()["error"]["message"]


def test_a_pixel_bomb_is_refused_with_a_message_not_a_500(staff_client):
    response = upload(staff_client, "bom.png", pixel_bomb_png(), "image/png")
    assert response.status_code == 400
    assert "điểm ảnh" in response.json()["error"]["message"]
    assert stored_uploads() == ([], [])


def test_a_request_without_a_file_is_refused(staff_client):
    response = staff_client.post(UPLOAD, {})
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_upload_needs_post(staff_client):
    assert staff_client.get(UPLOAD).status_code == 405
