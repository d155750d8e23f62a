"""Accepting feedback: one action that stores a row and tells the staff by email."""

import hashlib
import hmac
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Feedback, new_code
from portal.lib.http import client_ip, client_network

logger = logging.getLogger(__name__)

RATE_WINDOW = timedelta(hours=1)
# The first key of the advisory lock feedback_submit takes per visitor (the second comes from the
# visitor's hash): any other advisory lock in the database uses another first key.
RATE_LOCK_NAMESPACE = 0x67F1  # "góp ý"


class RateLimitExceeded(Exception):
    """The visitor has sent FEEDBACK_RATE_LIMIT items in the last hour; nothing was stored."""


def sender_hash_for(request):
    """HMAC-SHA256 of the visitor's network, keyed with SECRET_KEY; the address itself is not kept.

    The network is portal.lib.http.client_network's, as for the admin login lockout: an IPv6 visitor
    is counted by the /64 one home or phone holds, which could otherwise take a new address for every
    submission.
    """
    identity = client_network(request) or client_ip(request)[:100]
    return hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()


def submissions_exceeded(sender_hash):
    """True when this visitor has already sent FEEDBACK_RATE_LIMIT items in the last hour."""
    since = timezone.now() - RATE_WINDOW
    recent = Feedback.objects.sent_since(sender_hash, since)
    return recent.count() >= settings.FEEDBACK_RATE_LIMIT


def feedback_submit(
    *,
    name,
    email,
    phone="",
    organisation="",
    subject,
    message,
    allow_publish,
    sender_hash,
    article=None,
    document=None,
):
    """Store a reader's feedback under a new reference code; email the staff once it is committed.

    The fields are the feedback form's cleaned data; `article`, the published article an opinion
    from under it is about; `document`, the draft a consultation comment is about (both None for the
    general form). A failing mail server is logged and loses
    nothing: the feedback is in the database and in the admin list either way.

    The rate limit is checked again here, under a lock on the visitor: the form's check runs before
    any insert, so parallel posts from one visitor would all pass it. The lock is held until commit,
    so the count sees every earlier submission of this visitor. Raises RateLimitExceeded.
    """
    with transaction.atomic():
        if sender_hash:
            sender_lock(sender_hash)
            if submissions_exceeded(sender_hash):
                raise RateLimitExceeded
        for attempt in range(5):
            try:
                # A savepoint per attempt: a code already taken (one chance in 10^12) rolls back
                # only this insert, and we draw again.
                with transaction.atomic():
                    feedback = Feedback.objects.create(
                        code=new_code(),
                        article=article,
                        document=document,
                        name=name,
                        organisation=organisation,
                        email=email,
                        phone=phone,
                        subject=subject,
                        message=message,
                        allow_publish=allow_publish,
                        sender_hash=sender_hash,
                    )
                break
            except IntegrityError:
                if attempt == 4:
                    raise
        transaction.on_commit(lambda: staff_notify(feedback=feedback))
    return feedback


def sender_lock(sender_hash):
    """Wait for, then hold until the transaction ends, the advisory lock of one visitor."""
    # PostgreSQL's two-key form takes two int4: the visitor's is 32 bits of a digest of the hash.
    visitor = int.from_bytes(hashlib.sha256(sender_hash.encode()).digest()[:4], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [RATE_LOCK_NAMESPACE, visitor])


def staff_notify(*, feedback):
    """Email the feedback staff address about a new item; log, never raise, when sending fails."""
    admin_path = reverse("admin:feedback_feedback_change", args=[feedback.pk])
    context = {
        "feedback": feedback,
        "admin_url": settings.PORTAL_BASE_URL.rstrip("/") + admin_path,
    }
    try:
        send_mail(
            subject=_("[Feedback %(code)s] %(subject)s")
            % {"code": feedback.code, "subject": feedback.subject[:150]},
            message=render_to_string("feedback/email/staff_notification.txt", context),
            from_email=None,
            recipient_list=[settings.FEEDBACK_STAFF_EMAIL],
        )
    except Exception:
        # Anything the mail backend raises (refused connection, timeout, bad header): the reader's
        # feedback is saved already and must not turn into an error page.
        logger.exception("Could not email the feedback staff about %s", feedback.code)
