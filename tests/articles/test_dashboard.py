"""The admin's home page says what waits for whom, each count a link to the list filtered the same way."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.factories import ArticleFactory, FeedbackFactory, VerifiedClient, editor, journalist

pytestmark = pytest.mark.django_db
Status = Article.Status


def panel(html, key):
    """(count, link) of the panel `key` of the admin's home page."""
    found = re.search(
        rf'id="dashboard-{key}">\s*<a href="([^"]*)">\s*<span class="dashboard-panel__count">(\d+)<', html
    )
    return (int(found.group(2)), found.group(1).replace("&amp;", "&")) if found else None


def home(user):
    client = VerifiedClient()
    client.force_login(user)
    return client, client.get(reverse("admin:index")).content.decode()


@pytest.fixture
def writer():
    return journalist(username="phongvien")


@pytest.fixture
def reviewer():
    return editor(username="bientap")


def test_a_journalist_sees_their_drafts_what_was_sent_back_with_the_comment_and_what_is_scheduled(
    writer, reviewer
):
    ArticleFactory(created_by=writer, status=Status.DRAFT, title="Nháp một")
    ArticleFactory(created_by=writer, status=Status.DRAFT, title="Nháp hai")
    ArticleFactory(created_by=journalist(username="khac"), status=Status.DRAFT)
    sent_back = ArticleFactory(created_by=writer, status=Status.PENDING, title="Bài bị trả")
    workflow.article_reject(article=sent_back, user=reviewer, comment="Thiếu nguồn ảnh.")
    ArticleFactory(created_by=writer, published_at=timezone.now() + timedelta(days=2), title="Bài hẹn giờ")
    client, html = home(writer)
    assert panel(html, "drafts")[0] == 2
    assert panel(html, "sent_back")[0] == 1 and "Thiếu nguồn ảnh." in html
    assert panel(html, "scheduled")[0] == 1 and "Bài hẹn giờ" in html
    assert panel(html, "waiting") is None  # not a reviewer
    for key, expected in [("drafts", 2), ("sent_back", 1), ("scheduled", 1)]:
        listed = client.get(panel(html, key)[1])
        assert listed.status_code == 200 and listed.context["cl"].result_count == expected, key


def test_an_editor_sees_what_waits_for_review_new_articles_and_changes(writer, reviewer):
    waiting = ArticleFactory(created_by=writer, status=Status.PENDING, title="Chờ duyệt")
    live = ArticleFactory(created_by=writer, title="Bài đang đăng")
    live.title = "Bản sửa"
    workflow.change_hold(article=live, user=writer)
    client, html = home(reviewer)
    assert panel(html, "waiting")[0] == 1 and waiting.title in html
    assert panel(html, "changes")[0] == 1
    assert list(client.get(panel(html, "waiting")[1]).context["cl"].result_list) == [waiting]
    assert [a.pk for a in client.get(panel(html, "changes")[1]).context["cl"].result_list] == [live.pk]


def test_whoever_handles_feedback_sees_the_overdue_and_open_items(reviewer, writer):
    today = timezone.localdate()
    FeedbackFactory(status="new", due_on=today - timedelta(days=1))
    FeedbackFactory(status="in_progress", due_on=today + timedelta(days=3), assignee=reviewer)
    FeedbackFactory(status="answered", due_on=today - timedelta(days=5), answer="Đã trả lời.")
    client, html = home(reviewer)
    assert panel(html, "feedback-overdue")[0] == 1
    assert panel(html, "feedback-open")[0] == 2
    assert panel(html, "feedback-mine")[0] == 1
    for key, expected in [("feedback-overdue", 1), ("feedback-open", 2), ("feedback-mine", 1)]:
        assert client.get(panel(html, key)[1]).context["cl"].result_count == expected, key
    _client, journalist_home = home(writer)
    assert panel(journalist_home, "feedback-overdue") is None
