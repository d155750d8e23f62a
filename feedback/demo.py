"""Demo feedback for `manage.py load_demo_data`: what readers of a provincial portal write.

The items are in `demo_data/feedback.json` beside this module, for writers to edit (their keys: the
FIELDS below).

Items are keyed on their reference code: one whose code exists is left alone, so a second run
creates nothing. Answers are signed by the demo administrator, created by the command beforehand.
"""

import hashlib
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from feedback.models import Feedback
from portal.lib.demo import records_read

DATA = Path(__file__).with_name("demo_data")
ANSWERER = "admin"  # created by the command before any app loader runs
Status = Feedback.Status

# A key's kind, or (kind, the value when it is left out); see portal.lib.demo.records_read().
FIELDS = {
    "code": str,
    "days_ago": int,  # received that many days ago
    "name": str,
    "email": str,
    "phone": (str, ""),
    "subject": str,
    "message": str,
    "status": (Status, Status.NEW),
    "allow_publish": (bool, False),
    "answer": (str, ""),
    "answered_after_days": (int, 0),  # the answer's date, counted from the day it was received
    "published": (bool, False),  # the answer is published in the Q&A
}


def load(*, stdout, verbosity, dry_run):
    items = records_read(DATA / "feedback.json", FIELDS)
    existing = set(
        Feedback.objects.filter(code__in=[item.code for item in items]).values_list("code", flat=True)
    )
    answerer = get_user_model().objects.filter(username=ANSWERER).first()
    now = timezone.now()
    created = published = 0
    for item in items:
        if item.code in existing:
            if verbosity >= 2:
                stdout.write(f"  = feedback {item.code} exists, left as it is")
            continue
        received = now - timedelta(days=item.days_ago, hours=item.days_ago % 7)
        answered = item.answer and received + timedelta(days=item.answered_after_days)
        Feedback.objects.create(
            code=item.code,
            name=item.name,
            email=item.email,
            phone=item.phone.replace(" ", ""),
            subject=item.subject,
            message=item.message,
            allow_publish=item.allow_publish,
            consented_at=received,
            sender_hash=hashlib.sha256(f"demo:{item.code}".encode()).hexdigest(),
            received_at=received,
            status=item.status,
            assignee=answerer if item.status != Status.NEW else None,
            answer=item.answer,
            answered_by=answerer if item.answer else None,
            answered_at=answered or None,
            is_published=item.published,
        )
        created += 1
        published += item.published
        if verbosity >= 2:
            stdout.write(f"  + feedback {item.code}: {item.subject}")
    if not created:
        return f"nothing new ({len(existing)} feedback items already there)"
    return (
        f"{created} feedback items created ({published} published in the Q&A), {len(existing)} already there"
    )
