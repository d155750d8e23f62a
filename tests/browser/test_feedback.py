"""A reader sends feedback; staff answer and publish it in the admin; the answer is on the Q&A page."""

import re

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from feedback.models import Feedback
from tests.browser.signin import sign_in
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_asks_and_reads_the_published_answer(page, live_server):
    StaffFactory(username="tiepdan", first_name="Minh Hằng", last_name="Trần")

    # The reader.
    page.goto(f"{live_server.url}/gop-y/")
    expect(page.locator("h1")).to_have_text("Gửi góp ý")
    page.get_by_label(re.compile("^Họ tên")).fill("Lò Văn Khánh")
    page.get_by_label(re.compile("^Email")).fill("lovankhanh@example.com")
    page.get_by_label(re.compile("^Điện thoại")).fill("0912 345 678")
    page.get_by_label(re.compile("^Tiêu đề")).fill("Cấp đổi giấy phép lái xe hạng A1")
    page.get_by_label(re.compile("^Nội dung")).fill("Giấy phép bằng giấy bìa có phải đổi không?")
    page.get_by_label(re.compile("^Tôi đồng ý")).check()
    page.get_by_label(re.compile("^Cho phép đăng")).check()
    # "Another code" works in place with JavaScript: a new key, the typed text untouched.
    first_key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_role("button", name="Đổi mã khác").click()
    expect(page.locator("input[name=captcha_0]")).not_to_have_value(first_key)
    expect(page.get_by_label(re.compile("^Họ tên"))).to_have_value("Lò Văn Khánh")
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label(re.compile("^Mã kiểm tra")).fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="Gửi góp ý").click()

    expect(page.locator("h1")).to_have_text("Cảm ơn bạn, góp ý đã được gửi")
    code = page.locator("#reference-code").inner_text()
    feedback = Feedback.objects.get()
    assert code == feedback.code

    # The staff member.
    staff = page.context.new_page()
    sign_in(staff, live_server, "tiepdan")
    staff.goto(f"{live_server.url}/admin/feedback/feedback/")
    staff.get_by_role("link", name=code).click()
    expect(staff.get_by_text("Giấy phép bằng giấy bìa có phải đổi không?")).to_be_visible()
    staff.get_by_label(re.compile("^Trạng thái")).select_option("answered")
    staff.get_by_label(re.compile("^Người xử lý")).select_option(label="Trần Minh Hằng (tiepdan)")
    staff.get_by_label(re.compile("^Câu trả lời")).fill("Không bắt buộc đổi; ông có thể đổi trực tuyến.")
    staff.get_by_label(re.compile("^Đăng trên trang Hỏi đáp")).check()
    staff.locator("input[name=_save]").click()
    expect(staff.locator(".messagelist .success")).to_be_visible()
    feedback.refresh_from_db()
    assert feedback.answered_by.username == "tiepdan"
    assert feedback.is_published

    # Anyone reads it in the Q&A; the sender looks it up with code and email.
    page.goto(f"{live_server.url}/hoi-dap/")
    expect(page.get_by_role("heading", name="Cấp đổi giấy phép lái xe hạng A1")).to_be_visible()
    expect(page.get_by_text("Không bắt buộc đổi; ông có thể đổi trực tuyến.")).to_be_visible()
    expect(page.get_by_text("Người hỏi: Lò Văn Khánh")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("lovankhanh@example.com")
    page.goto(f"{live_server.url}/gop-y/tra-cuu/")
    page.get_by_label(re.compile("^Mã phản ánh")).fill(code.lower())
    page.get_by_label(re.compile("^Email")).fill("lovankhanh@example.com")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator(".lookup-result")).to_contain_text("Đã trả lời")
    expect(page.locator(".lookup-result")).to_contain_text("Không bắt buộc đổi")
