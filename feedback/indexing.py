"""The public Q&A in the site search (/tim-kiem/, the search app): an answered question staff published
from the general form (Feedback.objects.published().general(), the rule of /hoi-dap/) has a row;
anything else has none. Kept by every save and delete, and by the admin's bulk "spam" action, which
saves nothing (feedback/admin.py calls answers_index).
"""

from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.http import urlencode

from feedback.models import Feedback
from search import index
from search.index import Entry, Kind, short

# /hoi-dap/ searches the first words of the subject; the anchor is the item on that page.
ADDRESS_WORDS = 10


def _answers():
    return Feedback.objects.published().general()


def answer_entries(item):
    words = " ".join(item.subject.split()[:ADDRESS_WORDS])
    address = f"{reverse('feedback:answers')}?{urlencode({'q': words})}#cau-hoi-{item.pk}"
    return [
        Entry(
            title=item.subject,
            url=address,
            summary=short(item.answer),
            body=f"{item.message} {item.answer}",
            date=item.answered_at or item.received_at,
            updated_at=item.updated_at,
        )
    ]


def answers_index(pks):
    """Write again the rows of the items `pks`: theirs when public, none otherwise."""
    pks = set(pks)
    public = {item.pk: item for item in _answers().filter(pk__in=pks)}
    for pk in pks:
        index.entries_replace(Kind.ANSWER, pk, answer_entries(public[pk]) if pk in public else [])


def feedback_saved(sender, instance, **kwargs):
    answers_index([instance.pk])


def feedback_deleted(sender, instance, **kwargs):
    index.entries_delete(Kind.ANSWER, [instance.pk])


def every_answer():
    for item in _answers().iterator(chunk_size=500):
        yield item.pk, answer_entries(item)


def connect():
    post_save.connect(feedback_saved, sender=Feedback, dispatch_uid="search-feedback-save")
    post_delete.connect(feedback_deleted, sender=Feedback, dispatch_uid="search-feedback-delete")
    index.source(Kind.ANSWER, every_answer)
