import html

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from articles.search import ImmutableUnaccent, document_vector
from portal.lib.attachments import AttachedFile
from portal.lib.html import count_images_without_alt, sanitize_html
from portal.lib.images import reencode_upload, validate_image
from portal.lib.languages import ENGLISH
from portal.lib.text import unique_slug
from portal.lib.workflow import TRANSITION_ACTIONS, WorkflowEvent
from portal.lib.workflow import Status as WorkflowStatus


def in_page_language(vietnamese, english):
    """`english` on an English page when it is written, else `vietnamese`."""
    return english if english and get_language() == ENGLISH else vietnamese


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(
        _("English name"),
        max_length=120,
        blank=True,
        help_text=_("Shown on the English site; a category without one is left out of it."),
    )
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

    @property
    def shown_name(self):
        """The name in the page's language: the English one on English pages, when there is one."""
        return in_page_language(self.name, self.name_en)

    @property
    def shown_lang(self):
        """ "vi" where shown_name is Vietnamese on an English page (an English article's category
        without an English name), for its lang attribute; else empty."""
        return "vi" if get_language() == ENGLISH and not self.name_en else ""

    def shown_children(self):
        """The sub-categories a page in the current language lists."""
        children = self.children.all()
        return children.exclude(name_en="") if get_language() == ENGLISH else children

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


