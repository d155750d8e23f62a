"""A reader sends an opinion from under an article in Chromium, with JavaScript and without it."""

import re

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from feedback.models import Feedback
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article():
    return ArticleFactory(title="Sơn La đẩy mạnh chuyển đổi số", slug="son-la-chuyen-doi-so")


def write(page, *, name="Như Thuỷ"):
    section = page.locator("#y-kien")
    section.get_by_label(re.compile("^Họ tên")).fill(name)
    section.get_by_label(re.compile("^Nội dung")).fill(
        "Mong có lớp hướng dẫn dịch vụ công cho người cao tuổi."
    )
    section.get_by_label(re.compile("^Tôi đồng ý")).check()
    section.get_by_label(re.compile("^Cho phép đăng")).check()
    return section


def solve(section):
    key = section.locator("input[name=captcha_0]").input_value()
    section.get_by_label(re.compile("^Mã kiểm tra")).fill(CaptchaStore.objects.get(hashkey=key).response)


def test_with_javascript_the_challenge_comes_when_writing_and_the_opinion_is_sent_in_place(
    page, live_server, article
):
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    section = page.locator("#y-kien")
    expect(section.get_by_role("heading", name="Ý kiến bạn đọc")).to_be_visible()
    expect(section.get_by_label(re.compile("^Tiêu đề"))).to_have_value(
        "Về bài: Sơn La đẩy mạnh chuyển đổi số"
    )
    assert CaptchaStore.objects.count() == 0  # reading wrote nothing

    section = write(page)
    expect(section.locator("img.captcha__image")).to_be_visible()  # fetched when the reader started
    assert CaptchaStore.objects.count() == 1

    # A mistake first: the errors are announced where the form is, with a new challenge.
    section.get_by_label(re.compile("^Họ tên")).fill("")
    first_key = section.locator("input[name=captcha_0]").input_value()
    solve(section)
    section.get_by_role("button", name="Gửi ý kiến").click()
    summary = section.locator("[data-opinion-errors]")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Họ tên")
    expect(section.locator("input[name=captcha_0]")).not_to_have_value(first_key)

    section.get_by_label(re.compile("^Họ tên")).fill("Như Thuỷ")
    solve(section)
    section.get_by_role("button", name="Gửi ý kiến").click()

    result = section.locator("[data-opinion-result]")
    expect(result).to_be_visible()
    expect(result).to_be_focused()
    item = Feedback.objects.get()
    expect(result).to_contain_text(item.code)
    assert page.url.endswith(article.get_absolute_url())  # the article stayed on screen
    assert item.article == article and item.name == "Như Thuỷ"


def test_without_javascript_a_plain_post_comes_back_with_a_challenge_then_the_reference_code(
    browser, live_server, article
):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    section = write(page, name="Lò Văn Khánh")
    expect(section.locator("[data-captcha-placeholder]")).to_contain_text("sau khi bạn bấm Gửi")
    section.get_by_role("button", name="Gửi ý kiến").click()

    expect(page.locator("h1")).to_have_text("Ý kiến của bạn")
    expect(page.get_by_role("alert")).to_contain_text("Ý kiến của bạn chưa được gửi")
    form = page.locator("form[data-opinion-form]")
    expect(form.get_by_label(re.compile("^Họ tên"))).to_have_value("Lò Văn Khánh")
    solve(form)
    form.get_by_role("button", name="Gửi ý kiến").click()

    expect(page.locator("h1")).to_have_text("Cảm ơn bạn, góp ý đã được gửi")
    item = Feedback.objects.get()
    expect(page.locator("#reference-code")).to_have_text(item.code)
    page.get_by_role("link", name=re.compile("Quay lại")).click()
    assert page.url.endswith(article.get_absolute_url())
    context.close()
