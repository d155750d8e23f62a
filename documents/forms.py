from dataclasses import dataclass, field

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from caching.generation import held
from documents import workflow
from documents.models import Attachment, Document, DocumentType, IssuingBody, LegalStatus, Sector
from documents.search import search_documents
from portal.lib.files import clean_filename
from portal.lib.images import is_stored
from portal.lib.text import normalize_whitespace
from portal.lib.workflow import WorkflowAdminForm

# The list's query parameters (documents/urls.py names them for the page cache).
SORTS = {
    "": None,  # search: best match first; otherwise the newest issue date first
    "moi-nhat": ("-issued_on", "-pk"),
    "cu-nhat": ("issued_on", "pk"),
    "so-tang": (F("number_value").asc(nulls_last=True), "number_key", "pk"),
    "so-giam": (F("number_value").desc(nulls_last=True), "-number_key", "-pk"),
}
NEWEST_FIRST = SORTS["moi-nhat"]


@dataclass
class FilterOptions:
    """What the list's filters offer: (id, slug, name) of each type, issuing body and field, and the
    years of published documents. Held per process and content version (four queries)."""

    types: list = field(default_factory=list)
    issuing_bodies: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    years: list = field(default_factory=list)


def filter_options(version):
    return held("documents:filters", version, _filter_options_build)


def _filter_options_build():
    def rows(model):
        return list(model.objects.values_list("pk", "slug", "name"))

    years = (
        Document.objects.published()
        .issued()
        .exclude(issued_year=None)
        .order_by("-issued_year")
        .values_list("issued_year", flat=True)
        .distinct()
    )
    return FilterOptions(
        types=rows(DocumentType),
        issuing_bodies=rows(IssuingBody),
        sectors=rows(Sector),
        years=list(years),
    )


class DocumentFilterForm(forms.Form):
    """The public list's search and filters, read from the query string. An invalid value is
    reported and left out; the others still apply."""

    q = forms.CharField(
        label=_("Number or words"),
        max_length=200,
        required=False,
        help_text=_(
            "A number however it is written (44-KL/TW, 44 kl tw), or words of the summary or the files."
        ),
        error_messages={"max_length": _("Search terms can be at most %(limit_value)d characters.")},
    )
    loai = forms.ChoiceField(label=_("Type"), required=False)
    co_quan = forms.ChoiceField(label=_("Issuing body"), required=False)
    linh_vuc = forms.ChoiceField(label=_("Field"), required=False)
    nam = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    hieu_luc = forms.ChoiceField(
        label=_("Legal status"), required=False, choices=[("", _("Any")), *LegalStatus.choices]
    )
    tu_ngay = forms.DateField(
        label=_("Issued from"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    den_ngay = forms.DateField(
        label=_("Issued until"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sap_xep = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("", _("Best match, or newest first")),
            ("moi-nhat", _("Newest issue date first")),
            ("cu-nhat", _("Oldest issue date first")),
            ("so-tang", _("By number, ascending")),
            ("so-giam", _("By number, descending")),
        ],
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.ids = {}
        for name, rows in (
            ("loai", options.types),
            ("co_quan", options.issuing_bodies),
            ("linh_vuc", options.sectors),
        ):
            self.fields[name].choices = everything + [(slug, label) for _pk, slug, label in rows]
            self.ids[name] = {slug: pk for pk, slug, _label in rows}
        self.fields["nam"].choices = everything + [(year, year) for year in options.years]

    def clean_q(self):
        return normalize_whitespace(self.cleaned_data["q"])

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("tu_ngay"), cleaned_data.get("den_ngay")
        if start and end and start > end:
            self.add_error("den_ngay", _("The end of the period must not come before its start."))
        return cleaned_data

    def valid_values(self):
        """The values that passed validation (all of them when the form is valid)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    def filter(self, queryset):
        """`queryset` narrowed and ordered as asked."""
        values = self.valid_values()
        lookups = {"loai": "document_type_id", "co_quan": "issuing_body_id", "linh_vuc": "sector_id"}
        for name, lookup in lookups.items():
            if values.get(name):
                queryset = queryset.filter(**{lookup: self.ids[name][values[name]]})
        if values.get("nam"):
            queryset = queryset.filter(issued_year=values["nam"])
        if values.get("tu_ngay"):
            queryset = queryset.filter(issued_on__gte=values["tu_ngay"])
        if values.get("den_ngay"):
            queryset = queryset.filter(issued_on__lte=values["den_ngay"])
        if values.get("hieu_luc"):
            queryset = queryset.in_legal_status(values["hieu_luc"])
        if values.get("q"):
            queryset = search_documents(queryset, values["q"])
        order = SORTS.get(values.get("sap_xep") or "")
        if order:
            return queryset.order_by(*order)
        return queryset if values.get("q") else queryset.order_by(*NEWEST_FIRST)

    @property
    def searching(self):
        return bool(self.valid_values().get("q"))

    @property
    def narrowed(self):
        """Whether anything but the order was asked for."""
        return any(value for name, value in self.valid_values().items() if name != "sap_xep")


class DocumentAdminForm(WorkflowAdminForm):
    """The document form of the admin: content only; the status moves through documents.workflow
    (portal.lib.workflow.WorkflowAdminForm checks the version opened and the button pressed)."""

    workflow = workflow
    stale_message = _(
        "This document was saved by someone else after you opened it. Your changes are below "
        "and were not saved: save again to replace the other version, or reload the page to "
        "start from it."
    )
    refused_message = _("You may not do that with this document now.")
    no_comment_message = _("Say why the document is rejected.")


class AttachmentInlineForm(forms.ModelForm):
    """A file in the document's form. The name is taken from the upload before the admin stores the
    file under its random name (portal.lib.admin)."""

    class Meta:
        model = Attachment
        fields = ["file", "name", "role", "order"]

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if upload and not is_stored(upload) and not cleaned_data.get("name"):
            cleaned_data["name"] = clean_filename(upload.name)
        return cleaned_data
