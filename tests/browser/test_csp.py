"""The Content-Security-Policy blocks nothing the portal itself uses, in real Chromium.

Every page is loaded with a listener for `securitypolicyviolation` events and the console watched for
"Content Security Policy" messages; the features that would break first under a strict policy (the
video players, the monitoring script and badge, the captcha refresh and audio, CKEditor 5) are used.
The machine has no network: requests to other hosts are answered with an error by the test, which is
not a policy violation, so only the policy can fail these tests.
"""

import re

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from tests.browser.signin import sign_in
from tests.factories import ArticleFactory, SiteSettingsFactory, StaffFactory, VideoFactory, editor

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
FRAMED = [
    ("https://www.youtube.com/embed/aqz-KE-bpKQ", "Phóng sự"),
    ("https://player.vimeo.com/video/76979871", "Toàn cảnh"),
    ("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ", "Bản tin"),
]
EMBEDS = "<p>Phóng sự về nông thôn mới.</p>" + "".join(
    f'<figure class="media"><iframe src="{src}" title="{title}"></iframe></figure>' for src, title in FRAMED
)


@pytest.fixture
def watched(page, live_server):
    """The test's page, with every policy complaint collected in `page.policy_complaints()`."""
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    outside = []

    def keep_off_the_network(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", keep_off_the_network)

    def policy_complaints():
        events = page.evaluate("window.cspViolations || []")
        messages = [text for text in console if re.search("Content Security Policy|Permissions-Policy", text)]
        return events + messages

    page.policy_complaints = policy_complaints
    page.outside_requests = outside
    return page


def test_public_pages_with_players_monitoring_code_and_badge_break_no_rule(watched, live_server):
    SiteSettingsFactory(
        monitoring_script_url="https://theodoi.gov.vn/ma-theo-doi.js",
        badge_link="https://tinnhiemmang.vn/danh-ba-tin-nhiem",
        badge_image_url="https://tinnhiemmang.vn/handle_cert?id=cong.sonla.gov.vn",
        badge_alt="Chứng nhận Tín nhiệm mạng",
    )
    VideoFactory(title="Nông thôn mới Sơn La")
    article = ArticleFactory(title="Phóng sự nông thôn mới", body=EMBEDS)

    watched.goto(f"{live_server.url}/")
    watched.get_by_role("button", name="Phát video “Nông thôn mới Sơn La”").click()
    expect(watched.locator("iframe.video-player__iframe")).to_have_count(1)
    watched.wait_for_load_state("networkidle")
    assert watched.policy_complaints() == []
    # The monitoring script and the badge were requested (and only refused by the missing network).
    assert any(url.startswith("https://theodoi.gov.vn/") for url in watched.outside_requests)
    assert any(url.startswith("https://tinnhiemmang.vn/") for url in watched.outside_requests)

    watched.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(watched.locator("#article-body iframe")).to_have_count(3)
    watched.wait_for_load_state("networkidle")
    assert watched.policy_complaints() == []
    framed = {url.split("/")[2] for url in watched.outside_requests}
    assert {"www.youtube.com", "player.vimeo.com", "www.youtube-nocookie.com"} <= framed


def test_the_feedback_captcha_refreshes_and_speaks_under_the_policy(watched, live_server):
    watched.goto(f"{live_server.url}/gop-y/")
    first_key = watched.locator("input[name=captcha_0]").input_value()
    watched.get_by_role("button", name="Đổi mã khác").click()
    expect(watched.locator("input[name=captcha_0]")).not_to_have_value(first_key)
    new_key = watched.locator("input[name=captcha_0]").input_value()
    assert CaptchaStore.objects.filter(hashkey=new_key).exists()
    expect(watched.locator("[data-captcha-image]")).to_have_attribute("src", re.compile(new_key))

    with watched.expect_response(re.compile(r"\.wav$")) as audio:
        watched.get_by_role("link", name=re.compile("Nghe đọc mã")).click()
    assert audio.value.status == 200
    assert watched.url == f"{live_server.url}/gop-y/"  # played in the page, not opened
    watched.wait_for_timeout(300)
    assert watched.policy_complaints() == []


def test_the_admin_login_and_ckeditor_work_under_the_admin_policy(watched, live_server):
    editor(username="bientap")
    StaffFactory(username="khac")
    # CKEditor 5 previews an embedded video with inline styles: the admin's relaxation is needed here.
    article = ArticleFactory(
        title="Bài đang viết",
        body='<p>Đoạn mở đầu.</p><figure class="media"><oembed url="https://www.youtube.com/watch?v=aqz-KE-bpKQ">'
        "</oembed></figure>",
    )

    # Through the enrolment (its QR code is a data: image) and the code.
    sign_in(watched, live_server, "bientap")
    assert watched.policy_complaints() == []

    watched.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editable = watched.locator(".field-body .ck-editor__editable")
    expect(editable).to_be_visible()
    expect(watched.locator(".field-body .ck-toolbar")).to_be_visible()
    expect(editable.locator(".ck-media__wrapper iframe")).to_have_count(1)
    editable.locator("p").first.click()
    watched.keyboard.press("End")
    watched.keyboard.type(" Thêm một câu.")
    watched.get_by_role("button", name="Tiêu đề").click()
    expect(watched.locator(".ck-dropdown__panel-visible")).to_be_visible()
    watched.keyboard.press("Escape")
    expect(editable).to_contain_text("Thêm một câu.")
    watched.wait_for_load_state("networkidle")
    assert watched.policy_complaints() == []
