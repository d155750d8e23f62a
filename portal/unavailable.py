"""A Vietnamese 503 page, instead of a 500 and a stack trace, while the database cannot be reached.

PostgreSQL restarting, or gone: every query raises OperationalError (or InterfaceError for a
connection it closed). The page is rendered the way Django renders its 500 page, without the request,
so no context processor runs and nothing on it needs the database.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Seconds a browser or a crawler is told to wait: a restart takes a few.
RETRY_AFTER_SECONDS = 30


def unavailable_response():
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


@receiver(got_request_exception)
def remember_database_unavailable(sender, request=None, **kwargs):
    """Mark a request that failed in another middleware (a session saved, a user loaded) for lack of
    the database: Django turns that into a 500 before DatabaseUnavailableMiddleware can see it."""
    if request is not None and isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        request.database_unavailable = True


class DatabaseUnavailableMiddleware:
    """Answer 503 with a Retry-After when the view, or any middleware inside this one, lost the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "database_unavailable", False):
            # Django has logged the exception with its traceback already.
            return unavailable_response()
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.error("Database unavailable, answered 503 for %s: %s", request.path, exception)
        return unavailable_response()
