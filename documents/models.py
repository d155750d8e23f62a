"""Legal and administrative documents (văn bản), as Decree 42/2022/NĐ-CP asks a portal to publish
them: their types, issuing bodies and fields, the documents with their files and relations, and the
log of their workflow.

Drafts for public consultation (`Document.is_draft`, `consultation_opens_at`/`closes_at`, files of
the role "consultation report") are documents too; the consultation itself (readers' comments) is
built on the feedback app and is not here.
"""

import unicodedata
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_ckeditor_5.fields import CKEditor5Field

from documents.numbers import number_key, number_value
from documents.search import document_vector
from portal.lib.files import clean_filename, file_check, stored_name, text_extract, validate_attachment
from portal.lib.html import count_images_without_alt, sanitize_html
from portal.lib.images import is_stored
from portal.lib.text import normalize_whitespace, slugify_vi
from portal.lib.workflow import TRANSITION_ACTIONS, WorkflowEvent
from portal.lib.workflow import Status as WorkflowStatus

# /van-ban/rss/ and /van-ban/tep/… belong to the list (documents/urls.py).
RESERVED_SLUGS = {"rss", "tep"}


def _nfc(value):
    return unicodedata.normalize("NFC", value or "")


class LookupTable(models.Model):
    """A list staff extend (types, issuing bodies, fields): a name, an address part, an order."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Used in the addresses of the document list's filters. Left empty, it is made from the name."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = normalize_whitespace(self.name)
        if not self.slug:
            base = slugify_vi(self.name, max_length=90) or "muc"
            slug, number = base, 1
            while type(self).objects.exclude(pk=self.pk).filter(slug=slug).exists():
                number += 1
                slug = f"{base}-{number}"
            self.slug = slug
        super().save(*args, **kwargs)


# The types a provincial portal publishes, in the order of their legal force (names as printed on the
# documents: data, not translated strings). Migration 0002 made them from a frozen copy of this list.
DEFAULT_TYPES = [
    ("Hiến pháp", "hien-phap"),
    ("Luật", "luat"),
    ("Pháp lệnh", "phap-lenh"),
    ("Nghị quyết", "nghi-quyet"),
    ("Nghị định", "nghi-dinh"),
    ("Quyết định", "quyet-dinh"),
    ("Thông tư", "thong-tu"),
    ("Chỉ thị", "chi-thi"),
    ("Kết luận", "ket-luan"),
    ("Quy định", "quy-dinh"),
    ("Hướng dẫn", "huong-dan"),
    ("Kế hoạch", "ke-hoach"),
    ("Chương trình", "chuong-trinh"),
    ("Công văn", "cong-van"),
    ("Thông báo", "thong-bao"),
    ("Báo cáo", "bao-cao"),
    ("Tờ trình", "to-trinh"),
]


class DocumentTypeManager(models.Manager):
    def defaults_ensure(self):
        """Make the default types that are missing: on a database whose migration data is gone (a
        flushed test database, a restored partial dump), as the demo loader needs them. An existing
        type is left as staff made it."""
        for order, (name, slug) in enumerate(DEFAULT_TYPES, start=1):
            if not self.filter(models.Q(slug=slug) | models.Q(name=name)).exists():
                self.create(name=name, slug=slug, order=order * 10)


class DocumentType(LookupTable):
    """Luật, Nghị định, Quyết định, Kết luận, Công văn… (DEFAULT_TYPES, and those staff add)."""

    objects = DocumentTypeManager()

    class Meta(LookupTable.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


class IssuingBody(LookupTable):
    """Ban Chấp hành Trung ương, Chính phủ, UBND tỉnh Sơn La, Sở Tài chính…"""

    class Meta(LookupTable.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")


class Sector(LookupTable):
    """A field (lĩnh vực) documents are filed under: Đất đai, Giáo dục, Tài chính…"""

    class Meta(LookupTable.Meta):
        verbose_name = _("policy field")
        verbose_name_plural = _("policy fields")


class LegalStatus(models.TextChoices):
    # A context of their own: "Expired" is also an article's status, in other words.
    NOT_YET = "not_yet", pgettext_lazy("legal status", "Not yet in force")
    IN_FORCE = "in_force", pgettext_lazy("legal status", "In force")
    PARTLY_EXPIRED = "partly_expired", pgettext_lazy("legal status", "Partly expired")
    EXPIRED = "expired", pgettext_lazy("legal status", "Expired")


def visible_condition(user, prefix=""):
    """The condition for a document (reached through `prefix`, "target" or "document") to be seen by
    `user`: published() for the public, more for staff (DocumentQuerySet.visible_to). A condition
    rather than a query set, so that a relation or a file is checked by a join, not a subquery."""
    field = f"{prefix}__" if prefix else ""
    published = Q(
        **{f"{field}status": Document.Status.PUBLISHED, f"{field}published_at__lte": timezone.now()}
    )
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return published
    if user.has_perm("documents.publish_document"):
        return Q()
    if user.has_perm("documents.change_document"):
        return published | Q(**{f"{field}created_by": user})
    return published


class DocumentQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, publish time reached. Every public list, page, feed,
        sitemap, search and citation link starts here (or with visible_condition, which says the same)."""
        return self.filter(visible_condition(AnonymousUser()))

    def issued(self):
        """Documents in force or once in force, not drafts put out for consultation."""
        return self.filter(is_draft=False)

    def drafts(self):
        return self.filter(is_draft=True)

    def open_for_consultation(self, now=None):
        """Drafts whose consultation is running now (for the consultation the feedback app will add)."""
        now = now or timezone.now()
        return self.drafts().filter(consultation_opens_at__lte=now, consultation_closes_at__gt=now)

    def visible_to(self, user):
        """Editors preview anything, journalists their own documents; everyone else sees published()."""
        return self.filter(visible_condition(user))

    def in_legal_status(self, status, day=None):
        """Documents whose legal status (Document.legal_status_on) is `status` on `day` (today)."""
        day = day or timezone.localdate()
        derived = Q(legal_status="")
        expired = Q(expires_on__lte=day)
        not_yet = Q(effective__gt=day)
        queryset = self.alias(effective=Coalesce("effective_on", "issued_on"))
        if status == LegalStatus.EXPIRED:
            return queryset.filter(Q(legal_status=status) | derived & expired)
        if status == LegalStatus.NOT_YET:
            return queryset.filter(Q(legal_status=status) | derived & ~expired & not_yet)
        if status == LegalStatus.IN_FORCE:
            return queryset.filter(Q(legal_status=status) | derived & ~expired & ~not_yet)
        return queryset.filter(legal_status=status)


