"""Demo agency for `manage.py load_demo_data`: the organisation of a province (Sơn La), its officials,
and six weeks of the leaders' work schedule around today.

The content is in `demo_data/` beside this module, for writers to edit: units.json (a unit's parent
is named by its name, and comes before it), officials.json (a unit named by its name; "photo": true
draws a placeholder portrait), schedule.json (the weeks, as offsets from this week) and
schedule_entries.json (the entries every week has, and a pool the rest of each week is chosen from,
the same choice on every machine). Every name is made up: no real person is named.

Units are keyed on their name, officials on their name and unit, weeks on their Monday: what exists
is never changed, so a second run creates nothing. The weeks are approved as an editor would approve
them, all but those listed in "not_approved"; in this week one entry is then adjusted and one added,
so that the page shows both marks. Two lookup links lead to the chart and the schedule.
"""

import io
from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw

from agency.models import Official, ScheduleEntry, ScheduleWeek, Unit
from frame.models import LookupLink
from portal.lib import demo as lib
from portal.lib.weeks import week_start

DATA = Path(__file__).with_name("demo_data")
EDITOR = "bientap"  # made by accounts' demo loader, which runs first


def _paragraphs(value):
    if not isinstance(value, list) or not all(isinstance(text, str) for text in value):
        raise ValueError(f"expected a list of strings, found {value!r}")
    return value


UNIT_FIELDS = {
    "name": str,
    "name_en": (str, ""),
    "parent": (str, None),
    "order": int,
    "functions": _paragraphs,
    "functions_en": (_paragraphs, []),
    "address": (str, ""),
    "phone": (str, ""),
    "email": (str, ""),
    "website": (str, ""),
}
OFFICIAL_FIELDS = {
    "unit": str,
    "full_name": str,
    "position": str,
    "position_en": (str, ""),
    "phone": (str, ""),
    "email": (str, ""),
    "spokesperson": (bool, False),
    "photo": (bool, False),
}
SCHEDULE_FIELDS = {
    "weeks": list,  # offsets from this week: -1 is last week
    "not_approved": list,  # of those, the weeks left for an editor to approve
    "note": (str, ""),  # this week's note
    "per_week": int,  # entries of the pool each week gets
}
ENTRY_FIELDS = {
    "group": lib.one_of("every_week", "pool"),
    "day": lib.one_of(0, 1, 2, 3, 4, 5, 6),  # Monday is 0
    "start": (str, ""),
    "end": (str, ""),
    "all_day": (bool, False),
    "title": str,
    "chair": (str, ""),  # an official's full name
    "chair_text": (str, ""),
    "participants": (str, ""),
    "place": (str, ""),
}


def load(*, stdout, verbosity, dry_run):
    """Create the demo units, officials, schedule weeks and links that are missing; a one-line summary."""
    units = lib.records_read(DATA / "units.json", UNIT_FIELDS)
    officials = lib.records_read(DATA / "officials.json", OFFICIAL_FIELDS)
    schedule = lib.record_read(DATA / "schedule.json", SCHEDULE_FIELDS)
    entries = lib.records_read(DATA / "schedule_entries.json", ENTRY_FIELDS)
    created = {
        "units": _units_load(units, stdout, verbosity),
        "officials": _officials_load(officials, stdout, verbosity),
        "schedule weeks": _schedule_load(schedule, entries, stdout, verbosity),
        "lookup links": _links_load(stdout, verbosity),
    }
    if not any(created.values()):
        return f"nothing new ({len(units)} units, {len(officials)} officials already there)"
    return ", ".join(f"{count} {what}" for what, count in created.items()) + " created"


def _html(paragraphs):
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _units_load(records, stdout, verbosity):
    by_name = {unit.name: unit for unit in Unit.objects.all()}
    created = 0
    for record in records:
        if record.name in by_name:
            continue
        if record.parent is not None and record.parent not in by_name:
            raise lib.DemoDataError(f"{record.where}: the parent {record.parent!r} comes later or is missing")
        unit = Unit(
            name=record.name,
            name_en=record.name_en,
            parent=by_name.get(record.parent),
            order=record.order,
            functions=_html(record.functions),
            functions_en=_html(record.functions_en),
            address=record.address,
            phone=record.phone,
            email=record.email,
            website=record.website,
        )
        unit.full_clean()  # demo content passes the checks an editor's would
        unit.save()
        by_name[unit.name] = unit
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + unit {unit.name}")
    return created


