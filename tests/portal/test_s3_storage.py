"""Media on an S3-compatible server: moto's S3 server, run as its own process, is the bucket.

The settings are switched the way an operator switches them (STORAGES plus the AWS_* values that
django-storages reads when the storage is created); Django re-creates default_storage on the change.
"""

import io
import json
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from frame.models import Video
from portal.lib.images import renditions
from tests.articles.admin_form import article_form
from tests.factories import image_file
from tests.portal.test_settings import manage

pytestmark = pytest.mark.django_db
KEYS = {"AWS_ACCESS_KEY_ID": "khoa-thu", "AWS_SECRET_ACCESS_KEY": "bi-mat-thu"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """A real S3 server (moto_server) on a free port, for this module's tests."""
    port = free_port()
    server = subprocess.Popen(
        [Path(sys.executable).parent / "moto_server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "moto_server did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(settings, s3_endpoint):
    """A new bucket, and the portal's media in it, as the AWS_* variables would configure."""
    name = f"cong-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="ap-southeast-1", **_boto_keys())
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"})
    s3_settings(settings, s3_endpoint, name)
    yield client, name
    client.close()


def _boto_keys():
    return {
        "aws_access_key_id": KEYS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": KEYS["AWS_SECRET_ACCESS_KEY"],
    }


def s3_settings(settings, endpoint, bucket_name):
    """What portal/settings.py sets when AWS_STORAGE_BUCKET_NAME and its companions are exported."""
    settings.AWS_STORAGE_BUCKET_NAME = bucket_name
    settings.AWS_S3_ENDPOINT_URL = endpoint
    settings.AWS_S3_REGION_NAME = "ap-southeast-1"
    settings.AWS_ACCESS_KEY_ID = KEYS["AWS_ACCESS_KEY_ID"]
    settings.AWS_SECRET_ACCESS_KEY = KEYS["AWS_SECRET_ACCESS_KEY"]
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.AWS_S3_CUSTOM_DOMAIN = None
    settings.AWS_DEFAULT_ACL = None
    settings.AWS_QUERYSTRING_AUTH = False
    settings.AWS_S3_FILE_OVERWRITE = False
    settings.AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
    # Last: the change re-creates default_storage, which then reads the values above.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "portal.lib.storage.MediaS3Storage"}}


def keys_in(client, bucket_name, prefix=""):
    listing = client.list_objects_v2(Bucket=bucket_name, Prefix=prefix)
    return sorted(entry["Key"] for entry in listing.get("Contents", []))


def test_settings_switch_to_the_bucket_only_when_it_is_named():
    show = (
        "from django.conf import settings as s; import json; print(json.dumps([s.STORAGES['default'],"
        " getattr(s, 'AWS_S3_FILE_OVERWRITE', None), getattr(s, 'AWS_QUERYSTRING_AUTH', None),"
        " getattr(s, 'AWS_S3_OBJECT_PARAMETERS', None), getattr(s, 'AWS_S3_CUSTOM_DOMAIN', None)]))"
    )
    local = manage("shell", "-c", show)
    assert local.returncode == 0, local.stderr
    assert json.loads(local.stdout.splitlines()[-1])[0] == {
        "BACKEND": "portal.lib.storage.MediaFileSystemStorage"
    }
    on_s3 = manage(
        "shell", "-c", show, AWS_STORAGE_BUCKET_NAME="cong-media", AWS_S3_CUSTOM_DOMAIN="media.sonla.gov.vn"
    )
    storage, overwrite, signed, parameters, domain = json.loads(on_s3.stdout.splitlines()[-1])
    assert storage == {"BACKEND": "portal.lib.storage.MediaS3Storage"}
    assert (overwrite, signed, domain) == (False, False, "media.sonla.gov.vn")
    assert "max-age=31536000" in parameters["CacheControl"]


def test_a_cover_uploaded_in_the_admin_is_reencoded_into_the_bucket_with_its_renditions(
    bucket, staff_client, category, s3_endpoint
):
    client, bucket_name = bucket
    cover = SimpleUploadedFile("anh-bia-goc.jpg", image_file(size=(1200, 800)).read(), "text/html")
    data = article_form(category, cover=cover, cover_alt="Hội nghị tổng kết", _workflow="approve")
    response = staff_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    name = article.cover.name
    assert name.startswith("covers/") and name.endswith(".jpg") and "anh-bia-goc" not in name
    stored = client.get_object(Bucket=bucket_name, Key=name)
    assert stored["ContentType"] == "image/jpeg"  # what the name says, not what the browser sent
    assert "max-age=31536000" in stored["CacheControl"]
    assert Image.open(io.BytesIO(stored["Body"].read())).size == (1200, 800)

    page = staff_client.get(article.get_absolute_url()).content.decode()
    made = keys_in(client, bucket_name, "renditions/")
    assert len(made) == 2  # 480 and 960; 1440 is wider than the original
    for key in made:
        assert f"{s3_endpoint}/{bucket_name}/{key} " in page  # srcset: "<url> <width>w"
        assert client.head_object(Bucket=bucket_name, Key=key)["ContentType"] == "image/webp"
    assert f"{s3_endpoint}/{bucket_name}/{name}" in page


def test_renditions_are_cached_and_not_looked_up_in_the_bucket_again(bucket):
    client, bucket_name = bucket
    cover = Article.cover.field
    name = cover.storage.save("covers/test/anh.jpg", image_file(size=(1000, 500)))
    first = renditions(name)
    made = keys_in(client, bucket_name, "renditions/")
    assert [width for _, width, _height in first] == [480, 960, 1000] and len(made) == 2
    client.delete_objects(Bucket=bucket_name, Delete={"Objects": [{"Key": key} for key in made]})
    assert renditions(name) == first  # from the cache: the bucket was not asked again
    assert keys_in(client, bucket_name, "renditions/") == []
    caches["fragments"].clear()  # each process keeps the answer in its own memory
    assert renditions(name) == first
    assert keys_in(client, bucket_name, "renditions/") == made


def test_the_editor_upload_stores_a_reencoded_image_in_the_bucket(bucket, staff_client, s3_endpoint):
    client, bucket_name = bucket
    gif = io.BytesIO()
    Image.new("RGB", (30, 20), "red").save(gif, "GIF")
    polyglot = gif.getvalue() + b"<html><script>alert(document.cookie)</script></html>"
    upload = SimpleUploadedFile("anh.gif", polyglot, content_type="text/html")
    response = staff_client.post(reverse("editor_upload"), {"upload": upload})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith(f"{s3_endpoint}/{bucket_name}/uploads/") and url.endswith(".png")
    stored = client.get_object(Bucket=bucket_name, Key=url.removeprefix(f"{s3_endpoint}/{bucket_name}/"))
    assert stored["ContentType"] == "image/png"
    assert b"<script>" not in stored["Body"].read()


def test_video_files_are_stored_under_their_own_type_whatever_the_browser_claimed(bucket):
    client, bucket_name = bucket
    video = Video(
        title="Phim tư liệu",
        file=SimpleUploadedFile("phim.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, "text/html"),
        poster=SimpleUploadedFile("poster.jpg", image_file().read(), "text/html"),
        captions=SimpleUploadedFile(
            "phu-de.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n".encode(), "text/html"
        ),
    )
    video.full_clean()
    video.save()
    types = {
        key.rsplit(".", 1)[1]: client.head_object(Bucket=bucket_name, Key=key)["ContentType"]
        for key in keys_in(client, bucket_name, "videos/")
    }
    assert types == {"mp4": "video/mp4", "jpg": "image/jpeg", "vtt": "text/vtt; charset=utf-8"}


def test_a_file_with_any_other_name_is_stored_as_a_download(bucket):
    client, bucket_name = bucket
    storage = Article.cover.field.storage
    name = storage.save("uploads/trang.html", io.BytesIO(b"<script>alert(1)</script>"))
    stored = client.head_object(Bucket=bucket_name, Key=name)
    assert stored["ContentType"] == "application/octet-stream"
    assert stored["ContentDisposition"] == "attachment"


def test_a_missing_bucket_is_a_message_not_a_500(settings, s3_endpoint, staff_client, category):
    s3_settings(settings, s3_endpoint, "khong-co-bucket-nay")
    response = staff_client.post(reverse("editor_upload"), {"upload": image_file()})
    assert response.status_code == 503
    assert response.json()["error"]["message"]
    data = article_form(category, title="Bài vẫn còn nguyên", cover=image_file(), cover_alt="Ảnh")
    response = staff_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "Bài vẫn còn nguyên" in response.content.decode()
    assert not Article.objects.exists()
