from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from portal.lib.text import project_models, text_fields, text_nfc


class PortalConfig(AppConfig):
    """The project package as an app: its static files, template tags, management commands, and one
    model of the shared library's (portal.models.PendingUpload, for portal/lib/uploads.py)."""

    name = "portal"
    verbose_name = _("Portal")
    default = True  # "portal" in INSTALLED_APPS is this; the admin's config below is named in full

    def ready(self):
        # All text the portal stores is NFC, whatever the input method sent: one receiver for every
        # model of the project's apps, found in the registry (portal imports no app).
        for model in project_models():
            if text_fields(model):
                pre_save.connect(text_nfc, sender=model, dispatch_uid=f"nfc-{model._meta.label}")


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's own site (portal.admin.PortalAdminSite)."""

    default = False
    default_site = "portal.admin.PortalAdminSite"