class Topic(models.Model):
    """A chuyên đề ("Chuyển đổi số"): articles of any category gathered on a page of their own."""

    name = models.CharField(_("name"), max_length=160)
    name_en = models.CharField(
        _("English name"),
        max_length=160,
        blank=True,
        help_text=_("Shown on the English site; a topic without one is left out of it."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=180,
        unique=True,
        blank=True,
        help_text=_("Part of the address. Left empty, it is made from the name (Đảng → dang)."),
    )
    description = models.TextField(_("description"), blank=True)
    cover = models.ImageField(
        _("cover image"), upload_to="topics/%Y/", blank=True, validators=[validate_image]
    )
    cover_alt = models.CharField(
        _("cover text alternative"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    featured = models.BooleanField(
        _("on the home page"),
        default=False,
        help_text=_("Shown as a block of its newest articles on the home page."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self.name, Topic.objects.exclude(pk=self.pk), max_length=180, fallback="chu-de"
            )
        reencode_upload(self.cover)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})

    @property
    def shown_name(self):
        return in_page_language(self.name, self.name_en)

    def clean(self):
        if self.cover and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Describe the cover image for readers who cannot see it.")})


class Tag(models.Model):
    """A free keyword ("Mộc Châu", "OCOP"): a tag page lists the articles that carry it."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            # "OCOP" and "ocop" are one tag: a second one would split its articles over two pages.
            models.UniqueConstraint(
                Lower("name"),
                name="tag_name_unique",
                violation_error_message=_("This tag exists already."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                self.name, Tag.objects.exclude(pk=self.pk), max_length=120, fallback="the"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class SectionQuerySet(models.QuerySet):
    def category_ids_for(self, user):
        """The categories `user` edits as an editor: None for everywhere (they are in no section),
        else the ids of their sections' categories and of those categories' sub-categories."""
        if not getattr(user, "pk", None):
            return None
        if hasattr(user, "_article_section_ids"):  # asked many times per request: once per user object
            return user._article_section_ids
        sections = self.filter(editors=user)
        chosen = {pk for pk in sections.values_list("categories", flat=True) if pk is not None}
        if not chosen and not sections.exists():
            user._article_section_ids = None
            return None
        children = Category.objects.filter(parent_id__in=chosen).values_list("pk", flat=True)
        user._article_section_ids = frozenset(chosen | set(children))
        return user._article_section_ids


class Section(models.Model):
    """A newsroom section (mảng phụ trách): its editors review, publish and edit only in its
    categories. An editor in no section works everywhere; articles.workflow enforces the limit."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    categories = models.ManyToManyField(
        Category,
        verbose_name=_("categories"),
        related_name="sections",
        help_text=_("A category's sub-categories belong to the section too."),
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editors"),
        related_name="article_sections",
        blank=True,
        help_text=_(
            "Editors limited to these categories. An editor in no section reviews and publishes everywhere."
        ),
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name


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
        """Reviewers preview anything (in their sections), journalists their own articles; the rest
        is published()."""
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return self.published()
        if user.has_perm("articles.review_article") or user.has_perm("articles.publish_article"):
            sections = Section.objects.category_ids_for(user)
            if sections is None:
                return self
            return self.filter(
                Q(pk__in=self.published().values("pk")) | Q(created_by=user) | Q(category_id__in=sections)
            )
        return self.filter(Q(pk__in=self.published().values("pk")) | Q(created_by=user))

    def in_language(self, language):
        """What a list in `language` shows: on the English site, only articles with an English version."""
        if language == ENGLISH:
            return self.exclude(title_en="").exclude(body_en="")
        return self

    def in_sections_of(self, user):
        """The articles `user` works on as an editor: all, or those of their sections' categories."""
        sections = Section.objects.category_ids_for(user)
        return self if sections is None else self.filter(category_id__in=sections)


class Article(models.Model):
    # The workflow's statuses (portal.lib.workflow), the documents' too.
    Status = WorkflowStatus

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
    # The English version, optional: an article without one is left out of the English site.
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    summary_en = models.TextField(_("English summary"), max_length=1000, blank=True)
    body_en = CKEditor5Field(_("English body"), config_name="default", blank=True)
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
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        related_name="articles",
        help_text=_("Chuyên đề: an article may belong to several, beside its one category."),
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
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
        self.body_en = sanitize_html(self.body_en)
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

    @property
    def has_english(self):
        return bool(self.title_en and self.body_en)

    # The article in the page's language. English pages show only articles with an English version
    # (ArticleQuerySet.in_language); a Vietnamese page always shows the Vietnamese text.
    @property
    def shown_title(self):
        return in_page_language(self.title, self.title_en)

    @property
    def shown_summary(self):
        return in_page_language(self.summary, self.summary_en if self.title_en else "")

    @property
    def shown_body(self):
        return in_page_language(self.body, self.body_en)

    def clean(self):
        if self.slug and ArticleSlugHistory.objects.others_of(self).filter(slug=self.slug).exists():
            raise ValidationError({"slug": self.OLD_SLUG_TAKEN})
        for field in ("body", "body_en"):
            if count_images_without_alt(getattr(self, field)):
                raise ValidationError(
                    {
                        field: _(
                            "Every image in the body needs a text alternative: select the image and "
                            "press “Change image text alternative”."
                        )
                    }
                )
        # The editor sends an empty body as "<p>&nbsp;</p>": no English text.
        body_en = html.unescape(strip_tags(self.body_en)).strip() or "<img" in self.body_en
        if bool(self.title_en.strip()) != bool(body_en):
            raise ValidationError(
                {
                    "title_en" if not self.title_en.strip() else "body_en": _(
                        "An English version needs both an English title and an English body."
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

    def status_key(self):
        """status_label()'s state as a word, for the coloured label of the admin's list."""
        if self.is_scheduled:
            return "scheduled"
        if self.is_expired:
            return "expired"
        return self.status

    def open_change(self):
        """The change to this published article waiting for review, or sent back with a comment
        (ArticleRevision.Review): readers see the article's row until an editor publishes it."""
        if self.status != self.Status.PUBLISHED or not self.pk:
            return None
        return (
            self.revisions.filter(review__in=ArticleRevision.OPEN_REVIEWS)
            .select_related("created_by")
            .first()
        )

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
    """What an article said after one save: kept for comparing and restoring, never edited.

    A save to a published article is held here instead of reaching the article's row: `review` is
    then "pending" until an editor publishes the change (copied onto the row) or sends it back
    (articles.workflow.change_publish, change_reject). Only `review` ever changes. The cover, topics
    and tags are None in revisions made before they were recorded: restoring one leaves them be.
    """

    class Review(models.TextChoices):
        SAVED = "", _("Saved")
        PENDING = "pending", _("Change waiting for review")
        REJECTED = "rejected", _("Change sent back")
        PUBLISHED = "published", _("Change published")
        SUPERSEDED = "superseded", _("Replaced by a later change")

    OPEN_REVIEWS = (Review.PENDING, Review.REJECTED)

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
    # None, unlike "", says "not recorded" (a revision older than these fields): see the docstring.
    cover = models.CharField(_("cover image"), max_length=255, null=True, blank=True)  # noqa: DJ001
    cover_alt = models.CharField(  # noqa: DJ001
        _("cover text alternative"), max_length=255, null=True, blank=True
    )
    cover_decorative = models.BooleanField(_("cover is decorative"), null=True, blank=True)
    cover_caption = models.CharField(_("cover caption"), max_length=300, null=True, blank=True)  # noqa: DJ001
    topic_ids = models.JSONField(_("topics"), null=True, blank=True)
    tag_ids = models.JSONField(_("tags"), null=True, blank=True)
    review = models.CharField(
        _("review"), max_length=20, choices=Review.choices, default=Review.SAVED, blank=True, db_index=True
    )

    class Meta:
        ordering = ["article", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_revision_number"),
        ]

    def __str__(self):
        return _("Revision %(number)s of “%(title)s”") % {"number": self.number, "title": self.title}


class ArticleEvent(WorkflowEvent):
    """One line of the audit log: a transition, a publish or unpublish, a restore. Append-only."""

    Action = models.TextChoices(
        "Action",
        {
            **TRANSITION_ACTIONS,
            "RESTORE": ("restore", _("Revision restored")),
            "CHANGE_SUBMIT": ("change_submit", _("Change submitted for review")),
            "CHANGE_PUBLISH": ("change_publish", _("Change published")),
            "CHANGE_REJECT": ("change_reject", _("Change rejected")),
        },
        module=__name__,
        qualname="ArticleEvent.Action",
    )

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # When a scheduled article goes public, as approved: the log says "scheduled for …". (The
    # documents' log says only "scheduled".)
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow log")

    def __str__(self):
        return f"{self.get_action_display()}: {self.article}"


class ArticleAttachment(AttachedFile):
    """A file readers download from the article ("Tệp đính kèm": a plan, a form to fill in)."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(AttachedFile.Meta):
        pass

    def get_absolute_url(self):
        return reverse("articles:attachment", kwargs={"pk": self.pk})
