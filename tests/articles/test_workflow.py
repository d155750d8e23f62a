"""Roles × actions, through the admin (real forms) and through crafted requests."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleEvent, Category
from tests.articles.admin_form import form_data
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    UserFactory,
    VerifiedClient,
    administrator,
    editor,
    journalist,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
ADD = reverse("admin:articles_article_add")
CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def one_of_each_role(**journalist_name):
    """A journalist (named as given), another one, an editor, an administrator, a reader without staff
    rights, and no one (anonymous): the people of the workflow tests, here and for documents."""
    return {
        "journalist": journalist(username="phongvien", **journalist_name),
        "other_journalist": journalist(username="phongvien2"),
        "editor": editor(username="bientap"),
        "administrator": administrator(username="quantri"),
        "non_staff": UserFactory(username="docgia", is_staff=False),
        "anonymous": None,
    }


@pytest.fixture
def people():
    return one_of_each_role(first_name="Thuỷ", last_name="Lê")


def client_for(user):
    client = VerifiedClient()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def category():
    return CategoryFactory(name="Tin trong tỉnh")


def article_of(owner, status, **kwargs):
    return ArticleFactory(created_by=owner, status=status, **kwargs)


def post_form(client, article, **changes):
    """Open the article's change form and post it back with some changes, as a person would."""
    page = client.get(change_url(article))
    if page.status_code != 200:
        return page
    return client.post(change_url(article), form_data(page, **changes))


ROLES = ["journalist", "editor", "administrator", "non_staff", "anonymous"]


def allowed(expected, role):
    return role in expected


# Through the admin ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_an_article(people, category, role):
    client = client_for(people[role])
    page = client.get(ADD)
    if role in {"non_staff", "anonymous"}:
        assert page.status_code == 302 and "/login/" in page.url
        response = client.post(ADD, {"title": "Bài mới", "category": category.pk})
        assert response.status_code == 302 and "/login/" in response.url
        assert not Article.objects.exists()
        return
    data = form_data(page, title="Bài mới", category=str(category.pk), body="<p>Nội dung.</p>")
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.created_by == people[role]
    assert article.revisions.count() == 1


@pytest.mark.parametrize(
    "role, owner, status, outcome",
    [
        ("journalist", "journalist", Status.DRAFT, "saved"),
        ("journalist", "other_journalist", Status.DRAFT, "refused"),
        ("journalist", "journalist", Status.REJECTED, "saved"),
        ("journalist", "journalist", Status.PENDING, "refused"),
        # A published article's edit waits for an editor's review (articles.workflow.change_hold).
        ("journalist", "journalist", Status.PUBLISHED, "held"),
        ("journalist", "other_journalist", Status.PUBLISHED, "refused"),
        ("journalist", "journalist", Status.UNPUBLISHED, "refused"),
        ("editor", "journalist", Status.DRAFT, "saved"),
        ("editor", "journalist", Status.PENDING, "saved"),
        ("editor", "journalist", Status.PUBLISHED, "held"),
        ("editor", "journalist", Status.UNPUBLISHED, "saved"),
        ("administrator", "journalist", Status.PUBLISHED, "held"),
        ("non_staff", "non_staff", Status.DRAFT, "refused"),
        ("anonymous", "journalist", Status.DRAFT, "refused"),
    ],
)
def test_who_may_edit_which_article_in_the_admin(people, role, owner, status, outcome):
    article = article_of(people[owner], status, title="Tiêu đề cũ")
    client = client_for(people[role])
    if outcome in {"saved", "held"}:
        response = post_form(client, article, title="Tiêu đề mới")
        assert response.status_code == 302, response.context["adminform"].form.errors
        article.refresh_from_db()
        if outcome == "saved":
            assert article.title == "Tiêu đề mới"
            assert article.open_change() is None
        else:
            assert article.title == "Tiêu đề cũ"  # what readers read
            assert article.open_change().title == "Tiêu đề mới"
            assert article.events.first().action == ArticleEvent.Action.CHANGE_SUBMIT
        return
    # The page is refused or read-only, and a post built by hand changes nothing.
    page = client.get(change_url(article))
    assert page.status_code in {200, 302, 403}
    if page.status_code == 200:
        assert 'name="_save"' not in page.content.decode()
    response = client.post(change_url(article), {"title": "Tiêu đề mới", "category": article.category_id})
    assert response.status_code in {302, 403}
    article.refresh_from_db()
    assert article.title == "Tiêu đề cũ"
    assert article.status == status


