"""Accepting feedback: one action that stores a row and tells the staff by email."""

import hashlib
import hmac
import ipaddress
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Feedback, new_code
from portal.lib.http import client_ip

logger = logging.getLogger(__name__)

RATE_WINDOW = timedelta(hours=1)


def sender_hash_for(request):
    """HMAC-SHA256 of the visitor's address, keyed with SECRET_KEY; the address itself is not kept.

    An IPv6 visitor is counted by the /64 network: one home or phone gets a whole /64 and could
    otherwise take a new address for every submission.
    """
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        identity = address[:100]
    else:
        if parsed.version == 6 and parsed.ipv4_mapped:
            parsed = parsed.ipv4_mapped
        if parsed.version == 6:
            identity = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
        else:
            identity = str(parsed)
    return hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()


def submissions_exceeded(sender_hash):
    """True when this visitor has already sent FEEDBACK_RATE_LIMIT items in the last hour."""
    since = timezone.now() - RATE_WINDOW
    recent = Feedback.objects.sent_since(sender_hash, since)
    return recent.count() >= settings.FEEDBACK_RATE_LIMIT


def feedback_submit(*, name, email, phone, subject, message, allow_publish, sender_hash):
    """Store a reader's feedback under a new reference code; email the staff once it is committed.

    The fields are the feedback form's cleaned data. A failing mail server is logged and loses
    nothing: the feedback is in the database and in the admin list either way.
    """
    with transaction.atomic():
        for attempt in range(5):
            try:
                # A savepoint per attempt: a code already taken (one chance in 10^12) rolls back
                # only this insert, and we draw again.
                with transaction.atomic():
                    feedback = Feedback.objects.create(
                        code=new_code(),
                        name=name,
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
