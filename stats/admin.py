from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.lib.admin import ReadOnlyAdminMixin
from portal.lib.exports import csv_response
from stats import dashboard
from stats.counting import figures_read
from stats.models import DailyStats, StatsTotals


def chosen_range(request):
    try:
        days = int(request.GET.get("days", ""))
    except ValueError:
        return dashboard.RANGES[0]
    return days if days in dashboard.RANGES else dashboard.RANGES[0]


@admin.register(DailyStats)
class DailyStatsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The statistics dashboard, reached from the admin index as "Daily statistics".

    Readers need stats.view_dailystats: editors and administrators have it (migrations 0002, 0004),
    journalists do not. Nobody edits counters by hand.
    """

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.is_active and user.is_staff and user.has_perm("stats.view_dailystats")

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export.csv", export, name="stats_dailystats_export"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        days = chosen_range(request)
        rows = dashboard.daily_rows(days)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Visit statistics"),
            "days": days,
            "ranges": dashboard.RANGES,
            "rows": rows,
            "rows_newest_first": rows[::-1],
            "chart": dashboard.chart(rows),
            "totals": {
                "visits": sum(row.visits for row in rows),
                "page_views": sum(row.page_views for row in rows),
            },
            "figures": figures_read(),
            "top": dashboard.top_article_lists(),
            "now": timezone.localtime(),
        }
        response = TemplateResponse(request, "admin/stats/dashboard.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response

    def export_view(self, request):
        """The daily rows of the chosen range as CSV, UTF-8 with a BOM so that Excel reads Vietnamese."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        days = chosen_range(request)
        today = timezone.localdate()
        response = csv_response(
            f"thong-ke-{today:%Y-%m-%d}-{days}-ngay.csv",
            [_("Date"), _("Visits"), _("Page views")],
            ([row.date.isoformat(), row.visits, row.page_views] for row in dashboard.daily_rows(days, today)),
        )
        response["X-Robots-Tag"] = "noindex"
        return response


@admin.register(StatsTotals)
class StatsTotalsAdmin(admin.ModelAdmin):
    """The starting total of "Tất cả"; the visits counted here are the portal's own and read-only."""

    fields = ["starting_total", "visits_since", "all_time"]
    readonly_fields = ["visits_since", "all_time"]
    list_display = ["__str__", "starting_total", "visits_since", "all_time"]

    @admin.display(description=gettext_lazy("All time"))
    def all_time(self, obj):
        return obj.total

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not StatsTotals.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
