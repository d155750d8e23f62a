from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameConfig(AppConfig):
    name = "frame"
    verbose_name = _("Site frame")

    def ready(self):
        from caching.generation import bump_on_change
        from frame.models import Banner, LookupLink, Page, PageAttachment, SiteSettings, Video

        # Everything the frame shows on public pages, and the static pages (caching.generation).
        bump_on_change(SiteSettings, Banner, LookupLink, Video, Page, PageAttachment)
