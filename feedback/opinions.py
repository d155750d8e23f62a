"""Readers' opinions under an article: which are shown, and telling the page caches when that changes.

An opinion is a Feedback item with an article. It is shown under the article once staff publish it
(the reader having allowed it), answered or not, oldest first (Feedback.objects.published()).
Article pages are stored whole per content generation (caching/), so a change to what is shown
bumps the generation at once; a new, unpublished opinion changes nothing anyone sees and bumps
nothing (a flood of submissions cannot empty the page caches).
"""

from django.db.models.signals import post_delete, post_save, pre_save

from caching.generation import generation_bump
from feedback.models import Feedback

SHOWN_FIELDS = ("name", "message", "answer", "answered_at", "received_at")


def shown_opinions(article):
    """The published opinions about `article`, oldest first, with what the section shows: one query."""
    return list(
        Feedback.objects.published().filter(article=article).order_by("received_at", "pk").only(*SHOWN_FIELDS)
    )


def _is_shown(feedback):
    return bool(
        feedback.article_id
        and feedback.is_published
        and feedback.allow_publish
        and feedback.status != Feedback.Status.SPAM
    )


def _remember_shown(sender, instance, **kwargs):
    instance._was_shown = bool(
        instance.pk and any(_is_shown(old) for old in Feedback.objects.filter(pk=instance.pk))
    )


def _bump_when_shown_changes(sender, instance, **kwargs):
    if getattr(instance, "_was_shown", False) or _is_shown(instance):
        generation_bump()


def connect():
    """Called by feedback's AppConfig.ready()."""
    pre_save.connect(_remember_shown, sender=Feedback, dispatch_uid="opinions-remember")
    post_save.connect(_bump_when_shown_changes, sender=Feedback, dispatch_uid="opinions-bump-save")
    post_delete.connect(_bump_when_shown_changes, sender=Feedback, dispatch_uid="opinions-bump-delete")
