"""The editorial workflow: who may do what to an article, and the transitions themselves.

    draft ──submit──▶ pending ──approve──▶ published ──unpublish──▶ unpublished
      ▲                  │                 (future publish time: scheduled)
      └──(edited)── rejected ◀──reject (with a comment)

Every transition goes through one of the functions below, whoever asks and however: the admin's
buttons and actions call them, and they check permissions and the current status themselves, on a
locked row, so a crafted request cannot skip a step. Each writes an ArticleEvent (the audit log);
emails leave only once the transaction has committed.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.names import full_name
from articles.models import Article, ArticleEvent, ArticleRevision

logger = logging.getLogger(__name__)

Status = Article.Status
Action = ArticleEvent.Action

# Statuses a journalist may still edit (their own articles only).
JOURNALIST_EDITABLE = {Status.DRAFT, Status.REJECTED}
SUBMITTABLE = {Status.DRAFT, Status.REJECTED}
# An editor may publish what is waiting, their own draft, or an article taken down earlier.
APPROVABLE = {Status.DRAFT, Status.PENDING, Status.UNPUBLISHED}


class TransitionNotAllowed(Exception):
    """The article is not in a status this transition starts from."""


def is_reviewer(user):
    return user.has_perm("articles.review_article") or user.has_perm("articles.publish_article")


def can_edit(user, article):
    """Editors edit any article; a journalist only their own, and only while draft or rejected."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.change_article")):
        return False
    if article is None or is_reviewer(user):
        return True
    return article.created_by_id == user.pk and article.status in JOURNALIST_EDITABLE


def can_submit(user, article):
    return (
        article.status in SUBMITTABLE and user.has_perm("articles.submit_article") and can_edit(user, article)
    )


def can_approve(user, article):
    return article.status in APPROVABLE and user.is_active and user.has_perm("articles.publish_article")


def can_reject(user, article):
    return article.status == Status.PENDING and user.is_active and user.has_perm("articles.review_article")


def can_unpublish(user, article):
    return article.status == Status.PUBLISHED and user.is_active and user.has_perm("articles.publish_article")


CHECKS = {"submit": can_submit, "approve": can_approve, "reject": can_reject, "unpublish": can_unpublish}


def allowed_actions(user, article):
    """The transitions this user may apply to this article now, in button order."""
    return [name for name, check in CHECKS.items() if check(user, article)]


def _locked(article):
    """The article's row, locked until the transaction ends, with its current status."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _transition(*, article, user, check, action, to_status, comment="", changes=None):
    with transaction.atomic():
        current = _locked(article)
        if not check(user, current):
            if not user.is_active or user.is_anonymous or not _has_any_right(user, check):
                raise PermissionDenied
            raise TransitionNotAllowed(current.get_status_display())
        from_status = current.status
        current.status = to_status
        for field, value in (changes or {}).items():
            setattr(current, field, value)
        current.save(update_fields=["status", *(changes or {})])
        event = ArticleEvent.objects.create(
            article=current,
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=user,
            comment=comment,
        )
    # The caller's object follows the row, so a form rendered next carries the new version.
    article.status, article.version = current.status, current.version
    for field in changes or {}:
        setattr(article, field, getattr(current, field))
    return event


def _has_any_right(user, check):
    """Whether the refusal is about who asks (403) rather than the article's current status."""
    needed = {
        can_submit: "articles.submit_article",
        can_approve: "articles.publish_article",
        can_reject: "articles.review_article",
        can_unpublish: "articles.publish_article",
    }[check]
    return user.has_perm(needed)


def article_submit(*, article, user):
    """Send a draft (or a rejected article, once fixed) to the editors."""
    if not can_edit(user, article) and not is_reviewer(user):
        raise PermissionDenied
    event = _transition(
        article=article, user=user, check=can_submit, action=Action.SUBMIT, to_status=Status.PENDING
    )
    transaction.on_commit(lambda: editors_notify(event=event))
    return event


def article_approve(*, article, user):
    """Publish now, or at the article's future publish time (scheduled: published() waits for it)."""
    now = timezone.now()
    changes = {}
    if article.status != Status.UNPUBLISHED and _locked_published_at(article) < now:
        # Approval is publication: an article written last week still goes to the top of the lists.
        changes["published_at"] = now
    scheduled = not changes and _locked_published_at(article) > now
    event = _transition(
        article=article,
        user=user,
        check=can_approve,
        action=Action.SCHEDULE if scheduled else Action.APPROVE,
        to_status=Status.PUBLISHED,
        changes=changes,
    )
    transaction.on_commit(lambda: author_notify(event=event))
    return event


