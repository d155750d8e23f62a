"""What django-axes records about an admin login attempt (AXES_USERNAME_CALLABLE)."""

from django.conf import settings

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
