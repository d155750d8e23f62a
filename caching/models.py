from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentGeneration(models.Model):
    """One row: the number caching.generation bumps whenever public content changes."""

    value = models.BigIntegerField(default=0)

    class Meta:
        # The table kept its name when the model moved here from `portal` (migration 0001).
        db_table = "portal_contentgeneration"
        verbose_name = _("content generation")
        default_permissions = ()

    def __str__(self):
        return str(self.value)
