"""The back office in Chromium at 1366 × 768, the newsroom's screen: a failed save keeps the chosen
file, the menu screen is worked with the keyboard, a change to a published article goes through
review, the editor writes in the site's typography, and no English shows in what scripts draw.

The article list and the dashboard at that size are tests/browser/test_screenshots.py (they are
pictured for the guide from the demo data).
"""

import re

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, ArticleRevision
from frame.menu import menu_build
from tests.browser.signin import sign_in
from tests.factories import ArticleFactory, CategoryFactory, PageFactory, editor, image_file, journalist
from tests.portal.english import english_in, english_words

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture
def people():
    return {
        "writer": journalist(username="phongvien", first_name="Như Thuỷ", last_name="Lê"),
        "reviewer": editor(username="bientap", first_name="Minh Hằng", last_name="Trần"),
    }


def office(browser, live_server, username):
    page = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh").new_page()
    sign_in(page, live_server, username)
    return page


def test_a_form_sent_back_with_an_error_keeps_the_chosen_cover(browser, live_server, people, tmp_path):
    CategoryFactory(name="Tin trong tỉnh")
    photo = tmp_path / "hoi-nghi-tinh-uy.jpg"
    photo.write_bytes(image_file(size=(1200, 800)).read())
    page = office(browser, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.get_by_label(re.compile("^Tiêu đề(?! tiếng Anh)")).fill("Hội nghị Tỉnh ủy lần thứ 15")
    page.get_by_label(re.compile("^Chuyên mục")).select_option(label="Tin trong tỉnh")
    page.locator("#id_cover").set_input_files(photo)
    page.get_by_role("button", name="Lưu lại").click()

    # Sent back: the text alternative is missing. The picture is kept, and the page says so by it.
    expect(page.locator(".errornote")).to_contain_text("Hãy sửa")
    kept = page.locator(".field-cover .upload-kept")
    expect(kept).to_contain_text("Đã giữ lại tệp “hoi-nghi-tinh-uy.jpg”")
    page.get_by_label(re.compile("^Văn bản thay thế của ảnh bìa")).fill("Quang cảnh hội nghị")
    page.get_by_role("button", name="Lưu lại").click()
    expect(page.locator(".messagelist")).to_contain_text("Hội nghị Tỉnh ủy lần thứ 15")
    article = Article.objects.get()
    assert article.cover and article.cover_alt == "Quang cảnh hội nghị"


def test_the_menu_is_reordered_with_the_keyboard_alone(browser, live_server, people):
    PageFactory(title="Giới thiệu", show_in_menu=True, order=5)
    CategoryFactory(name="Tin tức", order=10)
    CategoryFactory(name="Kinh tế", order=20)
    page = office(browser, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/frame/mainmenu/")
    expect(page.locator(".menu-preview > li")).to_have_text(["Trang chủ", "Giới thiệu", "Tin tức", "Kinh tế"])

    down = page.get_by_role("button", name="Chuyển “Giới thiệu” xuống")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Đã chuyển “Giới thiệu” xuống")
    # Back on the same button: Enter again moves it once more.
    expect(page.get_by_role("button", name="Chuyển “Giới thiệu” xuống")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".menu-preview > li")).to_have_text(["Trang chủ", "Tin tức", "Kinh tế", "Giới thiệu"])
    # The last place: the focus moves to the button that still works.
    expect(page.get_by_role("button", name="Chuyển “Giới thiệu” lên")).to_be_focused()
    assert [item.title for item in menu_build("vi").main] == ["Tin tức", "Kinh tế", "Giới thiệu"]

    visitor = browser.new_page()
    visitor.goto(f"{live_server.url}/")
    expect(visitor.locator("#main-menu > li").last).to_contain_text("Giới thiệu")


def test_a_change_to_a_published_article_waits_for_the_editor_and_readers_see_it_only_then(
    browser, live_server, people
):
    article = ArticleFactory(
        created_by=people["writer"], title="Lễ hội Hoa Ban 2026", body="<p>Lễ hội diễn ra trong ba ngày.</p>"
    )
    workflow.revision_create(article=article, user=people["writer"])
    views = article.view_count
    writer = office(browser, live_server, "phongvien")
    writer.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(writer.locator("#article_form")).to_contain_text("chờ biên tập viên duyệt")
    writer.locator(".field-body .ck-editor__editable").click()
    writer.keyboard.press("Control+End")
    writer.keyboard.type(" Có 12 đoàn nghệ thuật tham gia.")
    writer.get_by_role("button", name="Lưu lại").click()
    expect(writer.locator(".messagelist")).to_contain_text("Bản sửa của bạn đang chờ biên tập viên duyệt")

    reader = browser.new_page()
    reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(reader.locator("main")).not_to_contain_text("12 đoàn nghệ thuật")

    editor_page = office(browser, live_server, "bientap")
    editor_page.goto(f"{live_server.url}/admin/")
    changes = editor_page.get_by_role("heading", name=re.compile("bản sửa bài đã xuất bản chờ duyệt"))
    expect(changes).to_contain_text("1")
    changes.get_by_role("link").click()
    editor_page.get_by_role("link", name="Lễ hội Hoa Ban 2026").click()
    expect(editor_page.locator(".workflow-change")).to_contain_text("Lê Như Thuỷ")
    expect(editor_page.locator(".workflow-change ins")).to_contain_text("12 đoàn nghệ thuật")
    editor_page.get_by_role("button", name="Xuất bản bản sửa ngay").click()
    expect(editor_page.locator(".messagelist")).to_contain_text("Đã xuất bản bản sửa")

    reader.reload()
    expect(reader.locator("main")).to_contain_text("Có 12 đoàn nghệ thuật tham gia.")
    article.refresh_from_db()
    assert article.view_count >= views and reader.url.endswith(article.get_absolute_url())
    assert article.revisions.filter(review=ArticleRevision.Review.PUBLISHED).exists()


def test_a_journalist_reads_their_waiting_article_as_readers_will(browser, live_server, people):
    article = ArticleFactory(
        created_by=people["writer"],
        status=Article.Status.PENDING,
        body="<h2>Kết quả</h2><p>Đạt <strong>95%</strong> kế hoạch.</p>",
    )
    page = office(browser, live_server, "phongvien")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator(".field-body_display .ck-content")
    expect(body.locator("h2")).to_have_text("Kết quả")
    expect(body.locator("strong")).to_have_text("95%")
    expect(page.locator("#content-main")).not_to_contain_text("<strong>")


def test_the_editor_writes_in_the_public_sites_typography(browser, live_server, people):
    body = (
        "<h2>Tiêu đề mục</h2><p>Đoạn văn.</p><ul><li>Một ý</li></ul>"
        "<figure class='table'><table><tbody><tr><td>Chỉ tiêu</td></tr></tbody></table></figure>"
    )
    article = ArticleFactory(created_by=people["reviewer"], status=Article.Status.DRAFT, body=body)
    published = ArticleFactory(body=body)
    page = office(browser, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editing = page.locator(".field-body .ck-editor__editable")
    expect(editing.locator("h2")).to_have_text("Tiêu đề mục")
    reader = browser.new_page(viewport=DESKTOP)
    reader.goto(f"{live_server.url}{published.get_absolute_url()}")

    def styles(page, root):
        return page.evaluate(
            """(root) => {
                const style = (selector) => getComputedStyle(document.querySelector(root + " " + selector));
                return {
                    p: [style("p").fontFamily, style("p").fontSize],
                    h2: [style("h2").fontFamily, style("h2").fontSize, style("h2").fontWeight],
                    li: [style("li").fontFamily, style("li").fontSize, style("li").listStyleType],
                    td: [style("td").fontFamily, style("td").fontSize],
                };
            }""",
            root,
        )

    in_editor, on_site = styles(page, ".ck-editor__editable"), styles(reader, ".rich-text")
    assert in_editor == on_site
    assert float(in_editor["h2"][1].removesuffix("px")) > float(in_editor["p"][1].removesuffix("px"))


def test_no_english_in_what_the_admins_scripts_draw(browser, live_server, people):
    """What the server sends is walked by tests/portal/test_admin_vietnamese.py; here, what scripts
    add: the editor's toolbar, its badge and tooltips, the calendars, the list's selection counter."""
    ArticleFactory(created_by=people["reviewer"], status=Article.Status.DRAFT)
    page = office(browser, live_server, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.locator("#result_list tbody input[type=checkbox]").first.check()
    expect(page.locator(".action-counter")).to_contain_text("1")
    assert english_in(page.content()) == []

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator(".field-body .ck-editor__editable").click()
    page.keyboard.type("Xin chào")
    expect(page.locator(".ck-powered-by")).to_be_visible()
    expect(page.locator(".ck-powered-by")).not_to_contain_text("Powered by")
    # CKEditor's own words: toolbar buttons and their tooltips, in Vietnamese.
    labels = page.locator(".ck-toolbar [aria-label], .ck-toolbar [data-cke-tooltip-text]").evaluate_all(
        """(items) => items.map(
            (item) => item.getAttribute("data-cke-tooltip-text") || item.getAttribute("aria-label")
        )"""
    )
    assert len(labels) > 10
    ckeditor_english = {
        "heading",
        "paragraph",
        "bold",
        "italic",
        "underline",
        "insert",
        "link",
        "undo",
        "redo",
        "table",
        "image",
        "media",
        "quote",
        "list",
        "remove",
        "format",
    }
    found = {
        word
        for label in labels
        for word in re.findall(r"[A-Za-z]+", label)
        if word.lower() in english_words() | ckeditor_english
    }
    assert found == set(), labels
    # The date and time pickers beside the publish time.
    page.locator("#calendarlink0").click()
    expect(page.locator("#calendarbox0")).to_be_visible()
    page.locator("#clocklink0").click()
    expect(page.locator("#clockbox0")).to_be_visible()
    assert english_in(page.content()) == []
