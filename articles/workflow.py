"""The editorial workflow: who may do what to an article, and the transitions themselves.

    draft ──submit──▶ pending ──approve──▶ published ──unpublish──▶ unpublished
      ▲                  │                 (future publish time: scheduled)
      └──(edited)── rejected ◀──reject (with a comment)

    published ──(edited)──▶ the change waits (a revision, review "pending") ──change_publish──▶ published
                                        └──change_reject (with a comment)──▶ sent back to its author

Every transition goes through one of the functions below, whoever asks and however: the admin's
buttons and actions call them, and they check permissions and the current status themselves, on a
locked row, so a crafted request cannot skip a step. Each writes an ArticleEvent (the audit log);
emails leave only once the transaction has committed. The statuses and the transition itself are the
documents' too (portal/lib/workflow.py).

Editors may be limited to sections (articles.models.Section): outside their categories they are
journalists, who edit and submit their own articles only. `in_section` is the one check.

A change to a published article never reaches readers by itself: it is kept as a revision waiting
for review (`change_hold`), and the article's row — what the public reads, its address and its view
count — stays as it was until an editor publishes the change (`change_publish`, or an editor's own
"publish the change" button, `change_published`) or sends it back (`change_reject`).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import roles
from accounts.names import full_name
from articles.models import Article, ArticleEvent, ArticleRevision, Section, Tag, Topic
from portal.lib.workflow import APPROVABLE, SUBMITTABLE, approval, refusal, rejection_comment, transition
from portal.lib.workflow import TransitionNotAllowed as TransitionNotAllowed  # what the transitions raise

logger = logging.getLogger(__name__)

Status = Article.Status
Action = ArticleEvent.Action
Review = ArticleRevision.Review

# Statuses a journalist may still edit (their own articles only); a published article's edits wait
# for review (a document has no revisions: published, it is an editor's).
JOURNALIST_EDITABLE = {Status.DRAFT, Status.REJECTED, Status.PUBLISHED}
# What an edit of a published article holds back until it is approved: what readers read. The
# publish and expiry times, "featured" and the address are an editor's and apply at once.
HELD_FIELDS = (
    "title",
    "summary",
    "body",
    "category",
    "byline",
    "source",
    "cover",
    "cover_alt",
    "cover_decorative",
    "cover_caption",
)
HELD_RELATIONS = ("topics", "tags")


def is_reviewer(user):
    """Whether `user` holds an editor's rights at all (somewhere: see in_section)."""
    return user.has_perm("articles.review_article") or user.has_perm("articles.publish_article")


def section_category_ids(user):
    """None when `user` works everywhere, else the ids of the categories of their sections."""
    return Section.objects.category_ids_for(user)


def in_section(user, article):
    """Whether `article` is in the sections of `user` (an editor in no section: everywhere)."""
    sections = section_category_ids(user)
    return sections is None or article.category_id in sections


def reviews(user, article):
    """Whether `user` has an editor's rights over this article: an editor, in their section."""
    return is_reviewer(user) and in_section(user, article)


def can_edit(user, article):
    """Editors edit any article of their sections; a journalist only their own, while draft or
    rejected, or published (the change then waits for review)."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.change_article")):
        return False
    if article is None or reviews(user, article):
        return True
    return article.created_by_id == user.pk and article.status in JOURNALIST_EDITABLE


def can_submit(user, article):
    return (
        article.status in SUBMITTABLE and user.has_perm("articles.submit_article") and can_edit(user, article)
    )


def can_approve(user, article):
    return (
        article.status in APPROVABLE
        and user.is_active
        and user.has_perm("articles.publish_article")
        and in_section(user, article)
    )


def can_reject(user, article):
    return (
        article.status == Status.PENDING
        and user.is_active
        and user.has_perm("articles.review_article")
        and in_section(user, article)
    )


def can_unpublish(user, article):
    return (
        article.status == Status.PUBLISHED
        and user.is_active
        and user.has_perm("articles.publish_article")
        and in_section(user, article)
    )


def can_publish_change(user, article):
    """An editor publishes a change to a published article: one waiting, or their own at once."""
    return can_unpublish(user, article) and can_edit(user, article)


def can_reject_change(user, article):
    if not (
        article.status == Status.PUBLISHED
        and user.is_active
        and user.has_perm("articles.review_article")
        and in_section(user, article)
    ):
        return False
    change = article.open_change()
    return change is not None and change.review == Review.PENDING


CHECKS = {
    "submit": can_submit,
    "approve": can_approve,
    "reject": can_reject,
    "publish_change": can_publish_change,
    "reject_change": can_reject_change,
    "unpublish": can_unpublish,
}


def allowed_actions(user, article):
    """The transitions this user may apply to this article now, in button order."""
    return [name for name, check in CHECKS.items() if check(user, article)]


def holds_changes(article, action=""):
    """Whether saving `article` with the button `action` keeps its content back for review."""
    return article.status == Status.PUBLISHED and action not in {"publish_change", "unpublish"}


def _locked(article):
    """The article's row, locked until the transaction ends, with its current status."""
    return Article.objects.select_for_update().get(pk=article.pk)


