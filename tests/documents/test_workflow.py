"""Roles × actions on documents, through the admin's real forms and through crafted requests.

Journalists prepare and submit; editors and administrators publish, reject and unpublish. Every
action is checked on the server (documents.workflow) and logged (DocumentEvent).
"""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import workflow
from documents.models import Attachment, Document, DocumentEvent
from tests.articles.admin_form import form_data
from tests.articles.test_workflow import client_for, one_of_each_role
from tests.documents.conftest import stored_files
from tests.factories import (
    DocumentFactory,
    DocumentTypeFactory,
    IssuingBodyFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

Status = Document.Status
ADD = reverse("admin:documents_document_add")
CHANGELIST = reverse("admin:documents_document_changelist")
ROLES = ["journalist", "editor", "administrator", "non_staff", "anonymous"]


def change_url(document):
    return reverse("admin:documents_document_change", args=[document.pk])


@pytest.fixture
def people():
    return one_of_each_role()


def document_of(owner, status, **kwargs):
    return DocumentFactory(created_by=owner, status=status, **kwargs)


def new_document_data(page, **changes):
    return form_data(
        page,
        "document_form",
        document_type=str(DocumentTypeFactory(name="Quyết định").pk),
        issuing_body=str(IssuingBodyFactory().pk),
        number="77/QĐ-UBND",
        summary="Về việc thành lập Ban Biên tập Cổng thông tin",
        issued_on="01/12/2026",
        **changes,
    )


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_a_document(people, role):
    client = client_for(people[role])
    page = client.get(ADD)
    if role in {"non_staff", "anonymous"}:
        assert page.status_code == 302 and "/login/" in page.url
        assert client.post(ADD, {"number": "1/QĐ"}).status_code == 302
        assert not Document.objects.exists()
        return
    response = client.post(ADD, new_document_data(page))
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert (document.status, document.created_by, document.number_key) == (
        Status.DRAFT,
        people[role],
        "77qdubnd",
    )


@pytest.mark.parametrize(
    ("role", "owner", "status", "may_edit"),
    [
        ("journalist", "journalist", Status.DRAFT, True),
        ("journalist", "other_journalist", Status.DRAFT, False),
        ("journalist", "journalist", Status.REJECTED, True),
        ("journalist", "journalist", Status.PENDING, False),
        ("journalist", "journalist", Status.PUBLISHED, False),
        ("editor", "journalist", Status.PUBLISHED, True),
        ("administrator", "journalist", Status.PENDING, True),
        ("non_staff", "non_staff", Status.DRAFT, False),
    ],
)
def test_who_may_edit_which_document(people, role, owner, status, may_edit):
    document = document_of(people[owner], status, summary="Trích yếu cũ")
    client = client_for(people[role])
    if may_edit:
        response = client.post(
            change_url(document),
            form_data(client.get(change_url(document)), "document_form", summary="Trích yếu mới"),
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        document.refresh_from_db()
        assert document.summary == "Trích yếu mới"
        return
    page = client.get(change_url(document))
    assert page.status_code in {200, 302, 403}
    if page.status_code == 200:
        assert 'name="_save"' not in page.content.decode()
    response = client.post(change_url(document), {"summary": "Trích yếu mới", "number": document.number})
    assert response.status_code in {302, 403}
    document.refresh_from_db()
    assert (document.summary, document.status) == ("Trích yếu cũ", status)


TRANSITIONS = [
    ("submit", Status.DRAFT, Status.PENDING, {"journalist", "editor", "administrator"}),
    ("approve", Status.PENDING, Status.PUBLISHED, {"editor", "administrator"}),
    ("approve", Status.DRAFT, Status.PUBLISHED, {"editor", "administrator"}),
    ("reject", Status.PENDING, Status.REJECTED, {"editor", "administrator"}),
    ("unpublish", Status.PUBLISHED, Status.UNPUBLISHED, {"editor", "administrator"}),
]


@pytest.mark.parametrize("role", ["journalist", "editor", "administrator"])
@pytest.mark.parametrize(("action", "start", "end", "roles"), TRANSITIONS)
def test_the_workflow_buttons_do_only_what_the_role_may_even_when_posted_by_hand(
    people, role, action, start, end, roles
):
    document = document_of(people["journalist"], start)
    client = client_for(people[role])
    page = client.get(change_url(document))
    offered = page.status_code == 200 and f'name="_workflow" value="{action}"' in page.content.decode()
    assert offered == (role in roles)
    changes = {"_workflow": action, "review_comment": "Cần bổ sung căn cứ pháp lý."}
    data = form_data(page, "document_form", **changes) if page.status_code == 200 else changes
    response = client.post(change_url(document), data)  # the button, or a crafted POST when not offered
    document.refresh_from_db()
    if role in roles:
        assert response.status_code == 302
        assert document.status == end
        event = document.events.get()
        assert (event.action, event.from_status, event.to_status, event.actor) == (
            action,
            start,
            end,
            people[role],
        )
    else:
        assert response.status_code in {200, 403}
        assert document.status == start
        assert not document.events.exists()


def test_a_journalist_cannot_publish_through_the_list_action_either(people):
    document = document_of(people["journalist"], Status.PENDING)
    client = client_for(people["journalist"])
    response = client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [document.pk]})
    assert response.status_code in {200, 302}
    document.refresh_from_db()
    assert document.status == Status.PENDING and not document.events.exists()


