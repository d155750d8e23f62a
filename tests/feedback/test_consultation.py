"""Public consultation on drafts (lấy ý kiến dự thảo): comments while the window is open, none outside.

The comment form is the feedback machinery (captcha, consent, rate limit, honeypot, reference code)
on the draft's stored page, like the form under an article (tests/feedback/test_article_opinions.py).
"""

import csv
import io
import re
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils import timezone

from feedback.models import Feedback
from tests.factories import AttachmentFactory, DocumentFactory, FeedbackFactory, editor

pytestmark = pytest.mark.django_db

SCRIPT = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def draft(*, opens, closes, **fields):
    now = timezone.now()
    return DocumentFactory(
        is_draft=True,
        number="",
        summary=fields.pop("summary", "Dự thảo Nghị quyết về chính sách hỗ trợ chuyển đổi số"),
        consultation_opens_at=now + opens,
        consultation_closes_at=now + closes,
        **fields,
    )


@pytest.fixture
def open_draft():
    return draft(opens=-timedelta(days=3), closes=timedelta(days=27))


def comment_url(document):
    return reverse("feedback:consultation_comment", kwargs={"slug": document.slug})


def comment(**overrides):
    data = {
        "name": "Lò Văn Khánh",
        "organisation": "Hiệp hội Doanh nghiệp tỉnh",
        "email": "",
        "subject": "Góp ý dự thảo",
        "message": "Đề nghị bổ sung hỗ trợ cho hợp tác xã.",
        "website": "",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def start_writing(client):
    data = client.get(reverse("feedback:captcha_refresh"), **SCRIPT).json()
    answer = CaptchaStore.objects.get(hashkey=data["key"]).response
    return {"captcha_0": data["key"], "captcha_1": answer}, data["csrf_token"]


def send(client, document, **overrides):
    captcha, token = start_writing(client)
    return client.post(
        comment_url(document), {**comment(**overrides), **captcha}, HTTP_X_CSRFTOKEN=token, **SCRIPT
    )


def test_an_open_drafts_page_has_the_comment_form_without_a_challenge(client, open_draft):
    html = client.get(open_draft.get_absolute_url()).content.decode()
    section = html[html.index('id="gop-y-du-thao"') :]
    assert "Góp ý dự thảo" in section
    for label in ("Họ tên", "Cơ quan, tổ chức (không bắt buộc)", "Nội dung", "Mã kiểm tra"):
        assert label in section, label
    assert f'action="{comment_url(open_draft)}"' in section
    assert CaptchaStore.objects.count() == 0


@pytest.mark.parametrize(
    ("opens", "closes", "note"),
    [
        (timedelta(days=2), timedelta(days=30), "Ý kiến được nhận từ"),
        (-timedelta(days=30), -timedelta(days=1), "Đã hết thời gian lấy ý kiến"),
    ],
)
def test_before_and_after_the_window_there_is_no_form_and_a_post_is_refused(client, opens, closes, note):
    document = draft(opens=opens, closes=closes)
    html = client.get(document.get_absolute_url()).content.decode()
    assert note in html
    assert comment_url(document) not in html

    response = send(client, document)
    plain = client.post(comment_url(document), comment())

    assert response.status_code == plain.status_code == 403
    assert "hiện không lấy ý kiến" in response.json()["errors"]["__all__"][0]
    assert "hiện không lấy ý kiến" in plain.content.decode()
    assert Feedback.objects.count() == 0


def test_a_comment_is_stored_with_its_draft_and_gets_a_reference_code(client, open_draft):
    response = send(client, open_draft)

    item = Feedback.objects.get()
    assert response.status_code == 200 and item.code in response.json()["message"]
    assert item.document == open_draft and item.article is None
    assert item.organisation == "Hiệp hội Doanh nghiệp tỉnh"
    assert not item.allow_publish and not item.is_published


def test_without_javascript_the_comment_comes_back_with_a_challenge_then_goes(client, open_draft):
    first = client.post(comment_url(open_draft), comment())
    html = first.content.decode()
    assert first.status_code == 200 and "Ý kiến góp ý của bạn chưa được gửi" in html
    key = re.search(r'name="captcha_0" value="([0-9a-f]{40})"', html)[1]
    second = client.post(
        comment_url(open_draft),
        {**comment(), "captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response},
    )
    assert second.status_code == 303
    thanks = client.get(second["Location"]).content.decode()
    assert Feedback.objects.get().code in thanks
    assert open_draft.get_absolute_url() in thanks


def test_a_draft_that_is_not_public_or_not_a_draft_takes_no_comment(client):
    unpublished = draft(opens=-timedelta(days=1), closes=timedelta(days=10), status="draft")
    issued = DocumentFactory()
    for document in (unpublished, issued):
        assert send(client, document).status_code == 404
    assert Feedback.objects.count() == 0


def test_the_general_forms_defences_hold_for_comments(client, open_draft, settings):
    assert send(client, open_draft, name="").status_code == 400
    assert send(client, open_draft, message="a\x00b").status_code == 400
    assert send(client, open_draft, website="http://spam.example").status_code == 200  # the honeypot
    settings.FEEDBACK_RATE_LIMIT = 1
    assert send(client, open_draft).status_code == 200
    assert send(client, open_draft).status_code == 400
    assert Feedback.objects.count() == 1


def test_comments_are_not_in_the_public_q_and_a(client, open_draft):
    FeedbackFactory(
        document=open_draft, subject="Góp ý dự thảo ZQX", answer="Đã tiếp thu", allow_publish=True
    )
    assert "ZQX" not in client.get(reverse("feedback:answers")).content.decode()


def test_the_consultations_page_lists_open_then_closed_drafts_with_their_reports(client, open_draft):
    closed = draft(opens=-timedelta(days=60), closes=-timedelta(days=30), summary="Dự thảo quy hoạch đã xong")
    AttachmentFactory(document=closed, role="consultation_report", name="Báo cáo tổng hợp.pdf")
    draft(opens=timedelta(days=5), closes=timedelta(days=35), summary="Dự thảo chưa mở ZQX")

    html = client.get(reverse("documents:consultations")).content.decode()

    assert html.index(open_draft.title) < html.index("Dự thảo quy hoạch đã xong")
    assert "Báo cáo tổng hợp" in html
    assert "ZQX" not in html


def test_staff_read_the_comments_of_a_draft_and_export_them(client, open_draft):
    FeedbackFactory(document=open_draft, subject="Ý kiến về dự thảo ZQA", organisation="Sở Tài chính")
    FeedbackFactory(subject="Góp ý chung ZQB")
    client.force_login(editor(username="bientapvien"))
    changelist = reverse("admin:feedback_feedback_changelist")

    listed = client.get(changelist, {"document__id__exact": open_draft.pk}).content.decode()
    kind = client.get(changelist, {"kind": "consultation"}).content.decode()
    page = client.get(reverse("admin:documents_document_change", args=[open_draft.pk])).content.decode()
    exported = client.post(
        changelist + f"?document__id__exact={open_draft.pk}",
        {"action": "export_csv", "_selected_action": list(Feedback.objects.values_list("pk", flat=True))},
    )

    assert "ZQA" in listed and "ZQB" not in listed
    assert "ZQA" in kind and "ZQB" not in kind
    assert "1 ý kiến góp ý dự thảo" in page
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert any("Sở Tài chính" in row for row in rows)
    assert any(open_draft.title in " ".join(row) for row in rows)
