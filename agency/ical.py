"""The leaders' schedule as an iCalendar feed (RFC 5545), written with the `icalendar` library.

Officials subscribe to /lich-cong-tac/lich.ics in their calendar: every published entry of approved
weeks from ICAL_WEEKS_BACK weeks ago on. Each entry keeps its UID, and its SEQUENCE rises with every
adjustment (ScheduleEntry.revision), so calendars replace what they had. Times are local
(Asia/Ho_Chi_Minh, with its VTIMEZONE); all-day entries are dates.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from agency.models import ScheduleEntry
from portal.lib.weeks import week_start

ICAL_WEEKS_BACK = 4


def entry_event(entry, *, host, now, base):
    event = Event()
    event.add("uid", f"lich-cong-tac-{entry.pk}@{host}")
    event.add("dtstamp", now)
    event.add("summary", entry.title)
    if entry.all_day:
        event.add("dtstart", entry.date)
        event.add("dtend", entry.date + timedelta(days=1))
    else:
        event.add("dtstart", timezone.localtime(entry.starts))
        if entry.ends:
            event.add("dtend", timezone.localtime(entry.ends))
    if entry.location:
        event.add("location", entry.location)
    lines = []
    if entry.chair_name:
        lines.append(_("Chaired by: %(name)s") % {"name": entry.chair_name})
    if entry.participants:
        lines.append(_("Attending: %(who)s") % {"who": entry.participants})
    if entry.notes:
        lines.append(entry.notes)
    if entry.adjusted_at:
        when = timezone.localtime(entry.adjusted_at).strftime("%H:%M %d/%m/%Y")
        lines.append(_("Adjusted at %(when)s") % {"when": when})
    if lines:
        event.add("description", "\n".join(lines))
    event.add("sequence", entry.revision)
    event.add("last-modified", entry.updated_at)
    event.add("url", base + entry.get_absolute_url())
    return event


def calendar_bytes(request):
    now = timezone.now()
    first = week_start(timezone.localdate()) - timedelta(weeks=ICAL_WEEKS_BACK)
    entries = (
        ScheduleEntry.objects.published()
        .filter(date__gte=first)
        .select_related("week", "chair")
        .order_by("date", "-all_day", "starts_at", "pk")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Cong thong tin dien tu//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Work schedule of the leaders"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0]
    base = f"{request.scheme}://{request.get_host()}"
    for entry in entries:
        calendar.add_component(entry_event(entry, host=host, now=now, base=base))
    calendar.add_missing_timezones()
    return calendar.to_ical()
