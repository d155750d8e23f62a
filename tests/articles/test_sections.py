"""Sections: an editor limited to some categories (and their sub-categories) reviews, publishes and
edits only there, and sees only that queue; outside, they are a journalist. Enforced on the server
for every action, list and count, against crafted requests as in tests/articles/test_workflow.py."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import workflow
from articles.models import Article, ArticleRevision, Section
from tests.articles.admin_form import form_data
from tests.factories import ArticleFactory, CategoryFactory, VerifiedClient, editor, journalist

pytestmark = pytest.mark.django_db
Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def economy():
    return CategoryFactory(name="Kinh tế")


@pytest.fixture
def farming(economy):
    return CategoryFactory(name="Nông nghiệp", parent=economy)


@pytest.fixture
def culture():
    return CategoryFactory(name="Văn hóa - Xã hội")


@pytest.fixture
def writer():
    return journalist(username="phongvien")


@pytest.fixture
def limited(economy):
    """An editor of the economy section (Kinh tế and its sub-categories)."""
    person = editor(username="bientapkt", first_name="Văn Kinh", last_name="Hà")
    Section.objects.create(name="Ban Kinh tế").categories.add(economy)
    Section.objects.get().editors.add(person)
    return person


@pytest.fixture
def unlimited():
    return editor(username="bientap")


def client_for(user):
    client = VerifiedClient()
    client.force_login(user)
    return client


def dashboard_count(html, panel):
    """The count of the admin home page's panel `panel` (templates/admin/articles/dashboard.html)."""
    found = re.search(
        rf'id="dashboard-{panel}">\s*<a href="[^"]*">\s*<span class="dashboard-panel__count">(\d+)<', html
    )
    return int(found.group(1))


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_the_section_covers_its_categories_and_their_sub_categories(limited, economy, farming, culture):
    assert Section.objects.category_ids_for(limited) == {economy.pk, farming.pk}
    assert Section.objects.category_ids_for(editor(username="khac")) is None


def test_a_limited_editor_lists_and_counts_only_their_sections_and_their_own(
    limited, writer, farming, culture
):
    inside = ArticleFactory(created_by=writer, category=farming, status=Status.PENDING)
    ArticleFactory(created_by=writer, category=culture, status=Status.PENDING)
    own_outside = ArticleFactory(created_by=limited, category=culture, status=Status.DRAFT)
    response = client_for(limited).get(CHANGELIST)
    assert set(response.context["cl"].result_list) == {inside, own_outside}
    index = client_for(limited).get(reverse("admin:index")).content.decode()
    assert dashboard_count(index, "waiting") == 1


def test_an_editor_in_no_section_works_everywhere(unlimited, writer, farming, culture):
    for category in (farming, culture):
        article = ArticleFactory(created_by=writer, category=category, status=Status.PENDING)
        workflow.article_approve(article=article, user=unlimited)
    assert Article.objects.published().count() == 2


@pytest.mark.parametrize("category_name, allowed", [("farming", True), ("culture", False)])
@pytest.mark.parametrize(
    "action, start, end",
    [
        ("approve", Status.PENDING, Status.PUBLISHED),
        ("reject", Status.PENDING, Status.REJECTED),
        ("unpublish", Status.PUBLISHED, Status.UNPUBLISHED),
    ],
)
def test_the_workflow_buttons_work_only_in_the_editors_sections(
    request, limited, writer, category_name, allowed, action, start, end
):
    article = ArticleFactory(created_by=writer, category=request.getfixturevalue(category_name), status=start)
    client = client_for(limited)
    page = client.get(change_url(article))
    changes = {"_workflow": action, "review_comment": "Cần sửa."}
    data = form_data(page, **changes) if page.status_code == 200 else changes
    response = client.post(change_url(article), data)
    article.refresh_from_db()
    if allowed:
        assert f'value="{action}"' in page.content.decode()
        assert response.status_code == 302 and article.status == end
    else:
        assert page.status_code == 302  # "no such article" for them: not even its title
        assert article.status == start and not article.events.exists()


