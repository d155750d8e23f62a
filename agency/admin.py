"""The agency in the admin: the units and their officials, and the schedule a week at a time.

Editors and administrators keep them (accounts.roles); journalists may read them. A week is entered on
one page: a row per entry, each row's day chosen among the week's seven (an empty week opens with a
row for each day), optionally starting from a copy of the previous week; it is public once approved.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agency.forms import ScheduleEntryForm, ScheduleWeekForm
from agency.models import Official, ScheduleEntry, ScheduleWeek, Unit
from agency.tree import chart_build
from portal.lib.admin import UploadFaultsAdminMixin


class OfficialInline(admin.TabularInline):
    model = Official
    extra = 0
    fields = ["full_name", "position", "position_en", "phone", "email", "spokesperson", "order", "is_shown"]
    show_change_link = True  # the photo and its text alternative are on the official's own page


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["chart_name", "phone", "email", "official_count", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_en", "email"]
    inlines = [OfficialInline]
    fieldsets = [
        (None, {"fields": ["name", "name_en", "parent", "order", "slug"]}),
        (_("Functions and tasks"), {"fields": ["functions", "functions_en"]}),
        (_("Contacts"), {"fields": ["address", "phone", "email", "website"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(officials_count=Count("officials"))

    def changelist_view(self, request, extra_context=None):
        # The chart's order and depth, for the list's indented names (one query for every unit).
        self.depths = {node.unit.pk: node.depth for node in chart_build("vi", heads=False).walk()}
        return super().changelist_view(request, extra_context)

    def get_ordering(self, request):
        return ["parent__order", "parent__name", "order", "name"]

    @admin.display(description=_("name"), ordering="name")
    def chart_name(self, unit):
        return f"{'— ' * (getattr(self, 'depths', {}).get(unit.pk, 1) - 1)}{unit.name}"

    @admin.display(description=_("Officials"), ordering="officials_count")
    def official_count(self, unit):
        return unit.officials_count

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "parent":
            # The chart's order, each unit under its parent: the choice reads like the chart.
            nodes = list(chart_build("vi", heads=False).walk())
            field.choices = [
                ("", "—"),
                *((node.unit.pk, f"{'— ' * (node.depth - 1)}{node.name}") for node in nodes),
            ]
        return field


@admin.register(Official)
class OfficialAdmin(UploadFaultsAdminMixin, admin.ModelAdmin):
    list_display = ["full_name", "position", "unit", "phone", "email", "spokesperson", "is_shown", "order"]
    list_editable = ["order", "is_shown"]
    list_filter = ["is_shown", "spokesperson", "unit"]
    list_select_related = ["unit"]
    search_fields = ["full_name", "position", "position_en", "email", "unit__name"]
    autocomplete_fields = ["unit"]
    fieldsets = [
        (
            None,
            {"fields": ["full_name", "position", "position_en", "unit", "order", "is_shown", "spokesperson"]},
        ),
        (_("Contacts"), {"fields": ["phone", "email"]}),
        (_("Photo"), {"fields": ["photo", "photo_alt"]}),
    ]


class ScheduleEntryInline(admin.TabularInline):
    model = ScheduleEntry
    form = ScheduleEntryForm
    autocomplete_fields = ["chair"]
    readonly_fields = ["mark_column"]
    fields = [
        "date", "all_day", "starts_at", "ends_at", "title", "chair", "chair_text", "participants",
        "location", "notes", "is_published", "mark_column",
    ]  # fmt: skip

    def get_extra(self, request, obj=None, **kwargs):
        # An empty week opens with a row for each day; a week with entries with two spare rows.
        return 7 if obj is not None and not obj.entries.exists() else 2

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            formset.form = type(formset.form.__name__, (formset.form,), {"days": obj.days})
        return formset

    @admin.display(description=_("adjusted"))
    def mark_column(self, entry):
        mark = entry.mark if entry.pk else None
        if not mark:
            return ""
        when = date_format(timezone.localtime(mark[1]), "SHORT_DATETIME_FORMAT")
        return (
            _("Adjusted at %(when)s") % {"when": when}
            if mark[0] == "adjusted"
            else _("Added at %(when)s") % {"when": when}
        )


@admin.register(ScheduleWeek)
class ScheduleWeekAdmin(admin.ModelAdmin):
    form = ScheduleWeekForm
    list_display = ["__str__", "is_approved", "entry_count", "approved_at", "updated_at"]
    list_filter = ["is_approved"]
    date_hierarchy = "starts_on"
    actions = ["approve_selected", "withdraw_selected", "copy_previous_selected"]
    readonly_fields = ["approved_at", "approved_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entries_count=Count("entries"))

    def get_fields(self, request, obj=None):
        fields = ["starts_on", "is_approved", "note"]
        if obj is None or not obj.entries.exists():  # ScheduleWeekForm offers the copy then
            fields.append("copy_previous")
        if obj is not None and obj.approved_at:
            fields += ["approved_at", "approved_by"]
        return fields

    def get_inlines(self, request, obj):
        # The rows' days come from the week: they are entered once the week is saved.
        return [ScheduleEntryInline] if obj is not None else []

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ScheduleEntryInline) and obj is not None and request.method == "GET":
            kwargs["initial"] = [{"date": day} for day in obj.days]
        return kwargs

    @admin.display(description=_("Entries"), ordering="entries_count")
    def entry_count(self, week):
        return week.entries_count

    def save_model(self, request, obj, form, change):
        if obj.is_approved and not (
            change and ScheduleWeek.objects.filter(pk=obj.pk, is_approved=True).exists()
        ):
            obj.approved_by = request.user
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("copy_previous"):
            copied = week_copy_previous(obj)
            messages.info(
                request,
                ngettext(
                    "%(count)d entry copied from the previous week: check the days and times.",
                    "%(count)d entries copied from the previous week: check the days and times.",
                    copied,
                )
                % {"count": copied},
            )

    def response_add(self, request, obj, post_url_continue=None):
        # The week's rows are entered on its change page: go there, as "Save and continue" would.
        if "_addanother" in request.POST or IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, _("The week is saved: enter its entries below."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:agency_scheduleweek_change", args=[obj.pk]))

    @admin.action(description=_("Approve the selected weeks (make them public)"), permissions=["change"])
    def approve_selected(self, request, queryset):
        count = 0
        for week in queryset.filter(is_approved=False):
            week.is_approved, week.approved_by = True, request.user
            week.save()
            count += 1
        self.message_user(request, _("%(count)d weeks approved.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Withdraw the selected weeks from the public"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        count = 0
        for week in queryset.filter(is_approved=True):
            week.is_approved = False
            week.save()
            count += 1
        self.message_user(request, _("%(count)d weeks withdrawn.") % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Copy the previous week into the selected empty weeks"), permissions=["change"]
    )
    def copy_previous_selected(self, request, queryset):
        copied = sum(week_copy_previous(week) for week in queryset)
        self.message_user(request, _("%(count)d entries copied.") % {"count": copied}, messages.SUCCESS)


def week_copy_previous(week):
    """Copy the entries of the week before into `week`, seven days later, when `week` has none.
    The copies are published rows of a week that is public only once approved. Returns how many."""
    if week.entries.exists():
        return 0
    previous = ScheduleWeek.objects.filter(starts_on=week.starts_on - timedelta(days=7)).first()
    if previous is None:
        return 0
    copied = 0
    for entry in previous.entries.all():
        ScheduleEntry(
            week=week,
            date=entry.date + timedelta(days=7),
            all_day=entry.all_day,
            starts_at=entry.starts_at,
            ends_at=entry.ends_at,
            title=entry.title,
            chair_id=entry.chair_id,
            chair_text=entry.chair_text,
            participants=entry.participants,
            location=entry.location,
            notes=entry.notes,
        ).save()
        copied += 1
    return copied
