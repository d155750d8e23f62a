from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from compliance import dashboard
from compliance.models import SectionSetting
from compliance.sections import SECTION_KEYS, section


class SectionSettingForm(forms.ModelForm):
    class Meta:
        model = SectionSetting
        fields = ["section", "stale_after_days", "page", "category", "link"]


@admin.register(SectionSetting)
class SectionSettingAdmin(admin.ModelAdmin):
    """The compliance dashboard, reached from the admin index as "Compliance sections": its list is the
    dashboard (every section of the Decree and its state); a section's page holds its threshold and,
    for a section kept by convention, where it lives. Administrators only (accounts.roles)."""

    form = SectionSettingForm

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def get_fields(self, request, obj=None):
        key = obj.section if obj else request.GET.get("section", "")
        fields = ["section", "stale_after_days"]
        if key not in SECTION_KEYS or section(key).mapped:
            fields += ["page", "category", "link"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return ["section"] if obj else []

    def get_changeform_initial_data(self, request):
        return {"section": request.GET.get("section", "")}

    def response_post_save_add(self, request, obj):
        return self.response_post_save_change(request, obj)

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_change = self.has_change_permission(request) and self.has_add_permission(request)
        rows = []
        for state in dashboard.states():
            edit = ""
            if can_change:
                if state.setting:
                    edit = reverse("admin:compliance_sectionsetting_change", args=[state.setting.pk])
                else:
                    add = reverse("admin:compliance_sectionsetting_add")
                    edit = f"{add}?{urlencode({'section': state.section.key})}"
            rows.append((state, edit))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Decree 42/2022/NĐ-CP: what the portal holds"),
            "rows": rows,
            "warnings": sum(1 for state, _edit in rows if not state.ok),
            "now": timezone.localtime(),
        }
        response = TemplateResponse(request, "admin/compliance/dashboard.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response
