"""Admin building blocks every app's admin uses: read-only records, uploads that fail with a message
or are kept across a form sent back with errors, the editorial workflow's buttons and log."""

import copy
import logging

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal.lib import workflow
from portal.lib.images import UploadNotStored, store_uploads
from portal.lib.text import nfc
from portal.lib.uploads import PENDING_SUFFIX, upload_forget, upload_keep, upload_kept

logger = logging.getLogger(__name__)

UPLOAD_NOT_STORED = _(
    "The file could not be saved: the server's storage is full or cannot be written to. Nothing was "
    "saved and what you typed is kept below: choose the file again later, or tell the site "
    "administrator."
)


class ChangeMessageAdminMixin:
    """The history ("Lịch sử") names what changed as the translators wrote it: the model fields'
    verbose names, their msgids ("body"), which LogEntry.get_change_message translates when the
    page is read ("Đã thay đổi nội dung."). Django stores the form's labels in English with a capital
    letter ("Body"), which no catalogue holds, and names form fields that are no model field
    ("opened_version"): those are internal, and left out. portal.admin.PortalAdminSite mixes this
    into every registered admin."""

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        if add:
            return message
        # Django lists the inline objects changed in this order, one "changed" entry each.
        changed_objects = iter(
            (obj, changed)
            for formset in formsets or ()
            for obj, changed in getattr(formset, "changed_objects", ())
        )
        named = []
        for entry in message:
            if "changed" in entry and "name" not in entry["changed"]:
                fields = _model_field_names(form._meta.model, form.changed_data)
                if fields:
                    named.append({"changed": {"fields": fields}})
                continue
            if "changed" in entry:
                obj, changed = next(changed_objects, (None, []))
                model = type(obj) if obj is not None else None
                entry["changed"]["fields"] = _model_field_names(model, changed) if model else []
            named.append(entry)
        return named


class NfcSearchAdminMixin:
    """The lists' search box finds what was typed in decomposed Unicode (NFD) too: the rows are NFC
    (portal.lib.text.text_nfc) and `icontains` compares characters. portal.admin.PortalAdminSite
    mixes this into every registered admin."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, nfc(search_term))


def nfc_data(data):
    """A bound form's data with every text in NFC: `data` itself when nothing needs it."""
    lists = list(data.lists() if hasattr(data, "lists") else ((k, [v]) for k, v in data.items()))
    if all(nfc(value) is value for _key, values in lists for value in values):
        return data
    return MultiValueDict({key: [nfc(value) for value in values] for key, values in lists})


