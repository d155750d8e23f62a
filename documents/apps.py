from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Legal documents")

    def ready(self):
        from caching.generation import bump_on_change
        from documents.models import Attachment, Document, DocumentRelation, DocumentType, IssuingBody, Sector

        # Everything the documents' pages, lists, feed and the cited-number links show (caching.generation).
        bump_on_change(Document, Attachment, DocumentRelation, DocumentType, IssuingBody, Sector)

        from documents import indexing

        # The documents' rows in the site search (/tim-kiem/), kept by every save (documents/indexing.py).
        indexing.connect()
