"""Every kind of public page, on a phone and on a laptop: no layout shift and no axe-core violation.

The pages are those of `make audit` (tests/audit/pages.py) on the demo data of `make run`, plus an
article whose body plays a video. Layout shift is read the way Lighthouse and the Web Vitals read it:
a PerformanceObserver of "layout-shift" entries (buffered, so the shifts before it was made count too),
leaving out those that follow the reader's own input. Everything the page shows must have its final
place before the first paint: the collapsed mobile menu, the images, the banners, the video posters.

One test for all pages: the demo data is loaded once (about 20 s) and one browser context per screen
size is reused from page to page.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from articles.models import Article
from tests.audit.pages import page_types
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
MAX_CLS = 0.01
SETTLE_MS = 500
VIDEO_BODY = (
    "<p>Lễ hội Hoa Ban được tổ chức tại thành phố Sơn La.</p>"
    '<iframe src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" title="Lễ hội Hoa Ban" '
    'width="560" height="315" allowfullscreen></iframe>'
    "<p>Du khách thưởng thức các tiết mục văn nghệ.</p>"
)

# The shifts since the page began, with what moved, once the page has been still for SETTLE_MS.
LAYOUT_SHIFTS = """(settle) => new Promise((resolve) => {
    const shifts = [];
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            if (entry.hadRecentInput) continue;
            const moved = entry.sources.map((source) => {
                const node = source.node;
                if (!node || !node.nodeName) return "?";
                const element = node.nodeType === 1 ? node : node.parentElement;
                return element ? element.nodeName.toLowerCase() + (element.className ? "." +
                    String(element.className).trim().split(/\\s+/).join(".") : "") : "#text";
            });
            shifts.push({value: entry.value, at: Math.round(entry.startTime), moved});
        }
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(shifts), settle);
})"""


@pytest.fixture
def demo_pages(client):
    call_command("load_demo_data", verbosity=0)
    article = Article.objects.published().exclude(cover="").first()
    ArticleFactory(category=article.category, title="Video: Lễ hội Hoa Ban Sơn La", body=VIDEO_BODY)
    pages = page_types()
    # A page's first render makes the sizes of its images (seconds for the home page): done here, so
    # that the browser's timeouts measure nothing but the browser.
    for _name, path, _indexable in pages:
        client.get(path)
    return pages


def test_no_public_page_shifts_its_layout_or_breaks_an_axe_rule(browser, live_server, demo_pages):
    assert "article-video" in [name for name, _path, _indexable in demo_pages]
    axe = Axe()
    problems = []
    for viewport in (PHONE, LAPTOP):
        size = f"{viewport['width']}×{viewport['height']}"
        context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        for name, path, _indexable in demo_pages:
            response = page.goto(live_server.url + path, wait_until="load")
            assert response.status == 200, (name, path, response.status)
            shifts = page.evaluate(LAYOUT_SHIFTS, SETTLE_MS)
            total = sum(shift["value"] for shift in shifts)
            if total > MAX_CLS:
                problems.append(f"{name} at {size}: layout shift {total:.3f}: {shifts}")
            # Only the page's own document: a video's frame is another site (and, here, no network).
            results = axe.run(page, options={"resultTypes": ["violations"], "iframes": False})
            for violation in results.response["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:5]
                problems.append(f"{name} at {size}: axe {violation['id']}: {violation['help']} {targets}")
        context.close()
    assert not problems, "\n".join(problems)
