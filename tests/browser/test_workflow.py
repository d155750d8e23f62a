"""The whole editorial loop in Chromium: write, submit, reject, fix, resubmit, approve, read."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.signin import sign_in
from tests.factories import CategoryFactory, editor, journalist

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Sơn La triển khai chuyển đổi số cấp xã"


def log_in(page, live_server, username):
    sign_in(page, live_server, username)


def test_a_journalist_and_an_editor_take_an_article_through_review_to_the_public(browser, live_server):
    journalist(username="phongvien", first_name="Thuỷ", last_name="Lê")
    editor(username="bientap", first_name="Hằng", last_name="Trần")
    CategoryFactory(name="Tin trong tỉnh")
    writer = browser.new_context(locale="vi-VN").new_page()
    reviewer = browser.new_context(locale="vi-VN").new_page()

    # The journalist writes and submits.
    log_in(writer, live_server, "phongvien")
    writer.goto(f"{live_server.url}/admin/articles/article/add/")
    writer.get_by_label(re.compile("^Tiêu đề(?! tiếng Anh)")).fill(TITLE)
    writer.get_by_label(re.compile("^Chuyên mục")).select_option(label="Tin trong tỉnh")
    writer.get_by_label(re.compile("^Tóm tắt(?! tiếng Anh)")).fill("Mỗi xã có một tổ công nghệ số cộng đồng.")
    writer.locator(".field-body .ck-editor__editable").click()
    writer.keyboard.type("Toàn tỉnh đã thành lập tổ công nghệ số.")
    expect(writer.get_by_label(re.compile("^Trạng thái"))).to_have_count(0)
    writer.get_by_role("button", name="Gửi duyệt").click()
    expect(writer.locator(".messagelist")).to_contain_text("Đã gửi bài cho biên tập viên duyệt")
    article = Article.objects.get()
    assert article.status == Article.Status.PENDING

    # The public cannot see it; the editor finds it first in the list and rejects it.
    visitor = browser.new_page()
    assert visitor.goto(f"{live_server.url}{article.get_absolute_url()}").status == 404
    log_in(reviewer, live_server, "bientap")
    reviewer.goto(f"{live_server.url}/admin/articles/article/")
    expect(reviewer.locator("#result_list tbody tr").first).to_contain_text("Chờ duyệt")
    reviewer.locator("#result_list tbody tr").first.get_by_role("link", name=TITLE).click()
    reviewer.get_by_label("Ý kiến gửi người viết").fill("Cần nêu số xã đã hoàn thành.")
    reviewer.get_by_role("button", name="Từ chối").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("Đã từ chối")

    # The journalist reads the comment, fixes the article and submits it again.
    writer.goto(f"{live_server.url}/admin/articles/article/")
    expect(writer.locator("#result_list")).to_contain_text("Bị trả lại")
    writer.get_by_role("link", name=TITLE).click()
    expect(writer.locator(".workflow-rejection")).to_contain_text("Cần nêu số xã đã hoàn thành.")
    writer.locator(".field-body .ck-editor__editable").click()
    writer.keyboard.press("Control+End")
    writer.keyboard.type(" Đã có 75 xã hoàn thành.")
    writer.get_by_role("button", name="Gửi duyệt").click()
    expect(writer.locator(".messagelist")).to_contain_text("Đã gửi bài")

    # The editor approves.
    reviewer.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    reviewer.get_by_role("button", name="Duyệt và xuất bản").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("Đã duyệt và xuất bản")

    # The public reads it.
    visitor.goto(f"{live_server.url}/")
    visitor.get_by_role("link", name=TITLE).first.click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator("main")).to_contain_text("Đã có 75 xã hoàn thành.")

    actions = list(Article.objects.get().events.order_by("created_at", "pk").values_list("action", flat=True))
    assert actions == ["submit", "reject", "submit", "approve"]
