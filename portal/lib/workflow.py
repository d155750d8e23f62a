"""The editorial workflow that articles and documents share: the statuses, the log of events, the
one function every transition goes through, and the admin form's checks.

    draft ──submit──▶ pending ──approve──▶ published ──unpublish──▶ unpublished
      ▲                  │                 (future publish time: scheduled)
      └──(edited)── rejected ◀──reject (with a comment)

It knows no app: each app's `workflow.py` says who may do what (its `can_…` checks, its `CHECKS`)
and names its transitions after its model (`article_submit(article=…, user=…)`); its event model
subclasses WorkflowEvent. The model under the workflow has `status`, `version`, `published_at` and
`created_by`, and its events are `obj.events`.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")
    REJECTED = "rejected", _("Rejected")


SUBMITTABLE = {Status.DRAFT, Status.REJECTED}
# An editor may publish what is waiting, their own draft, or what was taken down earlier.
APPROVABLE = {Status.DRAFT, Status.PENDING, Status.UNPUBLISHED}

# The actions of the transitions above, as members of an event model's `Action` choices (which add
# the model's own: `models.TextChoices("Action", {**TRANSITION_ACTIONS, …})`).
TRANSITION_ACTIONS = {
    "SUBMIT": ("submit", _("Submitted for review")),
    "APPROVE": ("approve", _("Approved and published")),
    "SCHEDULE": ("schedule", _("Approved and scheduled")),
    "REJECT": ("reject", _("Rejected")),
    "REDRAFT": ("redraft", _("Back to draft")),
    "UNPUBLISH": ("unpublish", _("Unpublished")),
}


class TransitionNotAllowed(Exception):
    """The object is not in a status this transition starts from."""


class WorkflowEvent(models.Model):
    """One line of an audit log: a transition, or an action of the model's own. Append-only.

    A subclass adds the foreign key to its object (related_name "events"), its `Action` choices and
    the `action` field with them.
    """

    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]


def refusal(user, current, *, needed, elsewhere=False):
    """Why a transition's check refused: PermissionDenied when it is about who asks (not active,
    without the permission `needed`, or working `elsewhere` than `current`), TransitionNotAllowed
    when it is about the current status."""
    if not user.is_active or user.is_anonymous or (needed and not user.has_perm(needed)) or elsewhere:
        return PermissionDenied()
    return TransitionNotAllowed(current.get_status_display())


def transition(obj, *, user, check, refused, action, to_status, comment="", changes=None, **event):
    """Move `obj` to `to_status` and log it; the one way a status changes.

    `check(user, current)` is asked again on the row locked until the transaction ends, so a crafted
    request cannot skip a step; `refused(user, check, current)` gives the exception to raise when it
    says no. `changes` are other fields saved with the status, `event` other fields of the event.
    """
    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if not check(user, current):
            raise refused(user, check, current)
        from_status = current.status
        current.status = to_status
        for field, value in (changes or {}).items():
            setattr(current, field, value)
        current.save(update_fields=["status", *(changes or {})])
        logged = current.events.create(
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=user,
            comment=comment,
            **event,
        )
    # The caller's object follows the row, so a form rendered next carries the new version.
    obj.status, obj.version = current.status, current.version
    for field in changes or {}:
        setattr(obj, field, getattr(current, field))
    return logged


def approval(obj):
    """What approving `obj` changes, and when it goes public if that is later: (changes, scheduled_for).

    Approval is publication: a publish time already past becomes now, so what was written last week
    still comes first in the lists and feeds. What was taken down keeps its time.
    """
    now = timezone.now()
    published_at = type(obj)._default_manager.filter(pk=obj.pk).values_list("published_at", flat=True).get()
    if obj.status != Status.UNPUBLISHED and published_at < now:
        return {"published_at": now}, None
    return {}, published_at if published_at > now else None


def rejection_comment(comment):
    """A rejection's comment, which it needs: what the author must fix."""
    comment = (comment or "").strip()
    if not comment:
        raise ValueError("A rejection needs a comment.")
    return comment


class WorkflowAdminForm(forms.ModelForm):
    """The admin form of a model under the workflow: content only, the status moves through the app's
    workflow.

    `user` is set by the admin's get_form (portal.lib.admin.WorkflowAdminMixin). Two checks happen
    before anything is saved: nobody may have saved the object since this form was opened
    (`opened_version`), and the transition asked for by the button pressed (`_workflow`) must be
    allowed to this user now. A subclass names its app's `workflow` module and says its messages.
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, label=_("version opened"))
    review_comment = forms.CharField(
        label=_("Comment for the author"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required to reject: say what needs fixing."),
    )
    user = None
    workflow = None
    # The row as it was when this post was checked (version_check), locked.
    opened = None
    # The buttons that send something back, which need a comment.
    rejections = {"reject"}
    stale_message = None
    refused_message = None
    no_comment_message = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_version"] = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        self.version_check(cleaned_data)
        self.workflow_check(cleaned_data)
        return cleaned_data

    @property
    def workflow_action(self):
        return self.data.get("_workflow", "")

    def version_check(self, cleaned_data):
        if not self.instance.pk:
            return
        # Locked until the admin's transaction ends: nobody saves between this check and our save.
        rows = type(self.instance)._default_manager.select_for_update()
        self.opened = rows.filter(pk=self.instance.pk).first()
        current = self.opened.version if self.opened is not None else None
        if current is not None and cleaned_data.get("opened_version") != current:
            # The next save, made knowingly, may overwrite: the form now carries the current version.
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_version")] = current
            raise ValidationError(self.stale_message, code="stale")

    def workflow_check(self, cleaned_data):
        action = self.workflow_action
        if not action:
            return
        obj = self.instance
        if not obj.pk:
            obj.created_by = self.user
        check = self.workflow.CHECKS.get(action)
        if check is None or not check(self.user, obj):
            raise ValidationError(self.refused_message, code="workflow")
        if action in self.rejections and not cleaned_data.get("review_comment", "").strip():
            self.add_error("review_comment", self.no_comment_message)