# The permission each check needs (somewhere), to tell "not you" (403) from "not now".
_NEEDED = {
    can_submit: "articles.submit_article",
    can_approve: "articles.publish_article",
    can_reject: "articles.review_article",
    can_unpublish: "articles.publish_article",
    can_publish_change: "articles.publish_article",
    can_reject_change: "articles.review_article",
}


def _refused(user, check, current):
    """PermissionDenied when the refusal is about who asks (an editor outside their sections too),
    TransitionNotAllowed when about the article's current status."""
    elsewhere = is_reviewer(user) and not in_section(user, current) and check is not can_submit
    return refusal(user, current, needed=_NEEDED.get(check, "articles.change_article"), elsewhere=elsewhere)


def _transition(*, article, **kwargs):
    return transition(article, refused=_refused, **kwargs)


def article_submit(*, article, user):
    """Send a draft (or a rejected article, once fixed) to the editors."""
    if not can_edit(user, article) and not reviews(user, article):
        raise PermissionDenied
    event = _transition(
        article=article, user=user, check=can_submit, action=Action.SUBMIT, to_status=Status.PENDING
    )
    transaction.on_commit(lambda: editors_notify(event=event))
    return event


def article_approve(*, article, user):
    """Publish now, or at the article's future publish time (scheduled: published() waits for it)."""
    changes, scheduled_for = approval(article)
    event = _transition(
        article=article,
        user=user,
        check=can_approve,
        action=Action.SCHEDULE if scheduled_for else Action.APPROVE,
        to_status=Status.PUBLISHED,
        changes=changes,
        scheduled_for=scheduled_for,
    )
    transaction.on_commit(lambda: author_notify(event=event))
    return event


def article_reject(*, article, user, comment):
    """Send a pending article back to its author, saying why."""
    comment = rejection_comment(comment)
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


# Revisions ---------------------------------------------------------------------------------------


def _ids(values):
    return sorted(value.pk if hasattr(value, "pk") else int(value) for value in values)


def revision_create(*, article, user, note="", review=Review.SAVED, topics=None, tags=None):
    """Snapshot what `article` says now (its fields as they are in memory) as its next revision.

    `topics` and `tags` (objects or ids) are what the form chose; left out, the article's own.
    """
    if topics is None:
        topics = article.topics.values_list("pk", flat=True) if article.pk else []
    if tags is None:
        tags = article.tags.values_list("pk", flat=True) if article.pk else []
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
            cover=article.cover.name or "",
            cover_alt=article.cover_alt,
            cover_decorative=article.cover_decorative,
            cover_caption=article.cover_caption,
            topic_ids=_ids(topics),
            tag_ids=_ids(tags),
            review=review,
        )


def revision_overlay(article, revision):
    """Show `revision`'s content on `article` in memory (nothing is saved): the form of a published
    article opens on its change waiting for review, not on what readers read now."""
    for field in ("title", "summary", "body", "byline", "source"):
        setattr(article, field, getattr(revision, field))
    if revision.category_id:
        article.category_id = revision.category_id
    # None: a revision made before covers were recorded; the article keeps its own.
    for field in ("cover", "cover_alt", "cover_decorative", "cover_caption"):
        if getattr(revision, field) is not None:
            setattr(article, field, getattr(revision, field))


