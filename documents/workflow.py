"""The documents' workflow: who may do what to a document, and the transitions themselves.

The states and transitions are the articles' (drawn in portal/lib/workflow.py, which both use):
journalists prepare documents and submit them, editors and administrators publish, reject and
unpublish. Every transition goes through `_transition` (portal.lib.workflow.transition), which
checks the permission and the status again on the locked row, whoever asks and however (the admin's
buttons and list actions, a crafted POST), and writes a DocumentEvent: the audit log.
"""

from documents.models import Document, DocumentEvent
from portal.lib.workflow import APPROVABLE, SUBMITTABLE, approval, refusal, rejection_comment, transition
from portal.lib.workflow import TransitionNotAllowed as TransitionNotAllowed  # what the transitions raise

Status = Document.Status
Action = DocumentEvent.Action

JOURNALIST_EDITABLE = {Status.DRAFT, Status.REJECTED}


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


def _refused(user, check, current):
    return refusal(user, current, needed=_NEEDED.get(check))


def _transition(*, document, **kwargs):
    return transition(document, refused=_refused, **kwargs)


def document_submit(*, document, user):
    """Send a draft (or a rejected document, once fixed) to the editors."""
    return _transition(
        document=document, user=user, check=can_submit, action=Action.SUBMIT, to_status=Status.PENDING
    )


def document_approve(*, document, user):
    """Publish now, or at the document's future publish time (scheduled: published() waits for it)."""
    changes, scheduled_for = approval(document)
    return _transition(
        document=document,
        user=user,
        check=can_approve,
        action=Action.SCHEDULE if scheduled_for else Action.APPROVE,
        to_status=Status.PUBLISHED,
        changes=changes,
    )


def document_reject(*, document, user, comment):
    """Send a pending document back to its author, saying why."""
    return _transition(
        document=document,
        user=user,
        check=can_reject,
        action=Action.REJECT,
        to_status=Status.REJECTED,
        comment=rejection_comment(comment),
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
