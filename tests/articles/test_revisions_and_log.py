"""Revisions, the concurrent-edit refusal, scheduling without jobs, the audit log and the emails."""

from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import revisions, workflow
from articles.models import Article, ArticleEvent
from articles.revisions import revisions_compare
from tests.articles.admin_form import form_data
from tests.factories import ArticleFactory, VerifiedClient, editor, journalist

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def writer():
    return journalist(username="phongvien", email="phongvien@cong.example")


@pytest.fixture
def reviewer():
    return editor(username="bientap", email="bientap@cong.example")


def logged_in(user):
    client = VerifiedClient()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def revisions_url(article):
    return reverse("admin:articles_article_revisions", args=[article.pk])


def test_every_admin_save_keeps_a_revision_and_the_diff_is_readable_and_escaped(writer):
    article = ArticleFactory(created_by=writer, status=Status.DRAFT, body="<p>Đoạn một.</p>")
    client = logged_in(writer)
    for body in ["<p>Đoạn một.</p><p>Đoạn <b>hai</b>.</p>", "<p>Đoạn một sửa.</p><p>&lt;script&gt;</p>"]:
        client.post(change_url(article), form_data(client.get(change_url(article)), body=body))
    assert list(article.revisions.values_list("number", flat=True)) == [2, 1]
    html = client.get(revisions_url(article), {"a": 1, "b": 2}).content.decode()
    assert "<del>Đoạn hai.</del>" in html
    assert "không đổi" in html  # the title did not change
    assert client.get(revisions_url(article), {"a": "x", "b": "%00"}).status_code == 200
    latest = client.get(revisions_url(article)).content.decode()
    assert "<del>Đoạn một.</del>" in latest and "<ins>Đoạn một sửa.</ins>" in latest
    assert "<ins>&lt;script&gt;</ins>" in latest
    assert "<script>" not in latest.split("</head>")[1]


FIVE_MEGABYTES = 5 * 1024 * 1024


def paragraphs(count, seed):
    return "".join(f"<p>Đoạn {number} ({seed}): {'chữ &amp; số ' * 60}</p>" for number in range(count))


def compared_in_bounds(old_body, new_body):
    """The body's comparison, with the work it did: difflib (quadratic at worst) must only ever see
    what is left once the shared start and end are set aside, at most MAX_CHANGED_LINES paragraphs.
    (The time this takes is measured, not asserted: about 0.1-0.45 s for two 5 MB bodies here.)"""
    old, new = (
        SimpleNamespace(title="T", summary="", body=old_body),
        SimpleNamespace(title="T", summary="", body=new_body),
    )
    compared = []
    matcher = revisions.difflib.SequenceMatcher

    def recorded(*args, a, b, **kwargs):
        # Checked before difflib runs: past the bound it could run for minutes.
        assert len(a) + len(b) <= revisions.MAX_CHANGED_LINES
        compared.append(len(a) + len(b))
        return matcher(*args, a=a, b=b, **kwargs)

    with mock.patch.object(revisions.difflib, "SequenceMatcher", recorded):
        _title, _summary, body = revisions_compare(old, new)
    return body, compared


