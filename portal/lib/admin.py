"""Admin building blocks every app's admin uses: read-only records, uploads that fail with a message."""

import logging

from django.utils.translation import gettext_lazy as _

from portal.lib.images import UploadNotStored, store_uploads

logger = logging.getLogger(__name__)

UPLOAD_NOT_STORED = _(
    "The file could not be saved: the server's storage is full or cannot be written to. Nothing was "
    "saved and what you typed is kept below: choose the file again later, or tell the site "
    "administrator."
)


class ReadOnlyAdminMixin:
    """For records the portal keeps itself (an audit log, counters): nobody adds, changes or deletes
    them by hand, superusers included."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _StoreUploadsWhileValidating:
    """Mixed into an admin ModelForm: new uploads are written once everything else is valid.

    Django writes files in model.save(), after the form was accepted and inside the admin's
    transaction: a full disk there is a 500, and the article the journalist typed is lost. Written
    here instead, a failure is an error on the file's field and the form comes back as it was sent.
    """

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            store_uploads(self.instance)
        except UploadNotStored as error:
            logger.error("Upload to %s not stored", error.field_name, exc_info=True)
            self.add_error(error.field_name if error.field_name in self.fields else None, UPLOAD_NOT_STORED)


class UploadFaultsAdminMixin:
    """For every admin whose model has file fields: see _StoreUploadsWhileValidating."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (_StoreUploadsWhileValidating, form), {})


class UploadFaultsInlineMixin:
    """The same for inlines whose model has file fields (a document's attached files)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(formset.form.__name__, (_StoreUploadsWhileValidating, formset.form), {})
        return formset
