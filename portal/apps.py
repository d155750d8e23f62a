from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def bump_generation_on_change(*models):
    """Connect portal.generation.generation_bump to every save and delete of `models`."""
    from portal.generation import generation_bump

    for model in models:
        post_save.connect(generation_bump, sender=model, dispatch_uid=f"generation-save-{model._meta.label}")
        post_delete.connect(
            generation_bump, sender=model, dispatch_uid=f"generation-delete-{model._meta.label}"
        )


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal.models import Banner, LookupLink, SiteSettings, Video

        bump_generation_on_change(SiteSettings, Banner, LookupLink, Video)
