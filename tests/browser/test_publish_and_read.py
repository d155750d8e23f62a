"""An editor writes and publishes in the admin; a visitor finds and reads the article.

The journalist's road, through review, is tests/browser/test_workflow.py.
"""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.signin import sign_in
from tests.factories import CategoryFactory, editor, image_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def writer():
    return editor(username="bientap", first_name="Hằng")


def test_an_editor_publishes_an_article_that_a_visitor_then_reads(
    page, browser, live_server, writer, tmp_path
):
    CategoryFactory(name="Tin trong tỉnh")
    photo = tmp_path / "hoi-nghi.jpg"
    photo.write_bytes(image_file(size=(1200, 800)).read())

    sign_in(page, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/add/")

    page.get_by_label(re.compile("^Tiêu đề(?! tiếng Anh)")).fill("Đảng bộ tỉnh Sơn La khai mạc hội nghị")
    page.get_by_label(re.compile("^Chuyên mục")).select_option(label="Tin trong tỉnh")
    page.get_by_label(re.compile("^Tóm tắt(?! tiếng Anh)")).fill(
        "Sáng nay, hội nghị lần thứ nhất đã khai mạc."
    )
    editor = page.locator(".field-body .ck-editor__editable")
    editor.click()
    page.keyboard.type("Hội nghị có ")
    page.keyboard.press("Control+B")
    page.keyboard.type("ý nghĩa quan trọng")
    page.keyboard.press("Control+B")
    page.keyboard.type(" với toàn tỉnh.")
    page.locator(".field-body .ck-file-dialog-button input[type=file]").set_input_files(str(photo))
    uploaded = editor.locator("img[src^='/media/uploads/']")
    expect(uploaded).to_be_visible()
    # A body image needs a text alternative before the article can be saved.
    uploaded.click()
    page.get_by_role("button", name="Đổi chữ alt của ảnh").click()
    page.get_by_label("Chữ alt").fill("Toàn cảnh hội nghị")
    page.keyboard.press("Enter")
    page.get_by_label(re.compile("^Tác giả")).fill("Như Thuỷ")
    page.get_by_role("button", name="Duyệt và xuất bản").click()
    expect(page.locator(".messagelist .success").first).to_be_visible()

    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert article.slug == "dang-bo-tinh-son-la-khai-mac-hoi-nghi"
    assert "<strong>ý nghĩa quan trọng</strong>" in article.body

    visitor = browser.new_page()
    visitor.goto(f"{live_server.url}/")
    visitor.get_by_role("link", name="Đảng bộ tỉnh Sơn La khai mạc hội nghị").first.click()
    expect(visitor).to_have_url(f"{live_server.url}/bai-viet/dang-bo-tinh-son-la-khai-mac-hoi-nghi/")
    expect(visitor.locator("h1")).to_have_text("Đảng bộ tỉnh Sơn La khai mạc hội nghị")
    expect(visitor.locator("main strong", has_text="ý nghĩa quan trọng")).to_be_visible()
    body_image = visitor.locator("main img[src^='/media/uploads/'][alt='Toàn cảnh hội nghị']")
    expect(body_image).to_be_visible()
    assert visitor.evaluate("(img) => img.naturalWidth", body_image.element_handle()) == 1200
    expect(visitor.get_by_text("Như Thuỷ")).to_be_visible()
    visitor.close()
