"""The documents' rows in the site search (/tim-kiem/, the search app): written on every save of a
document, of its files, of its type or issuing body, and removed when it is no longer public.

A row exists only for a published document; its publish time is the row's `public_from`, so a
scheduled document is found from that moment on (Document.objects.published()). Drafts for
consultation are public documents too, said so in the row's detail. The number is keyed as the
documents' own list keys it (documents.numbers), and the typed number as documents.search reads it:
the search then ranks the exact number first.
"""

from datetime import datetime, time

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from documents.models import Attachment, Document, DocumentType, IssuingBody
from documents.search import number_keys
from search import index, query
from search.index import Entry, Kind, plain_text, short


def _files_text():
    files = Attachment.objects.filter(document=OuterRef("pk")).order_by().values("document")
    return Subquery(files.annotate(text=StringAgg("text", " ", order_by=("order", "pk"))).values("text"))


def _documents():
    return (
        Document.objects.filter(status=Document.Status.PUBLISHED)
        .select_related("document_type", "issuing_body")
        .defer("search_vector")
        .annotate(files_text=_files_text())
    )


def document_entries(document):
    """The row of a document `_documents()` read (with its files' text), or none when not published."""
    if document.status != Document.Status.PUBLISHED:
        return []
    with override("vi"):  # the row's detail is in the language of the document
        detail = [_("Draft for consultation")] if document.is_draft else []
    detail.append(document.issuing_body.name)
    if document.issued_on:
        detail.append(date_format(document.issued_on, "d/m/Y"))
    day = document.issued_on
    number = document.number
    return [
        Entry(
            title=document.title,
            url=document.get_absolute_url(),
            detail=" · ".join(detail),
            summary=document.summary if number else short(document.body),
            # "42/2022/NĐ-CP" is one word to PostgreSQL; its parts make "nghị định 42" find it.
            keywords=f"{number} {number.replace('/', ' ').replace('-', ' ')} {document.document_type.name}",
            body=plain_text(document.body),
            extra=document.files_text or "",
            number_key=document.number_key,
            date=timezone.make_aware(datetime.combine(day, time())) if day else document.published_at,
            public_from=document.published_at,
            updated_at=document.updated_at,
        )
    ]


def document_index(pk):
    document = _documents().filter(pk=pk).first()
    index.entries_replace(Kind.DOCUMENT, pk, document_entries(document) if document else [])


def document_saved(sender, instance, **kwargs):
    document_index(instance.pk)


def document_deleted(sender, instance, **kwargs):
    index.entries_delete(Kind.DOCUMENT, [instance.pk])


def attachment_changed(sender, instance, **kwargs):
    document_index(instance.document_id)


def lookup_saved(sender, instance, created, **kwargs):
    """A type or an issuing body renamed: its documents' titles and details change with it."""
    if created:
        return
    field = "document_type" if sender is DocumentType else "issuing_body"
    for document in _documents().filter(**{field: instance}).iterator(chunk_size=200):
        index.entries_replace(Kind.DOCUMENT, document.pk, document_entries(document))


def every_document():
    for document in _documents().iterator(chunk_size=200):
        yield document.pk, document_entries(document)


def connect():
    post_save.connect(document_saved, sender=Document, dispatch_uid="search-document-save")
    post_delete.connect(document_deleted, sender=Document, dispatch_uid="search-document-delete")
    post_save.connect(attachment_changed, sender=Attachment, dispatch_uid="search-attachment-save")
    post_delete.connect(attachment_changed, sender=Attachment, dispatch_uid="search-attachment-delete")
    post_save.connect(lookup_saved, sender=DocumentType, dispatch_uid="search-documenttype-save")
    post_save.connect(lookup_saved, sender=IssuingBody, dispatch_uid="search-issuingbody-save")
    index.source(Kind.DOCUMENT, every_document)
    query.number_matcher(number_keys)
