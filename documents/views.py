from itertools import groupby

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from caching import generation
from documents.citations import citing_articles
from documents.forms import DocumentFilterForm, filter_options
from documents.models import Attachment, Document, DocumentRelation, visible_condition
from documents.search import SEARCH_CANDIDATES
from portal.lib.attachments import download_response

CITING_ARTICLES = 10


def public_documents():
    """The public list: published, issued documents, with what a row needs in one query."""
    return (
        Document.objects.published()
        .issued()
        .select_related("document_type", "issuing_body")
        .defer("body", "search_vector", "former_slugs")
    )


class NearPagesPaginator(Paginator):
    """page_range holds only the pages includes/pagination.html shows: the first, the last and three
    either side of the current one. With 1 000 pages (20 000 documents) the include would otherwise
    loop over every page number on every render, 25 ms of a 50 ms page."""

    current = 1

    @property
    def page_range(self):
        near = range(max(1, self.current - 3), min(self.num_pages, self.current + 3) + 1)
        return sorted({1, self.num_pages, *near})


class DocumentListView(ListView):
    """/van-ban/: every published document, filtered, searched and sorted as the query string asks
    (documents.forms.DocumentFilterForm)."""

    template_name = "documents/list.html"
    context_object_name = "documents"
    paginate_by = 20
    paginator_class = NearPagesPaginator

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        paginator.current = page.number
        return paginator, page, object_list, is_paginated

    def get_queryset(self):
        options = filter_options(generation.version(self.request))
        self.form = DocumentFilterForm(self.request.GET, options=options)
        return self.form.filter(public_documents())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, **kwargs)
        context["searching"] = self.form.searching
        context["narrowed"] = self.form.narrowed
        # Only the most recent matches are ranked (documents/search.py): say so rather than count them all.
        context["more_results"] = self.form.searching and context["paginator"].count >= SEARCH_CANDIDATES
        return context


class DocumentDetailView(DetailView):
    """A document: its particulars, files, relations both ways and the articles citing it."""

    template_name = "documents/detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return Document.objects.visible_to(self.request.user).select_related(
            "document_type", "issuing_body", "sector"
        )

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            # An address the document had before moves permanently to its current one.
            moved = self.get_queryset().filter(former_slugs__contains=[self.kwargs["slug"]]).first()
            if moved:
                return redirect(moved, permanent=True)
            raise
        response = self.render_to_response(self.get_context_data(object=self.object))
        # For whoever counts views (the statistics app), kept with a stored page (caching.pagecache).
        response.page_facts = {"document_id": self.object.pk} if self.object.is_public else {}
        if not self.object.is_public:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        document = self.object
        attachments = list(document.attachments.defer("text"))
        return super().get_context_data(
            preview=not document.is_public,
            attachments=attachments,
            viewer=next((a for a in attachments if a.is_pdf), None),
            relations=self.relations(document),
            citing_articles=SimpleLazyObject(lambda: list(citing_articles(document)[:CITING_ARTICLES])),
            legal_status=document.legal_status_on(),
            **kwargs,
        )

    def relations(self, document):
        """[(label, [other documents])]: what it replaces, amends… and what replaces it, amends it…
        (only documents the visitor may see), in one query."""
        user = self.request.user
        rows = (
            DocumentRelation.objects.filter(
                Q(source=document) & visible_condition(user, "target")
                | Q(target=document) & visible_condition(user, "source")
            )
            .select_related("source__document_type", "target__document_type")
            .defer("source__body", "source__search_vector", "target__body", "target__search_vector")
        )
        sides = sorted(
            (
                (row.source_id != document.pk, row.kind, row.pk),
                str(row.label_for(document)),
                row.target if row.source_id == document.pk else row.source,
            )
            for row in rows
        )
        return [
            (label, [other for _key, _label, other in group])
            for label, group in groupby(sides, key=lambda side: side[1])
        ]


@require_safe
def attachment_download(request, pk):
    """An attached file under its own name (RFC 6266), with the type its extension has.

    The statistics count it as a download of a public document's file by their rules (a visitor once
    per 10 minutes, no bots, no staff: stats.middleware reads the page facts below) and keep
    Attachment.download_count.
    """
    attachment = get_object_or_404(
        Attachment.objects.select_related("document")
        .defer("text", "document__body", "document__search_vector")
        .filter(visible_condition(request.user, "document")),
        pk=pk,
    )
    response = download_response(attachment.file, attachment.name or f"tep.{attachment.extension}")
    if attachment.document.is_public:  # a staff preview of an unpublished document's file is not counted
        response.page_facts = {"document_id": attachment.document_id, "attachment_id": attachment.pk}
    return response


def pdf_frame_sources():
    """Where the document page's PDF viewer may load from: this site, and the media's own origin
    when uploads are served from elsewhere (an S3 bucket, a CDN)."""
    media = default_storage.url("documents/")
    if media.startswith(("http://", "https://")):
        return ["'self'", "/".join(media.split("/")[:3])]
    return ["'self'"]


class ConsultationListView(TemplateView):
    """/lay-y-kien/: the drafts whose consultation is open now, then those closed, newest first, each
    with its dates and, once published, the report on the comments received."""

    template_name = "documents/consultations.html"
    CLOSED_SHOWN = 30

    def get_context_data(self, **kwargs):
        now = timezone.now()
        drafts = (
            Document.objects.published()
            .drafts()
            .select_related("document_type", "issuing_body")
            .defer("body", "search_vector", "former_slugs")
        )
        reports = Attachment.objects.filter(role=Attachment.Role.CONSULTATION_REPORT).order_by("order", "pk")
        closed = drafts.filter(consultation_closes_at__lte=now).order_by("-consultation_closes_at")
        return super().get_context_data(
            open_drafts=list(drafts.open_for_consultation(now).order_by("consultation_closes_at")),
            closed_drafts=list(
                closed.prefetch_related(Prefetch("attachments", queryset=reports, to_attr="reports"))[
                    : self.CLOSED_SHOWN
                ]
            ),
            **kwargs,
        )
