"""Logging for requests the client got wrong: one short line each, never a traceback.

Django logs every 4xx it raises (BadRequest, Http404, PermissionDenied) to django.request and every
SuspiciousOperation to django.security.<its class name>, with the exception's traceback: some 30
lines for one hostile request, so a flood of them fills the disk. The traceback says nothing about
our code, and the client controls the path in the message (control characters included).
"""

import logging

# Django's security loggers, named after the exception (django.core.exceptions and the sessions'),
# and the CSRF failures. A logger's filter sees only what is logged to that very logger.
SECURITY_LOGGERS = [
    f"django.security.{name}"
    for name in [
        "SuspiciousOperation",
        "DisallowedHost",
        "DisallowedRedirect",
        "RequestDataTooBig",
        "TooManyFieldsSent",
        "TooManyFilesSent",
        "SuspiciousFileOperation",
        "SuspiciousMultipartForm",
        "SuspiciousSession",
        "InvalidSessionKey",
        "csrf",
    ]
]
CLIENT_ERROR_LOGGERS = ["django.request", *SECURITY_LOGGERS]

MAX_LENGTH = 500


def one_line(text):
    """`text` with control characters written as escapes (\\n, \\x01), cut to MAX_LENGTH."""
    text = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1] + "…"


class ClientErrorsOnOneLine(logging.Filter):
    """Make a 4xx or security record one escaped line without traceback; pass everything else as is.

    Configured (portal/settings.py, LOGGING) on the loggers in CLIENT_ERROR_LOGGERS, so that every
    handler gets the short record, and on the console handler for any other security logger.
    """

    def filter(self, record):
        status = getattr(record, "status_code", None)
        client_error = status is not None and 400 <= status < 500
        if client_error or record.name.startswith("django.security."):
            record.msg = one_line(record.getMessage())
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
