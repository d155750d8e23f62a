"""The back office's site: its titles, and Django's "view on site" shortcut made to check permissions.

Each app registers its own models. INSTALLED_APPS names portal.apps.PortalAdminConfig instead of
django.contrib.admin, so that `admin.site` is a PortalAdminSite.
"""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _

from portal.lib.admin import (
    ChangeMessageAdminMixin,
    DeletedObjectsAdminMixin,
    NfcFormsAdminMixin,
    NfcSearchAdminMixin,
)


class PortalAdminSite(admin.AdminSite):
    site_header = _("Provincial portal — administration")
    site_title = _("Portal administration")
    index_title = _("Content administration")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model's admin, ours and the libraries', logs its changes with translatable field
        names, lists no link rows before a deletion, validates and searches NFC text (portal.lib.admin)."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ChangeMessageAdminMixin):
            mixins = (
                ChangeMessageAdminMixin,
                DeletedObjectsAdminMixin,
                NfcFormsAdminMixin,
                NfcSearchAdminMixin,
            )
            admin_class = type(admin_class.__name__, (*mixins, admin_class), {})
        return super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        """Active staff, on a request that accounts.middleware.SecondFactorMiddleware let through: it
        signs out every session that needed a one-time code and gave none. Without that middleware (a
        settings mistake) nobody gets in, rather than everybody without a code."""
        return super().has_permission(request) and getattr(request, "second_factor_checked", False)

    def get_urls(self):
        checked = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [
            checked if getattr(url, "name", None) == "view_on_site" else url for url in super().get_urls()
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's shortcut (a redirect to the object's public address), only for objects this user
        may see in the admin: their model's admin lists the object for them and lets them view or
        change it. Anything else is answered exactly as an object that does not exist (the address
        is made from the title, so a redirect would tell a draft's title to anyone with an id)."""
        not_found = Http404("No such object.")
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise not_found from None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise not_found
        try:
            obj = model_admin.get_queryset(request).get(pk=object_id)
        except (model.DoesNotExist, ValueError, ValidationError):
            raise not_found from None
        if not model_admin.has_view_or_change_permission(request, obj):
            raise not_found
        return shortcut(request, content_type_id, object_id)
