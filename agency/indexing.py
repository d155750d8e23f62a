"""The agency's rows in the site search (/tim-kiem/, the search app): units and officials in
Vietnamese and, when they have it, English; published entries of approved weeks of the schedule.

Kept by every save and delete, including what a row shows of something else: a unit renamed
changes its officials' rows, an official renamed the entries they chair, a week approved (or not)
every entry of it.
"""

from django.db.models.signals import post_delete, post_save
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from agency.models import Official, ScheduleEntry, ScheduleWeek, Unit
from search import index
from search.index import Entry, Kind, in_english, plain_text, short


def unit_entries(unit):
    contacts = " ".join(filter(None, [unit.address, unit.phone, unit.email]))
    parent = unit.parent
    vietnamese = Entry(
        title=unit.name,
        url=unit.get_absolute_url(),
        translated=unit.has_english,
        detail=parent.name if parent else "",
        summary=short(unit.functions),
        body=f"{plain_text(unit.functions)} {contacts}",
        updated_at=unit.updated_at,
    )
    if not unit.has_english:
        return [vietnamese]
    english = in_english(
        vietnamese,
        title=unit.name_en,
        detail=parent.name_in("en")[0] if parent else "",
        summary=short(unit.functions_en),
        keywords=unit.name,  # a reader of English may type the Vietnamese name
        body=f"{plain_text(unit.functions_en)} {contacts}",
    )
    return [vietnamese, english]


def official_entries(official):
    if not official.is_shown:
        return []
    unit = official.unit
    contacts = " ".join(filter(None, [official.phone, official.email]))
    vietnamese = Entry(
        title=official.full_name,
        url=official.get_absolute_url(),
        translated=bool(official.position_en),
        detail=f"{official.position} · {unit.name}",
        keywords=official.position,
        body=f"{unit.name} {contacts}",  # "giám đốc sở tài chính" finds the director
        updated_at=official.updated_at,
    )
    if not official.position_en:
        return [vietnamese]
    english = in_english(
        vietnamese,
        detail=f"{official.position_en} · {unit.name_in('en')[0]}",
        keywords=f"{official.position_en} {official.position}",
        body=f"{unit.name_in('en')[0]} {unit.name} {contacts}",
    )
    return [vietnamese, english]


def schedule_entries(entry):
    if not (entry.is_published and entry.week.is_approved):
        return []
    with override("vi"):  # the schedule is written in Vietnamese
        day = date_format(entry.date, "l d/m/Y")
        detail = " · ".join(filter(None, [day, entry.time_label, entry.location]))
        summary = " ".join(
            filter(
                None,
                [
                    _("Chaired by: %(name)s.") % {"name": entry.chair_name} if entry.chair_name else "",
                    _("Attending: %(who)s.") % {"who": entry.participants} if entry.participants else "",
                ],
            )
        )
    return [
        Entry(
            title=entry.title,
            url=entry.get_absolute_url(),
            detail=detail,
            summary=summary,
            body=f"{entry.location} {entry.notes}",
            date=entry.starts,
            updated_at=entry.updated_at,
        )
    ]


def units_index(units):
    for unit in units:
        index.entries_replace(Kind.UNIT, unit.pk, unit_entries(unit))


def officials_index(officials):
    for official in officials:
        index.entries_replace(Kind.OFFICIAL, official.pk, official_entries(official))


def schedule_index(entries):
    for entry in entries:
        index.entries_replace(Kind.SCHEDULE, entry.pk, schedule_entries(entry))


def unit_saved(sender, instance, **kwargs):
    units_index(Unit.objects.select_related("parent").filter(pk=instance.pk))
    # Its units' rows name it, its officials' rows too.
    units_index(Unit.objects.select_related("parent").filter(parent=instance))
    officials_index(Official.objects.select_related("unit").filter(unit=instance))


def official_saved(sender, instance, **kwargs):
    officials_index(Official.objects.select_related("unit").filter(pk=instance.pk))
    schedule_index(ScheduleEntry.objects.select_related("week", "chair").filter(chair=instance))


def entry_saved(sender, instance, **kwargs):
    schedule_index(ScheduleEntry.objects.select_related("week", "chair").filter(pk=instance.pk))


def week_saved(sender, instance, **kwargs):
    schedule_index(ScheduleEntry.objects.select_related("week", "chair").filter(week=instance))


def deleted(kind):
    def receiver(sender, instance, **kwargs):
        index.entries_delete(kind, [instance.pk])

    return receiver


def every_unit():
    for unit in Unit.objects.select_related("parent"):
        yield unit.pk, unit_entries(unit)


def every_official():
    for official in Official.objects.shown().select_related("unit"):
        yield official.pk, official_entries(official)


def every_schedule_entry():
    for entry in ScheduleEntry.objects.published().select_related("week", "chair").iterator(chunk_size=500):
        yield entry.pk, schedule_entries(entry)


def connect():
    post_save.connect(unit_saved, sender=Unit, dispatch_uid="search-unit-save")
    post_save.connect(official_saved, sender=Official, dispatch_uid="search-official-save")
    post_save.connect(entry_saved, sender=ScheduleEntry, dispatch_uid="search-scheduleentry-save")
    post_save.connect(week_saved, sender=ScheduleWeek, dispatch_uid="search-scheduleweek-save")
    for model, kind in [(Unit, Kind.UNIT), (Official, Kind.OFFICIAL), (ScheduleEntry, Kind.SCHEDULE)]:
        post_delete.connect(
            deleted(kind), sender=model, dispatch_uid=f"search-{model._meta.model_name}-delete", weak=False
        )
    index.source(Kind.UNIT, every_unit)
    index.source(Kind.OFFICIAL, every_official)
    index.source(Kind.SCHEDULE, every_schedule_entry)
