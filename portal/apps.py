from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal.frame import frame_forget
        from portal.models import Banner, LookupLink, SiteSettings, Video

        for model in (SiteSettings, Banner, LookupLink, Video):
            post_save.connect(frame_forget, sender=model, dispatch_uid=f"frame-save-{model.__name__}")
            post_delete.connect(frame_forget, sender=model, dispatch_uid=f"frame-delete-{model.__name__}")