class Document(models.Model):
    # The workflow's statuses (portal.lib.workflow), the articles' too.
    Status = WorkflowStatus

    document_type = models.ForeignKey(
        DocumentType, verbose_name=_("document type"), on_delete=models.PROTECT, related_name="documents"
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=60,
        blank=True,
        help_text=_(
            "As printed on the document: 44-KL/TW, 42/2022/NĐ-CP, 1234/QĐ-UBND. Only a draft may have none."
        ),
    )
    issuing_body = models.ForeignKey(
        IssuingBody, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="documents"
    )
    signer = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_position = models.CharField(
        _("signer's position"), max_length=120, blank=True, help_text=_("E.g. “Chủ tịch”, “K/T Bí thư”.")
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("policy field"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    effective_on = models.DateField(
        _("effective date"), null=True, blank=True, help_text=_("Left empty: in force from its issue date.")
    )
    expires_on = models.DateField(
        _("expiry date"), null=True, blank=True, help_text=_("The day it is no longer in force, when known.")
    )
    legal_status = models.CharField(
        _("legal status set by staff"),
        max_length=20,
        choices=LegalStatus.choices,
        blank=True,
        help_text=_(
            "Leave empty to follow the dates: not yet in force before the effective date, expired from "
            "the expiry date, in force in between. Set it when the dates cannot say: partly expired, or "
            "expired by a later document before any date says so."
        ),
    )
    summary = models.TextField(
        pgettext_lazy("document", "summary"),
        max_length=1000,
        help_text=_("The trích yếu: what the document is about, as printed under its number."),
    )
    body = CKEditor5Field(
        _("text"),
        config_name="default",
        blank=True,
        help_text=_("Optional: the text itself, when it is short."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Part of the address. Left empty, it is made from the type and the number."),
    )
    # Addresses this document had: they redirect to it (DocumentDetailView).
    former_slugs = ArrayField(models.SlugField(max_length=200), default=list, blank=True, editable=False)
    is_draft = models.BooleanField(
        _("draft for public consultation"),
        default=False,
        help_text=_("A draft is not listed with issued documents and its number is never linked."),
    )
    consultation_opens_at = models.DateTimeField(_("consultation opens"), null=True, blank=True)
    consultation_closes_at = models.DateTimeField(_("consultation closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("publish time"), default=timezone.now)
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
    # Kept by save(): the number's key (documents.numbers) and its first number, for sorting.
    number_key = models.CharField(max_length=60, blank=True, editable=False)
    number_value = models.PositiveIntegerField(null=True, editable=False)
    issued_year = models.PositiveSmallIntegerField(null=True, editable=False)
    # Kept by search_update(): see documents/search.py.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["status", "-issued_on"], name="document_public_list"),
            # Equality and prefix look-ups, whatever the database's collation.
            models.Index(
                fields=["number_key"], name="document_number_key", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["number_value", "number_key"], name="document_number_order"),
            GinIndex(fields=["search_vector"], name="document_search"),
        ]
        constraints = [
            # Numbers like 1234/QĐ-UBND start again every year: unique per issuing body and year.
            models.UniqueConstraint(
                fields=["issuing_body", "number_key", "issued_year"],
                condition=~Q(number_key=""),
                name="document_number_per_body_and_year",
                violation_error_message=_(
                    "This issuing body already has a document with this number this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(expires_on__gt=F("effective_on")),
                name="document_expires_after_effect",
                violation_error_message=_("The expiry date must come after the effective date."),
            ),
        ]
        # Checked by documents.workflow; the role groups get them in migration 0003.
        permissions = [
            ("submit_document", _("Can submit documents for review")),
            ("publish_document", _("Can publish, reject and unpublish documents")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ("number", "signer", "signer_position", "summary"):
            setattr(self, field, normalize_whitespace(getattr(self, field)))
        self.body = _nfc(sanitize_html(self.body))
        self.keys_derive()
        with transaction.atomic():
            old_slug = None
            if self.pk:
                old_slug = Document.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
                self.version += 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "version", "updated_at"}
            if not self.slug:
                self.slug = self.slug_make()
            if old_slug and old_slug != self.slug and old_slug not in self.former_slugs:
                self.former_slugs = [*self.former_slugs, old_slug]
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "former_slugs"}
            super().save(*args, **kwargs)
            Document.search_update(self.pk)

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"slug": self.slug})

    def clean(self):
        self.keys_derive()  # the number's key is in a unique constraint, checked after clean()
        errors = {}
        if not self.is_draft:
            if not normalize_whitespace(self.number):
                errors["number"] = _("An issued document needs its number and symbol.")
            if not self.issued_on:
                errors["issued_on"] = _("An issued document needs its issue date.")
        if self.expires_on and self.expires_on <= (self.effective_on or self.issued_on or self.expires_on):
            errors["expires_on"] = _("The expiry date must come after the effective date.")
        opens, closes = self.consultation_opens_at, self.consultation_closes_at
        if opens and closes and closes <= opens:
            errors["consultation_closes_at"] = _("The consultation must close after it opens.")
        if count_images_without_alt(self.body):
            errors["body"] = _(
                "Every image in the text needs a text alternative: select the image and press “Change "
                "image text alternative”."
            )
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is taken by the document list; choose another one.")
        elif (
            self.slug
            and Document.objects.exclude(pk=self.pk).filter(former_slugs__contains=[self.slug]).exists()
        ):
            errors["slug"] = _(
                "This address belonged to another document, and its old links still lead there."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def title(self):
        """What the document is called: “Kết luận 44-KL/TW”; a draft without a number is called by its
        summary (“Dự thảo Nghị quyết quy định …”), as drafts put out for comment are."""
        type_name = self.document_type.name if self.document_type_id else ""
        if self.number:
            return f"{type_name} {self.number}".strip()
        return self.summary

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def legal_status_on(self, day=None):
        """The legal status staff set, or the one the dates give on `day` (today)."""
        if self.legal_status:
            return LegalStatus(self.legal_status)
        day = day or timezone.localdate()
        effective = self.effective_on or self.issued_on
        if self.expires_on and self.expires_on <= day:
            return LegalStatus.EXPIRED
        if effective and effective > day:
            return LegalStatus.NOT_YET
        return LegalStatus.IN_FORCE

    @property
    def legal_status_label(self):
        return self.legal_status_on().label

    def status_label(self):
        if self.status == self.Status.PUBLISHED and self.published_at > timezone.now():
            return _("Scheduled")
        return self.get_status_display()

    def consultation_is_open(self, now=None):
        now = now or timezone.now()
        opens, closes = self.consultation_opens_at, self.consultation_closes_at
        return bool(self.is_draft and opens and closes and opens <= now < closes)

    def keys_derive(self):
        """The number's key and first number (documents.numbers) and the year of issue, kept beside
        the number: the three are the unique key of a document with its issuing body."""
        self.number_key = number_key(self.number)
        self.number_value = number_value(self.number)
        # A script or a fixture may give the date as a string.
        self.issued_on = self._meta.get_field("issued_on").to_python(self.issued_on)
        self.issued_year = self.issued_on.year if self.issued_on else None

    def slug_make(self):
        """A free slug from the type, the number and the year when the number lacks it
        ("ket-luan-44-kl-tw-2019", "nghi-dinh-42-2022-nd-cp"), not one another document had."""
        type_name = self.document_type.name if self.document_type_id else ""
        words = f"{type_name} {self.number.replace('/', '-')}" if self.number else self.summary[:120]
        if self.number and self.issued_on and str(self.issued_on.year) not in self.number:
            words += f" {self.issued_on.year}"
        base = slugify_vi(words, max_length=180) or "van-ban"
        slug, number = base, 1
        others = Document.objects.exclude(pk=self.pk)
        while others.filter(Q(slug=slug) | Q(former_slugs__contains=[slug])).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    @staticmethod
    def search_update(pk):
        """Store the document's search vector again (its fields, its type's name, its files' text)."""
        files = (
            Attachment.objects.filter(document=OuterRef("pk"))
            .order_by()
            .values("document")
            .annotate(text=StringAgg("text", " ", order_by=("order", "pk")))
            .values("text")
        )
        type_name = DocumentType.objects.filter(pk=OuterRef("document_type")).values("name")
        Document.objects.filter(pk=pk).update(
            search_vector=document_vector(type_name=Subquery(type_name), files_text=Subquery(files))
        )


def attachment_upload_to(instance, filename):
    """A random name under documents/year/month with the checked extension (portal.lib.files)."""
    return stored_name("documents", filename)


class Attachment(models.Model):
    """A file of a document (“Tệp đính kèm”), checked by its content on upload (portal.lib.files),
    stored under a random name and downloaded under its own name through the download view, which
    counts downloads."""

    class Role(models.TextChoices):
        FULL_TEXT = "full_text", _("Full text")
        ANNEX = "annex", _("Annex")
        CONSULTATION_REPORT = "consultation_report", _("Report on the comments received")
        OTHER = "other", _("Other")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"),
        upload_to=attachment_upload_to,
        max_length=200,
        validators=[validate_attachment],
        help_text=_(
            "PDF, Word, Excel, OpenDocument or ZIP, checked by its content. The text of PDF and DOCX "
            "files is searchable."
        ),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("What readers see and download it as. Left empty: the name of the uploaded file."),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.FULL_TEXT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Found by portal.lib.files when the file is new.
    extension = models.CharField(_("type"), max_length=10, editable=False)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    pages = models.PositiveIntegerField(_("pages"), null=True, editable=False)
    text = models.TextField(_("text for search"), blank=True, editable=False)
    text_cut = models.BooleanField(_("text cut"), default=False, editable=False)
    download_count = models.PositiveBigIntegerField(_("downloads"), default=0, editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    # The stored name this row was read with: a different one is a new file to read (save()).
    _loaded_file = None

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self):
        return self.name or PurePosixPath(self.file.name).name

    def save(self, *args, **kwargs):
        new_file = bool(self.file) and (self._state.adding or self.file.name != self._loaded_file)
        replaced = self._loaded_file if new_file and self._loaded_file else None
        if new_file:
            self.read_file()
        self.name = clean_filename(self.name)
        super().save(*args, **kwargs)
        self._loaded_file = self.file.name
        Document.search_update(self.document_id)
        if replaced:
            _delete_on_commit(self.file.storage, replaced)

    def get_absolute_url(self):
        return reverse("documents:download", kwargs={"pk": self.pk})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_file = instance.__dict__.get("file")
        return instance

    def read_file(self):
        """Check the new file again (whoever saves: the admin, the import, the demo) and read what the
        page and the search need. A file the admin already stored (portal.lib.admin) is read back."""
        field_file = self.file
        stored = is_stored(field_file)
        if not self.name:
            self.name = PurePosixPath(field_file.name).name
        if stored:
            field_file.open("rb")
        try:
            checked = file_check(field_file)
            self.text, self.text_cut = text_extract(field_file, checked.extension)
        finally:
            if stored:
                field_file.close()
        self.extension, self.size, self.pages = checked.extension, checked.size, checked.pages

    @property
    def is_pdf(self):
        return self.extension == "pdf"


def _delete_on_commit(storage, name):
    transaction.on_commit(lambda: storage.delete(name))


@receiver(post_delete, sender=Attachment, dispatch_uid="attachment-file-delete")
def attachment_file_delete(sender, instance, **kwargs):
    """A deleted attachment's file goes too, once the deletion is committed (never on a rollback)."""
    if instance.file:
        _delete_on_commit(instance.file.storage, instance.file.name)
    Document.search_update(instance.document_id)


class DocumentRelation(models.Model):
    """One document replaces, amends, guides or relates to another; each page shows both sides."""

    class Kind(models.TextChoices):
        REPLACES = "replaces", _("Replaces")
        AMENDS = "amends", _("Amends")
        GUIDES = "guides", _("Guides")
        RELATED = "related", _("Related to")

    # How the other side reads: "Replaced by", "Amended by"...
    INVERSE_LABELS = {
        Kind.REPLACES: _("Replaced by"),
        Kind.AMENDS: _("Amended by"),
        Kind.GUIDES: _("Guided by"),
        Kind.RELATED: _("Related to"),
    }

    source = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="relations_from"
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices, default=Kind.RELATED)
    target = models.ForeignKey(
        Document, verbose_name=_("other document"), on_delete=models.CASCADE, related_name="relations_to"
    )

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("related document")
        verbose_name_plural = _("related documents")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="document_relation_once"),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="document_relation_not_itself",
                violation_error_message=_("A document cannot be related to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.source} — {self.get_kind_display()} — {self.target}"

    def label_for(self, document):
        """The relation as the page of `document` says it."""
        return self.get_kind_display() if document.pk == self.source_id else self.INVERSE_LABELS[self.kind]


class DocumentEvent(WorkflowEvent):
    """One line of the documents' audit log: a transition or an import. Append-only."""

    Action = models.TextChoices(
        "Action",
        {**TRANSITION_ACTIONS, "IMPORT": ("import", _("Imported"))},
        module=__name__,
        qualname="DocumentEvent.Action",
    )

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("document workflow event")
        verbose_name_plural = _("document workflow log")

    def __str__(self):
        return f"{self.get_action_display()}: {self.document}"