class _NfcData:
    """Mixed into an admin form: what was typed is NFC before the form validates it, so its unique
    checks and lengths see the text as it will be stored (portal.lib.text.text_nfc normalises at
    save(), after the form accepted it: an NFD duplicate of a unique name would pass the form and
    fail in the database)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = nfc_data(self.data)


class NfcFormsAdminMixin:
    """Every admin form and inline form validates NFC text (_NfcData). portal.admin.PortalAdminSite
    mixes this into every registered admin."""

    def get_form(self, request, obj=None, **kwargs):  # UserAdmin's takes no `change`
        return _nfc_form(super().get_form(request, obj, **kwargs))

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            formset.form = _nfc_form(formset.form)
            yield formset, inline


def _nfc_form(form):
    """`form` with _NfcData, keeping its fields as the admin left them: the metaclass would make them
    again from the model, losing what a get_form() changed on them (a label, a widget's links)."""
    nfc_form = type(form.__name__, (_NfcData, form), {})
    nfc_form.base_fields = form.base_fields
    return nfc_form


class DeletedObjectsAdminMixin:
    """The delete confirmation lists the objects that go, not the rows that only link two of them:
    Django also lists each row of a many-to-many table, named from the code ("Quan hệ article-topic:
    Article_topics object (3)"), English to every reader. portal.admin.PortalAdminSite mixes this
    into every registered admin."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = [model for model in apps.get_models(include_auto_created=True) if model._meta.auto_created]
        prefixes = tuple(f"{capfirst(model._meta.verbose_name)}: " for model in links)
        plurals = {str(model._meta.verbose_name_plural) for model in links}
        model_count = {name: count for name, count in model_count.items() if str(name) not in plurals}
        return _without_links(to_delete, prefixes), model_count, perms_needed, protected


def _without_links(nested, prefixes):
    """`nested` (Django's list of what a deletion removes) without the link rows and what hangs on them."""
    kept, skip_children = [], False
    for item in nested:
        if isinstance(item, list):
            if not skip_children:
                kept.append(_without_links(item, prefixes))
            skip_children = False
            continue
        skip_children = str(item).startswith(prefixes)
        if not skip_children:
            kept.append(item)
    return kept


def _model_field_names(model, names):
    """The verbose names (msgids) of those of `names` that are fields of `model`."""
    found = []
    with translation.override(None):
        for name in names:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            verbose_name = getattr(field, "verbose_name", None)
            if verbose_name:
                found.append(str(verbose_name))
    return found


class ReadOnlyAdminMixin:
    """For records the portal keeps itself (an audit log, counters): nobody adds, changes or deletes
    them by hand, superusers included."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _UploadNoteWidget:
    """Mixed into a file field's widget: after the input, whether its file was kept (with the hidden
    input that names it) or must be chosen again (templates/admin/widgets/upload_note.html)."""

    upload_note = None

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        note = render_to_string(
            "admin/widgets/upload_note.html", {"name": name + PENDING_SUFFIX, **self.upload_note}
        )
        return html + note


class _StoreUploadsWhileValidating:
    """Mixed into an admin ModelForm: new uploads are written once everything else is valid, and an
    upload is kept when the form comes back with errors.

    Django writes files in model.save(), after the form was accepted and inside the admin's
    transaction: a full disk there is a 500, and the article the journalist typed is lost. Written
    here instead, a failure is an error on the file's field and the form comes back as it was sent.

    When the form comes back with errors, each file that passed its own field's checks is kept for
    `upload_owner` (portal/lib/uploads.py) and the form says so beside the field; the next post
    brings it back, unless another file was chosen or the field cleared.
    """

    upload_owner = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.uploads_from_pending = {}  # field name: the PendingUpload its file came from
        if self.is_bound and self.upload_owner is not None:
            self._uploads_restore()

    def _upload_fields(self):
        return [name for name, field in self.fields.items() if isinstance(field, forms.FileField)]

    def _upload_key(self, name):
        return f"{self._meta.model._meta.label_lower}.{name}"

    def _uploads_restore(self):
        files = None
        for name in self._upload_fields():
            html_name = self.add_prefix(name)
            token = self.data.get(html_name + PENDING_SUFFIX)
            if not token or self.files.get(html_name) or self.data.get(f"{html_name}-clear"):
                continue
            file = upload_kept(user=self.upload_owner, field_key=self._upload_key(name), token=token)
            if file is None:
                continue
            if files is None:
                files = MultiValueDict(dict(self.files.lists()))
            files[html_name] = file
            self.uploads_from_pending[name] = file.pending
        if files is not None:
            self.files = files

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            self._uploads_keep()
            return
        try:
            store_uploads(self.instance)
        except UploadNotStored as error:
            logger.error("Upload to %s not stored", error.field_name, exc_info=True)
            self.add_error(error.field_name if error.field_name in self.fields else None, UPLOAD_NOT_STORED)
            return
        for pending in self.uploads_from_pending.values():
            upload_forget(pending)

    def _uploads_keep(self):
        for name in self._upload_fields():
            file = self.files.get(self.add_prefix(name))
            if not file or name in self.errors:
                continue  # nothing chosen, or a file refused: its own error says why
            pending = self.uploads_from_pending.get(name)
            if pending is None and self.upload_owner is not None:
                pending = upload_keep(user=self.upload_owner, field_key=self._upload_key(name), file=file)
            note = {
                "kept": pending is not None,
                "file_name": file.name,
                "token": getattr(pending, "token", ""),
            }
            field = self.fields[name]
            widget = copy.copy(field.widget)
            widget.__class__ = type(f"Noted{type(widget).__name__}", (_UploadNoteWidget, type(widget)), {})
            widget.upload_note = note
            field.widget = widget


class UploadFaultsAdminMixin:
    """For every admin whose model has file fields: see _StoreUploadsWhileValidating."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (_StoreUploadsWhileValidating, form), {"upload_owner": request.user})


class UploadFaultsInlineMixin:
    """The same for inlines whose model has file fields (a document's attached files)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(
            formset.form.__name__,
            (_StoreUploadsWhileValidating, formset.form),
            {"upload_owner": request.user},
        )
        return formset


class AttachedFileInlineMixin(UploadFaultsInlineMixin):
    """The "Tệp đính kèm" inline of a model with AttachedFile rows (portal.lib.attachments): the file,
    the name readers see, the order, and what was found in the file."""

    extra = 0
    fields = ["file", "name", "order", "facts"]
    readonly_fields = ["facts"]

    @admin.display(description=_("Type, size"))
    def facts(self, attachment):
        if not attachment.pk:
            return ""
        return f"{attachment.extension.upper()}, {filesizeformat(attachment.size)}"


STATUS_CHANGED = _("The status changed meanwhile; nothing was done to it.")


class WorkflowAdminMixin:
    """The admin of a model under the editorial workflow (portal.lib.workflow): the articles' and the
    documents'. The status is never a form field: it moves through the buttons (`_workflow`, checked
    by the form before anything is saved) and the list actions, which call the app's workflow.

    `workflow` is the app's workflow module: `can_edit`, `allowed_actions`, `CHECKS` and the
    transitions, named after the model (`article_submit(article=…, user=…)`). A subclass sets
    `HISTORY_FIELDSET`, `applied_message` and the list actions (their names are the app's).
    """

    workflow = None
    REVIEW_FIELDSET = (_("Review"), {"fields": ["review_comment"]})
    # The checks (of workflow.CHECKS) that show the review comment.
    review_checks = ("reject",)
    # What a list action says: "%(done)d … changed, %(skipped)d skipped …".
    applied_message = None

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or self.workflow.can_edit(request.user, obj)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and any(
            self.workflow.CHECKS[name](request.user, obj) for name in self.review_checks
        ):
            fieldsets.insert(0, self.REVIEW_FIELDSET)
        if obj is not None:
            fieldsets.append(self.HISTORY_FIELDSET)
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def transition(self, request, obj, action, **kwargs):
        """The workflow's transition `action` ("submit", "approve"…) applied to `obj` by the user."""
        name = self.opts.model_name
        return getattr(self.workflow, f"{name}_{action}")(**{name: obj}, user=request.user, **kwargs)

    # The change form ----------------------------------------------------------------------------

    def workflow_save(self, request, obj, form, *, was_rejected, **kwargs):
        """After the object is saved: the transition the button pressed asks for, said in a message."""
        try:
            self.workflow_apply(request, obj, form, was_rejected=was_rejected, **kwargs)
        except workflow.TransitionNotAllowed:
            # Checked by the form a moment ago; only a concurrent transition gets here.
            messages.error(request, STATUS_CHANGED)

    def workflow_apply(self, request, obj, form, *, was_rejected):
        action = form.workflow_action
        if action == "submit":
            self.transition(request, obj, "submit")
            messages.success(request, _("Sent to the editors for review."))
        elif action == "approve":
            event = self.transition(request, obj, "approve")
            if event.action == event.Action.SCHEDULE:
                when = date_format(timezone.localtime(obj.published_at), "SHORT_DATETIME_FORMAT")
                messages.success(request, _("Approved; it goes public at %(when)s.") % {"when": when})
            else:
                messages.success(request, _("Approved and published."))
        elif action == "reject":
            self.transition(request, obj, "reject", comment=form.cleaned_data["review_comment"])
            messages.success(request, _("Rejected and sent back to the author."))
        elif action == "unpublish":
            self.transition(request, obj, "unpublish")
            messages.success(request, _("Unpublished: readers no longer see it."))
        elif was_rejected:
            # Its author edited it: a draft again, until it is resubmitted.
            self.transition(request, obj, "redraft")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        can_change = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        context.update(self.workflow_context(request, obj, can_change))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_context(self, request, obj, can_change):
        """What the change form's template shows of the workflow: the buttons, the rejection."""
        subject = obj if obj is not None else self.model(created_by=request.user)
        return {
            "workflow_actions": self.workflow.allowed_actions(request.user, subject) if can_change else [],
            "rejection": self.rejection(obj),
        }

    def rejection(self, obj):
        """The editor's comment while the author still has to act on it."""
        if obj is None or obj.status not in {workflow.Status.REJECTED, workflow.Status.DRAFT}:
            return None
        last = obj.events.filter(action__in=["submit", "reject", "approve"]).first()
        return last if last and last.action == "reject" else None

    def workflow_table(self, obj, *, name):
        """The log of `obj` as a table (`name` names a person), or None while it is empty."""
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    date_format(timezone.localtime(event.created_at), "SHORT_DATETIME_FORMAT"),
                    event.get_action_display(),
                    self.event_status(event),
                    name(event.actor),
                    event.comment,
                )
                for event in obj.events.select_related("actor")
            ),
        )
        if not rows:
            return None
        return format_html(
            '<table class="workflow-log"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("When"),
            _("Action"),
            _("Status"),
            _("By"),
            _("Comment"),
            rows,
        )

    @staticmethod
    def event_status(event):
        return f"{event.get_from_status_display()} → {event.get_to_status_display()}"

    # List actions -------------------------------------------------------------------------------

    def apply(self, request, queryset, transition):
        """`transition` on each object selected; those whose status (or section) does not allow it
        are skipped."""
        done, skipped = 0, 0
        for obj in queryset:
            try:
                transition(**{self.opts.model_name: obj}, user=request.user)
                done += 1
            except (workflow.TransitionNotAllowed, PermissionDenied):
                skipped += 1
        messages.info(request, self.applied_message % {"done": done, "skipped": skipped})
