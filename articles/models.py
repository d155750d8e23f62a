from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from articles.search import ImmutableUnaccent, document_vector
from portal.lib.html import count_images_without_alt, sanitize_html
from portal.lib.images import reencode_upload, validate_image
from portal.lib.text import unique_slug


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("Part of the address. Left empty, it is made from the name (Đảng → dang)."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text=_("Only one level: a sub-category cannot have sub-categories."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)
    show_in_menu = models.BooleanField(_("shown in menu"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, Category.objects.all(), max_length=140, fallback="muc")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("A category cannot be its own parent.")})
            if self.parent.parent_id:
                raise ValidationError({"parent": _("Choose a top-level category as the parent.")})
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": _("This category has sub-categories, so it must stay top-level.")}
                )

    def family_ids(self):
        """This category and its sub-categories: a category page lists articles of both."""
        return [self.pk, *self.children.values_list("pk", flat=True)]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, publish time reached, not expired.

        Every public list, page, feed, sitemap and search starts here.
        """
        now = timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def visible_to(self, user):
        """Reviewers preview anything, journalists their own articles; the rest is published()."""
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return self.published()
        if user.has_perm("articles.review_article") or user.has_perm("articles.publish_article"):
            return self
        return self.filter(Q(pk__in=self.published().values("pk")) | Q(created_by=user))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Made from the title when left empty. A changed slug keeps the old address working."),
    )
    summary = models.TextField(_("summary"), max_length=1000, blank=True, help_text=_("The sapo."))
    body = CKEditor5Field(_("body"), config_name="default", blank=True)
    cover = models.ImageField(
        _("cover image"), upload_to="covers/%Y/%m/", blank=True, validators=[validate_image]
    )
    cover_alt = models.CharField(
        _("cover text alternative"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    cover_decorative = models.BooleanField(
        _("cover is decorative"),
        default=False,
        help_text=_(
            "Tick only when the image adds nothing to the text; it is then hidden from screen readers."
        ),
    )
    cover_caption = models.CharField(_("cover caption"), max_length=300, blank=True)
    byline = models.CharField(
        _("byline"),
        max_length=120,
        blank=True,
        help_text=_("As printed at the end, e.g. “Như Thuỷ”."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("publish time"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(
        _("expiry time"),
        null=True,
        blank=True,
        help_text=_("Hidden from the public from this time on."),
    )
    featured = models.BooleanField(_("featured"), default=False)
    view_count = models.PositiveBigIntegerField(_("views"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Raised by every save: a form opened at version 3 may not overwrite version 4 unawares.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Unaccented title, summary and body, kept by save(); "dang bo" finds "Đảng bộ".
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    # An old address stays its article's for good: its links, shared and printed, must keep leading
    # there (and, were it taken over, would lead readers to someone else's text).
    OLD_SLUG_TAKEN = _(
        "This address belonged to another article, and its old links still lead there. Choose another "
        "address (or leave it empty to have one made from the title)."
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_list"),
            models.Index(fields=["category", "status", "-published_at"], name="article_category_list"),
            models.Index(fields=["-published_at"], condition=Q(featured=True), name="article_featured"),
            GinIndex(fields=["search_vector"], name="article_search"),
            # Near misses in search (articles/search.py).
            GinIndex(OpClass(ImmutableUnaccent("title"), name="gin_trgm_ops"), name="article_title_trigrams"),
        ]
        # Checked by articles.workflow; the groups get them in migration 0005.
        permissions = [
            ("submit_article", _("Can submit articles for review")),
            ("review_article", _("Can review articles and reject them")),
            ("publish_article", _("Can approve, publish and unpublish articles")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        reencode_upload(self.cover)  # store pixels we encoded, never the bytes sent
        old_slug = None
        if self.pk:
            old_slug = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if not self.slug:
            self.slug = unique_slug(
                self.title, Article.objects.exclude(pk=self.pk), ArticleSlugHistory.objects.others_of(self)
            )
        if self.pk:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version", "updated_at"}
        with transaction.atomic():
            if ArticleSlugHistory.objects.others_of(self).filter(slug=self.slug).exists():
                # clean() says so on the form; a save that skipped it must not take the address either.
                raise ValidationError({"slug": self.OLD_SLUG_TAKEN})
            super().save(*args, **kwargs)
            if old_slug and old_slug != self.slug:
                ArticleSlugHistory.objects.get_or_create(slug=old_slug, defaults={"article": self})
            # Back at an address of its own past: that old address is current again. Only its own:
            # another article's history is never touched by this one's save.
            ArticleSlugHistory.objects.filter(slug=self.slug, article=self).delete()
            self.update_search_vector()

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug and ArticleSlugHistory.objects.others_of(self).filter(slug=self.slug).exists():
            raise ValidationError({"slug": self.OLD_SLUG_TAKEN})
        if count_images_without_alt(self.body):
            raise ValidationError(
                {
                    "body": _(
                        "Every image in the body needs a text alternative: select the image and "
                        "press “Change image text alternative”."
                    )
                }
            )
        if self.cover and not self.cover_alt.strip() and not self.cover_decorative:
            raise ValidationError(
                {"cover_alt": _("Describe the cover image, or mark it as decorative if it adds nothing.")}
            )

    @property
    def is_public(self):
        now = timezone.now()
        return bool(
            self.status == self.Status.PUBLISHED
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def is_expired(self):
        return bool(
            self.status == self.Status.PUBLISHED and self.expires_at and self.expires_at <= timezone.now()
        )

    def status_label(self):
        """The status as staff read it: a published article not yet due shows as scheduled."""
        if self.is_scheduled:
            return _("Scheduled")
        if self.is_expired:
            return _("Expired")
        return self.get_status_display()

    def update_search_vector(self):
        Article.objects.filter(pk=self.pk).update(search_vector=document_vector())


class ArticleSlugHistoryQuerySet(models.QuerySet):
    def others_of(self, article):
        """The old addresses of every article but `article`: addresses it may not take."""
        return self.exclude(article_id=article.pk) if article.pk else self


class ArticleSlugHistory(models.Model):
    """A slug an article used to have: its old address answers with a permanent redirect."""

    slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="old_slugs"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ArticleSlugHistoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")

    def __str__(self):
        return self.slug


class ArticleRevision(models.Model):
    """What an article said after one save: kept for comparing and restoring, never edited."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    note = models.CharField(_("note"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    byline = models.CharField(_("byline"), max_length=120, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Article.Status.choices)

    class Meta:
        ordering = ["article", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_revision_number"),
        ]

    def __str__(self):
        return _("Revision %(number)s of “%(title)s”") % {"number": self.number, "title": self.title}


class ArticleEvent(models.Model):
    """One line of the audit log: a transition, a publish or unpublish, a restore. Append-only."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submitted for review")
        APPROVE = "approve", _("Approved and published")
        SCHEDULE = "schedule", _("Approved and scheduled")
        REJECT = "reject", _("Rejected")
        REDRAFT = "redraft", _("Back to draft")
        UNPUBLISH = "unpublish", _("Unpublished")
        RESTORE = "restore", _("Revision restored")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Article.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow log")

    def __str__(self):
        return f"{self.get_action_display()}: {self.article}"
