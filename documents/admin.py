from django.contrib import admin
from django.db.models import Case, Count, When
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.names import full_name
from documents import workflow
from documents.forms import AttachmentInlineForm, DocumentAdminForm
from documents.models import (
    Attachment,
    Document,
    DocumentEvent,
    DocumentRelation,
    DocumentType,
    IssuingBody,
    Sector,
)
from documents.numbers import number_key
from portal.lib.admin import ReadOnlyAdminMixin, UploadFaultsInlineMixin, WorkflowAdminMixin


class LookupTableAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "slug", "document_count"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    fields = ["name", "slug", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(documents_count=Count("documents"))

    @admin.display(description=_("Documents"), ordering="documents_count")
    def document_count(self, obj):
        return obj.documents_count


admin.site.register(DocumentType, LookupTableAdmin)
admin.site.register(IssuingBody, LookupTableAdmin)
admin.site.register(Sector, LookupTableAdmin)


class AttachmentInline(UploadFaultsInlineMixin, admin.TabularInline):
    model = Attachment
    form = AttachmentInlineForm
    extra = 1
    fields = ["file", "name", "role", "order", "facts", "download_count"]
    readonly_fields = ["facts", "download_count"]

    @admin.display(description=_("Type, size"))
    def facts(self, attachment):
        if not attachment.pk:
            return ""
        parts = [attachment.extension.upper(), filesizeformat(attachment.size)]
        if attachment.pages:
            parts.append(_("%(pages)d pages") % {"pages": attachment.pages})
        if attachment.extension in ("pdf", "docx"):
            parts.append(_("text cut for search") if attachment.text_cut else _("text searchable"))
        return ", ".join(str(part) for part in parts)


class DocumentRelationInline(admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name = _("relation to another document")
    verbose_name_plural = _("this document replaces, amends, guides, relates to")

    def get_field_queryset(self, db, db_field, request):
        # Any document may be the other side, whoever prepares this one (and not in the order of the
        # review queue, an annotation of DocumentAdmin.get_queryset).
        return Document.objects.order_by("-issued_on", "-pk")


@admin.register(Document)
class DocumentAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    """As the article admin (articles/admin.py): journalists see their own documents, editors the
    review queue first; the status moves through documents.workflow (WorkflowAdminMixin)."""

    workflow = workflow
    form = DocumentAdminForm
    change_form_template = "admin/documents/document/change_form.html"
    list_display = [
        "number_column",
        "document_type",
        "summary_column",
        "issuing_body",
        "issued_on",
        "legal_status_column",
        "status_column",
        "author",
    ]
    list_filter = ["status", "document_type", "issuing_body", "sector", "is_draft", "legal_status"]
    list_select_related = ["document_type", "issuing_body", "created_by"]
    search_fields = ["number", "summary", "signer"]
    date_hierarchy = "issued_on"
    inlines = [AttachmentInline, DocumentRelationInline]
    actions = ["approve_selected", "unpublish_selected"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "document_type",
                    "number",
                    "issuing_body",
                    "summary",
                    "sector",
                    ("signer", "signer_position"),
                    "opened_version",
                ]
            },
        ),
        (
            _("Dates and legal status"),
            {"fields": ["issued_on", "effective_on", "expires_on", "legal_status"]},
        ),
        (_("Text"), {"fields": ["body"], "classes": ["collapse"]}),
        (
            _("Draft for public consultation"),
            {
                "fields": ["is_draft", "consultation_opens_at", "consultation_closes_at"],
                "classes": ["collapse"],
            },
        ),
        (_("Publishing"), {"fields": ["status_column", "published_at", "slug"]}),
        (_("Referred to by"), {"fields": ["relations_to_column"]}),
        (_("Record"), {"fields": ["created_by", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    HISTORY_FIELDSET = (pgettext_lazy("document", "Workflow log"), {"fields": ["workflow_log"]})
    PUBLISHER_FIELDS = ["published_at"]
    applied_message = _("%(done)d documents changed, %(skipped)d skipped (their status does not allow it).")

    # Who sees and changes what ------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = Document.objects.select_related("document_type").order_by(
            *self.get_ordering(request)
        )  # its title, in lists and autocomplete
        if workflow.is_publisher(request.user) or self.is_autocomplete(request):
            # Choosing the other side of a relation: any document, the journalist's own or not.
            return queryset
        return queryset.filter(created_by=request.user)

    @staticmethod
    def is_autocomplete(request):
        match = getattr(request, "resolver_match", None)
        return bool(match and match.url_name == "autocomplete")

    def get_ordering(self, request):
        if workflow.is_publisher(request.user):
            # An expression, not an annotation: the admin also orders other forms' document choices
            # with it (a document event's page), on querysets this admin did not annotate.
            queue_first = Case(When(status=Document.Status.PENDING, then=0), default=1)
            return [queue_first.asc(), "-issued_on", "-pk"]
        return ["-updated_at"]

    def get_search_results(self, request, queryset, search_term):
        """Words as usual, and a number however it is typed ("44 kl tw" finds 44-KL/TW)."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = number_key(search_term)
        if key:
            found |= queryset.filter(number_key__startswith=key)
        return found, may_have_duplicates

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or workflow.is_publisher(request.user)
        )

    def has_publish_permission(self, request):
        return workflow.is_publisher(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = [
            "status_column",
            "created_by",
            "created_at",
            "updated_at",
            "workflow_log",
            "relations_to_column",
        ]
        if not workflow.is_publisher(request.user):
            fields += self.PUBLISHER_FIELDS  # only who publishes chooses when
        return fields

    # Columns and read-only fields ---------------------------------------------------------------

    @admin.display(description=_("Number and symbol"), ordering="number_key")
    def number_column(self, document):
        return document.number or _("(draft, no number)")

    @admin.display(description=_("Summary"))
    def summary_column(self, document):
        return Truncator(document.summary).chars(90)

    @admin.display(description=_("Legal status"))
    def legal_status_column(self, document):
        return document.legal_status_label

    @admin.display(description=_("Status"), ordering="status")
    def status_column(self, document):
        return document.status_label()

    @admin.display(description=_("Author"), ordering="created_by__last_name")
    def author(self, document):
        return full_name(document.created_by)

    @admin.display(description=_("Documents that replace, amend, guide or relate to this one"))
    def relations_to_column(self, document):
        if document is None or not document.pk:
            return ""
        rows = document.relations_to.select_related("source__document_type")
        items = format_html_join(
            "", "<li>{}: {}</li>", ((row.label_for(document), row.source) for row in rows)
        )
        return format_html("<ul>{}</ul>", items) if items else _("None yet.")

    @admin.display(description=pgettext_lazy("document", "Workflow log"))
    def workflow_log(self, document):
        if document is None or not document.pk:
            return ""
        return self.workflow_table(document, name=full_name) or _("No transitions yet.")

    # Saving and the workflow buttons ------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        was_rejected = change and obj.status == Document.Status.REJECTED
        super().save_model(request, obj, form, change)
        self.workflow_save(request, obj, form, was_rejected=was_rejected)

    # List actions -------------------------------------------------------------------------------

    @admin.action(description=_("Approve and publish the selected documents"), permissions=["publish"])
    def approve_selected(self, request, queryset):
        self.apply(request, queryset, workflow.document_approve)

    @admin.action(description=_("Unpublish the selected documents"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self.apply(request, queryset, workflow.document_unpublish)


@admin.register(DocumentEvent)
class DocumentEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The documents' audit log: read-only for everyone, superusers included."""

    list_display = ["created_at", "document", "action", "from_status", "to_status", "actor", "comment"]
    # In this order on an event's page (the model lists its shared fields first).
    fields = ["document", "action", "from_status", "to_status", "actor", "comment", "created_at"]
    list_filter = ["action", "to_status"]
    list_select_related = ["document__document_type", "actor"]
    search_fields = [
        "document__number",
        "document__summary",
        "comment",
        "actor__username",
        "actor__last_name",
    ]
    date_hierarchy = "created_at"
