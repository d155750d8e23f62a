import pytest
from django.core.exceptions import ValidationError

from frame.validators import validate_captions, validate_mp4
from frame.videos import parse_video_url
from portal.lib.validators import validate_link
from tests.factories import mp4_file, vtt_file


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
        ("https://youtube.com/watch?v=aqz-KE-bpKQ&t=30s", "youtube", "aqz-KE-bpKQ"),
        ("https://youtu.be/aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
        ("https://www.youtube.com/shorts/aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
        ("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
        ("https://vimeo.com/76979871", "vimeo", "76979871"),
        ("https://player.vimeo.com/video/76979871", "vimeo", "76979871"),
    ],
)
def test_youtube_and_vimeo_addresses_name_their_video(url, provider, video_id):
    video = parse_video_url(url)
    assert (video.provider, video.video_id) == (provider, video_id)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.dailymotion.com/video/x7tgad0",
        "https://youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
        "https://evil.example/youtube.com/watch?v=aqz-KE-bpKQ",
        "https://user@www.youtube.com/watch?v=aqz-KE-bpKQ",
        "ftp://youtube.com/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com/watch?v=short",
        "https://vimeo.com/channels/staffpicks",
        "javascript:alert(1)",
        "",
    ],
)
def test_anything_else_names_no_video(url):
    assert parse_video_url(url) is None


def test_the_embed_addresses_are_the_privacy_enhanced_players():
    assert parse_video_url("https://youtu.be/aqz-KE-bpKQ").embed_url.startswith(
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?"
    )
    assert "dnt=1" in parse_video_url("https://vimeo.com/76979871").embed_url


@pytest.mark.parametrize("link", ["https://vbpl.vn/", "http://sonla.gov.vn/a?b=1", "/trang/lien-he/"])
def test_http_links_and_site_paths_are_accepted(link):
    validate_link(link)


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "/\\evil.example/",
        "mailto:a@b.vn",
        "trang/lien-he",
    ],
)
def test_other_links_are_refused(link):
    with pytest.raises(ValidationError):
        validate_link(link)


def test_an_mp4_is_recognised_by_its_ftyp_box_not_its_name():
    validate_mp4(mp4_file())
    with pytest.raises(ValidationError):
        validate_mp4(mp4_file(data=b"GIF89a" + b"\x00" * 32))
    with pytest.raises(ValidationError):
        validate_mp4(mp4_file(name="clip.mov"))


def test_an_mp4_over_the_size_limit_is_refused(settings):
    settings.PORTAL_VIDEO_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        validate_mp4(mp4_file())


def test_captions_must_start_with_webvtt():
    validate_captions(vtt_file())
    validate_captions(vtt_file(data="\ufeffWEBVTT - Sơn La\n".encode()))
    for data in [b"WEBVTTX\n", b"<script>", b"1\n00:00:00,000 --> 00:00:01,000\n"]:
        with pytest.raises(ValidationError):
            validate_captions(vtt_file(data=data))
