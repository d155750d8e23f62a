from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SecondFactorEvent(models.Model):
    """One line of the two-factor audit log: an authenticator set up, a reset, a recovery code used.

    Append-only (accounts/twofactor.py writes it; the admin shows it read-only). The username is kept
    beside the link so that a line still says whom it was about once the account is deleted.
    """

    class Action(models.TextChoices):
        ENROL = "enrol", _("Authenticator set up")
        RESET = "reset", _("Reset: must set up again")
        RECOVERY_CODE = "recovery_code", _("Signed in with a recovery code")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        help_text=_("Empty when the portal did it itself (the demo accounts)."),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("two-factor event")
        verbose_name_plural = _("two-factor sign-in log")

    def __str__(self):
        return f"{self.get_action_display()}: {self.username}"
