"""The lookup page (reference code + email) and the public Q&A."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Feedback
from tests.factories import FeedbackFactory

pytestmark = pytest.mark.django_db

LOOKUP = reverse("feedback:lookup")
ANSWERS = reverse("feedback:answers")
NOT_FOUND = "Không tìm thấy góp ý nào có mã phản ánh và email này"


@pytest.fixture
def answered():
    return FeedbackFactory(
        code="7KXM2Q9D",
        email="LoVanKhanh@example.com",
        subject="Cấp đổi giấy phép lái xe",
        status=Feedback.Status.ANSWERED,
        answer="Không bắt buộc phải đổi.\nÔng có thể nộp hồ sơ trực tuyến.",
    )


def test_the_sender_sees_the_status_and_the_answer(client, answered):
    response = client.post(LOOKUP, {"code": "7kxm-2q9d", "email": "lovankhanh@EXAMPLE.com"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cấp đổi giấy phép lái xe" in html
    assert "Đã trả lời" in html
    assert "Không bắt buộc phải đổi.<br>Ông có thể nộp hồ sơ trực tuyến." in html
    assert "no-store" in response["Cache-Control"]


def test_a_wrong_email_and_an_unknown_code_get_the_same_answer(client, answered):
    wrong_email = client.post(LOOKUP, {"code": "7KXM2Q9D", "email": "other@example.com"}).content.decode()
    unknown_code = client.post(
        LOOKUP, {"code": "ZZZZZZZZ", "email": "lovankhanh@example.com"}
    ).content.decode()
    for html in (wrong_email, unknown_code):
        assert NOT_FOUND in html
        assert "Cấp đổi giấy phép lái xe" not in html
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(wrong_email).replace("other@example.com", "") == strip(unknown_code).replace(
        "ZZZZZZZZ", "7KXM2Q9D"
    ).replace("lovankhanh@example.com", "")


def test_an_unanswered_item_shows_its_deadline(client):
    feedback = FeedbackFactory(code="ABCDEFGH")
    html = client.post(LOOKUP, {"code": "ABCDEFGH", "email": feedback.email}).content.decode()
    assert "Chưa có câu trả lời" in html
    assert feedback.due_on.strftime("%d/%m/%Y") in html


@pytest.mark.parametrize("code", ["ABC", "ABCD\x00EFGH", "A" * 41])
def test_malformed_codes_get_a_message_not_an_error(client, code):
    response = client.post(LOOKUP, {"code": code, "email": "a@example.com"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_the_lookup_escapes_what_the_sender_wrote(client):
    FeedbackFactory(
        code="ABCDEFGH", subject="<script>alert(1)</script>", message="<img src=x onerror=alert(1)>"
    )
    html = client.post(LOOKUP, {"code": "ABCDEFGH", "email": "nguyenvanan@example.com"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def published(**fields):
    return FeedbackFactory(
        allow_publish=True, is_published=True, answer=fields.pop("answer", "Trả lời của sở."), **fields
    )


def test_the_qa_page_shows_only_published_items_and_only_the_name(client):
    shown = published(
        name="Quàng Thị Hoa", email="hoa@example.com", phone="0912345678", subject="Hỏi cây giống"
    )
    FeedbackFactory(subject="Chưa trả lời", allow_publish=True)
    FeedbackFactory(subject="Không cho đăng", answer="Trả lời.", status=Feedback.Status.ANSWERED)
    FeedbackFactory(subject="Trả lời nhưng chưa chọn đăng", answer="Trả lời.", allow_publish=True)
    html = client.get(ANSWERS).content.decode()

    assert "Hỏi cây giống" in html
    assert "Quàng Thị Hoa" in html
    assert "Trả lời của sở." in html
    for hidden in [
        "Chưa trả lời",
        "Không cho đăng",
        "chưa chọn đăng",
        "hoa@example.com",
        "0912345678",
        shown.code,
    ]:
        assert hidden not in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_the_qa_page_lists_the_newest_first_and_paginates(client):
    for day in range(12):
        published(subject=f"Câu hỏi ngày {day}", received_at=timezone.now() - timedelta(days=day))
    first = client.get(ANSWERS).content.decode()
    assert first.index("Câu hỏi ngày 0") < first.index("Câu hỏi ngày 9")
    assert "Câu hỏi ngày 10" not in first
    assert "Câu hỏi ngày 11" in client.get(ANSWERS, {"page": 2}).content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99", "1e9", "9" * 50])
def test_bad_page_numbers_are_404_not_500(client, page):
    published()
    assert client.get(ANSWERS, {"page": page}).status_code == 404


def test_the_qa_search_ignores_diacritics_and_case(client):
    published(subject="Hỗ trợ trồng xoài trên đất dốc")
    published(subject="Giấy phép lái xe", answer="Nộp hồ sơ tại Trung tâm hành chính công.")
    html = client.get(ANSWERS, {"q": "HO TRO xoai"}).content.decode()
    assert "Hỗ trợ trồng xoài" in html
    assert "Giấy phép lái xe" not in html
    assert "Giấy phép lái xe" in client.get(ANSWERS, {"q": "hành chính"}).content.decode()


def test_an_over_long_search_gets_a_message(client):
    response = client.get(ANSWERS, {"q": "a" * 201})
    assert response.status_code == 200
    assert "tối đa 200 ký tự" in response.content.decode()


def test_the_qa_page_shows_html_as_text(client):
    published(subject="<b>Đậm</b>", message="<script>alert(1)</script>", answer="<a href='x'>liên kết</a>")
    html = client.get(ANSWERS).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<b>Đậm</b>" not in html
    assert "&lt;a href=&#x27;x&#x27;&gt;liên kết&lt;/a&gt;" in html