def test_a_five_megabyte_body_with_one_paragraph_edited_compares_only_that_paragraph_showing_the_change():
    old = paragraphs(FIVE_MEGABYTES // 730, "a")
    assert len(old.encode()) > FIVE_MEGABYTES
    body, compared = compared_in_bounds(old, old.replace("<p>Đoạn 3500 (a)", "<p>Đoạn 3500 (sửa)", 1))
    assert compared[-1] == 2  # the body's, last: the one paragraph on each side
    assert body.changed and not body.too_large
    assert [kind for kind, _ in body.rows] == [
        "skipped",
        *["same"] * 3,
        "removed",
        "added",
        *["same"] * 3,
        "skipped",
    ]
    assert body.rows[5][1].startswith("Đoạn 3500 (sửa): chữ & số")  # unescaped for reading
    assert body.rows[0] == ("skipped", 3497)


@pytest.mark.parametrize(
    "new_body",
    [
        pytest.param(paragraphs(FIVE_MEGABYTES // 730, "b"), id="rewritten"),
        # difflib's worst case: a few paragraphs repeated in another order.
        pytest.param(
            "".join(("<p>a</p>", "<p>b</p>")[number % 3 == 0] for number in range(655_360)), id="repeated"
        ),
        pytest.param("<p>" + "&lt;" * (FIVE_MEGABYTES // 4) + "</p>", id="one-huge-paragraph"),
    ],
)
def test_a_five_megabyte_body_changed_throughout_is_declared_too_large_without_comparing_it(new_body):
    old = "".join(("<p>a</p>", "<p>b</p>")[number % 2] for number in range(655_360))
    body, compared = compared_in_bounds(old, new_body)
    assert body.changed and body.too_large and body.rows == []
    assert sum(compared) == 0  # difflib never saw a paragraph of it (the title and summary are equal)


def test_the_revisions_page_says_when_a_body_is_too_large_to_compare(writer, monkeypatch):
    article = ArticleFactory(created_by=writer, status=Status.DRAFT, body=paragraphs(20, "a"))
    workflow.revision_create(article=article, user=writer)
    article.body = paragraphs(20, "b")
    article.save()
    workflow.revision_create(article=article, user=writer)
    monkeypatch.setattr("articles.revisions.MAX_CHANGED_LINES", 10)
    html = logged_in(writer).get(revisions_url(article)).content.decode()
    assert "quá lớn để so sánh" in html
    monkeypatch.setattr("articles.revisions.MAX_CHANGED_LINES", 3000)
    article.body = paragraphs(20, "b").replace("Đoạn 10 (b)", "Đoạn mười (b)")
    article.save()
    workflow.revision_create(article=article, user=writer)
    html = logged_in(writer).get(revisions_url(article)).content.decode()
    assert "7 đoạn không đổi" in html and "<ins>Đoạn mười (b)" in html


def test_restoring_a_revision_creates_a_new_one_and_logs_it(writer):
    article = ArticleFactory(created_by=writer, status=Status.DRAFT, title="Bản đầu")
    workflow.revision_create(article=article, user=writer)
    article.title = "Bản hai"
    article.save()
    workflow.revision_create(article=article, user=writer)
    client = logged_in(writer)
    restore = reverse("admin:articles_article_revision_restore", args=[article.pk, 1])
    assert client.get(restore).status_code == 405
    response = client.post(restore)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản đầu"
    assert article.revisions.first().number == 3
    assert article.events.first().action == ArticleEvent.Action.RESTORE


def test_revisions_are_hidden_from_who_cannot_edit_the_article(writer, reviewer):
    other = journalist(username="phongvien2")
    article = ArticleFactory(created_by=other, status=Status.DRAFT)
    workflow.revision_create(article=article, user=other)
    client = logged_in(writer)
    assert client.get(revisions_url(article)).status_code in {302, 404}
    restore = reverse("admin:articles_article_revision_restore", args=[article.pk, 1])
    assert client.post(restore).status_code in {302, 404}
    assert logged_in(reviewer).get(revisions_url(article)).status_code == 200
    assert Client().get(revisions_url(article)).status_code == 302
    pending = ArticleFactory(created_by=writer, status=Status.PENDING)
    assert client.get(revisions_url(pending)).status_code == 403


def test_the_second_of_two_concurrent_saves_is_refused_and_its_input_shown_back(writer, reviewer):
    article = ArticleFactory(created_by=writer, status=Status.DRAFT, title="Bản gốc")
    first, second = logged_in(writer), logged_in(reviewer)
    first_form = form_data(first.get(change_url(article)), title="Sửa của phóng viên")
    second_form = form_data(second.get(change_url(article)), title="Sửa của biên tập viên")
    assert first.post(change_url(article), first_form).status_code == 302
    response = second.post(change_url(article), second_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bài viết đã được người khác lưu sau khi bạn mở" in html
    assert 'value="Sửa của biên tập viên"' in html
    article.refresh_from_db()
    assert article.title == "Sửa của phóng viên"
    # Saving again, knowingly, replaces the other version.
    again = second.post(change_url(article), form_data(response))
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.title == "Sửa của biên tập viên"


def test_a_transition_since_the_form_was_opened_also_refuses_the_save(writer, reviewer):
    article = ArticleFactory(created_by=writer, status=Status.PENDING)
    client = logged_in(reviewer)
    data = form_data(client.get(change_url(article)), title="Muộn")
    workflow.article_reject(article=article, user=reviewer, comment="Thiếu ảnh")
    assert client.post(change_url(article), data).status_code == 200
    article.refresh_from_db()
    assert article.title != "Muộn"


def test_a_scheduled_article_appears_everywhere_once_its_time_comes_without_any_job(
    client, writer, reviewer, monkeypatch
):
    article = ArticleFactory(
        created_by=writer,
        status=Status.PENDING,
        title="Lịch tiếp công dân tháng 12",
        published_at=timezone.now() + timedelta(days=1),
    )
    workflow.article_approve(article=article, user=reviewer)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.is_scheduled
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in ["/", "/rss/", "/sitemap.xml"]:
        assert article.title not in client.get(url).content.decode()
    # Its time comes (no save, no signal): the page at once, the cached lists within the minute.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200
    next_minute = timezone.now() + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: next_minute)
    assert article.title in client.get("/").content.decode()
    assert article.title in client.get("/rss/").content.decode()
    assert article.slug in client.get("/sitemap.xml").content.decode()


def test_an_expired_article_is_hidden_again(client, writer, monkeypatch):
    article = ArticleFactory(created_by=writer, expires_at=timezone.now() + timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 200
    # Its time comes (no save, no signal): the stored page is at most a minute behind the clock.
    Article.objects.filter(pk=article.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    next_minute = timezone.now() + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: next_minute)
    assert client.get(article.get_absolute_url()).status_code == 404
    article.refresh_from_db()
    assert article.status_label() == "Đã hết hạn"


def test_approving_an_old_draft_publishes_it_now(writer, reviewer):
    article = ArticleFactory(
        created_by=writer, status=Status.PENDING, published_at=timezone.now() - timedelta(days=7)
    )
    workflow.article_approve(article=article, user=reviewer)
    article.refresh_from_db()
    assert timezone.now() - article.published_at < timedelta(minutes=1)


def test_the_audit_log_records_who_did_what_and_is_read_only_in_the_admin(writer, reviewer):
    article = ArticleFactory(created_by=writer, status=Status.DRAFT)
    workflow.article_submit(article=article, user=writer)
    workflow.article_reject(article=article, user=reviewer, comment="Thiếu nguồn")
    workflow.article_submit(article=article, user=writer)
    workflow.article_approve(article=article, user=reviewer)
    workflow.article_unpublish(article=article, user=reviewer)
    log = list(article.events.order_by("created_at", "pk").values_list("action", "actor__username"))
    assert log == [
        ("submit", "phongvien"),
        ("reject", "bientap"),
        ("submit", "phongvien"),
        ("approve", "bientap"),
        ("unpublish", "bientap"),
    ]
    client = logged_in(reviewer)
    changelist = client.get(reverse("admin:articles_articleevent_changelist"))
    assert changelist.status_code == 200
    assert "Thiếu nguồn" in changelist.content.decode()
    event = article.events.first()
    assert client.get(reverse("admin:articles_articleevent_add")).status_code == 403
    change = reverse("admin:articles_articleevent_change", args=[event.pk])
    assert client.post(change, {"comment": "Sửa nhật ký"}).status_code == 403
    delete = reverse("admin:articles_articleevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ArticleEvent.objects.count() == 5
    assert "Thiếu nguồn" in client.get(change_url(article)).content.decode()
    assert logged_in(writer).get(reverse("admin:articles_articleevent_changelist")).status_code == 403


def test_editors_hear_of_a_submission_and_the_author_of_the_decision(
    writer, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    editor(username="bientap2", email="")  # no address: skipped
    editor(username="nghiphep", email="nghiphep@cong.example", is_active=False)
    article = ArticleFactory(created_by=writer, status=Status.DRAFT, title="Hội nghị")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.article_submit(article=article, user=writer)
    assert not mailoutbox  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [["bientap@cong.example"]]
    assert "Hội nghị" in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_reject(article=article, user=reviewer, comment="Bổ sung ảnh")
    assert mailoutbox[-1].to == ["phongvien@cong.example"]
    assert "Bổ sung ảnh" in mailoutbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_submit(article=article, user=writer)
        workflow.article_approve(article=article, user=reviewer)
    assert mailoutbox[-1].to == ["phongvien@cong.example"]
    assert "đã duyệt" in mailoutbox[-1].body


def test_a_failing_mail_server_does_not_undo_the_transition(writer, reviewer, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("no mail server")

    monkeypatch.setattr(workflow, "send_mail", broken)
    article = ArticleFactory(created_by=writer, status=Status.DRAFT)
    event = workflow.article_submit(article=article, user=writer)
    workflow.editors_notify(event=event)  # logged, not raised
    article.refresh_from_db()
    assert article.status == Status.PENDING


def test_tables_are_compared_row_by_row_with_their_cells_apart():
    table = (
        "<figure class='table'><table><tr><th>Chỉ tiêu</th><th>2025</th><th>2026</th></tr>{}</table></figure>"
    )
    old = SimpleNamespace(
        title="T", summary="", body=table.format("<tr><td>Thu ngân sách</td><td>10</td><td>12</td></tr>")
    )
    new = SimpleNamespace(
        title="T", summary="", body=table.format("<tr><td>Thu ngân sách</td><td>10</td><td>13</td></tr>")
    )
    _title, _summary, body = revisions_compare(old, new)
    assert body.rows == [
        ("same", "Chỉ tiêu │ 2025 │ 2026"),
        ("removed", "Thu ngân sách │ 10 │ 12"),
        ("added", "Thu ngân sách │ 10 │ 13"),
    ]


def test_a_scheduled_approval_says_when_in_the_log(writer, reviewer):
    when = timezone.localtime() + timedelta(days=2)
    article = ArticleFactory(created_by=writer, status=Status.PENDING, published_at=when)
    workflow.article_approve(article=article, user=reviewer)
    html = logged_in(reviewer).get(change_url(article)).content.decode()
    log = html.split('class="workflow-log"')[1]
    assert f"Đã lên lịch, lên trang lúc {when:%d/%m/%Y %H:%M}" in log
    assert "→ Đã xuất bản" not in log


def test_the_history_names_the_fields_in_vietnamese_and_no_internal_field(reviewer):
    from django.contrib.admin.models import LogEntry

    article = ArticleFactory(created_by=reviewer, status=Status.DRAFT, body="<p>Cũ.</p>")
    client = logged_in(reviewer)
    client.post(
        change_url(article), form_data(client.get(change_url(article)), body="<p>Mới.</p>", title="Mới")
    )
    entry = LogEntry.objects.get()
    assert "opened_version" not in entry.change_message and "Body" not in entry.change_message
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "Đã thay đổi tiêu đề và nội dung." in history
    assert "1 mục" in history


def test_people_are_named_family_name_first_in_the_log_the_history_and_the_choices(writer, reviewer):
    writer.first_name, writer.last_name = "Như Thuỷ", "Lê"
    writer.save()
    article = ArticleFactory(created_by=writer, status=Status.DRAFT)
    writer_client = logged_in(writer)
    writer_client.post(
        change_url(article), form_data(writer_client.get(change_url(article)), title="Đổi tên")
    )
    workflow.article_submit(article=article, user=writer)
    client = logged_in(reviewer)
    log = client.get(reverse("admin:articles_articleevent_changelist")).content.decode()
    assert "Lê Như Thuỷ" in log and "Như Thuỷ Lê" not in log and ">phongvien<" not in log
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "Lê Như Thuỷ" in history and "phongvien (" not in history
    assert str(writer) == writer.get_full_name() == "Lê Như Thuỷ"
