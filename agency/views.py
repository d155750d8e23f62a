"""The agency's public pages: the organisation chart, a page per unit, the directory of officials, the
leaders' work schedule and its calendar feed.

Each reads the visitor's language with get_language() and shows records in it through the models'
`…_in(language)` methods (English when written, else Vietnamese marked lang="vi"): the addresses are
the same in both languages today, and when English gets its own (/en/…) only agency/urls.py changes.
"""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from agency import ical
from agency.models import Official, ScheduleEntry, ScheduleWeek
from agency.tree import chart_build, official_localize
from portal.lib.weeks import week_days, week_from_label, week_label, week_start


class OrganisationView(TemplateView):
    """/co-cau-to-chuc/: the chart as a nested list, each unit with its head."""

    template_name = "agency/organisation.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(chart=chart_build(get_language()), **kwargs)


class UnitDetailView(TemplateView):
    """/co-cau-to-chuc/<slug>/: a unit's functions, contacts, officials and the units under it."""

    template_name = "agency/unit.html"

    def get_context_data(self, **kwargs):
        language = get_language()
        chart = chart_build(language, heads=False)
        node = chart.by_slug.get(self.kwargs["slug"])
        if node is None:
            raise Http404
        unit = type(node.unit).objects.get(pk=node.unit.pk)  # with its functions, which the chart defers
        functions, functions_language = unit.functions_in(language)
        officials = [official_localize(o, language) for o in Official.objects.shown().filter(unit=unit)]
        return super().get_context_data(
            node=node,
            unit=unit,
            functions=functions,
            functions_lang="" if functions_language == language else functions_language,
            officials=officials,
            **kwargs,
        )


class DirectoryView(TemplateView):
    """/danh-ba/: every official shown, with their contacts, unit by unit in the chart's order."""

    template_name = "agency/directory.html"

    def get_context_data(self, **kwargs):
        language = get_language()
        chart = chart_build(language, heads=False)
        by_unit = {}
        for official in Official.objects.shown().order_by("unit", "order", "full_name", "pk"):
            by_unit.setdefault(official.unit_id, []).append(official_localize(official, language))
        groups = [(node, by_unit[node.unit.pk]) for node in chart.walk() if node.unit.pk in by_unit]
        return super().get_context_data(groups=groups, **kwargs)


class ScheduleView(TemplateView):
    """/lich-cong-tac/: a week of the leaders' schedule, this week unless ?tuan=2026-W49 names one."""

    template_name = "agency/schedule.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        asked = self.request.GET.get("tuan", "")
        monday = week_from_label(asked) if asked else week_start(today)
        if monday is None:
            raise Http404
        week = ScheduleWeek.objects.filter(starts_on=monday, is_approved=True).first()
        entries = []
        if week is not None:
            entries = list(
                ScheduleEntry.objects.published()
                .filter(week=week)
                .select_related("chair")
                .order_by("date", "-all_day", "starts_at", "pk")
            )
            for entry in entries:
                entry.week = week  # its mark compares with the week's approval
        by_day = {}
        for entry in entries:
            by_day.setdefault(entry.date, []).append(entry)
        days = [(day, day == today, by_day.get(day, [])) for day in week_days(monday)]
        return super().get_context_data(
            monday=monday,
            sunday=days[-1][0],
            label=week_label(monday),
            iso_week=monday.isocalendar()[1],
            iso_year=monday.isocalendar()[0],
            is_current=monday == week_start(today),
            current_label=week_label(today),
            previous_label=week_label(monday - timedelta(days=7)),
            next_label=week_label(monday + timedelta(days=7)),
            week=week,
            days=days,
            entries=entries,
            **kwargs,
        )


@require_safe
def schedule_ical(request):
    """/lich-cong-tac/lich.ics: the published schedule as iCalendar, for calendars to subscribe to."""
    response = HttpResponse(ical.calendar_bytes(request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    return response
