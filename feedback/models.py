import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.deadlines import answer_deadline

# Reference codes avoid letters and digits that read alike (0/O, 1/I/L): they are read over the phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(value):
    """What a reader typed, as stored: "pa 7kx-m2q9" -> "PA7KXM2Q9" (spaces, dashes, case ignored)."""
    return "".join(ch for ch in str(value).upper() if ch.isalnum())


def overdue_condition(today=None):
    """Still open after the deadline day: the one definition of "Quá hạn" (lists, filters, counts)."""
    return Q(status__in=Feedback.OPEN_STATUSES, due_on__lt=today or timezone.localdate())


class FeedbackQuerySet(models.QuerySet):
    def published(self):
        """What the public may read: chosen by staff, allowed by the sender, not spam; answered, unless
        it is a reader's opinion about an article (shown under it, answered or not).

        The database constraint on Feedback holds the first rules already; saying them again here
        keeps this the one place that decides.
        """
        return (
            self.filter(is_published=True, allow_publish=True)
            .filter(~Q(answer="") | Q(article__isnull=False))
            .exclude(status=Feedback.Status.SPAM)
        )

    def general(self):
        """Sent through the general form (/gop-y/), about no article or draft: what the public Q&A lists."""
        return self.filter(article__isnull=True, document__isnull=True)

    def open(self):
        return self.filter(status__in=Feedback.OPEN_STATUSES)

    def overdue(self, today=None):
        return self.filter(overdue_condition(today))

    def sent_since(self, sender_hash, since):
        return self.filter(sender_hash=sender_hash, received_at__gte=since)


class Feedback(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        SPAM = "spam", _("Spam")

    OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)

    code = models.CharField(_("reference code"), max_length=CODE_LENGTH, unique=True, editable=False)
    # The article a reader's opinion is about ("Ý kiến bạn đọc" under it); empty for the general form.
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("about the article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        editable=False,
    )
    # The draft a comment is about, sent while its consultation was open (lấy ý kiến dự thảo).
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("about the draft"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_comments",
        editable=False,
    )
    name = models.CharField(_("full name"), max_length=120)
    # On whose behalf a comment on a draft is sent (an enterprise, an association), when it says.
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # Required by the general form (the answer goes there); optional under an article.
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    allow_publish = models.BooleanField(
        _("sender allows publishing"),
        default=False,
        help_text=_("Only then may the question and its answer appear on the public Q&A page."),
    )
    consented_at = models.DateTimeField(
        _("consent to data processing given"), default=timezone.now, editable=False
    )
    # HMAC-SHA256 of the client address keyed with SECRET_KEY: enough to count a visitor's recent
    # submissions, and no IP address is stored.
    sender_hash = models.CharField(_("sender key"), max_length=64, editable=False)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("answer due"), editable=False, help_text=_("15 working days after receipt."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_feedback",
        limit_choices_to={"is_staff": True, "is_active": True},
    )
    answer = models.TextField(
        _("answer"), blank=True, help_text=_("Plain text. Shown to the sender, and to everyone if published.")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    is_published = models.BooleanField(
        _("published in the Q&A"),
        default=False,
        help_text=_("Possible only when the sender allowed it and there is an answer."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [
            models.Index(fields=["sender_hash", "received_at"], name="feedback_rate_limit"),
            models.Index(
                fields=["-received_at"], condition=Q(is_published=True), name="feedback_published_list"
            ),
            models.Index(
                fields=["article", "received_at"],
                condition=Q(is_published=True, article__isnull=False),
                name="feedback_article_opinions",
            ),
        ]
        constraints = [
            # The sender's choice holds whatever the admin form does.
            models.CheckConstraint(
                condition=Q(is_published=False)
                | (Q(allow_publish=True) & (~Q(answer="") | Q(article__isnull=False))),
                name="feedback_published_needs_consent_and_answer",
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.subject}"

    def save(self, *args, **kwargs):
        if not self.due_on:
            self.due_on = answer_deadline(timezone.localdate(self.received_at))
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.is_published and not self.allow_publish:
            errors["is_published"] = _("The sender did not allow publishing this question.")
        elif self.is_published and not self.answer.strip() and self.article_id is None:
            errors["is_published"] = _("Write an answer before publishing.")
        elif self.is_published and self.status == self.Status.SPAM:
            errors["is_published"] = _("Spam cannot be published.")
        if self.status == self.Status.ANSWERED and not self.answer.strip():
            errors["answer"] = _("Write the answer before setting the status to answered.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_overdue(self):
        """overdue_condition() for one item already in memory."""
        return self.status in self.OPEN_STATUSES and self.due_on < timezone.localdate()

    @property
    def public_status(self):
        """The status as the sender sees it on the lookup page: spam is simply closed."""
        if self.status == self.Status.SPAM:
            return self.Status.CLOSED.label
        return self.get_status_display()
