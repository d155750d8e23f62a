"""The admin's forms for the schedule: a week entered quickly, a row per entry with the week's days."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from agency.models import ScheduleEntry, ScheduleWeek
from portal.lib.weeks import week_start


class ScheduleWeekForm(forms.ModelForm):
    copy_previous = forms.BooleanField(
        label=_("Start from the previous week"),
        required=False,
        help_text=_(
            "Copies every entry of the week before into this one, a week later, to be edited: regular "
            "meetings need not be typed again. Only for a week that has no entries yet."
        ),
    )

    class Meta:
        model = ScheduleWeek
        fields = ["starts_on", "is_approved", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            # Schedules are written for the week to come.
            self.initial.setdefault("starts_on", week_start(timezone.localdate()) + timedelta(days=7))
            self.initial.setdefault("copy_previous", True)
        if self.instance.pk and self.instance.entries.exists():
            del self.fields["copy_previous"]

    def clean_starts_on(self):
        monday = week_start(self.cleaned_data["starts_on"])
        if ScheduleWeek.objects.exclude(pk=self.instance.pk).filter(starts_on=monday).exists():
            raise forms.ValidationError(_("The week of this day already has a schedule."))
        return monday


def day_label(day):
    return f"{date_format(day, 'l')} {date_format(day, 'd/m')}"


class ScheduleEntryForm(forms.ModelForm):
    """A row of the week: its day chosen among the week's seven (`days` is set by the inline)."""

    days = ()

    class Meta:
        model = ScheduleEntry
        fields = [
            "date", "all_day", "starts_at", "ends_at", "title", "chair", "chair_text", "participants",
            "location", "notes", "is_published",
        ]  # fmt: skip
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2, "cols": 36}),
            "participants": forms.Textarea(attrs={"rows": 2, "cols": 24}),
            "notes": forms.Textarea(attrs={"rows": 2, "cols": 20}),
            "location": forms.TextInput(attrs={"size": 18}),
            "chair_text": forms.TextInput(attrs={"size": 14}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.days:
            self.fields["date"] = forms.TypedChoiceField(
                label=_("day"),
                choices=[("", "—"), *((day.isoformat(), day_label(day)) for day in self.days)],
                coerce=date.fromisoformat,
                empty_value=None,
            )