def test_editors_publish_a_selection_and_each_transition_is_logged(people):
    documents = [document_of(people["journalist"], Status.PENDING) for _ in range(2)]
    documents.append(document_of(people["journalist"], Status.PUBLISHED))
    client = client_for(people["editor"])
    client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [d.pk for d in documents]})
    assert Document.objects.filter(status=Status.PUBLISHED).count() == 3
    assert DocumentEvent.objects.filter(action="approve", actor=people["editor"]).count() == 2


def test_the_transitions_check_permissions_themselves(people):
    document = document_of(people["journalist"], Status.PENDING)
    with pytest.raises(PermissionDenied):
        workflow.document_approve(document=document, user=people["journalist"])
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.document_unpublish(document=document, user=people["editor"])
    with pytest.raises(ValueError, match="comment"):
        workflow.document_reject(document=document, user=people["editor"], comment=" ")
    workflow.document_reject(document=document, user=people["editor"], comment="Sai trích yếu.")
    assert document.status == Status.REJECTED


def test_a_rejected_document_edited_by_its_author_is_a_draft_again(people):
    document = document_of(people["journalist"], Status.REJECTED)
    client = client_for(people["journalist"])
    client.post(
        change_url(document), form_data(client.get(change_url(document)), "document_form", summary="Đã sửa")
    )
    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert document.events.first().action == DocumentEvent.Action.REDRAFT


def test_the_audit_log_is_read_only_for_everyone(people):
    document = document_of(people["journalist"], Status.DRAFT)
    workflow.document_submit(document=document, user=people["journalist"])
    event = document.events.get()
    client = client_for(people["administrator"])
    assert client.get(reverse("admin:documents_documentevent_changelist")).status_code == 200
    assert (
        client.post(
            reverse("admin:documents_documentevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert DocumentEvent.objects.filter(pk=event.pk).exists()


def test_a_file_uploaded_in_the_admin_is_checked_named_and_read(people, media_root):
    client = client_for(people["journalist"])
    page = client.get(ADD)
    data = new_document_data(page)
    data["attachments-0-file"] = SimpleUploadedFile(
        "Quyết định 77.pdf", pdf_bytes("Thành lập Ban Biên tập"), "text/html"
    )
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    attachment = Attachment.objects.get()
    assert (attachment.name, attachment.extension, attachment.pages) == ("Quyết định 77.pdf", "pdf", 1)
    assert attachment.text == "Thành lập Ban Biên tập"
    assert len(stored_files(media_root)) == 1


def test_a_hostile_file_uploaded_in_the_admin_is_refused_in_vietnamese_and_nothing_is_saved(
    people, media_root
):
    client = client_for(people["journalist"])
    data = new_document_data(client.get(ADD))
    data["attachments-0-file"] = SimpleUploadedFile(
        "bao-cao.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert "“bao-cao.pdf” không phải là tệp PDF: nội dung là một trang HTML." in response.content.decode()
    assert not Document.objects.exists() and not Attachment.objects.exists()
    assert stored_files(media_root) == []


def test_staff_find_a_number_however_they_type_it_in_the_admin(people):
    document = DocumentFactory(number="44-KL/TW")
    DocumentFactory(number="45-KL/TW")
    response = client_for(people["editor"]).get(CHANGELIST + "?q=44+kl+tw")
    assert list(response.context["cl"].queryset) == [document]


def test_a_journalist_may_relate_a_document_to_anyone_elses(people):
    other = DocumentFactory(
        number="42/2022/NĐ-CP", summary="Nghị định về cổng thông tin", created_by=people["editor"]
    )
    client = client_for(people["journalist"])
    query = "?app_label=documents&model_name=documentrelation&field_name=target&term=42"
    response = client.get(reverse("admin:autocomplete") + query)
    assert response.status_code == 200
    assert [row["id"] for row in json.loads(response.content)["results"]] == [str(other.pk)]


def test_the_admin_speaks_vietnamese(people):
    html = client_for(people["editor"]).get(ADD).content.decode()
    for label in (
        "Số, ký hiệu",
        "Cơ quan ban hành",
        "Trích yếu",
        "Tệp đính kèm",
        "Ngày có hiệu lực",
        "Lĩnh vực",
    ):
        assert label in html, label
