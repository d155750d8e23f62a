"""Uploaded media can never be served as HTML, SVG or script.

Images are re-encoded (tests/portal/test_images.py); MP4 and WebVTT files are kept as sent, so
what protects the reader is the type they are served with: fixed by the stored name's extension,
never sniffed, in a sandbox. S3 objects get the same types (tests/portal/test_s3_storage.py).
"""

from pathlib import PurePosixPath

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField, ImageField

from frame.models import Video
from frame.validators import validate_captions
from portal.lib.images import validate_image
from portal.lib.storage import MEDIA_CONTENT_TYPES
from tests.factories import image_file

pytestmark = pytest.mark.django_db
# Every file field in the portal, reviewed: a new one must be added here after the same review.
FILE_FIELDS = {
    "articles.Article.cover",
    "articles.Topic.cover",  # re-encoded by Topic.save() like an article's cover
    "frame.SiteSettings.logo",
    "frame.Banner.image",
    "frame.LookupLink.icon",
    "frame.Video.file",
    "frame.Video.poster",
    "frame.Video.captions",
    # Checked by its content (portal.lib.files), stored under a random name with the checked extension
    # (.bin, a download, for a name never checked); tests/documents/test_files.py.
    "documents.Attachment.file",
    # The same checks and names for the files attached to articles and pages (portal.lib.attachments);
    # tests/articles/test_attachments.py.
    "articles.ArticleAttachment.file",
    "frame.PageAttachment.file",
    "agency.Official.photo",
}
HTML_IN_AN_MP4 = b"\x00\x00\x00\x18ftypmp42<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture(autouse=True)
def empty_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def file_fields():
    for model in apps.get_models():
        for field in model._meta.fields:
            if isinstance(field, FileField):
                yield f"{model._meta.app_label}.{model.__name__}.{field.name}", field


def test_every_file_field_is_known_and_stores_only_allowed_names():
    assert {label for label, _ in file_fields()} == FILE_FIELDS
    for label, field in file_fields():
        if isinstance(field, ImageField):
            # Re-encoded under a name portal.lib.images chooses (.jpg or .png): the upload's is ignored.
            assert validate_image in field.validators, label
        else:
            name = field.generate_filename(field.model(), "trang.html")
            assert PurePosixPath(name).suffix in MEDIA_CONTENT_TYPES, label


@pytest.mark.parametrize("name", ["anh.svg", "anh.html", "anh.js", "anh.xml"])
def test_image_fields_refuse_other_extensions(name):
    with pytest.raises(ValidationError):
        validate_image(image_file(name=name))


def media_headers_are_safe(response, content_type):
    response.close()  # the file it streams
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_an_mp4_holding_html_is_served_as_a_video_in_a_sandbox(client):
    video = Video.objects.create(
        title="Phim",
        file=SimpleUploadedFile("phim.html", HTML_IN_AN_MP4, "text/html"),
        poster=image_file(),
    )
    assert video.file.name.endswith(".mp4")
    media_headers_are_safe(client.get(video.file.url), "video/mp4")


def test_images_and_captions_are_served_with_their_own_types(client):
    image = default_storage.save("covers/test/anh.jpg", image_file())
    captions = default_storage.save("videos/test/phu-de.vtt", SimpleUploadedFile("a.vtt", b"WEBVTT\n"))
    media_headers_are_safe(client.get(default_storage.url(image)), "image/jpeg")
    media_headers_are_safe(client.get(default_storage.url(captions)), "text/vtt; charset=utf-8")


@pytest.mark.parametrize("name", ["trang.html", "anh.svg", "ma.js", "tep", "trang.HTML", "a.jpg.html"])
def test_files_with_other_names_are_not_served_at_all(client, name):
    # Nothing stores such names; should one appear in the folder, it is still not served.
    stored = default_storage.save(f"uploads/{name}", SimpleUploadedFile(name, b"<script>alert(1)</script>"))
    assert client.get(default_storage.url(stored)).status_code == 404


def test_paths_outside_the_media_folder_are_not_served(client):
    assert client.get("/media/../portal/settings.py").status_code == 404
    assert (
        client.get("/media/%2e%2e/%2e%2e/etc/passwd.jpg").status_code == 400
    )  # Django's SuspiciousFileOperation


def vtt(text):
    return SimpleUploadedFile("phu-de.vtt", text.encode(), "text/vtt")


def test_captions_with_webvtt_markup_are_accepted():
    validate_captions(
        vtt(
            "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Chủ tịch>Xin <b>chào</b> <i>đồng bào</i></v>\n\n"
            "00:02.000 --> 00:04.000\n<c.vang>Sơn La</c> <00:03.000><lang en>hello</lang> 3 &lt; 4\n"
        )
    )


@pytest.mark.parametrize(
    "cue",
    [
        "<script>alert(1)</script>",
        "<html><body>x</body></html>",
        "<svg onload=alert(1)>",
        "<iframe src=https://evil.example>",
        "<img src=x onerror=alert(1)>",
        "<!-- comment --><a href=javascript:alert(1)>x</a>",
        "<SCRIPT>alert(1)</SCRIPT>",
    ],
)
def test_captions_holding_html_are_refused(cue):
    with pytest.raises(ValidationError) as error:
        validate_captions(vtt(f"WEBVTT\n\n00:00.000 --> 00:02.000\n{cue}\n"))
    assert error.value.code == "captions_markup"
