"""Staff handle feedback in the admin: assign, answer, publish, export."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Feedback
from tests.factories import FeedbackFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:feedback_feedback_changelist")


def change_url(feedback):
    return reverse("admin:feedback_feedback_change", args=[feedback.pk])


def handling_form(**overrides):
    data = {"status": "new", "assignee": "", "answer": "", "is_published": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


def test_staff_answer_and_who_answered_when_is_recorded(staff_client, staff):
    feedback = FeedbackFactory(allow_publish=True)
    response = staff_client.post(
        change_url(feedback),
        handling_form(status="answered", assignee=staff.pk, answer="Đã có kết quả.", is_published="on"),
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.ANSWERED
    assert feedback.answered_by == staff
    assert timezone.now() - feedback.answered_at < timedelta(minutes=1)
    assert feedback.is_published
    assert feedback.assignee == staff


def test_saving_without_changing_the_answer_keeps_who_answered(staff_client, staff):
    other = StaffFactory(username="truongphong")
    answered_at = timezone.now() - timedelta(days=3)
    feedback = FeedbackFactory(answer="Cũ.", answered_by=other, answered_at=answered_at, status="answered")
    staff_client.post(change_url(feedback), handling_form(status="closed", answer="Cũ."))
    feedback.refresh_from_db()
    assert feedback.answered_by == other
    assert feedback.answered_at == answered_at


def test_publishing_is_refused_when_the_sender_did_not_allow_it(staff_client):
    feedback = FeedbackFactory(allow_publish=False)
    response = staff_client.post(
        change_url(feedback), handling_form(status="answered", answer="Trả lời.", is_published="on")
    )
    assert response.status_code == 200
    assert "Người gửi không đồng ý đăng công khai" in response.content.decode()
    feedback.refresh_from_db()
    assert not feedback.is_published


def test_publishing_is_refused_without_an_answer(staff_client):
    feedback = FeedbackFactory(allow_publish=True)
    response = staff_client.post(change_url(feedback), handling_form(status="in_progress", is_published="on"))
    assert "Hãy viết câu trả lời trước khi đăng" in response.content.decode()
    assert not Feedback.objects.get().is_published


def test_the_senders_text_is_read_only_and_shown_as_text(staff_client):
    feedback = FeedbackFactory(
        subject="<script>alert('tiêu đề')</script>", message="<img src=x onerror=alert(1)>\nDòng hai"
    )
    html = staff_client.get(change_url(feedback)).content.decode()
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;<br>Dòng hai" in html
    assert 'name="message"' not in html
    listing = staff_client.get(CHANGELIST).content.decode()
    assert "<script>alert('tiêu đề')</script>" not in listing
    assert "&lt;script&gt;" in listing
    # Posting a changed message changes nothing.
    staff_client.post(change_url(feedback), handling_form(message="Sửa nội dung", name="Người khác"))
    feedback.refresh_from_db()
    assert feedback.message.startswith("<img")


def test_overdue_items_stand_out_and_can_be_filtered(staff_client):
    late = FeedbackFactory(subject="Quá hạn rồi", received_at=timezone.now() - timedelta(days=40))
    FeedbackFactory(subject="Mới nhận")
    FeedbackFactory(
        subject="Đã trả lời muộn",
        received_at=timezone.now() - timedelta(days=40),
        status="answered",
        answer="Xong.",
    )
    html = staff_client.get(CHANGELIST).content.decode()
    assert html.count('class="feedback-overdue"') == 1
    assert "Quá hạn ·" in html
    assert "feedback/admin.css" in html
    overdue = staff_client.get(CHANGELIST, {"overdue": "yes"})
    assert list(overdue.context["cl"].result_list) == [late]
    assert len(staff_client.get(CHANGELIST, {"overdue": "no"}).context["cl"].result_list) == 2


def test_the_list_filters_by_status_and_assignee_and_searches(staff_client, staff):
    mine = FeedbackFactory(assignee=staff, status="in_progress", subject="Đèn chiếu sáng đường Tô Hiệu")
    FeedbackFactory(status="in_progress")
    FeedbackFactory(subject="Đèn đường khác")
    response = staff_client.get(
        CHANGELIST, {"status__exact": "in_progress", "assignee__id__exact": staff.pk, "q": "Tô Hiệu"}
    )
    assert list(response.context["cl"].result_list) == [mine]
    by_code = staff_client.get(CHANGELIST, {"q": mine.code})
    assert list(by_code.context["cl"].result_list) == [mine]


def test_the_csv_export_is_excel_ready_and_defuses_formulas(staff_client):
    first = FeedbackFactory(name="Lò Văn Khánh", subject='=HYPERLINK("http://x")', phone="0912345678")
    second = FeedbackFactory(name="@Quàng Thị Hoa", message="-1+1", status="answered", answer="+Đã trả lời")
    response = staff_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [first.pk, second.pk]}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row1, row2 = rows
    assert header[:4] == ["Mã phản ánh", "Ngày nhận", "Hạn trả lời", "Trạng thái"]
    assert row1[0] == first.code
    assert "Lò Văn Khánh" in row1
    assert '\'=HYPERLINK("http://x")' in row1
    assert "'@Quàng Thị Hoa" in row2
    assert "'-1+1" in row2
    assert "'+Đã trả lời" in row2
    assert "Đã trả lời" in row2  # the status, in Vietnamese


def test_the_export_of_a_filtered_list_holds_only_that_list(staff_client):
    FeedbackFactory(status="spam", subject="Rác")
    kept = FeedbackFactory(subject="Giữ lại")
    response = staff_client.post(
        CHANGELIST + "?status__exact=new",
        {"action": "export_csv", "select_across": "1", "index": "0", "_selected_action": [kept.pk]},
    )
    body = response.content.decode("utf-8-sig")
    assert "Giữ lại" in body
    assert "Rác" not in body


def test_staff_mark_items_as_spam(staff_client):
    feedback = FeedbackFactory()
    staff_client.post(CHANGELIST, {"action": "mark_spam", "_selected_action": [feedback.pk]})
    assert Feedback.objects.get().status == Feedback.Status.SPAM


def test_feedback_cannot_be_added_in_the_admin(staff_client):
    assert staff_client.get(reverse("admin:feedback_feedback_add")).status_code == 403


def test_nul_in_the_admin_search_is_refused_before_the_database(staff_client):
    assert staff_client.get(CHANGELIST, {"q": "a\x00b"}).status_code == 400
