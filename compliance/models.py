"""What the compliance dashboard stores: per section of Decree 42/2022/NĐ-CP, the age after which its
content counts as stale and, for the sections no app of the portal serves by itself, where staff keep
it (a static page, a category or a link). Everything else it shows is read from what exists
(compliance/sections.py).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Category
from compliance.sections import SECTION_CHOICES, section
from frame.models import Page
from portal.lib.validators import validate_link


class SectionSetting(models.Model):
    section = models.CharField(_("section"), max_length=40, unique=True, choices=SECTION_CHOICES)
    stale_after_days = models.PositiveSmallIntegerField(
        _("stale after (days)"),
        null=True,
        blank=True,
        help_text=_("Warn when nothing in the section changed for this many days. Empty: the default."),
    )
    page = models.ForeignKey(
        Page,
        verbose_name=_("static page"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Its newest public article (sub-categories included) is the section's last update."),
    )
    link = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_("A path on this site or an outside address (the national procedures portal)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["section"]
        verbose_name = _("compliance section")
        verbose_name_plural = _("compliance sections")

    def __str__(self):
        return str(section(self.section).title)

    def clean(self):
        chosen = [value for value in (self.page_id, self.category_id, self.link) if value]
        if len(chosen) > 1:
            raise ValidationError(_("Choose one place for the section: a page, a category or a link."))
        if chosen and not section(self.section).mapped:
            raise ValidationError(_("The portal serves this section itself; only its threshold can be set."))
