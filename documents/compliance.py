"""The documents' sections of the compliance dashboard (compliance/sections.py explains the contract):
the documents issued, and the drafts put out for public consultation."""

from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from documents.models import Document


def documents_state(now):
    issued = Document.objects.published().issued()
    return {
        "url": reverse("documents:list"),
        "count": issued.count(),
        "updated_at": issued.aggregate(newest=Max("published_at"))["newest"],
    }


def consultation_state(now):
    drafts = Document.objects.published().drafts()
    try:
        url = reverse("documents:consultations")
    except NoReverseMatch:  # the consultations' own page, where this portal has one
        url = reverse("documents:list")
    state = {
        "url": url,
        "count": drafts.count(),
        "updated_at": drafts.aggregate(newest=Max("published_at"))["newest"],
    }
    open_now = drafts.open_for_consultation(now).count()
    state["note"] = _("%(count)d open for comments now.") % {"count": open_now}
    return state


sections = {"documents": documents_state, "consultation": consultation_state}
