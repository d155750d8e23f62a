from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frame.models import Banner, LookupLink, Page, SiteSettings, Video
from portal.lib.admin import UploadFaultsAdminMixin

MONITORING_FIELDS = ["monitoring_script_url", "badge_link", "badge_image_url", "badge_alt"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(UploadFaultsAdminMixin, admin.ModelAdmin):
    """One record: the list goes straight to its form, which cannot be added to or deleted."""

    fieldsets = [
        (None, {"fields": ["agency_name", "agency_name_en", "short_name", "logo", "logo_alt"]}),
        (_("Contact details"), {"fields": ["address", "phone", "hotline", "email"]}),
        (_("Footer"), {"fields": ["responsible_editor", "footer_text"]}),
        (_("Social networks"), {"fields": ["facebook_url", "youtube_url", "zalo_url"]}),
        (
            _("National monitoring code (superusers only)"),
            {
                "fields": MONITORING_FIELDS,
                "description": _(
                    "The portal writes the badge and script tags itself from these parts: pasted HTML "
                    "is not accepted, because a script on every page can do anything a visitor can."
                ),
            },
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        # A script on every page can act as any visitor, staff included: only superusers set it.
        return [] if request.user.is_superuser else MONITORING_FIELDS

    def changelist_view(self, request, extra_context=None):
        settings, _created = SiteSettings.objects.get_or_create(
            pk=1, defaults={"agency_name": SiteSettings.load().agency_name}
        )
        return redirect(reverse("admin:frame_sitesettings_change", args=[settings.pk]))


@admin.register(Banner)
class BannerAdmin(UploadFaultsAdminMixin, admin.ModelAdmin):
    list_display = ["title", "position", "order", "is_active", "starts_at", "ends_at", "shown_now"]
    list_editable = ["order", "is_active"]
    list_filter = ["position", "is_active"]
    search_fields = ["title", "alt_text", "link"]
    fieldsets = [
        (None, {"fields": ["title", "image", "alt_text", "link"]}),
        (_("Placement"), {"fields": ["position", "order", "is_active", "starts_at", "ends_at"]}),
    ]

    @admin.display(description=_("shown now"), boolean=True)
    def shown_now(self, banner):
        return banner.is_shown(timezone.now())


@admin.register(LookupLink)
class LookupLinkAdmin(UploadFaultsAdminMixin, admin.ModelAdmin):
    list_display = ["title", "link", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "link"]
    fields = ["title", "link", "icon", "icon_alt", "order", "is_active"]


@admin.register(Video)
class VideoAdmin(UploadFaultsAdminMixin, admin.ModelAdmin):
    list_display = ["title", "source", "featured", "is_published", "published_at"]
    list_editable = ["featured", "is_published"]
    list_filter = ["featured", "is_published"]
    search_fields = ["title", "description"]
    date_hierarchy = "published_at"
    fieldsets = [
        (None, {"fields": ["title", "description"]}),
        (
            _("Source: an address or a file"),
            {"fields": ["url", "file", "poster", "captions"]},
        ),
        (_("Publishing"), {"fields": ["featured", "is_published", "published_at"]}),
    ]

    @admin.display(description=_("source"))
    def source(self, video):
        return video.remote.provider_name if video.remote else "MP4"


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "show_in_menu", "show_in_footer", "is_published", "has_english", "slug"]
    list_editable = ["order", "show_in_menu", "show_in_footer", "is_published"]
    list_filter = ["show_in_menu", "show_in_footer", "is_published"]
    search_fields = ["title", "title_en", "slug"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (
            _("English version"),
            {
                "fields": ["title_en", "body_en"],
                "description": _(
                    "Optional. Visitors who switch the site to English read it when both are filled in."
                ),
            },
        ),
        (_("Placement"), {"fields": ["order", "show_in_menu", "show_in_footer", "is_published"]}),
    ]

    @admin.display(description=_("English version"), boolean=True)
    def has_english(self, page):
        return page.has_english