def _revision_apply(current, revision):
    """Put `revision`'s content on the locked row `current` and save it (topics and tags too)."""
    revision_overlay(current, revision)
    current.save()
    if revision.topic_ids is not None:
        current.topics.set(Topic.objects.filter(pk__in=revision.topic_ids))
    if revision.tag_ids is not None:
        current.tags.set(Tag.objects.filter(pk__in=revision.tag_ids))


def _content(source, topics=None, tags=None):
    """What readers would read of an article or a revision, to tell whether an edit changed it."""
    if isinstance(source, ArticleRevision):
        values = {
            field: getattr(source, field) for field in HELD_FIELDS if field not in {"category", "cover"}
        }
        values |= {"category": source.category_id, "cover": source.cover or ""}
        return values | {"topics": source.topic_ids or [], "tags": source.tag_ids or []}
    values = {field: getattr(source, field) for field in HELD_FIELDS if field not in {"category", "cover"}}
    values |= {"category": source.category_id, "cover": source.cover.name or ""}
    topics = source.topics.values_list("pk", flat=True) if topics is None else topics
    tags = source.tags.values_list("pk", flat=True) if tags is None else tags
    return values | {"topics": _ids(topics), "tags": _ids(tags)}


def _supersede(article, *, keep=None):
    """The open changes of `article` other than `keep` give way to a later one."""
    (
        ArticleRevision.objects.filter(article=article, review__in=ArticleRevision.OPEN_REVIEWS)
        .exclude(pk=getattr(keep, "pk", None))
        .update(review=Review.SUPERSEDED)
    )


def change_hold(*, article, user, topics=None, tags=None, note=""):
    """Keep the content `article` holds in memory (as the form left it) as a change to the published
    article, waiting for review. The row is saved with its published content and, as given, what is
    not held (HELD_FIELDS). Returns the new revision, or None when the content is what the open
    change (or else the article) already says: nothing new to review.
    """
    with transaction.atomic():
        live = _locked(article)
        if live.status != Status.PUBLISHED:
            raise TransitionNotAllowed(live.get_status_display())
        if not can_edit(user, live):
            raise PermissionDenied
        topics = article.topics.values_list("pk", flat=True) if topics is None else topics
        tags = article.tags.values_list("pk", flat=True) if tags is None else tags
        proposed = _content(article, topics, tags)
        open_change = live.open_change()
        unchanged = proposed == (_content(open_change) if open_change else _content(live))
        revision = None
        if not unchanged:
            revision = revision_create(
                article=article, user=user, note=note, review=Review.PENDING, topics=topics, tags=tags
            )
            _supersede(live, keep=revision)
        for field in HELD_FIELDS:
            attname = Article._meta.get_field(field).attname
            value = getattr(live, attname)
            setattr(article, attname, value.name if field == "cover" else value)
        article.save()
        if revision is None:
            return None
        event = ArticleEvent.objects.create(
            article=live,
            action=Action.CHANGE_SUBMIT,
            from_status=Status.PUBLISHED,
            to_status=Status.PUBLISHED,
            actor=user,
            comment=note,
        )
    transaction.on_commit(lambda: editors_notify(event=event))
    return revision


def change_publish(*, article, user):
    """Publish the change waiting for review: the article's row takes its content (the address and
    the view count stay). Returns the event."""
    with transaction.atomic():
        current = _locked(article)
        if not can_publish_change(user, current):
            raise _refused(user, can_publish_change, current)
        revision = current.open_change()
        if revision is None or revision.review != Review.PENDING:
            raise TransitionNotAllowed(_("No change is waiting for review."))
        _revision_apply(current, revision)
        revision.review = Review.PUBLISHED
        revision.save(update_fields=["review"])
        event = _change_event(current, user, Action.CHANGE_PUBLISH, revision)
    article.refresh_from_db()
    transaction.on_commit(lambda: author_notify(event=event, recipient=revision.created_by))
    return event


