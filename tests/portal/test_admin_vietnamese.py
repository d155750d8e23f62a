"""No English in any admin page a Vietnamese staff member can open, whatever their role.

Every page is walked as each role sees it, with the demo content: the home page, every app's page,
every list (with its filters and counts shown), the add form (empty, then sent back with its
errors), the change form, the history and the delete confirmation of one object of every
registered model, and the portal's own pages (revisions, the menu screen, the statistics
dashboard, the password change); the sign-in steps too. Each page is read as a person reads it
(tests/portal/english.py) and must contain no word of the catalogues' English that no Vietnamese
translation uses, nor an internal name (opened_version, PORTAL_MONITORING_SCRIPT_HOSTS).
"""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts import twofactor
from articles import workflow
from articles.models import Article
from tests.accounts.signin import LOGIN, code_step, password_step
from tests.articles.admin_form import form_data
from tests.factories import (
    UserFactory,
    VerifiedClient,
    administrator,
    authenticator,
    editor,
    journalist,
    totp_code,
)
from tests.portal.english import english_in

pytestmark = pytest.mark.django_db

User = get_user_model()


def admin_url(name, *args):
    try:
        return reverse(f"admin:{name}", args=args)
    except NoReverseMatch:
        return None


def request_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def pages_of(user):
    """(url, method) of every admin page `user` may open, as the admin itself decides."""
    request = request_for(user)
    pages = [("/admin/", "get"), (reverse("admin:password_change"), "get")]
    apps = set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        if not model_admin.has_module_permission(request):
            continue
        if not (
            model_admin.has_view_or_change_permission(request) or model_admin.has_add_permission(request)
        ):
            continue
        apps.add(opts.app_label)
        changelist = admin_url(f"{prefix}_changelist")
        if changelist and model_admin.has_view_or_change_permission(request):
            pages += [(changelist, "get"), (f"{changelist}?_facets=1", "get")]
            if model_admin.search_fields:
                pages.append((f"{changelist}?q=khongcogicaxyz", "get"))
        if model_admin.has_add_permission(request) and (add := admin_url(f"{prefix}_add")):
            pages += [(add, "get"), (add, f"post {opts.model_name}_form")]
        obj = model_admin.get_queryset(request).first()
        if obj is None:
            continue
        if model_admin.has_view_or_change_permission(request, obj) and (
            change := admin_url(f"{prefix}_change", obj.pk)
        ):
            pages += [(change, "get"), (admin_url(f"{prefix}_history", obj.pk), "get")]
        if model_admin.has_delete_permission(request, obj) and (
            delete := admin_url(f"{prefix}_delete", obj.pk)
        ):
            pages.append((delete, "get"))
    pages += [(reverse("admin:app_list", args=[app]), "get") for app in sorted(apps)]
    return pages


