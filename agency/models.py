"""The agency, as Decree 42/2022/NĐ-CP asks a portal to present it: its organisation (units as a tree,
each with its functions and contacts), the officials responsible with their contacts, in Vietnamese
and English, and the leaders' weekly work schedule (lịch công tác) in "Chỉ đạo, điều hành".

The tree is a parent link with a depth limit and a cycle check (Unit.clean): a province has a few
dozen units, read whole in one query and arranged in Python (agency/tree.py), so neither a nested-set
nor a materialised-path library earns its keep here.
"""

import unicodedata
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from portal.lib.html import count_images_without_alt, sanitize_html
from portal.lib.images import reencode_upload, validate_image
from portal.lib.text import normalize_whitespace, unique_slug
from portal.lib.validators import validate_link
from portal.lib.weeks import week_days, week_label, week_start

# UBND tỉnh → Sở → Chi cục → Phòng: four levels are as deep as a province's chart goes.
MAX_DEPTH = 4
IMAGE_WITHOUT_ALT = _(
    "Every image in the text needs a text alternative: select the image and press “Change image text "
    "alternative”."
)


def _text(value):
    return normalize_whitespace(value or "")


def _html(value):
    return unicodedata.normalize("NFC", sanitize_html(value))


def _in(language, english, vietnamese):
    """(text, language of the text): the English text when asked for and written, else Vietnamese."""
    if language == "en" and english:
        return english, "en"
    return vietnamese, "vi"


