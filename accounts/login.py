"""Admin login abuse: what django-axes records about an attempt, and when it locks a login out.

Two limits (portal/settings.py, AXES_*):

- AXES_FAILURE_LIMIT wrong passwords for one username from one network (an IPv4 address, an IPv6
  /64: portal.lib.http.client_network) lock that pair out, as axes does by itself;
- AXES_USERNAME_FAILURE_LIMIT wrong passwords for one username from any addresses lock the username
  out everywhere: without it, an attacker with many networks (a botnet, a cloud provider's ranges)
  tries AXES_FAILURE_LIMIT passwords from each.

Both last AXES_COOLOFF_TIME after the last failure; `manage.py axes_reset_username <name>` (or
axes_reset) unlocks before that.
"""

from axes.attempts import get_cool_off_threshold
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.db.models import Sum

# The length of axes' AccessAttempt.username column.
AXES_USERNAME_MAX_LENGTH = 255


def axes_username(request, credentials=None):
    """The username tried, as axes reads it by default, cut to what its table can hold.

    Django's admin login form authenticates before it checks the username's length, so a hostile
    5,000-character username reached axes' database row: a database error, a 500 instead of the form.
    """
    source = credentials or request.POST
    username = source.get(str(settings.AXES_USERNAME_FORM_FIELD))
    return username[:AXES_USERNAME_MAX_LENGTH] if isinstance(username, str) else username


class AxesLockoutHandler(AxesDatabaseHandler):
    """axes' database handler (AXES_HANDLER), with the second, larger limit per username.

    axes compares every lockout parameter with one AXES_FAILURE_LIMIT, so the username alone cannot be
    a parameter with a limit of its own; this handler adds that check to the two places axes asks:
    `is_locked` (before a password is checked) and `user_login_failed` (the failure that reaches the
    limit is answered with the lockout page). A request locked this way carries
    `axes_lockout_scope = "username"`, which the lockout page (admin/locked_out.html) words apart.
    """

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self.username_locked(request, credentials)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or not self.username_locked(request, credentials):
            return
        if not getattr(request, "axes_locked_out", False):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )

    def username_locked(self, request, credentials=None):
        if not settings.AXES_LOCK_OUT_AT_FAILURE or self.is_whitelisted(request, credentials):
            return False
        locked = self.username_failures(request, credentials) >= settings.AXES_USERNAME_FAILURE_LIMIT
        if locked:
            request.axes_lockout_scope = "username"
        return locked

    def username_failures(self, request, credentials=None):
        """Failures for the username from every address within the cool-off (one indexed query)."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        attempts = AccessAttempt.objects.filter(username=username)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
