"""Every response carries the security headers: public pages, error pages and the admin alike."""

import re

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import override_settings

from portal.middleware import SecurityHeadersMiddleware
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/gop-y/", "/trang-khong-co/", "/admin/login/", "/?q=%00"]


def directives(response):
    """{"script-src": ["'self'", ...], ...} from the Content-Security-Policy header."""
    policy = response.headers["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


@pytest.mark.parametrize("url", PAGES)
def test_each_header_is_on_public_error_and_admin_pages(client, url):
    response = client.get(url)
    assert response.status_code in {200, 400, 404}
    policy = directives(response)
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    permissions = response.headers["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]:
        assert f"{feature}=()" in permissions


def test_the_error_page_for_a_missing_page_is_a_404_with_the_policy(client):
    response = client.get("/trang-khong-co/")
    assert response.status_code == 404
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/gop-y/", "/trang-khong-co/"])
def test_public_pages_allow_no_inline_code(client, url):
    policy = directives(client.get(url))
    for directive in ["script-src", "style-src", "default-src"]:
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
    assert "'unsafe-inline'" not in " ".join(policy.get("script-src-attr", []))


def test_public_pages_frame_only_the_video_players_and_load_scripts_only_from_allowed_hosts(client):
    policy = directives(client.get("/"))
    assert policy["frame-src"] == [
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://player.vimeo.com",
    ]
    assert policy["script-src"] == ["'self'", "https://gov.vn", "https://*.gov.vn"]


def test_every_script_on_an_article_page_is_a_file_or_data_so_no_nonce_is_needed(client):
    """No nonce is issued: the only inline <script> is JSON-LD data, which browsers never run."""
    article = ArticleFactory(title="Bài có dữ liệu cấu trúc")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "nonce-" not in response.headers["Content-Security-Policy"]
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert scripts
    for tag in scripts:
        assert " src=" in tag or 'type="application/ld+json"' in tag, tag


def test_only_admin_pages_get_the_editors_inline_styles(client):
    assert "'unsafe-inline'" in directives(client.get("/admin/login/"))["style-src"]
    assert "'unsafe-inline'" not in directives(client.get("/"))["style-src"]
    assert "'unsafe-inline'" not in directives(client.get("/admin/login/"))["script-src"]


@override_settings(MEDIA_URL="https://media.cong.example/tep/", STATIC_URL="https://cdn.cong.example/static/")
def test_absolute_media_and_static_addresses_are_allowed_by_their_origin(rf):
    middleware = SecurityHeadersMiddleware(lambda request: None)
    request = rf.get("/")
    response = middleware.process_response(request, HttpResponse("<p>trang</p>"))
    policy = directives(response)
    assert "https://media.cong.example" in policy["media-src"]
    assert "https://media.cong.example" in policy["img-src"]
    assert "https://cdn.cong.example" in policy["script-src"]
    assert "https://cdn.cong.example" in policy["style-src"]
    assert "'self'" in policy["font-src"]


@override_settings(
    STORAGES={**settings.STORAGES, "default": {"BACKEND": "portal.lib.storage.MediaS3Storage"}},
    AWS_STORAGE_BUCKET_NAME="cong-media",
    AWS_S3_CUSTOM_DOMAIN="media.sonla.example",
)
def test_uploads_on_s3_behind_a_cdn_are_allowed_by_the_cdns_origin(rf):
    middleware = SecurityHeadersMiddleware(lambda request: None)
    response = middleware.process_response(rf.get("/video/"), HttpResponse("<p>trang</p>"))
    assert "https://media.sonla.example" in directives(response)["media-src"]
