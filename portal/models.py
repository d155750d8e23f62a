from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingUpload(models.Model):
    """A file a staff member chose in an admin form that came back with errors (portal/lib/uploads.py).

    Kept for them alone and for a day, so that fixing the error does not mean choosing the file
    again. Its bytes are kept here, not in the media storage: media is public, and the file has not
    been re-encoded yet (that happens when the form is saved).
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(_("field"), max_length=200, help_text=_("app.model.field"))
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")

    def __str__(self):
        return self.name
