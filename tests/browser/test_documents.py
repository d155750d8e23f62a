"""The documents' pages in real Chromium: a PDF read in place from our media, under the strict policy."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from tests.factories import AttachmentFactory, DocumentFactory, DocumentTypeFactory, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_a_document_shows_its_pdf_in_place_and_the_policy_blocks_nothing(page, live_server):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    document = DocumentFactory(document_type=DocumentTypeFactory(name="Nghị định"), number="42/2022/NĐ-CP")
    AttachmentFactory(
        document=document, file=ContentFile(pdf_bytes("Cổng thông tin điện tử"), name="Nghị định.pdf")
    )
    page.goto(live_server.url + document.get_absolute_url())
    viewer = page.locator("iframe.document-viewer__frame")
    viewer.scroll_into_view_if_needed()
    expect(viewer).to_have_attribute("title", "Xem tệp Nghị định.pdf")
    # Chromium hands a PDF it may show to its viewer, which runs in a frame of its own.
    for _ in range(50):
        if any(frame.url.startswith("chrome-extension://") for frame in page.frames):
            break
        page.wait_for_timeout(100)
    assert any(frame.url.startswith("chrome-extension://") for frame in page.frames), [
        f.url for f in page.frames
    ]
    complaints = page.evaluate("window.cspViolations") + [
        text for text in console if re.search("Content Security Policy|Refused to (frame|display)", text)
    ]
    assert complaints == []


def test_the_list_filters_with_the_keyboard_and_finds_a_number_typed_loosely(page, live_server):
    DocumentFactory(number="44-KL/TW", summary="Về phong trào toàn dân bảo vệ an ninh Tổ quốc")
    DocumentFactory(number="144-KL/TW", summary="Về công tác dân vận")
    page.goto(live_server.url + "/van-ban/")
    page.get_by_label("Số, ký hiệu hoặc từ khóa").fill("44 kl tw")
    page.keyboard.press("Enter")
    rows = page.locator("table.document-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("44-KL/TW")
