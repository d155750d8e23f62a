"""The documents' workflow: who may do what to a document, and the transitions themselves.

    draft ──submit──▶ pending ──approve──▶ published ──unpublish──▶ unpublished
      ▲                  │                 (future publish time: scheduled)
      └──(edited)── rejected ◀──reject (with a comment)

As for articles (articles/workflow.py): journalists prepare documents and submit them, editors and
administrators publish, reject and unpublish. Every transition goes through `_transition`, which
checks the permission and the status again on the locked row, whoever asks and however (the admin's
buttons and list actions, a crafted POST), and writes a DocumentEvent: the audit log.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from documents.models import Document, DocumentEvent

Status = Document.Status
Action = DocumentEvent.Action

JOURNALIST_EDITABLE = {Status.DRAFT, Status.REJECTED}
SUBMITTABLE = {Status.DRAFT, Status.REJECTED}
APPROVABLE = {Status.DRAFT, Status.PENDING, Status.UNPUBLISHED}


class TransitionNotAllowed(Exception):
    """The document is not in a status this transition starts from."""


def is_publisher(user):
    return user.is_active and user.has_perm("documents.publish_document")


def can_edit(user, document):
    """Publishers edit any document; a journalist only their own, and only while draft or rejected."""
    if not (user.is_active and user.is_staff and user.has_perm("documents.change_document")):
        return False
    if document is None or is_publisher(user):
        return True
    return document.created_by_id == user.pk and document.status in JOURNALIST_EDITABLE


def can_submit(user, document):
    return (
        document.status in SUBMITTABLE
        and user.has_perm("documents.submit_document")
        and can_edit(user, document)
    )


def can_approve(user, document):
    return document.status in APPROVABLE and is_publisher(user)


def can_reject(user, document):
    return document.status == Status.PENDING and is_publisher(user)


def can_unpublish(user, document):
    return document.status == Status.PUBLISHED and is_publisher(user)


CHECKS = {"submit": can_submit, "approve": can_approve, "reject": can_reject, "unpublish": can_unpublish}
# The permission each check needs, to tell "not you" (403) from "not now" (TransitionNotAllowed).
_NEEDED = {
    can_submit: "documents.submit_document",
    can_approve: "documents.publish_document",
    can_reject: "documents.publish_document",
    can_unpublish: "documents.publish_document",
}


def allowed_actions(user, document):
    """The transitions this user may apply to this document now, in button order."""
    return [name for name, check in CHECKS.items() if check(user, document)]


def _transition(*, document, user, check, action, to_status, comment="", changes=None):
    with transaction.atomic():
        current = Document.objects.select_for_update().get(pk=document.pk)
        if not check(user, current):
            needed = _NEEDED.get(check)
            if not user.is_active or user.is_anonymous or (needed and not user.has_perm(needed)):
                raise PermissionDenied
            raise TransitionNotAllowed(current.get_status_display())
        from_status = current.status
        current.status = to_status
        for field, value in (changes or {}).items():
            setattr(current, field, value)
        current.save(update_fields=["status", *(changes or {})])
        event = DocumentEvent.objects.create(
            document=current,
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=user,
            comment=comment,
        )
    document.status, document.version = current.status, current.version
    for field in changes or {}:
        setattr(document, field, getattr(current, field))
    return event


def document_submit(*, document, user):
    """Send a draft (or a rejected document, once fixed) to the editors."""
    return _transition(
        document=document, user=user, check=can_submit, action=Action.SUBMIT, to_status=Status.PENDING
    )


def document_approve(*, document, user):
    """Publish now, or at the document's future publish time (scheduled: published() waits for it)."""
    now = timezone.now()
    published_at = Document.objects.filter(pk=document.pk).values_list("published_at", flat=True).get()
    changes = {}
    if document.status != Status.UNPUBLISHED and published_at < now:
        # Approval is publication: the feed and "newest first" show it as new.
        changes["published_at"] = now
    scheduled = not changes and published_at > now
    return _transition(
        document=document,
        user=user,
        check=can_approve,
        action=Action.SCHEDULE if scheduled else Action.APPROVE,
        to_status=Status.PUBLISHED,
        changes=changes,
    )


def document_reject(*, document, user, comment):
    """Send a pending document back to its author, saying why."""
    comment = (comment or "").strip()
    if not comment:
        raise ValueError("A rejection needs a comment.")
    return _transition(
        document=document,
        user=user,
        check=can_reject,
        action=Action.REJECT,
        to_status=Status.REJECTED,
        comment=comment,
    )


def document_unpublish(*, document, user, comment=""):
    return _transition(
        document=document,
        user=user,
        check=can_unpublish,
        action=Action.UNPUBLISH,
        to_status=Status.UNPUBLISHED,
        comment=comment,
    )


def document_redraft(*, document, user):
    """A rejected document that its author edits is a draft again, until it is resubmitted."""
    return _transition(
        document=document,
        user=user,
        check=lambda user, current: current.status == Status.REJECTED and can_edit(user, current),
        action=Action.REDRAFT,
        to_status=Status.DRAFT,
    )
