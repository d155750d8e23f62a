from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from frame.menu import NotInMenu, menu_build, menu_entries, menu_move
from frame.models import Banner, LookupLink, MainMenu, Page, PageAttachment, SiteSettings, Video
from portal.lib.admin import AttachedFileInlineMixin, UploadFaultsAdminMixin

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


class PageAttachmentInline(AttachedFileInlineMixin, admin.TabularInline):
    model = PageAttachment


@admin.register(Page)
class PageAdmin(UploadFaultsAdminMixin, admin.ModelAdmin):
    inlines = [PageAttachmentInline]
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


@admin.register(MainMenu)
class MainMenuAdmin(admin.ModelAdmin):
    """The main menu on one screen: as readers will see it (frame.menu builds both), and its order,
    changed with "Lên" and "Xuống" buttons that post (keyboard-operable, no script). It writes the
    `order` numbers of the categories and pages it shows; the menu follows on the next page load."""

    def may_reorder(self, request):
        user = request.user
        return (
            user.is_active
            and user.has_perm("articles.change_category")
            and user.has_perm("frame.change_page")
        )

    def has_module_permission(self, request):
        return self.may_reorder(request)

    def has_view_permission(self, request, obj=None):
        return self.may_reorder(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_changelist"
        return [path("", self.admin_site.admin_view(self.changelist_view), name=name)]

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def changelist_view(self, request, extra_context=None):
        if not self.may_reorder(request):
            raise PermissionDenied
        if request.method == "POST":
            return self.move(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Main menu"),
            "entries": menu_entries(),
            "preview": menu_build(get_language() or "vi").main,
            "moved": request.GET.get("moved", ""),
            "direction": request.GET.get("direction", ""),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/frame/menu.html", context)

    def move(self, request):
        key, direction = request.POST.get("entry", ""), request.POST.get("move", "")
        if direction not in {"up", "down"}:
            messages.error(request, _("Choose “Up” or “Down”."))
            return redirect(request.path)
        try:
            entry = menu_move(key=key, up=direction == "up")
        except NotInMenu:
            messages.error(request, _("That item is no longer in the menu; the menu below is up to date."))
            return redirect(request.path)
        message = _("“%(title)s” moved up.") if direction == "up" else _("“%(title)s” moved down.")
        messages.success(request, message % {"title": entry.title})
        # No #fragment: browsers skip `autofocus` on a page opened at one (the button is focused,
        # and scrolled to, instead).
        query = urlencode({"moved": key, "direction": direction})
        return redirect(f"{request.path}?{query}")