@pytest.mark.parametrize(
    "function, start",
    [(workflow.article_approve, Status.PENDING), (workflow.article_unpublish, Status.PUBLISHED)],
)
def test_the_service_functions_refuse_outside_the_section(limited, writer, culture, function, start):
    article = ArticleFactory(created_by=writer, category=culture, status=start)
    with pytest.raises(PermissionDenied):
        function(article=article, user=limited)
    with pytest.raises(PermissionDenied):
        workflow.article_reject(
            article=ArticleFactory(created_by=writer, category=culture, status=Status.PENDING),
            user=limited,
            comment="Không",
        )
    article.refresh_from_db()
    assert article.status == start


def test_a_crafted_edit_outside_the_section_changes_nothing(limited, writer, culture):
    article = ArticleFactory(created_by=writer, category=culture, status=Status.DRAFT, title="Tiêu đề cũ")
    response = client_for(limited).post(change_url(article), {"title": "Đổi", "category": culture.pk})
    assert response.status_code in {302, 403}
    article.refresh_from_db()
    assert article.title == "Tiêu đề cũ"
    assert (
        client_for(limited).get(reverse("admin:articles_article_revisions", args=[article.pk])).status_code
        == 404
    )
    restore = reverse("admin:articles_article_revision_restore", args=[article.pk, 1])
    assert client_for(limited).post(restore).status_code == 404
    delete = reverse("admin:articles_article_delete", args=[article.pk])
    assert client_for(limited).post(delete, {"post": "yes"}).status_code in {302, 403}
    assert Article.objects.filter(pk=article.pk).exists()


def test_a_crafted_list_action_outside_the_section_changes_nothing(limited, writer, farming, culture):
    inside = ArticleFactory(created_by=writer, category=farming, status=Status.PENDING)
    outside = ArticleFactory(created_by=writer, category=culture, status=Status.PENDING)
    data = {"action": "approve_selected", "_selected_action": [inside.pk, outside.pk], "index": 0}
    client_for(limited).post(CHANGELIST, data)
    inside.refresh_from_db()
    outside.refresh_from_db()
    assert (inside.status, outside.status) == (Status.PUBLISHED, Status.PENDING)


def test_a_limited_editor_may_not_move_someone_elses_article_out_of_the_section(
    limited, writer, farming, culture
):
    article = ArticleFactory(created_by=writer, category=farming, status=Status.PENDING)
    client = client_for(limited)
    response = client.post(
        change_url(article), form_data(client.get(change_url(article)), category=str(culture.pk))
    )
    assert response.status_code == 200
    assert "nằm ngoài mảng bạn phụ trách" in response.content.decode()
    article.refresh_from_db()
    assert article.category == farming


def test_outside_the_section_a_limited_editor_is_a_journalist_for_their_own(limited, culture):
    own = ArticleFactory(created_by=limited, category=culture, status=Status.DRAFT)
    workflow.article_submit(article=own, user=limited)
    own.refresh_from_db()
    assert own.status == Status.PENDING
    with pytest.raises(PermissionDenied):
        workflow.article_approve(article=own, user=limited)


def test_previews_changes_and_the_workflow_log_follow_the_section(limited, writer, farming, culture):
    outside = ArticleFactory(created_by=writer, category=culture, status=Status.DRAFT)
    inside = ArticleFactory(created_by=writer, category=farming, status=Status.DRAFT)
    client = client_for(limited)
    assert client.get(outside.get_absolute_url()).status_code == 404
    assert client.get(inside.get_absolute_url()).status_code == 200
    live = ArticleFactory(created_by=writer, category=culture)
    live.title = "Bản sửa"
    workflow.change_hold(article=live, user=writer)
    with pytest.raises(PermissionDenied):
        workflow.change_publish(article=live, user=limited)
    assert Article.objects.get(pk=live.pk).open_change().review == ArticleRevision.Review.PENDING
    workflow.article_submit(article=outside, user=writer)
    workflow.article_submit(article=inside, user=writer)
    log = client.get(reverse("admin:articles_articleevent_changelist"))
    assert {event.article for event in log.context["cl"].result_list} == {inside}


def test_only_the_editors_of_the_section_hear_of_a_submission(
    limited, unlimited, writer, farming, culture, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_submit(
            article=ArticleFactory(created_by=writer, category=culture, status=Status.DRAFT), user=writer
        )
    assert [message.to for message in mailoutbox] == [[unlimited.email]]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_submit(
            article=ArticleFactory(created_by=writer, category=farming, status=Status.DRAFT), user=writer
        )
    assert sorted(mailoutbox[-1].to) == sorted([limited.email, unlimited.email])
