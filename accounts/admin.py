from importlib import import_module

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from accounts.models import SecondFactorEvent
from portal.lib.admin import ReadOnlyAdminMixin

User = get_user_model()

# django-otp's own device admins show every authenticator's secret and let a superuser delete one
# without a trace. Devices are made by the enrolment and removed by the reset below, both logged: those
# admins go. Their modules are imported first, so that they have registered whatever the order of
# INSTALLED_APPS (and, imported once, never register again). Django's user admin likewise (imported
# with UserAdmin above), replaced by the one below.
import_module("django_otp.plugins.otp_totp.admin")
import_module("django_otp.plugins.otp_static.admin")
for model in (TOTPDevice, StaticDevice, User):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


# django-axes' admin (the login lockout), readable in Vietnamese: its records describe themselves in
# English ("Failed access: user … on … from …": the row's name in lists and on its checkbox), and its
# status column has no translated heading.
def _axes_time(record):
    return date_format(timezone.localtime(record.attempt_time), "SHORT_DATETIME_FORMAT")


AccessAttempt.__str__ = lambda record: (
    _("Failed logins of %(username)s, the last at %(time)s")
    % {
        "username": record.username,
        "time": _axes_time(record),
    }
)
AccessFailureLog.__str__ = lambda record: (
    _("Failed login of %(username)s at %(time)s")
    % {
        "username": record.username,
        "time": _axes_time(record),
    }
)
AccessLog.__str__ = lambda record: (
    _("Login of %(username)s at %(time)s")
    % {
        "username": record.username,
        "time": _axes_time(record),
    }
)
AccessAttemptAdmin.status.short_description = _("Status")


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, with whether each person has set up two-factor sign-in and its reset."""

    list_display = [*UserAdmin.list_display, "second_factor"]
    actions = ["second_factor_reset_selected"]

    def get_queryset(self, request):
        authenticators = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(second_factor_enrolled=Exists(authenticators))

    @admin.display(description=_("two-factor sign-in"), boolean=True, ordering="second_factor_enrolled")
    def second_factor(self, user):
        return user.second_factor_enrolled

    @admin.action(
        description=_("Reset the two-factor sign-in of the selected people"), permissions=["change"]
    )
    def second_factor_reset_selected(self, request, queryset):
        """For a lost phone: the person sets up a new authenticator at their next sign-in."""
        others = queryset.exclude(pk=request.user.pk)
        done = 0
        for user in others:
            twofactor.second_factor_reset(user=user, actor=request.user)
            done += 1
        if done:
            message = ngettext(
                "Two-factor sign-in reset for %(count)d person: they set up a new authenticator at their "
                "next sign-in, and are signed out now.",
                "Two-factor sign-in reset for %(count)d people: they set up a new authenticator at their "
                "next sign-in, and are signed out now.",
                done,
            )
            self.message_user(request, message % {"count": done}, messages.SUCCESS)
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(
                request,
                _("Your own two-factor sign-in was not reset: another administrator can do it for you."),
                messages.WARNING,
            )


@admin.register(SecondFactorEvent)
class SecondFactorEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The two-factor audit log: read-only for everyone, superusers included."""

    list_display = ["created_at", "username", "action", "actor"]
    list_filter = ["action"]
    list_select_related = ["actor"]
    search_fields = ["username", "actor__username", "actor__last_name"]
    date_hierarchy = "created_at"