def findings(client, pages):
    found = {}
    for url, method in pages:
        if method == "get":
            response = client.get(url)
        else:
            # The empty form sent as a browser sends it: back with its errors ("Hãy sửa các lỗi…").
            response = client.post(url, form_data(client.get(url), form_id=method.split()[1]))
        if response.status_code in {301, 302}:
            continue
        assert response.status_code in {200, 403}, (method, url, response.status_code)  # 403: read too
        if english := english_in(response.content.decode()):
            found[f"{method.upper()} {url}"] = english
    return found


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo content of `make run`, with what it leaves empty: the workflow log, a lockout.

    Made once for the tests of the class (load_demo_data takes seconds) and rolled back after them;
    each test runs in a transaction of its own inside, rolled back too, as pytest-django's always are.
    """
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock(), transaction.atomic():
        for variable in ("DEMO_ADMIN_PASSWORD", "DEMO_EDITOR_PASSWORD", "DEMO_JOURNALIST_PASSWORD"):
            patch.setenv(variable, "mat-khau-thu-nghiem")
        yield demo_content()
        transaction.set_rollback(True)


def demo_content():
    call_command("load_demo_data", verbosity=0)
    people = {name: User.objects.get(username=name) for name in ("phongvien", "bientap", "admin")}
    draft = Article.objects.filter(status=Article.Status.DRAFT).first()
    workflow.article_submit(article=draft, user=people["phongvien"])
    workflow.article_reject(article=draft, user=people["bientap"], comment="Cần thêm ảnh.")
    live = Article.objects.published().first()
    live.title = f"{live.title} (đã sửa)"
    workflow.change_hold(article=live, user=people["phongvien"])
    AccessAttempt.objects.create(
        username="phongvien", ip_address="10.0.0.1", user_agent="Chromium", failures_since_start=3
    )
    AccessFailureLog.objects.create(username="phongvien", ip_address="10.0.0.1", user_agent="Chromium")
    AccessLog.objects.create(username="bientap", ip_address="10.0.0.2", user_agent="Chromium")
    people["quantri"] = administrator(username="quantri", first_name="Văn Bình", last_name="Phạm")
    return people


class TestWithTheDemoContent:
    """Every admin page, with the demo content in it."""

    def test_no_admin_page_of_any_role_shows_english(self, demo):
        found = {}
        for name in ("phongvien", "bientap", "quantri", "admin"):
            client = VerifiedClient()
            client.force_login(demo[name])
            pages = pages_of(demo[name])
            article = Article.objects.filter(created_by=demo["phongvien"]).first()
            pages += [
                (reverse("admin:articles_article_revisions", args=[article.pk]), "get"),
                (reverse("admin:frame_mainmenu_changelist"), "get"),
                (reverse("admin:stats_dailystats_changelist"), "get"),
            ]
            assert len(pages) > 10
            found |= {f"{name}: {page}": words for page, words in findings(client, pages).items()}
        # One line per word, with the first page that shows it: what to translate.
        by_word = {}
        for page, words in found.items():
            for word in words:
                by_word.setdefault(word, page)
        assert not by_word, "English shown:\n" + "\n".join(f"  {w}: {p}" for w, p in sorted(by_word.items()))

    def test_the_article_list_actions_and_a_delete_confirmation_are_vietnamese(self, demo):
        client = VerifiedClient()
        client.force_login(demo["bientap"])
        changelist = reverse("admin:articles_article_changelist")
        article = Article.objects.first()
        confirmation = client.post(
            changelist, {"action": "delete_selected", "_selected_action": [article.pk]}
        )
        assert confirmation.status_code == 200
        assert english_in(confirmation.content.decode()) == []
        assert "Bạn chắc chắn muốn xóa" in confirmation.content.decode()


def test_the_sign_in_steps_are_vietnamese(db):
    newcomer = editor(username="bientapmoi")
    found = {}
    anonymous = VerifiedClient()
    found["login"] = english_in(anonymous.get(LOGIN).content.decode())
    found["wrong password"] = english_in(
        password_step(anonymous, "bientapmoi", "sai-mat-khau").content.decode()
    )
    # The enrolment, then the recovery codes.
    assert password_step(anonymous, "bientapmoi")["Location"] == reverse("accounts:enrol")
    found["enrol"] = english_in(anonymous.get(reverse("accounts:enrol")).content.decode())
    found["wrong first code"] = english_in(
        anonymous.post(reverse("accounts:enrol"), {"code": "000000"}).content.decode()
    )
    # The code step of someone enrolled.
    enrolled = journalist(username="phongvienmoi")
    device = authenticator(enrolled)
    twofactor.recovery_codes_replace(enrolled)
    client = VerifiedClient()
    password_step(client, "phongvienmoi")
    found["code"] = english_in(client.get(reverse("accounts:code")).content.decode())
    found["wrong code"] = english_in(code_step(client, "123").content.decode())
    assert code_step(client, totp_code(device)).status_code == 302
    found["logged out"] = english_in(client.post(reverse("admin:logout")).content.decode())
    assert newcomer.pk and all(not words for words in found.values()), found


def test_the_lockout_page_is_vietnamese(db, settings):
    UserFactory(username="khoa", is_staff=True)
    client = VerifiedClient()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = password_step(client, "khoa", "sai-mat-khau")
    assert response.status_code == 429
    assert english_in(response.content.decode()) == []
    assert timezone.now()


def test_the_reader_counts_interface_english_but_not_content_marked_as_english():
    interface = '<div class="form-row field-name"><p>Please correct the errors below.</p></div>'
    assert "correct" in english_in(interface)
    content = (
        '<div class="form-row field-functions_en"><div class="readonly"><p>Advises the committee'
        '</p></div></div><p lang="en">Provincial People\'s Committee</p><p>Show counts</p>'
    )
    assert english_in(content) == ["Show", "counts"]
