"""A form sent back with errors keeps the file that passed its own checks (portal/lib/uploads.py):
for the person who chose it, for a day; or says, in red beside the field, to choose it again."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from frame.models import Banner, Video
from portal.lib import uploads
from portal.models import PendingUpload
from tests.articles.admin_form import article_form
from tests.factories import VerifiedClient, editor, image_file

pytestmark = pytest.mark.django_db
ADD = reverse("admin:articles_article_add")


@pytest.fixture
def reviewer():
    return editor(username="bientap")


def client_for(user):
    client = VerifiedClient()
    client.force_login(user)
    return client


def kept_token(response, name="cover"):
    found = re.search(
        rf'<input type="hidden" name="{name}__pending" value="([^"]+)">', response.content.decode()
    )
    return found.group(1) if found else None


def test_a_cover_chosen_in_a_form_sent_back_is_kept_and_saved_with_the_next_post(reviewer, category):
    client = client_for(reviewer)
    # No text alternative: the form comes back; the image itself was fine.
    response = client.post(ADD, article_form(category, cover=image_file("anh-hoi-nghi.jpg"), cover_alt=""))
    assert response.status_code == 200 and not Article.objects.exists()
    html = response.content.decode()
    assert "Đã giữ lại tệp “anh-hoi-nghi.jpg”" in html
    token = kept_token(response)
    assert PendingUpload.objects.get(token=token).user == reviewer
    response = client.post(ADD, article_form(category, cover_alt="Quang cảnh hội nghị", cover__pending=token))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover and article.cover.name.endswith(".jpg") and "anh-hoi-nghi" not in article.cover.name
    assert not PendingUpload.objects.exists()


def test_a_kept_file_is_for_its_owner_alone(reviewer, category):
    response = client_for(reviewer).post(ADD, article_form(category, cover=image_file(), cover_alt=""))
    token = kept_token(response)
    other = client_for(editor(username="bientap2"))
    other.post(ADD, article_form(category, title="Bài khác", cover_alt="Ảnh", cover__pending=token))
    assert not Article.objects.get().cover
    assert PendingUpload.objects.filter(token=token).exists()


def test_a_new_file_or_a_cleared_field_wins_over_the_kept_one(reviewer, category):
    client = client_for(reviewer)
    token = kept_token(
        client.post(ADD, article_form(category, cover=image_file(color=(0, 0, 0)), cover_alt=""))
    )
    client.post(
        ADD,
        article_form(
            category,
            cover=image_file("moi.png", image_format="PNG"),
            cover_alt="Ảnh mới",
            cover__pending=token,
        ),
    )
    assert Article.objects.get().cover.name.endswith(".png")


def test_a_file_refused_by_its_own_checks_is_not_kept(reviewer, category):
    bad = SimpleUploadedFile("anh.jpg", b"<html>not an image</html>", "image/jpeg")
    response = client_for(reviewer).post(ADD, article_form(category, cover=bad, cover_alt="Ảnh"))
    assert response.status_code == 200 and kept_token(response) is None
    assert not PendingUpload.objects.exists()


def test_a_file_too_large_to_keep_is_asked_for_again_in_red(reviewer, category, monkeypatch):
    monkeypatch.setattr(uploads, "KEEP_MAX_BYTES", 10)
    response = client_for(reviewer).post(
        ADD, article_form(category, cover=image_file("lon.jpg"), cover_alt="")
    )
    html = response.content.decode()
    assert '<p class="upload-lost" role="alert">' in html and "hãy chọn lại tệp" in html
    assert not PendingUpload.objects.exists()


def test_every_upload_of_the_admin_is_kept_a_banner_and_a_video_poster(admin_client):
    data = {
        "title": "Dịch vụ công",
        "image": image_file(),
        "alt_text": "",
        "link": "/",
        "position": "sidebar",
    }
    response = admin_client.post(reverse("admin:frame_banner_add"), {**data, "order": "0"})
    assert response.status_code == 200 and kept_token(response, "image")
    assert not Banner.objects.exists()
    video = {
        "title": "Phim",
        "url": "",
        "poster": image_file(),
        "is_published": "on",
        "published_at_0": "27/11/2026",
        "published_at_1": "08:30",
    }
    response = admin_client.post(reverse("admin:frame_video_add"), video)
    assert response.status_code == 200 and kept_token(response, "poster")
    assert not Video.objects.exists()


def test_kept_files_are_forgotten_after_a_day(reviewer, category):
    client_for(reviewer).post(ADD, article_form(category, cover=image_file(), cover_alt=""))
    PendingUpload.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    call_command("pending_uploads_clean", "--dry-run", verbosity=0)
    assert PendingUpload.objects.count() == 1
    call_command("pending_uploads_clean", verbosity=0)
    assert not PendingUpload.objects.exists()


def test_an_expired_token_brings_nothing_back(reviewer, category):
    client = client_for(reviewer)
    token = kept_token(client.post(ADD, article_form(category, cover=image_file(), cover_alt="")))
    PendingUpload.objects.update(created_at=timezone.now() - timedelta(days=2))
    client.post(ADD, article_form(category, cover_alt="Ảnh", cover__pending=token))
    assert not Article.objects.get().cover
