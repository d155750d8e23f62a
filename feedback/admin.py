from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.names import staff_label
from caching.generation import generation_bump
from feedback.indexing import answers_index
from feedback.models import Feedback, overdue_condition
from portal.lib.exports import csv_response


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(overdue_condition())
        if self.value() == "no":
            return queryset.exclude(overdue_condition())
        return queryset


class KindFilter(admin.SimpleListFilter):
    """About an article (the form under it), on a draft (its consultation), or general (/gop-y/)."""

    title = _("sent from")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [
            ("article", _("Under an article")),
            ("consultation", _("On a draft (consultation)")),
            ("general", _("The general form")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "article":
            return queryset.filter(article__isnull=False)
        if self.value() == "consultation":
            return queryset.filter(document__isnull=False)
        if self.value() == "general":
            return queryset.general()
        return queryset


class NewestFirstFilter(admin.RelatedOnlyFieldListFilter):
    """The articles (or drafts) that have comments, newest first: the articles' own admin orders by its
    review queue, which only its own list knows."""

    def field_admin_ordering(self, field, request, model_admin):
        return ["-published_at"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    # The deadline next to the status, where an overdue item is seen first.
    list_display = [
        "code",
        "subject",
        "status",
        "deadline",
        "assignee",
        "received_at",
        "name",
        "is_published",
    ]
    list_display_links = ["code", "subject"]
    list_filter = [
        "status",
        OverdueFilter,
        KindFilter,
        ("article", NewestFirstFilter),
        ("document", NewestFirstFilter),
        ("assignee", admin.RelatedOnlyFieldListFilter),
        ("received_at", admin.DateFieldListFilter),
        "is_published",
        "allow_publish",
    ]
    list_select_related = ["assignee", "article", "document"]
    search_fields = [
        "code",
        "name",
        "email",
        "phone",
        "subject",
        "message",
        "answer",
        "article__title",
        "document__number",
        "organisation",
    ]
    date_hierarchy = "received_at"
    actions = ["export_csv", "mark_spam"]
    # What the reader sent is a record: staff read it, they do not edit it.
    readonly_fields = [
        "code",
        "about",
        "received_at",
        "due_on",
        "subject",
        "message",
        "name",
        "organisation",
        "email",
        "phone",
        "allow_publish",
        "consented_at",
        "answered_by",
        "answered_at",
        "updated_at",
    ]
    fieldsets = [
        (_("Feedback"), {"fields": ["code", "about", "received_at", "due_on", "subject", "message"]}),
        (
            _("Sender"),
            {"fields": ["name", "organisation", "email", "phone", "allow_publish", "consented_at"]},
        ),
        (
            _("Handling"),
            {"fields": ["status", "assignee", "answer", "answered_by", "answered_at", "is_published"]},
        ),
    ]

    class Media:
        css = {"all": ["feedback/admin.css"]}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if assignee := form.base_fields.get("assignee"):
            # Pick a colleague by name; creating or editing accounts from here is not this page's job.
            assignee.label_from_instance = staff_label
            for action in ("add", "change", "delete", "view"):
                setattr(assignee.widget, f"can_{action}_related", False)
        return form

    def has_add_permission(self, request):
        # Feedback comes from readers, through the form.
        return False

    @admin.display(description=_("about"))
    def about(self, feedback):
        """The article or the draft a comment was sent from, to read it beside the comment; "—" for the
        general form."""
        subject = feedback.article or feedback.document
        if subject is None:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', subject.get_absolute_url(), subject
        )

    @admin.display(description=_("answer due"), ordering="due_on")
    def deadline(self, feedback):
        due = date_format(feedback.due_on, "SHORT_DATE_FORMAT")
        if feedback.is_overdue:
            return format_html('<strong class="feedback-overdue">{} · {}</strong>', _("Overdue"), due)
        return due

    def save_model(self, request, obj, form, change):
        # Who answered and when is recorded, not typed.
        if "answer" in form.changed_data:
            answered = bool(obj.answer.strip())
            obj.answered_by = request.user if answered else None
            obj.answered_at = timezone.now() if answered else None
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Export the selected feedback as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        columns = [
            "code",
            "received_at",
            "due_on",
            "status",
            "name",
            "email",
            "phone",
            "subject",
            "message",
            "assignee",
            "answer",
            "answered_by",
            "answered_at",
            "allow_publish",
            "is_published",
            # What a comment is about (an article, a draft under consultation) and on whose behalf.
            "article",
            "document",
            "organisation",
        ]
        yes_no = {True: _("yes"), False: _("no")}

        def value(feedback, name):
            if name == "status":
                return feedback.get_status_display()
            if name in {"assignee", "answered_by"}:
                user = getattr(feedback, name)
                return staff_label(user) if user else ""
            if name in {"allow_publish", "is_published"}:
                return yes_no[getattr(feedback, name)]
            return getattr(feedback, name)

        return csv_response(
            f"gop-y-{timezone.localdate():%Y%m%d}.csv",
            [capfirst(Feedback._meta.get_field(name).verbose_name) for name in columns],
            (
                [value(feedback, name) for name in columns]
                for feedback in queryset.select_related(
                    "assignee", "answered_by", "article", "document"
                ).order_by("received_at")
            ),
        )

    @admin.action(description=_("Mark the selected feedback as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        chosen = list(queryset.values_list("pk", flat=True))  # before the update changes what it filters
        count = queryset.update(status=Feedback.Status.SPAM, is_published=False)
        generation_bump()  # an opinion shown under an article may have been among them
        answers_index(chosen)  # an update sends no signal: the site search is told here
        self.message_user(
            request,
            ngettext("%(count)d item marked as spam.", "%(count)d items marked as spam.", count)
            % {"count": count},
            messages.SUCCESS,
        )
