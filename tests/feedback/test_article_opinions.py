"""Readers' opinions under an article ("Ý kiến bạn đọc"), as on the reference page.

Everything the general form defends against applies here too; what is particular: the article's page
is stored for every reader, so it carries no captcha and no CSRF token, and reading it writes nothing.
The browser side (with and without JavaScript) is in tests/browser/test_article_opinions.py.
"""

import re
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from feedback.models import Feedback
from tests.factories import ArticleFactory, FeedbackFactory, editor
from tests.feedback.helpers import captcha_solved

pytestmark = pytest.mark.django_db

Status = Article.Status
SCRIPT = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36"}


@pytest.fixture
def article():
    return ArticleFactory(title="Sơn La đẩy mạnh chuyển đổi số", slug="son-la-chuyen-doi-so")


def opinion_url(article):
    return reverse("feedback:article_opinion", kwargs={"slug": article.slug})


def opinion(**overrides):
    data = {
        "name": "Như Thuỷ",
        "subject": "Về bài: Sơn La đẩy mạnh chuyển đổi số",
        "message": "Bài viết rất bổ ích.\nMong có thêm hướng dẫn cho người cao tuổi.",
        "email": "",
        "website": "",
        "consent": "on",
        "allow_publish": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def start_writing(client):
    """What feedback.js asks for when the reader starts writing: a challenge and a CSRF token."""
    data = client.get(reverse("feedback:captcha_refresh"), **SCRIPT).json()
    answer = CaptchaStore.objects.get(hashkey=data["key"]).response
    return {"captcha_0": data["key"], "captcha_1": answer}, data["csrf_token"]


def published_opinion(article, **fields):
    return FeedbackFactory(article=article, allow_publish=True, is_published=True, **fields)


# The article's page: stored, no captcha, no writes ------------------------------------------------


def test_the_article_ends_with_the_section_and_the_reference_pages_four_fields(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    section = html[html.index('id="y-kien"') :]
    assert "Ý kiến bạn đọc" in section
    for label in ("Họ tên", "Tiêu đề", "Nội dung", "Mã kiểm tra"):
        assert label in section, label
    assert 'value="Về bài: Sơn La đẩy mạnh chuyển đổi số"' in section
    assert "Thư điện tử (không bắt buộc)" in section
    assert "Nghị định 13/2023/NĐ-CP" in section
    assert html.index("article__byline") < html.index('id="y-kien"')


def test_reading_an_article_fifty_times_creates_no_captcha_and_no_token(client, article):
    for _ in range(50):
        response = client.get(article.get_absolute_url(), **READER)
        assert response.status_code == 200
    html = response.content.decode()
    assert CaptchaStore.objects.count() == 0
    assert not re.search(r'name="captcha_0" value="[0-9a-f]', html)
    assert 'name="csrfmiddlewaretoken"' not in html[html.index('id="y-kien"') :]


def test_a_preview_shows_no_form(staff_client):
    draft = ArticleFactory(status=Status.DRAFT)
    assert 'id="y-kien"' not in staff_client.get(draft.get_absolute_url()).content.decode()


# Sending ------------------------------------------------------------------------------------------


def test_with_javascript_an_opinion_is_sent_in_place_and_gets_a_reference_code(
    client, article, django_capture_on_commit_callbacks
):
    captcha, token = start_writing(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            opinion_url(article), {**opinion(), **captcha}, HTTP_X_CSRFTOKEN=token, **SCRIPT
        )

    item = Feedback.objects.get()
    assert response.status_code == 200
    assert response.json()["code"] == item.code
    assert item.code in response.json()["message"] and "Cảm ơn" in response.json()["message"]
    assert item.article == article
    assert item.subject.startswith("Về bài:")
    assert item.email == ""
    assert item.status == Feedback.Status.NEW
    assert item.due_on > timezone.localdate()
    assert not item.is_published
    assert "Sơn La đẩy mạnh chuyển đổi số" in mail.outbox[0].body


def test_without_javascript_the_first_send_comes_back_with_a_challenge_and_the_text_kept(client, article):
    response = client.post(opinion_url(article), opinion())

    html = response.content.decode()
    assert response.status_code == 200
    assert Feedback.objects.count() == 0
    assert "Ý kiến của bạn chưa được gửi" in html
    assert re.search(r'name="captcha_0" value="[0-9a-f]{40}"', html)
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Mong có thêm hướng dẫn cho người cao tuổi." in html

    second = client.post(opinion_url(article), {**opinion(), **captcha_solved(html)})

    item = Feedback.objects.get()
    assert second.status_code == 303
    thanks = client.get(second["Location"]).content.decode()
    assert item.code in thanks
    assert f'href="{article.get_absolute_url()}"' in thanks


def test_errors_come_back_as_json_with_a_new_challenge(client, article):
    captcha, token = start_writing(client)

    response = client.post(
        opinion_url(article), {**opinion(name="", consent=None), **captcha}, HTTP_X_CSRFTOKEN=token, **SCRIPT
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"name", "consent"}
    assert response.json()["challenge"]["key"] != captcha["captcha_0"]
    assert Feedback.objects.count() == 0


def test_an_answered_challenge_without_the_csrf_token_is_refused(article):
    checking = Client(enforce_csrf_checks=True)
    captcha, token = start_writing(checking)
    refused = checking.post(opinion_url(article), {**opinion(), **captcha}, **SCRIPT)
    assert refused.status_code == 403
    assert Feedback.objects.count() == 0
    accepted = checking.post(opinion_url(article), {**opinion(), **captcha}, HTTP_X_CSRFTOKEN=token, **SCRIPT)
    assert accepted.status_code == 200
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.UNPUBLISHED])
def test_an_opinion_about_an_unpublished_article_is_refused_and_nothing_stored(client, status):
    hidden = ArticleFactory(status=status)
    captcha, token = start_writing(client)

    response = client.post(opinion_url(hidden), {**opinion(), **captcha}, HTTP_X_CSRFTOKEN=token, **SCRIPT)
    plain = client.post(reverse("feedback:article_opinion", kwargs={"slug": "khong-co-bai-nay"}), opinion())

    assert response.status_code == plain.status_code == 404
    assert "Không tìm thấy bài viết này" in response.json()["errors"]["__all__"][0]
    assert "Không tìm thấy bài viết này" in plain.content.decode()
    assert Feedback.objects.count() == 0