class Unit(models.Model):
    """An agency or a unit of it: UBND tỉnh, Văn phòng UBND tỉnh, Sở Tài chính, UBND huyện Mộc Châu…"""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(
        _("English name"),
        max_length=200,
        blank=True,
        help_text=_("Shown to visitors who chose English; without it they read the Vietnamese name."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("Part of the address (/co-cau-to-chuc/…/). Left empty, it is made from the name."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The unit this one belongs to; empty for the top of the chart (UBND tỉnh)."),
    )
    functions = CKEditor5Field(_("functions and tasks"), config_name="default", blank=True)
    functions_en = CKEditor5Field(_("functions and tasks in English"), config_name="default", blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.CharField(
        _("website"),
        max_length=300,
        blank=True,
        validators=[validate_link],
        help_text=_("Its own portal, if it has one (https://…)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Among its siblings."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for field in ("name", "name_en", "address", "phone"):
            setattr(self, field, _text(getattr(self, field)))
        self.functions, self.functions_en = _html(self.functions), _html(self.functions_en)
        if not self.slug:
            self.slug = unique_slug(
                self.name, Unit.objects.exclude(pk=self.pk), max_length=140, fallback="don-vi"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agency:unit", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.parent_id:
            problem = self.place_problem(self.parent_id)
            if problem:
                errors["parent"] = problem
        for field in ("functions", "functions_en"):
            if count_images_without_alt(getattr(self, field)):
                errors[field] = IMAGE_WITHOUT_ALT
        if errors:
            raise ValidationError(errors)

    def place_problem(self, parent_id):
        """Why this unit cannot go under `parent_id` (a cycle, or a chart deeper than MAX_DEPTH), or None."""
        parents = dict(Unit.objects.values_list("pk", "parent_id"))
        depth, current = 1, parent_id
        while current is not None:
            if current == self.pk:
                return _("A unit cannot be part of itself or of one of its own units.")
            depth += 1
            current = parents.get(current)
        if depth + self.height(parents) - 1 > MAX_DEPTH:
            return _("The chart may be at most %(levels)d levels deep.") % {"levels": MAX_DEPTH}
        return None

    def height(self, parents):
        """How many levels this unit and the units under it take (1 without any)."""
        if self.pk is None:
            return 1
        children = {}
        for pk, parent in parents.items():
            children.setdefault(parent, []).append(pk)

        def levels(pk):
            return 1 + max((levels(child) for child in children.get(pk, ())), default=0)

        return levels(self.pk)

    def name_in(self, language):
        return _in(language, self.name_en, self.name)

    def functions_in(self, language):
        return _in(language, self.functions_en, self.functions)

    @property
    def has_english(self):
        return bool(self.name_en)


class OfficialQuerySet(models.QuerySet):
    def shown(self):
        """What the public sees of the officials: those staff chose to show. Every public page,
        the search and the sitemap start here."""
        return self.filter(is_shown=True)


class Official(models.Model):
    """An official whose name, position and contacts the public may read (lãnh đạo, đầu mối)."""

    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(
        _("position"), max_length=200, help_text=_("E.g. “Giám đốc”, “Phó Chủ tịch”.")
    )
    position_en = models.CharField(
        _("position in English"), max_length=200, blank=True, help_text=_("E.g. “Director”.")
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="officials")
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="officials/%Y/",
        blank=True,
        validators=[validate_image],
        help_text=_("A portrait, at least 300 × 400 pixels. It is checked and re-encoded."),
    )
    photo_alt = models.CharField(
        _("photo text alternative"),
        max_length=200,
        blank=True,
        help_text=_("Usually “Ảnh chân dung” and the name. Required with a photo."),
    )
    spokesperson = models.BooleanField(
        _("spokesperson"),
        default=False,
        help_text=_("The person who speaks for the unit or provides its information to the public."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Within the unit: the head first.")
    )
    is_shown = models.BooleanField(_("shown to the public"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OfficialQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "order", "full_name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | Q(photo_alt__regex=r"\S"),
                name="official_photo_has_alt",
                violation_error_message=_("A photo needs a text alternative."),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.position})"

    def save(self, *args, **kwargs):
        for field in ("full_name", "position", "position_en", "phone", "photo_alt"):
            setattr(self, field, _text(getattr(self, field)))
        reencode_upload(self.photo)  # store pixels we encoded, never the bytes sent
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.unit.get_absolute_url()}#can-bo-{self.pk}"

    def clean(self):
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": _("Describe the photo for visitors who cannot see it.")})

    def position_in(self, language):
        return _in(language, self.position_en, self.position)


class ScheduleWeek(models.Model):
    """A week of the leaders' schedule (Monday to Sunday), public once approved (“đã duyệt”)."""

    starts_on = models.DateField(
        _("week of"), unique=True, help_text=_("Any day of the week: it is stored as its Monday.")
    )
    is_approved = models.BooleanField(
        _("approved"),
        default=False,
        help_text=_(
            "Only an approved week is public. Entries changed or added after that are marked "
            "“adjusted” with the time, on the page and in the calendar feed."
        ),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Shown above the week, e.g. “Lịch có thể thay đổi”.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("schedule week")
        verbose_name_plural = _("schedule weeks")

    def __str__(self):
        return _("Week %(label)s (%(first)s – %(last)s)") % {
            "label": self.label,
            "first": date_format(self.starts_on, "d/m"),
            "last": date_format(self.ends_on, "d/m/Y"),
        }

    def save(self, *args, **kwargs):
        self.starts_on = week_start(self._meta.get_field("starts_on").to_python(self.starts_on))
        newly_approved = self.is_approved and not (
            self.pk and ScheduleWeek.objects.filter(pk=self.pk, is_approved=True).exists()
        )
        with transaction.atomic():
            if newly_approved:
                self.approved_at = timezone.now()
            super().save(*args, **kwargs)
            if newly_approved:
                # What is public from now on was first published now; later changes are adjustments.
                self.entries.filter(is_published=True, published_at__isnull=True).update(
                    published_at=self.approved_at
                )

    def get_absolute_url(self):
        return f"{reverse('agency:schedule')}?tuan={self.label}"

    @property
    def label(self):
        return week_label(self.starts_on)

    @property
    def ends_on(self):
        return self.starts_on + timedelta(days=6)

    @property
    def days(self):
        return week_days(self.starts_on)


class ScheduleEntryQuerySet(models.QuerySet):
    def published(self):
        """What the public sees of the schedule: published entries of approved weeks. The page, the
        calendar feed and the search start here."""
        return self.filter(is_published=True, week__is_approved=True)


class ScheduleEntry(models.Model):
    """One line of the schedule: a day, a time (or all day), what, who chairs, who attends, where."""

    # What the public reads: a change to any of these once it is public is an adjustment.
    PUBLIC_FIELDS = (
        "date", "all_day", "starts_at", "ends_at", "title", "chair_id", "chair_text", "participants",
        "location", "notes",
    )  # fmt: skip

    week = models.ForeignKey(
        ScheduleWeek, verbose_name=_("week"), on_delete=models.CASCADE, related_name="entries"
    )
    date = models.DateField(_("day"))
    all_day = models.BooleanField(_("all day"), default=False)
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    title = models.TextField(_("what"), max_length=1000)
    chair = models.ForeignKey(
        Official,
        verbose_name=_("chaired by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_entries",
    )
    chair_text = models.CharField(
        _("chaired by (other)"),
        max_length=200,
        blank=True,
        help_text=_("When who chairs is not in the list of officials."),
    )
    participants = models.TextField(_("attending"), max_length=1000, blank=True)
    location = models.CharField(_("place"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), max_length=1000, blank=True)
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Public once the week is approved.")
    )
    published_at = models.DateTimeField(_("first public"), null=True, blank=True, editable=False)
    adjusted_at = models.DateTimeField(_("adjusted"), null=True, blank=True, editable=False)
    # The calendar feed's SEQUENCE: raised by every adjustment, so subscribed calendars update.
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScheduleEntryQuerySet.as_manager()

    class Meta:
        ordering = ["date", "-all_day", "starts_at", "pk"]
        verbose_name = _("schedule entry")
        verbose_name_plural = _("schedule entries")
        indexes = [models.Index(fields=["date"], name="schedule_entry_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(all_day=True) | Q(starts_at__isnull=False),
                name="schedule_entry_has_a_time",
                violation_error_message=_("Give a start time, or tick “all day”."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="schedule_entry_ends_after_start",
                violation_error_message=_("The end must come after the start."),
            ),
        ]

    def __str__(self):
        return f"{date_format(self.date, 'd/m/Y')} {self.time_label}: {self.title[:80]}"

    def save(self, *args, **kwargs):
        for field in ("chair_text", "location"):
            setattr(self, field, _text(getattr(self, field)))
        self.title = unicodedata.normalize("NFC", self.title.strip())
        if self.all_day:
            self.starts_at = self.ends_at = None
        if self.week_id is None and self.date:
            self.week, _created = ScheduleWeek.objects.get_or_create(starts_on=week_start(self.date))
        self.adjustment_note()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.week.get_absolute_url()}#lich-{self.pk}"

    def adjustment_note(self):
        """Note when the public first saw this entry, and when it changed after that (“điều chỉnh”)."""
        if not (self.is_published and self.week.is_approved):
            return
        now = timezone.now()
        if self.published_at is None:
            self.published_at = now
            return
        before = ScheduleEntry.objects.filter(pk=self.pk).values(*self.PUBLIC_FIELDS, "is_published").first()
        if before is None:
            return
        changed = any(before[field] != getattr(self, field) for field in self.PUBLIC_FIELDS)
        if changed or not before["is_published"]:
            self.adjusted_at = now
            self.revision += 1

    def clean(self):
        errors = {}
        if self.week_id and self.date and not (self.week.starts_on <= self.date <= self.week.ends_on):
            errors["date"] = _("The day must be in the week of %(first)s to %(last)s.") % {
                "first": date_format(self.week.starts_on, "d/m/Y"),
                "last": date_format(self.week.ends_on, "d/m/Y"),
            }
        if not self.all_day and self.starts_at is None:
            errors["starts_at"] = _("Give a start time, or tick “all day”.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must come after the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def chair_name(self):
        return self.chair.full_name if self.chair_id and self.chair else self.chair_text

    @property
    def time_label(self):
        if self.all_day or self.starts_at is None:
            return str(_("All day"))
        start = self.starts_at.strftime("%H:%M")
        return f"{start}–{self.ends_at.strftime('%H:%M')}" if self.ends_at else start

    @property
    def starts(self):
        """The start as an aware datetime (the day's midnight for an all-day entry)."""
        moment = datetime.combine(self.date, self.starts_at or datetime.min.time())
        return timezone.make_aware(moment)

    @property
    def ends(self):
        if self.all_day or self.ends_at is None:
            return None
        return timezone.make_aware(datetime.combine(self.date, self.ends_at))

    @property
    def mark(self):
        """("adjusted" or "added", when) for an entry changed or added after its week went public."""
        if self.adjusted_at:
            return "adjusted", self.adjusted_at
        approved = self.week.approved_at
        if self.published_at and approved and self.published_at > approved:
            return "added", self.published_at
        return None
