"""A YouTube video loads nothing from YouTube until the visitor presses play."""

import pytest
from playwright.sync_api import expect

from tests.factories import VideoFactory, image_file

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_privacy_enhanced_player_is_loaded_only_after_pressing_play(page, live_server):
    VideoFactory(title="Nông thôn mới Sơn La", poster=image_file("poster.jpg"))
    outside = []

    def record_and_block(route):
        if not route.request.url.startswith(live_server.url):
            outside.append(route.request.url)
            route.abort()  # the machine has no network; the address is what matters
        else:
            route.continue_()

    page.route("**/*", record_and_block)
    page.goto(f"{live_server.url}/video/")
    page.wait_for_load_state("networkidle")
    assert outside == []

    play = page.get_by_role("button", name="Phát video “Nông thôn mới Sơn La”")
    play.focus()
    page.keyboard.press("Enter")
    frame = page.locator("iframe.video-player__iframe")
    expect(frame).to_have_attribute("title", "Nông thôn mới Sơn La")
    expect(frame).to_be_focused()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?")
    page.wait_for_timeout(200)
    assert outside and all(url.startswith("https://www.youtube-nocookie.com/") for url in outside)
