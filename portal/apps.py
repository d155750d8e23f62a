from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project package as an app: its static files, template tags, management commands, and one
    model of the shared library's (portal.models.PendingUpload, for portal/lib/uploads.py)."""

    name = "portal"
    verbose_name = _("Portal")
    default = True  # "portal" in INSTALLED_APPS is this; the admin's config below is named in full


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's own site (portal.admin.PortalAdminSite)."""

    default = False
    default_site = "portal.admin.PortalAdminSite"