def test_reading_the_form_by_get_is_not_possible(client, article):
    assert client.get(opinion_url(article)).status_code == 405


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "message",
            "Xem https://a.example https://b.example https://c.example",
            "tối đa 2 địa chỉ trang web",
        ),
        ("message", "Nội dung\x00ẩn", "ký tự điều khiển"),
        ("name", "A" * 121, "Tối đa 120 ký tự"),
        ("message", "x" * 5001, "Tối đa 5000 ký tự"),
        ("email", "khong-phai-email", "Nhập địa chỉ email"),
    ],
)
def test_what_the_general_form_refuses_is_refused_here(client, article, field, value, message):
    captcha, token = start_writing(client)
    response = client.post(
        opinion_url(article), {**opinion(**{field: value}), **captcha}, HTTP_X_CSRFTOKEN=token, **SCRIPT
    )
    assert response.status_code == 400
    assert message in " ".join(response.json()["errors"][field])
    assert Feedback.objects.count() == 0


def test_the_honeypot_pretends_success_and_stores_nothing(client, article):
    captcha, token = start_writing(client)
    response = client.post(
        opinion_url(article),
        {**opinion(website="http://spam.example"), **captcha},
        HTTP_X_CSRFTOKEN=token,
        **SCRIPT,
    )
    assert response.status_code == 200 and response.json()["code"]
    assert Feedback.objects.count() == 0


