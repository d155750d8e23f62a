"""No public or journalist request reaches another role's data.

Three requesters who must see none of it: an anonymous reader, a logged-in user who is not staff, and
a journalist (group Phóng viên) who did not write the articles. The data: another journalist's
unpublished articles in every state, a reader's feedback with personal data, the visit statistics.
Every response is checked twice: its status (404, 403, or a redirect to the login page) and that no
secret text appears anywhere in its body.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    DailyStatsFactory,
    FeedbackFactory,
    UserFactory,
    VerifiedClient,
    journalist,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
SECRET_TITLE = "Bản nháp mật ZQX"
SECRET_BODY = "Nội dung mật ZQX-BODY"
SECRET_EMAIL = "nguoigui.zqx@example.com"
SECRET_PHONE = "0912777555"
SECRET_MESSAGE = "Thư riêng ZQX-MESSAGE"
SECRET_VISITS = 987_654_321
SECRETS = [SECRET_TITLE, SECRET_BODY, "ZQX", SECRET_EMAIL, SECRET_PHONE, SECRET_MESSAGE, "987654321"]
LOGIN = reverse("admin:login")


@pytest.fixture
def world():
    """Another journalist's articles that the public must not see, a reader's feedback, statistics."""
    author = journalist(username="tacgia")
    category = CategoryFactory(name="Tin trong tỉnh", slug="tin-trong-tinh")
    ArticleFactory(title="Bài đã đăng", category=category, created_by=author)
    unpublished = [
        ArticleFactory(
            title=f"{SECRET_TITLE} {status}",
            slug=f"ban-nhap-mat-{status}",
            body=f"<p>{SECRET_BODY}</p>",
            summary=SECRET_BODY,
            category=category,
            created_by=author,
            status=status,
        )
        for status in (Status.DRAFT, Status.PENDING, Status.UNPUBLISHED, Status.REJECTED)
    ]
    unpublished.append(
        ArticleFactory(
            title=f"{SECRET_TITLE} hẹn giờ",
            slug="ban-nhap-mat-hen-gio",
            body=f"<p>{SECRET_BODY}</p>",
            category=category,
            created_by=author,
            published_at=timezone.now() + timedelta(days=1),
        )
    )
    feedback = FeedbackFactory(email=SECRET_EMAIL, phone=SECRET_PHONE, message=SECRET_MESSAGE)
    DailyStatsFactory(visits=SECRET_VISITS, page_views=SECRET_VISITS)
    return {"articles": unpublished, "category": category, "feedback": feedback}


def requesters():
    """Client for each requester that must see nothing (built inside a test: users are rows)."""
    reader = UserFactory(username="docgia", is_staff=False)
    other_journalist = journalist(username="phongvienkhac")
    clients = {"anonymous": Client()}
    for name, user in (("non_staff", reader), ("other_journalist", other_journalist)):
        clients[name] = VerifiedClient()
        clients[name].force_login(user)
    return clients


def assert_nothing_secret(response, described):
    body = b"".join(response) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} in {described} ({response.status_code})"


def assert_refused(response, described, *, staff):
    """Refused: 404, 403, or — for a requester the admin does not know as staff — off to the login."""
    if staff:
        assert response.status_code in (302, 403, 404), described
        if response.status_code == 302:
            # The admin's "does not exist or was deleted": back to its index, nothing shown.
            assert not response["Location"].startswith(LOGIN), described
    else:
        assert response.status_code in (302, 404), described
        if response.status_code == 302:
            assert response["Location"].startswith(LOGIN), described
    assert_nothing_secret(response, described)


def test_unpublished_articles_of_others_are_unreachable(world):
    for name, client in requesters().items():
        staff = name == "other_journalist"
        for article in world["articles"]:
            for url in (
                article.get_absolute_url(),
                reverse("admin:articles_article_change", args=[article.pk]),
                reverse("admin:articles_article_history", args=[article.pk]),
                reverse("admin:articles_article_revisions", args=[article.pk]),
                reverse("admin:articles_article_delete", args=[article.pk]),
            ):
                assert_refused(client.get(url), f"{name} GET {url}", staff=staff)


def test_lists_feeds_sitemap_and_search_never_show_unpublished_articles(world):
    category = world["category"]
    public = [
        "/",
        category.get_absolute_url(),
        reverse("articles:feed"),
        reverse("articles:category_feed", kwargs={"slug": category.slug}),
        reverse("frame:sitemap"),
        # Words of the secret titles and bodies (not the markers: a search page repeats its query).
        f"{reverse('search:search')}?q=nháp+mật",
        f"{reverse('search:search')}?q=nội+dung",
    ]
    for name, client in requesters().items():
        for url in public:
            response = client.get(url)
            assert response.status_code == 200, f"{name} GET {url}"
            assert_nothing_secret(response, f"{name} GET {url}")
        if name == "other_journalist":
            # The admin list, searched for the secret: the journalist's own articles only.
            url = f"{reverse('admin:articles_article_changelist')}?q=nháp+mật"
            response = client.get(url)
            assert response.status_code == 200
            assert_nothing_secret(response, f"{name} GET {url}")


def test_feedback_personal_data_is_unreachable(world):
    feedback = world["feedback"]
    changelist = reverse("admin:feedback_feedback_changelist")
    for name, client in requesters().items():
        staff = name == "other_journalist"
        for url in (
            changelist,
            f"{changelist}?q=nguoigui",
            reverse("admin:feedback_feedback_change", args=[feedback.pk]),
            reverse("admin:feedback_feedback_history", args=[feedback.pk]),
        ):
            response = client.get(url)
            assert response.status_code == (403 if staff else 302), f"{name} GET {url}"
            assert_nothing_secret(response, f"{name} GET {url}")
        export = {"action": "export_csv", "_selected_action": [feedback.pk]}
        response = client.post(changelist, export)
        assert response.status_code == (403 if staff else 302), f"{name} export"
        assert_nothing_secret(response, f"{name} export")
        # The public lookup, with the right code and someone else's address: the same "not found".
        response = client.post(
            reverse("feedback:lookup"), {"code": feedback.code, "email": "khac@example.com"}
        )
        assert response.status_code == 200
        assert_nothing_secret(response, f"{name} lookup with a wrong email")
        response = client.get(f"{reverse('feedback:answers')}?q=riêng")
        assert_nothing_secret(response, f"{name} Q&A")


def test_the_statistics_dashboard_and_its_csv_are_for_editors_and_administrators_only(world):
    """Readers and other users are sent to the login page; a journalist is refused (stats/admin.py)."""
    clients = requesters()
    for name in ("anonymous", "non_staff", "other_journalist"):
        for url in (
            reverse("admin:stats_dailystats_changelist"),
            reverse("admin:stats_dailystats_export"),
            f"{reverse('admin:stats_dailystats_export')}?days=365",
        ):
            response = clients[name].get(url)
            staff = name == "other_journalist"
            assert_refused(response, f"{name} GET {url}", staff=staff)
            assert response.status_code == (403 if staff else 302)
