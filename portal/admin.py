import logging

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.images import UploadNotStored, store_uploads
from portal.models import Banner, LookupLink, SiteSettings, Video

logger = logging.getLogger(__name__)

admin.site.site_header = _("Provincial portal — administration")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Content administration")

MONITORING_FIELDS = ["monitoring_script_url", "badge_link", "badge_image_url", "badge_alt"]


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
        return redirect(reverse("admin:portal_sitesettings_change", args=[settings.pk]))


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
