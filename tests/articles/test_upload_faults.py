"""A full disk or an unwritable media folder while staff upload: a message, nothing half-stored,
and the article the journalist typed still in the form.

The faults are real: a 64 KB tmpfs filled to the last byte (ENOSPC from the kernel), and a media
folder whose parent is a regular file (ENOTDIR). Tests run as root, who ignores permissions, so a
read-only folder would prove nothing.
"""

import io
import os
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from PIL import Image

from articles.models import Article
from frame.models import Banner, Video
from portal.lib.admin import UPLOAD_NOT_STORED
from portal.lib.images import renditions
from tests.articles.admin_form import article_form, form_data
from tests.factories import ArticleFactory, image_file

pytestmark = pytest.mark.django_db
EDITOR_NOT_STORED = "The image could not be saved: the server's storage is full or cannot be written to."
BODY = "<p>Sáng 27/11, Ban Chấp hành Đảng bộ tỉnh Sơn La họp phiên thứ 15, bàn nhiều nội dung quan trọng.</p>"


def vietnamese(msgid):
    """The message as the admin shows it: Vietnamese once the catalogue is merged, English before."""
    with translation.override("vi"):
        return gettext(str(msgid))


def files_in(folder, *, ignore=()):
    return sorted(
        str(path.relative_to(folder))
        for path in Path(folder).rglob("*")
        if path.is_file() and path.name not in ignore
    )


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 64 KB file system (tmpfs), unmounted afterwards."""
    mount_point = tmp_path / "media"
    mount_point.mkdir()
    subprocess.run(
        ["/usr/bin/mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", mount_point], check=True
    )
    try:
        yield mount_point
    finally:
        subprocess.run(["/usr/bin/umount", "-l", mount_point], check=True)


def fill(disk, *, leave=0):
    """Write a filler file until the disk is full, then free `leave` bytes again."""
    with open(disk / "filler", "wb", buffering=0) as filler:
        with pytest.raises(OSError) as error:
            while True:
                filler.write(b"\0" * 4096)
        assert error.value.errno == 28  # ENOSPC
        if leave:
            filler.truncate(max(filler.tell() - leave, 0))
    assert os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize == leave


@pytest.fixture(params=["disk_full", "not_a_directory"])
def broken_media_root(request, settings, tmp_path):
    """MEDIA_ROOT where no upload can be written: a full disk, or a folder that cannot exist."""
    if request.param == "disk_full":
        disk = request.getfixturevalue("tiny_disk")
        fill(disk)
        settings.MEDIA_ROOT = disk
    else:
        (tmp_path / "a-file").write_text("not a folder")
        settings.MEDIA_ROOT = tmp_path / "a-file" / "media"
    return Path(settings.MEDIA_ROOT)


def noise_jpeg(width, height):
    """A JPEG that does not compress, even re-encoded: random pixels."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buffer, "JPEG", quality=95)
    return SimpleUploadedFile("poster.jpg", buffer.getvalue(), "image/jpeg")


def stored_files(media_root):
    return files_in(media_root, ignore={"filler"}) if media_root.is_dir() else []


def test_a_new_article_comes_back_with_everything_typed(broken_media_root, staff_client, category):
    data = article_form(
        category, title="Hội nghị Ban Chấp hành", body=BODY, cover=image_file(), cover_alt="Hội nghị"
    )
    response = staff_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert not Article.objects.exists()
    assert escape(vietnamese(UPLOAD_NOT_STORED)) in response.content.decode()
    assert response.context["adminform"].form.errors["cover"]
    shown = form_data(response)
    assert (shown["title"], shown["body"], shown["cover_alt"]) == ("Hội nghị Ban Chấp hành", BODY, "Hội nghị")
    assert stored_files(broken_media_root) == []


def test_an_edited_article_keeps_its_saved_version_and_the_new_text_in_the_form(
    broken_media_root, staff_client, staff, category
):
    article = ArticleFactory(category=category, created_by=staff, body="<p>Bản cũ.</p>")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(staff_client.get(url), body=BODY, cover_alt="Ảnh mới")
    response = staff_client.post(url, {**data, "cover": image_file()})
    assert response.status_code == 200
    assert escape(vietnamese(UPLOAD_NOT_STORED)) in response.content.decode()
    assert form_data(response)["body"] == BODY
    article.refresh_from_db()
    assert (article.body, article.cover.name) == ("<p>Bản cũ.</p>", "")
    assert stored_files(broken_media_root) == []


def test_the_editor_upload_answers_with_a_message(broken_media_root, staff_client):
    response = staff_client.post(reverse("editor_upload"), {"upload": image_file()})
    assert response.status_code == 503
    assert response.json()["error"]["message"] == vietnamese(EDITOR_NOT_STORED)
    assert stored_files(broken_media_root) == []


def test_a_banner_is_not_saved_without_its_image(broken_media_root, admin_client):
    data = {"title": "Dịch vụ công", "image": image_file(), "alt_text": "Cổng Dịch vụ công", "link": "/"}
    data |= {"position": "sidebar", "order": "0", "is_active": "on"}
    response = admin_client.post(reverse("admin:frame_banner_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"] == [vietnamese(UPLOAD_NOT_STORED)]
    assert not Banner.objects.exists()
    assert stored_files(broken_media_root) == []


def test_a_video_whose_poster_does_not_fit_leaves_no_video_file_behind(tiny_disk, settings, admin_client):
    settings.MEDIA_ROOT = tiny_disk
    fill(tiny_disk, leave=16 * 1024)  # room for the MP4, not for the poster as well
    data = {
        "title": "Phim tư liệu",
        "description": "",
        "url": "",
        "file": SimpleUploadedFile("phim.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4000, "video/mp4"),
        "poster": noise_jpeg(200, 200),
        "is_published": "on",
        "published_at_0": "27/11/2026",
        "published_at_1": "08:30",
    }
    response = admin_client.post(reverse("admin:frame_video_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["poster"] == [vietnamese(UPLOAD_NOT_STORED)]
    assert not Video.objects.exists()
    assert stored_files(tiny_disk) == []  # the MP4 was written, then removed again


def test_renditions_on_a_full_disk_leave_the_page_with_the_original(tiny_disk, settings):
    settings.MEDIA_ROOT = tiny_disk
    article = ArticleFactory(cover=image_file(size=(1200, 600)), cover_alt="Ảnh")
    fill(tiny_disk)
    assert renditions(article.cover.name) == []
    assert stored_files(tiny_disk) == [article.cover.name]  # no half-written copy
