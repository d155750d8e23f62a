"""The Q&A section of the compliance dashboard (compliance/sections.py explains the contract)."""

from django.db.models import Max
from django.urls import reverse

from feedback.models import Feedback


def answers_state(now):
    answers = Feedback.objects.published().general()
    return {
        "url": reverse("feedback:answers"),
        "count": answers.count(),
        "updated_at": answers.aggregate(newest=Max("answered_at"))["newest"],
    }


sections = {"qa": answers_state}
