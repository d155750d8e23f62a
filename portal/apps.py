from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project package as an app: its static files, template tags and management commands. No models."""

    name = "portal"
    verbose_name = _("Portal")