def change_published(*, article, user, revision):
    """An editor published their own change at once (the admin saved it onto the row as `revision`):
    log it, and any change that was waiting gives way to it (its content was in the form)."""
    with transaction.atomic():
        current = _locked(article)
        if not can_publish_change(user, current):
            raise _refused(user, can_publish_change, current)
        waiting = current.open_change()
        _supersede(current, keep=None)
        revision.review = Review.PUBLISHED
        revision.save(update_fields=["review"])
        event = _change_event(current, user, Action.CHANGE_PUBLISH, revision)
    author = waiting.created_by if waiting else None
    if author is not None and author.pk != user.pk:
        transaction.on_commit(lambda: author_notify(event=event, recipient=author))
    return event


def change_reject(*, article, user, comment):
    """Send the change waiting for review back to whoever made it, saying why. Readers keep reading
    the published article; the change stays, for its author to fix."""
    comment = rejection_comment(comment)
    with transaction.atomic():
        current = _locked(article)
        if not can_reject_change(user, current):
            raise _refused(user, can_reject_change, current)
        revision = current.open_change()
        revision.review = Review.REJECTED
        revision.save(update_fields=["review"])
        event = _change_event(current, user, Action.CHANGE_REJECT, revision, comment=comment)
    transaction.on_commit(lambda: author_notify(event=event, recipient=revision.created_by))
    return event


def _change_event(article, user, action, revision, comment=""):
    return ArticleEvent.objects.create(
        article=article,
        action=action,
        from_status=article.status,
        to_status=article.status,
        actor=user,
        comment=comment or _("Revision %(number)s") % {"number": revision.number},
    )


def article_restore_revision(*, article, revision, user):
    """Put an earlier revision's content back; this is a save like any other, so a new revision.

    On a published article, the restored content is a change like any other: it waits for review.
    """
    if revision.article_id != article.pk:
        raise ValueError("The revision belongs to another article.")
    note = _("Restored from revision %(number)s") % {"number": revision.number}
    with transaction.atomic():
        current = _locked(article)
        if not can_edit(user, current):
            raise PermissionDenied
        if current.status == Status.PUBLISHED:
            revision_overlay(current, revision)
            new = change_hold(
                article=current, user=user, topics=revision.topic_ids, tags=revision.tag_ids, note=note
            )
            return new or current.open_change() or revision
        _revision_apply(current, revision)
        new = revision_create(article=current, user=user, note=note)
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


def editors(article=None):
    """Who hears of an article waiting for review: active members of the editor group with an
    address, whose sections (if they have any) include the article's category."""
    people = get_user_model().objects.filter(groups__name=roles.EDITOR, is_active=True).exclude(email="")
    if article is not None:
        people = people.filter(
            Q(article_sections=None)
            | Q(article_sections__categories=article.category_id)
            | Q(article_sections__categories__children=article.category_id)
        )
    return people.distinct()


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
    change = event.action == Action.CHANGE_SUBMIT
    subject = (
        _("[Portal] Change waiting for review: %(title)s")
        if change
        else _("[Portal] Waiting for review: %(title)s")
    )
    _send(
        subject=subject % {"title": event.article.title},
        template="change_submitted" if change else "submitted",
        event=event,
        recipients=[u.email for u in editors(event.article) if u.pk != event.actor_id],
    )


def author_notify(*, event, recipient=None):
    """Tell the article's author (or `recipient`, who made a change) what an editor decided."""
    author = recipient if recipient is not None else event.article.created_by
    if author is None or not author.email or not author.is_active or author.pk == event.actor_id:
        return
    subject, template = {
        Action.REJECT: (_("[Portal] Sent back to you: %(title)s"), "rejected"),
        Action.CHANGE_REJECT: (_("[Portal] Your change was sent back: %(title)s"), "change_rejected"),
        Action.CHANGE_PUBLISH: (_("[Portal] Your change was published: %(title)s"), "change_published"),
    }.get(event.action, (_("[Portal] Approved: %(title)s"), "approved"))
    _send(
        subject=subject % {"title": event.article.title},
        template=template,
        event=event,
        recipients=[author.email],
    )
