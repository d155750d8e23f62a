"""The agency's sections of the compliance dashboard (compliance/sections.py explains the contract):
the organisation, the schedule of this week, and the English the Decree asks for (Article 7)."""

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agency.models import Official, ScheduleEntry, ScheduleWeek, Unit
from portal.lib.weeks import week_start


def _newest(*querysets):
    dates = [queryset.aggregate(newest=Max("updated_at"))["newest"] for queryset in querysets]
    return max((day for day in dates if day), default=None)


def organisation_state(now):
    units = Unit.objects.all()
    state = {
        "url": reverse("agency:organisation"),
        "count": units.count(),
        "updated_at": _newest(units, Official.objects.shown()),
    }
    without_contacts = units.filter(phone="", email="").count()
    if state["count"] and without_contacts:
        state["problem"] = _("%(count)d units have neither a phone nor an e-mail address.") % {
            "count": without_contacts
        }
    return state


def schedule_state(now):
    monday = week_start(timezone.localdate(now))
    entries = ScheduleEntry.objects.published().filter(week__starts_on=monday)
    state = {
        "url": reverse("agency:schedule"),
        "count": entries.count(),
        "updated_at": _newest(ScheduleEntry.objects.published()),
    }
    if not state["count"]:
        week = ScheduleWeek.objects.filter(starts_on=monday).first()
        when = date_format(monday, "d/m/Y")
        if week is not None and not week.is_approved:
            state["problem"] = _("The schedule of this week (from %(monday)s) is not approved yet.") % {
                "monday": when
            }
        else:
            state["problem"] = _("No public entry in the schedule of this week (from %(monday)s).") % {
                "monday": when
            }
    return state


def english_state(now):
    units = Unit.objects.all()
    english = units.exclude(name_en="").exclude(functions_en="")
    state = {
        "url": reverse("agency:organisation"),
        "count": english.count(),
        "updated_at": _newest(english),
    }
    lacking = units.filter(Q(name_en="") | Q(functions_en="")).count()
    if lacking:
        state["problem"] = _("%(count)d of %(total)d units have no English name or functions.") % {
            "count": lacking,
            "total": units.count(),
        }
    return state


sections = {"organisation": organisation_state, "direction": schedule_state, "english": english_state}
