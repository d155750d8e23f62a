"""Edits to a published article wait for review (Wagtail's draft of a live page): readers keep the
approved text, its address and its view count, until an editor publishes the change."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import workflow
from articles.models import Article, ArticleEvent, ArticleRevision, Tag, Topic
from tests.articles.admin_form import form_data
from tests.factories import ArticleFactory, VerifiedClient, editor, image_file, journalist

pytestmark = pytest.mark.django_db
Status = Article.Status
Review = ArticleRevision.Review


@pytest.fixture
def writer():
    return journalist(username="phongvien", first_name="Như Thuỷ", last_name="Lê")


@pytest.fixture
def reviewer():
    return editor(username="bientap", first_name="Minh Hằng", last_name="Trần")


@pytest.fixture
def live(writer):
    article = ArticleFactory(
        created_by=writer, title="Bản đã duyệt", body="<p>Nội dung đã duyệt.</p>", view_count=171
    )
    workflow.revision_create(article=article, user=writer)
    return article


def client_for(user):
    client = VerifiedClient()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def save(client, article, **changes):
    return client.post(change_url(article), form_data(client.get(change_url(article)), **changes))


def test_a_journalists_edit_of_a_live_article_waits_and_readers_keep_the_approved_text(client, writer, live):
    address = live.get_absolute_url()
    response = save(client_for(writer), live, title="Bản sửa", body="<p>Nội dung mới.</p>")
    assert response.status_code == 302
    live.refresh_from_db()
    assert (live.title, live.body, live.view_count, live.get_absolute_url()) == (
        "Bản đã duyệt",
        "<p>Nội dung đã duyệt.</p>",
        171,
        address,
    )
    change = live.open_change()
    assert (change.title, change.body, change.review, change.created_by) == (
        "Bản sửa",
        "<p>Nội dung mới.</p>",
        Review.PENDING,
        writer,
    )
    page = client.get(address).content.decode()
    assert "Bản đã duyệt" in page and "Bản sửa" not in page
    assert live.events.first().action == ArticleEvent.Action.CHANGE_SUBMIT


def test_the_form_opens_on_the_waiting_change_and_the_editor_sees_what_it_changes(writer, reviewer, live):
    save(client_for(writer), live, body="<p>Nội dung mới.</p>")
    page = client_for(reviewer).get(change_url(live)).content.decode()
    assert "đang chờ duyệt" in page  # "A change by … is waiting for review"
    assert "<del>Nội dung đã duyệt.</del>" in page and "<ins>Nội dung mới.</ins>" in page
    assert 'value="publish_change"' in page and 'value="reject_change"' in page
    assert form_data(client_for(writer).get(change_url(live)))["body"] == "<p>Nội dung mới.</p>"


def test_an_editor_publishes_the_change_and_the_address_and_view_count_stay(
    client, writer, reviewer, live, mailoutbox
):
    save(client_for(writer), live, title="Bản sửa", body="<p>Nội dung mới.</p>")
    address = live.get_absolute_url()
    with_editor = client_for(reviewer)
    response = with_editor.post(
        change_url(live), form_data(with_editor.get(change_url(live)), _workflow="publish_change")
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert (live.title, live.body, live.view_count, live.get_absolute_url(), live.status) == (
        "Bản sửa",
        "<p>Nội dung mới.</p>",
        171,
        address,
        Status.PUBLISHED,
    )
    assert live.open_change() is None
    assert live.events.first().action == ArticleEvent.Action.CHANGE_PUBLISH
    assert "Bản sửa" in client.get(address).content.decode()


def test_an_editor_sends_the_change_back_with_a_comment_and_its_author_fixes_it(
    writer, reviewer, live, mailoutbox, django_capture_on_commit_callbacks
):
    save(client_for(writer), live, title="Bản sửa sai")
    with_editor = client_for(reviewer)
    data = form_data(
        with_editor.get(change_url(live)), _workflow="reject_change", review_comment="Sai tên xã."
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert with_editor.post(change_url(live), data).status_code == 302
    live.refresh_from_db()
    assert live.title == "Bản đã duyệt"
    assert live.open_change().review == Review.REJECTED
    assert mailoutbox[-1].to == [writer.email] and "Sai tên xã." in mailoutbox[-1].body
    page = client_for(writer).get(change_url(live)).content.decode()
    assert "Sai tên xã." in page and 'value="Bản sửa sai"' in page
    save(client_for(writer), live, title="Bản sửa đúng")
    live.refresh_from_db()
    assert (live.title, live.open_change().title, live.open_change().review) == (
        "Bản đã duyệt",
        "Bản sửa đúng",
        Review.PENDING,
    )
    assert live.revisions.filter(review=Review.SUPERSEDED).count() == 1


def test_rejecting_a_change_needs_a_comment(writer, reviewer, live):
    save(client_for(writer), live, title="Bản sửa")
    with_editor = client_for(reviewer)
    data = form_data(with_editor.get(change_url(live)), _workflow="reject_change", review_comment=" ")
    assert with_editor.post(change_url(live), data).status_code == 200
    assert live.open_change().review == Review.PENDING


def test_an_editors_own_edit_waits_unless_they_publish_it_at_once(reviewer, live):
    with_editor = client_for(reviewer)
    save(with_editor, live, title="Sửa của biên tập viên")
    live.refresh_from_db()
    assert live.title == "Bản đã duyệt" and live.open_change().title == "Sửa của biên tập viên"
    response = with_editor.post(
        change_url(live),
        form_data(with_editor.get(change_url(live)), title="Sửa ngay", _workflow="publish_change"),
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "Sửa ngay" and live.open_change() is None
    assert live.revisions.filter(review=Review.SUPERSEDED).count() == 1


def test_publishing_fields_apply_at_once_and_a_save_without_content_changes_holds_nothing(reviewer, live):
    save(client_for(reviewer), live, featured="on")
    live.refresh_from_db()
    assert live.featured and live.open_change() is None


def test_topics_tags_and_the_cover_wait_with_the_text(writer, reviewer, live):
    topic, tag = Topic.objects.create(name="Chuyển đổi số"), Tag.objects.create(name="OCOP")
    client = client_for(writer)
    data = form_data(
        client.get(change_url(live)), topics=[str(topic.pk)], tags=[str(tag.pk)], cover_alt="Ảnh mới"
    )
    assert client.post(change_url(live), {**data, "cover": image_file()}).status_code == 302
    live.refresh_from_db()
    assert not live.topics.exists() and not live.tags.exists() and not live.cover
    workflow.change_publish(article=live, user=reviewer)
    live.refresh_from_db()
    assert list(live.topics.all()) == [topic] and list(live.tags.all()) == [tag]
    assert live.cover and live.cover_alt == "Ảnh mới"


def test_restoring_a_revision_of_a_live_article_is_a_change_waiting_for_review(writer, live):
    first = live.revisions.get()
    live.title = "Bản hai"
    live.save()
    workflow.revision_create(article=live, user=writer)
    response = client_for(writer).post(
        reverse("admin:articles_article_revision_restore", args=[live.pk, first.number])
    )
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.title == "Bản hai" and live.open_change().title == "Bản đã duyệt"


# Crafted requests ------------------------------------------------------------------------------------


def test_a_journalist_cannot_publish_their_change_with_a_crafted_button(writer, live):
    client = client_for(writer)
    data = form_data(client.get(change_url(live)), title="Tự xuất bản", _workflow="publish_change")
    response = client.post(change_url(live), data)
    assert response.status_code == 200
    live.refresh_from_db()
    assert live.title == "Bản đã duyệt" and live.open_change() is None
    with pytest.raises(PermissionDenied):
        workflow.change_publish(article=live, user=writer)


@pytest.mark.parametrize("action", ["publish_change", "reject_change", "unpublish"])
def test_a_journalist_crafting_a_change_decision_is_refused(writer, live, action):
    save(client_for(writer), live, title="Bản sửa")
    client = client_for(writer)
    data = form_data(client.get(change_url(live)), _workflow=action, review_comment="x")
    assert client.post(change_url(live), data).status_code == 200
    live.refresh_from_db()
    assert (live.title, live.status, live.open_change().review) == (
        "Bản đã duyệt",
        Status.PUBLISHED,
        Review.PENDING,
    )


def test_a_journalist_may_not_change_the_address_of_a_live_article(writer, live):
    save(client_for(writer), live, slug="dia-chi-moi", title="Bản sửa")
    live.refresh_from_db()
    assert live.slug != "dia-chi-moi"


def test_another_journalists_live_article_stays_read_only(live):
    other = journalist(username="phongvien2")
    client = client_for(other)
    response = client.post(change_url(live), {"title": "Chen ngang", "category": live.category_id})
    assert response.status_code in {302, 403}
    live.refresh_from_db()
    assert live.title == "Bản đã duyệt" and live.open_change() is None


def test_editors_hear_of_a_change_and_its_author_of_the_decision(
    writer, reviewer, live, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save(client_for(writer), live, title="Bản sửa")
    assert mailoutbox[-1].to == [reviewer.email] and "Bản sửa chờ duyệt" in mailoutbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        workflow.change_publish(article=live, user=reviewer)
    assert mailoutbox[-1].to == [writer.email] and "đã được xuất bản" in mailoutbox[-1].subject


def test_the_editors_list_puts_a_waiting_change_in_the_queue(writer, reviewer, live):
    ArticleFactory(title="Bài khác")
    save(client_for(writer), live, title="Bản sửa")
    response = client_for(reviewer).get(reverse("admin:articles_article_changelist"))
    assert response.context["cl"].result_list[0] == live
    assert "Có bản sửa chờ duyệt" in response.content.decode()
    only_changes = client_for(reviewer).get(
        reverse("admin:articles_article_changelist"), {"change": "pending"}
    )
    assert list(only_changes.context["cl"].result_list) == [live]