def test_a_rejected_article_edited_by_its_author_is_a_draft_again(people):
    article = article_of(people["journalist"], Status.REJECTED)
    post_form(client_for(people["journalist"]), article, title="Đã sửa")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.events.first().action == ArticleEvent.Action.REDRAFT


# (role, action, starting status, expected status when allowed)
TRANSITIONS = [
    ("submit", Status.DRAFT, Status.PENDING, {"journalist", "editor", "administrator"}),
    ("submit", Status.REJECTED, Status.PENDING, {"journalist", "editor", "administrator"}),
    ("approve", Status.PENDING, Status.PUBLISHED, {"editor", "administrator"}),
    ("approve", Status.DRAFT, Status.PUBLISHED, {"editor", "administrator"}),
    ("reject", Status.PENDING, Status.REJECTED, {"editor", "administrator"}),
    ("unpublish", Status.PUBLISHED, Status.UNPUBLISHED, {"editor", "administrator"}),
]


@pytest.mark.parametrize("role", ["journalist", "editor", "administrator"])
@pytest.mark.parametrize("action, start, end, roles", TRANSITIONS)
def test_the_workflow_buttons_do_only_what_the_role_may(people, role, action, start, end, roles):
    article = article_of(people["journalist"], start)
    client = client_for(people[role])
    page = client.get(change_url(article))
    offered = (
        f'name="_workflow" value="{action}"' in page.content.decode() if page.status_code == 200 else False
    )
    assert offered == (role in roles)
    changes = {"_workflow": action, "review_comment": "Cần bổ sung số liệu."}
    data = form_data(page, **changes) if page.status_code == 200 else changes
    response = client.post(change_url(article), data)
    assert response.status_code in {200, 302, 403}
    article.refresh_from_db()
    if role in roles:
        assert response.status_code == 302
        assert article.status == end
        event = article.events.first()
        assert (event.from_status, event.to_status, event.actor) == (start, end, people[role])
    else:
        assert article.status == start
        assert not article.events.exists()


def test_rejecting_without_a_comment_is_refused_and_keeps_the_article_pending(people):
    article = article_of(people["journalist"], Status.PENDING)
    client = client_for(people["editor"])
    data = form_data(client.get(change_url(article)), _workflow="reject", review_comment="  ")
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Hãy nói vì sao" in response.content.decode() or response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.status == Status.PENDING


def test_the_rejection_comment_is_shown_to_the_journalist(people):
    article = article_of(people["journalist"], Status.PENDING)
    workflow.article_reject(article=article, user=people["editor"], comment="Thiếu nguồn <b>ảnh</b>.")
    page = client_for(people["journalist"]).get(change_url(article))
    html = page.content.decode()
    assert "Thiếu nguồn &lt;b&gt;ảnh&lt;/b&gt;." in html
    assert 'value="submit"' in html