def portrait_jpeg(name, seed):
    """JPEG bytes of a placeholder portrait (a silhouette on a soft background): not a real person."""
    width, height = 300, 400
    tone = (lib.stable_number(f"{seed}-r", 150, 210), lib.stable_number(f"{seed}-g", 160, 210), 200)
    image = Image.new("RGB", (width, height), tone)
    draw = ImageDraw.Draw(image)
    draw.ellipse((95, 70, 205, 190), fill=(70, 78, 92))  # the head
    draw.rounded_rectangle((45, 205, 255, 430), radius=90, fill=(70, 78, 92))  # the shoulders
    draw.polygon([(150, 215), (128, 260), (150, 330), (172, 260)], fill=(164, 22, 26))  # the tie
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _officials_load(records, stdout, verbosity):
    units = {unit.name: unit for unit in Unit.objects.all()}
    existing = set(Official.objects.values_list("unit__name", "full_name"))
    created, listed = 0, {}
    for number, record in enumerate(records):
        # Within a unit, in the file's order: its head is listed first.
        listed[record.unit] = listed.get(record.unit, 0) + 1
        if (record.unit, record.full_name) in existing:
            continue
        if record.unit not in units:
            raise lib.DemoDataError(f"{record.where}: no unit {record.unit!r} in units.json")
        official = Official(
            unit=units[record.unit],
            full_name=record.full_name,
            position=record.position,
            position_en=record.position_en,
            phone=record.phone,
            email=record.email,
            spokesperson=record.spokesperson,
            order=listed[record.unit] * 10,
        )
        if record.photo:
            official.photo_alt = f"Ảnh chân dung {record.full_name} (ảnh minh họa)"
            official.photo = ContentFile(portrait_jpeg(record.full_name, number), name="chan-dung.jpg")
            official.full_clean(exclude=["photo"])
            official.save()
            lib.file_stored(official.photo.name)
        else:
            official.full_clean()
            official.save()
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + official {official}")
    return created


def _entry(week, spec, officials):
    if spec.chair and spec.chair not in officials:
        raise lib.DemoDataError(f"{spec.where}: no official named {spec.chair!r} in officials.json")

    def clock(value):
        return datetime.strptime(value, "%H:%M").time() if value else None

    return ScheduleEntry(
        week=week,
        date=week.starts_on + timedelta(days=spec.day),
        all_day=spec.all_day,
        starts_at=clock(spec.start),
        ends_at=clock(spec.end),
        title=spec.title,
        chair=officials.get(spec.chair),
        chair_text=spec.chair_text,
        participants=spec.participants,
        location=spec.place,
    )


def _schedule_load(schedule, records, stdout, verbosity):
    officials = {official.full_name: official for official in Official.objects.all()}
    editor = get_user_model().objects.filter(username=EDITOR).first()
    this_monday = week_start(timezone.localdate())
    created = 0
    for offset in schedule.weeks:
        monday = this_monday + timedelta(days=7 * offset)
        if ScheduleWeek.objects.filter(starts_on=monday).exists():
            continue
        week = ScheduleWeek.objects.create(starts_on=monday, note=schedule.note if offset == 0 else "")
        pool = [record for record in records if record.group == "pool"]
        # The same choice of the pool on every machine for a given week.
        chosen = sorted(pool, key=lambda record: lib.stable_number(f"{monday}-{record.title}", 0, 10**6))
        entries = [_entry(week, record, officials) for record in records if record.group == "every_week"]
        entries += [_entry(week, record, officials) for record in chosen[: schedule.per_week]]
        for entry in entries:
            entry.full_clean()
            entry.save()
        if offset not in schedule.not_approved:
            week.is_approved, week.approved_by = True, editor
            week.save()
        if offset == 0:
            _this_week_changes(week, officials)
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + schedule week {week} ({len(entries)} entries)")
    return created


def _this_week_changes(week, officials):
    """After this week went public: one meeting moved (adjusted) and one added."""
    first = week.entries.order_by("date", "starts_at", "pk").first()
    if first is not None and not first.all_day:
        first.ends_at = (datetime.combine(week.starts_on, first.starts_at) + timedelta(hours=2)).time()
        first.location = "Hội trường tầng 3, Trụ sở UBND tỉnh"
        first.save()
    added = ScheduleEntry(
        week=week,
        date=week.starts_on + timedelta(days=4),
        starts_at=datetime.strptime("16:30", "%H:%M").time(),
        ends_at=datetime.strptime("17:30", "%H:%M").time(),
        title="Họp khẩn về công tác ứng phó mưa lũ, sạt lở đất",
        chair=officials.get("Lò Văn Thành"),
        participants="Ban Chỉ huy Phòng thủ dân sự tỉnh; Sở Nông nghiệp và Môi trường; UBND các huyện",
        location="Phòng họp số 1, Trụ sở UBND tỉnh",
    )
    added.full_clean()
    added.save()


LINKS = [
    ("Lịch công tác của lãnh đạo", "/lich-cong-tac/", "L", (0, 105, 120)),
    ("Cơ cấu tổ chức", "/co-cau-to-chuc/", "C", (121, 85, 72)),
]


def _links_load(stdout, verbosity):
    created = 0
    for order, (title, link, letter, colour) in enumerate(LINKS, start=1):
        if LookupLink.objects.filter(link=link).exists():
            continue
        row = LookupLink(title=title, link=link, order=order)
        row.icon = ContentFile(lib.icon_png(colour=colour, letter=letter), name="icon.png")
        row.full_clean(exclude=["icon"])
        row.save()
        lib.file_stored(row.icon.name)
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + lookup link {title}")
    return created