def test_the_rate_limit_counts_opinions_with_the_general_form(client, article, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    for _attempt in range(2):
        captcha, token = start_writing(client)
        response = client.post(
            opinion_url(article), {**opinion(), **captcha}, HTTP_X_CSRFTOKEN=token, **SCRIPT
        )
    assert response.status_code == 400
    assert "Vui lòng chờ một giờ" in " ".join(response.json()["errors"]["__all__"])
    assert Feedback.objects.count() == 1


def test_a_huge_body_is_refused_with_a_vietnamese_page(client, article):
    response = client.post(opinion_url(article), {"message": "x" * 6 * 1024 * 1024})
    assert response.status_code == 400
    assert Feedback.objects.count() == 0


def test_sending_is_not_a_page_view(client, article):
    captcha, token = start_writing(client)
    client.post(opinion_url(article), {**opinion(), **captcha}, HTTP_X_CSRFTOKEN=token, **SCRIPT, **READER)
    client.post(opinion_url(article), opinion(), **READER)
    from stats.models import DailyStats

    assert not DailyStats.objects.exists()


# Moderation ---------------------------------------------------------------------------------------


def test_only_approved_opinions_the_reader_allowed_are_shown_oldest_first_with_the_answer(client, article):
    now = timezone.now()
    published_opinion(
        article, name="Người thứ hai", message="Ý kiến sau", received_at=now - timedelta(hours=1)
    )
    published_opinion(
        article,
        name="Người thứ nhất",
        message="Ý kiến trước",
        received_at=now - timedelta(days=1),
        answer="Cảm ơn bạn, Sở sẽ mở lớp hướng dẫn.",
        answered_at=now,
    )
    FeedbackFactory(article=article, allow_publish=True, message="Chưa duyệt ZQX")
    FeedbackFactory(article=article, allow_publish=False, message="Không cho đăng ZQX")
    FeedbackFactory(
        article=article,
        allow_publish=True,
        is_published=True,
        status=Feedback.Status.SPAM,
        message="Thư rác ZQX",
    )
    published_opinion(ArticleFactory(), message="Về bài khác ZQX")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Ý kiến bạn đọc (2)" in html
    assert html.index("Người thứ nhất") < html.index("Người thứ hai")
    assert "Ban biên tập trả lời" in html and "Sở sẽ mở lớp hướng dẫn" in html
    assert "ZQX" not in html


def test_an_opinion_needs_no_answer_to_be_published_but_a_general_question_does():
    opinion_item = FeedbackFactory(article=ArticleFactory(), allow_publish=True, is_published=True)
    opinion_item.full_clean()
    general = FeedbackFactory.build(allow_publish=True, is_published=True)
    with pytest.raises(ValidationError):
        general.full_clean()


def test_opinions_are_not_in_the_public_q_and_a(client, article):
    published_opinion(article, subject="Ý kiến về bài ZQX", answer="Đã trả lời")
    assert "ZQX" not in client.get(reverse("feedback:answers")).content.decode()


def test_approving_shows_it_at_once_and_withdrawing_removes_it_at_once(client, article):
    item = FeedbackFactory(article=article, allow_publish=True, name="Bạn đọc ZQX")
    assert "Bạn đọc ZQX" not in client.get(article.get_absolute_url()).content.decode()  # stored now

    item.is_published = True
    item.save()
    assert "Bạn đọc ZQX" in client.get(article.get_absolute_url()).content.decode()

    item.is_published = False
    item.save()
    assert "Bạn đọc ZQX" not in client.get(article.get_absolute_url()).content.decode()


def test_marking_a_shown_opinion_as_spam_in_the_list_removes_it_at_once(client, article):
    item = published_opinion(article, name="Bạn đọc ZQX")
    assert "Bạn đọc ZQX" in client.get(article.get_absolute_url()).content.decode()
    client.force_login(editor(username="bientapvien"))
    client.post(
        reverse("admin:feedback_feedback_changelist"),
        {"action": "mark_spam", "_selected_action": [item.pk]},
    )
    client.logout()
    assert "Bạn đọc ZQX" not in client.get(article.get_absolute_url()).content.decode()


def test_a_new_unpublished_opinion_does_not_empty_the_page_caches(client, article):
    from caching.generation import generation_read

    before = generation_read()
    FeedbackFactory(article=article, allow_publish=True)
    assert generation_read() == before


def test_the_query_budget_of_the_article_page_does_not_grow_with_its_opinions(
    client, article, django_assert_num_queries
):
    from django.core.cache import caches

    from caching.pagecache import seen_forget

    def cold_and_stored():
        for cache in caches.all():
            cache.clear()
        seen_forget()
        with CaptureQueriesContext(connection) as cold:
            client.get(article.get_absolute_url())
        with django_assert_num_queries(2):  # the generation and the view count, as without opinions
            client.get(article.get_absolute_url())
        return len(cold.captured_queries)

    without = cold_and_stored()
    for number in range(20):
        published_opinion(article, name=f"Bạn đọc {number}", answer="Cảm ơn." if number % 2 else "")
    assert cold_and_stored() == without


# Staff --------------------------------------------------------------------------------------------


def test_staff_filter_the_feedback_list_by_article_and_by_where_it_was_sent_from(client, article):
    FeedbackFactory(article=article, subject="Ý kiến dưới bài ZQA")
    FeedbackFactory(subject="Góp ý chung ZQB")
    client.force_login(editor(username="bientapvien"))
    changelist = reverse("admin:feedback_feedback_changelist")

    about = client.get(changelist, {"kind": "article"}).content.decode()
    general = client.get(changelist, {"kind": "general"}).content.decode()
    by_article = client.get(changelist, {"article__id__exact": article.pk}).content.decode()

    assert "ZQA" in about and "ZQB" not in about
    assert "ZQB" in general and "ZQA" not in general
    assert "ZQA" in by_article and "ZQB" not in by_article


def test_the_articles_admin_page_counts_its_opinions_and_links_to_them(client, article):
    FeedbackFactory(article=article)
    published_opinion(article)
    client.force_login(editor(username="bientapvien"))
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "2 ý kiến bạn đọc (1 đã đăng)" in html
    assert f"?article__id__exact={article.pk}" in html


def test_an_opinion_shows_its_article_on_its_admin_page_and_keeps_the_deadline(client, article):
    item = FeedbackFactory(article=article)
    client.force_login(editor(username="bientapvien"))
    html = client.get(reverse("admin:feedback_feedback_change", args=[item.pk])).content.decode()
    assert article.get_absolute_url() in html
    assert item.due_on.strftime("%d/%m/%Y") in html


def test_a_reader_looks_up_an_opinion_sent_without_an_email_by_its_code(client, article):
    item = FeedbackFactory(article=article, email="", answer="Cảm ơn bạn.", status=Feedback.Status.ANSWERED)
    html = client.post(reverse("feedback:lookup"), {"code": item.code, "email": ""}).content.decode()
    assert "Cảm ơn bạn." in html