def test_an_editor_schedules_by_approving_with_a_future_publish_time(people):
    article = article_of(people["journalist"], Status.PENDING)
    client = client_for(people["editor"])
    future = timezone.localtime() + timedelta(days=2)
    data = form_data(
        client.get(change_url(article)),
        _workflow="approve",
        published_at_0=future.strftime("%d/%m/%Y"),
        published_at_1=future.strftime("%H:%M"),
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_scheduled
    assert article.status_label() == "Đã lên lịch"
    assert article.events.first().action == ArticleEvent.Action.SCHEDULE
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_a_journalist_cannot_schedule_nor_feature(people):
    article = article_of(people["journalist"], Status.DRAFT, published_at=timezone.now())
    client = client_for(people["journalist"])
    page = client.get(change_url(article))
    data = form_data(page, published_at_0="01/01/2031", published_at_1="08:00", featured="on")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.published_at.year != 2031
    assert not article.featured


@pytest.mark.parametrize("role, may", [("journalist", False), ("editor", True), ("administrator", True)])
def test_who_may_manage_categories(people, role, may):
    client = client_for(people[role])
    response = client.post(reverse("admin:articles_category_add"), {"name": "Kinh tế", "order": 0})
    assert (response.status_code == 302) == may
    assert Category.objects.filter(name="Kinh tế").exists() == may


def test_the_editor_list_starts_with_the_review_queue(people):
    old = timezone.now() - timedelta(days=3)
    published = article_of(people["journalist"], Status.PUBLISHED)
    waiting = article_of(people["other_journalist"], Status.PENDING, published_at=old)
    response = client_for(people["editor"]).get(CHANGELIST)
    result = list(response.context["cl"].result_list)
    assert result[0] == waiting
    assert published in result
    assert "Chờ duyệt" in response.content.decode()


def test_the_journalist_list_shows_only_their_own_articles_with_their_status(people):
    own = article_of(people["journalist"], Status.REJECTED)
    article_of(people["other_journalist"], Status.DRAFT)
    response = client_for(people["journalist"]).get(CHANGELIST)
    assert list(response.context["cl"].result_list) == [own]
    assert "Bị trả lại" in response.content.decode()


def test_the_list_actions_are_only_offered_to_publishers(people):
    article = article_of(people["journalist"], Status.PENDING)
    data = {"action": "approve_selected", "_selected_action": [article.pk], "index": 0}
    client_for(people["journalist"]).post(CHANGELIST, data)
    article.refresh_from_db()
    assert article.status == Status.PENDING
    client_for(people["editor"]).post(CHANGELIST, data)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


# Crafted requests ----------------------------------------------------------------------------------


def test_a_crafted_post_setting_status_published_changes_nothing(people):
    article = article_of(people["journalist"], Status.DRAFT)
    client = client_for(people["journalist"])
    data = form_data(client.get(change_url(article)), status="published", title="Vẫn là nháp")
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Vẫn là nháp"
    assert article.status == Status.DRAFT
    assert not Article.objects.published().exists()


def test_a_crafted_post_creating_a_published_article_makes_a_draft(people, category):
    client = client_for(people["journalist"])
    data = form_data(client.get(ADD), title="Bài mới", category=str(category.pk), status="published")
    assert client.post(ADD, data).status_code == 302
    assert Article.objects.get().status == Status.DRAFT


@pytest.mark.parametrize("action", ["approve", "reject", "unpublish", "publish", "nonsense"])
def test_a_journalist_crafting_a_transition_is_refused_without_a_500(people, action):
    article = article_of(people["journalist"], Status.DRAFT, title="Tiêu đề cũ")
    client = client_for(people["journalist"])
    data = form_data(client.get(change_url(article)), _workflow=action, title="Đổi", review_comment="x")
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Bạn không được làm việc này" in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.title) == (Status.DRAFT, "Tiêu đề cũ")


def test_an_editor_cannot_reject_what_is_not_waiting_for_review(people):
    article = article_of(people["journalist"], Status.PUBLISHED)
    client = client_for(people["editor"])
    data = form_data(client.get(change_url(article)), _workflow="reject", review_comment="Sai")
    assert client.post(change_url(article), data).status_code == 200
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


@pytest.mark.parametrize(
    "function, start",
    [
        (workflow.article_approve, Status.PENDING),
        (workflow.article_unpublish, Status.PUBLISHED),
    ],
)
def test_the_service_functions_refuse_a_journalist(people, function, start):
    article = article_of(people["journalist"], start)
    with pytest.raises(PermissionDenied):
        function(article=article, user=people["journalist"])
    article.refresh_from_db()
    assert article.status == start


def test_the_service_functions_refuse_a_journalist_rejecting(people):
    article = article_of(people["other_journalist"], Status.PENDING)
    with pytest.raises(PermissionDenied):
        workflow.article_reject(article=article, user=people["journalist"], comment="Không")


def test_a_journalist_cannot_submit_someone_elses_draft(people):
    article = article_of(people["other_journalist"], Status.DRAFT)
    with pytest.raises(PermissionDenied):
        workflow.article_submit(article=article, user=people["journalist"])


def test_a_transition_from_the_wrong_status_is_refused(people):
    article = article_of(people["journalist"], Status.PUBLISHED)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.article_submit(article=article, user=people["editor"])
    with pytest.raises(ValueError):
        workflow.article_reject(article=article, user=people["editor"], comment="")


def test_a_journalist_cannot_delete_an_article(people):
    article = article_of(people["journalist"], Status.DRAFT)
    client = client_for(people["journalist"])
    response = client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_a_journalist_previews_only_their_own_unpublished_articles(people):
    own = article_of(people["journalist"], Status.PENDING)
    other = article_of(people["other_journalist"], Status.DRAFT)
    client = client_for(people["journalist"])
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client_for(people["editor"]).get(other.get_absolute_url()).status_code == 200