def _locked_published_at(article):
    return Article.objects.filter(pk=article.pk).values_list("published_at", flat=True).get()


def article_reject(*, article, user, comment):
    """Send a pending article back to its author, saying why."""
    comment = (comment or "").strip()
    if not comment:
        raise ValueError("A rejection needs a comment.")
    event = _transition(
        article=article,
        user=user,
        check=can_reject,
        action=Action.REJECT,
        to_status=Status.REJECTED,
        comment=comment,
    )
    transaction.on_commit(lambda: author_notify(event=event))
    return event


def article_unpublish(*, article, user, comment=""):
    return _transition(
        article=article,
        user=user,
        check=can_unpublish,
        action=Action.UNPUBLISH,
        to_status=Status.UNPUBLISHED,
        comment=comment,
    )


def article_redraft(*, article, user):
    """A rejected article that its author edits is a draft again, until it is resubmitted."""
    return _transition(
        article=article,
        user=user,
        check=lambda user, current: current.status == Status.REJECTED and can_edit(user, current),
        action=Action.REDRAFT,
        to_status=Status.DRAFT,
    )


def revision_create(*, article, user, note=""):
    """Snapshot what the article says now as its next revision."""
    with transaction.atomic():
        Article.objects.select_for_update().filter(pk=article.pk).exists()
        last = article.revisions.aggregate(last=Max("number"))["last"] or 0
        return ArticleRevision.objects.create(
            article=article,
            number=last + 1,
            created_by=user,
            note=note,
            title=article.title,
            summary=article.summary,
            body=article.body,
            category_id=article.category_id,
            byline=article.byline,
            source=article.source,
            status=article.status,
        )


def article_restore_revision(*, article, revision, user):
    """Put an earlier revision's content back; this is a save like any other, so a new revision."""
    if revision.article_id != article.pk:
        raise ValueError("The revision belongs to another article.")
    with transaction.atomic():
        current = _locked(article)
        if not can_edit(user, current):
            raise PermissionDenied
        for field in ("title", "summary", "body", "byline", "source"):
            setattr(current, field, getattr(revision, field))
        if revision.category_id:
            current.category_id = revision.category_id
        current.save()
        new = revision_create(
            article=current,
            user=user,
            note=_("Restored from revision %(number)s") % {"number": revision.number},
        )
        ArticleEvent.objects.create(
            article=current,
            action=Action.RESTORE,
            from_status=current.status,
            to_status=current.status,
            actor=user,
            comment=new.note,
        )
    return new


# Notifications -----------------------------------------------------------------------------------


def editors():
    """Who hears of a submitted article: active members of the editor group with an address."""
    return (
        get_user_model()
        .objects.filter(groups__name=roles.EDITOR, is_active=True)
        .exclude(email="")
        .distinct()
    )


def absolute(path):
    """An address staff can open from their mail: the site's base URL and the path."""
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _send(*, subject, template, event, recipients):
    """Mail `template` (templates/articles/email/) about `event`; log, never raise, when sending fails."""
    if not recipients:
        return
    article = event.article
    context = {
        "article": article,
        "event": event,
        "actor": full_name(event.actor) or "?",
        "admin_url": absolute(reverse("admin:articles_article_change", args=[article.pk])),
        "public_url": absolute(article.get_absolute_url()),
    }
    try:
        send_mail(subject, render_to_string(f"articles/email/{template}.txt", context), None, recipients)
    except Exception:
        # The transition is committed; a mail server being down must not turn it into an error page.
        logger.exception("Could not email about %s of article %s", event.action, event.article_id)


def editors_notify(*, event):
    _send(
        subject=_("[Portal] Waiting for review: %(title)s") % {"title": event.article.title},
        template="submitted",
        event=event,
        recipients=[u.email for u in editors() if u.pk != event.actor_id],
    )


def author_notify(*, event):
    author = event.article.created_by
    if author is None or not author.email or not author.is_active or author.pk == event.actor_id:
        return
    if event.action == Action.REJECT:
        subject, template = _("[Portal] Sent back to you: %(title)s"), "rejected"
    else:
        subject, template = _("[Portal] Approved: %(title)s"), "approved"
    _send(
        subject=subject % {"title": event.article.title},
        template=template,
        event=event,
        recipients=[author.email],
    )
