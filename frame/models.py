"""The site's frame, edited by staff in the admin: settings, banners, lookup links, videos, static pages.

Templates read the frame through `frame.data` (held per content version, so an edit shows on the next
page load), never with queries of their own. The tables keep the names they had when these models
lived in `portal` (and `Page` in `articles`): migration 0001 moved them without touching the database.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

from frame.validators import (
    validate_captions,
    validate_monitoring_script_url,
    validate_mp4,
    validate_video_url,
)
from frame.videos import parse_video_url
from portal.lib.attachments import AttachedFile
from portal.lib.html import count_images_without_alt, sanitize_html
from portal.lib.images import reencode_upload, validate_image
from portal.lib.text import unique_slug
from portal.lib.validators import validate_https_url, validate_link

LINK_HELP = _("A web address (https://…) or a path on this site (/trang/lien-he/).")


def _video_file_name(instance, filename):
    # The visitor-facing name is the title; the stored name is random, like every upload's.
    return timezone.now().strftime(f"videos/%Y/%m/{uuid.uuid4().hex}.mp4")


def _captions_file_name(instance, filename):
    return timezone.now().strftime(f"videos/%Y/%m/{uuid.uuid4().hex}.vtt")


class SiteSettings(models.Model):
    """One row (pk 1) of what the header and footer say about the agency."""

    agency_name = models.CharField(
        _("agency name"),
        max_length=200,
        help_text=_("Shown in the header, in page titles and in feeds."),
    )
    agency_name_en = models.CharField(
        _("agency name in English"),
        max_length=200,
        blank=True,
        help_text=_("Shown instead when a visitor has chosen English."),
    )
    short_name = models.CharField(
        _("short name"), max_length=80, blank=True, help_text=_("For narrow places, e.g. “UBND tỉnh Sơn La”.")
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="site/",
        blank=True,
        validators=[validate_image],
        help_text=_("Square, at least 128 × 128 pixels. Without a logo the national emblem is shown."),
    )
    logo_alt = models.CharField(
        _("logo text alternative"),
        max_length=200,
        blank=True,
        help_text=_("What the logo shows, e.g. “Quốc huy Việt Nam”. Required with a logo."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    hotline = models.CharField(_("hotline"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    responsible_editor = models.CharField(
        _("responsible editor"),
        max_length=300,
        blank=True,
        help_text=_("The line the press law requires, e.g. “Chịu trách nhiệm chính: …”."),
    )
    footer_text = models.TextField(
        _("footer text"), blank=True, help_text=_("Licence number and other notices. Line breaks are kept.")
    )
    facebook_url = models.CharField(
        _("Facebook page"), max_length=300, blank=True, validators=[validate_link], help_text=LINK_HELP
    )
    youtube_url = models.CharField(
        _("YouTube channel"), max_length=300, blank=True, validators=[validate_link], help_text=LINK_HELP
    )
    zalo_url = models.CharField(
        _("Zalo page"), max_length=300, blank=True, validators=[validate_link], help_text=LINK_HELP
    )
    # The national monitoring code. Pasted HTML would be a stored script that no sanitiser can make
    # safe (the code *is* a script) and that a strict Content-Security-Policy would block anyway, so
    # only its parts are stored and the portal writes the markup. Only superusers may edit these.
    monitoring_script_url = models.CharField(
        _("monitoring script address"),
        max_length=500,
        blank=True,
        validators=[validate_monitoring_script_url],
        help_text=_(
            "The address in the src attribute of the national monitoring code's script tag, if it "
            "has one. The script runs on every page with full access to it: enter only the address the "
            "authority gave you. Only https addresses on the hosts the server's settings allow (ask "
            "the site administrator) are accepted; only superusers can change it."
        ),
    )
    badge_link = models.CharField(
        _("badge link"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_("Where the certification badge leads (the href of its link)."),
    )
    badge_image_url = models.CharField(
        _("badge image address"),
        max_length=500,
        blank=True,
        validators=[validate_https_url],
        help_text=_("The badge picture (the src of its image), an https address."),
    )
    badge_alt = models.CharField(
        _("badge text alternative"),
        max_length=200,
        blank=True,
        help_text=_("What the badge says, e.g. “Chứng nhận Tín nhiệm mạng”. Required with a badge."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "portal_sitesettings"
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="site_settings_single_row")]

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        reencode_upload(self.logo)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.logo and not self.logo_alt.strip():
            errors["logo_alt"] = _("Describe the logo for visitors who cannot see it.")
        if self.badge_image_url and not self.badge_alt.strip():
            errors["badge_alt"] = _("Describe the badge for visitors who cannot see it.")
        if self.badge_image_url and not self.badge_link:
            errors["badge_link"] = _("A badge needs the address it links to.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def load(cls):
        """The settings row; before anyone has saved it, an unsaved row of defaults (reading never writes)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1, agency_name=settings.PORTAL_SITE_NAME)

    def name_in(self, language):
        if language == "en" and self.agency_name_en:
            return self.agency_name_en
        return self.agency_name or settings.PORTAL_SITE_NAME

    @property
    def social_links(self):
        """[(name, url)] of the social pages that are set."""
        links = [("Facebook", self.facebook_url), ("YouTube", self.youtube_url), ("Zalo", self.zalo_url)]
        return [(name, url) for name, url in links if url]


class Banner(models.Model):
    class Position(models.TextChoices):
        HEADER = "header", _("Header")
        SIDEBAR = "sidebar", _("Sidebar")
        FOOTER = "footer", _("Footer")

    title = models.CharField(
        _("name"), max_length=200, help_text=_("For staff only; visitors read the text alternative.")
    )
    image = models.ImageField(
        _("image"),
        upload_to="banners/%Y/",
        validators=[validate_image],
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(editable=False, null=True)
    image_height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        _("text alternative"),
        max_length=255,
        help_text=_(
            "Required. What the banner says or shows, for visitors who cannot see it: usually the words "
            "written on it."
        ),
    )
    link = models.CharField(
        _("link"), max_length=500, blank=True, validators=[validate_link], help_text=LINK_HELP
    )
    position = models.CharField(
        _("position"), max_length=10, choices=Position.choices, default=Position.SIDEBAR, db_index=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    starts_at = models.DateTimeField(
        _("shown from"), null=True, blank=True, help_text=_("Empty: shown from now on.")
    )
    ends_at = models.DateTimeField(_("shown until"), null=True, blank=True, help_text=_("Empty: no end."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        db_table = "portal_banner"
        ordering = ["position", "order", "pk"]
        verbose_name = _("banner")
        verbose_name_plural = _("banners")
        constraints = [
            # Even a save that skips the form cannot store a banner without a text alternative.
            models.CheckConstraint(
                condition=Q(alt_text__regex=r"\S"),
                name="banner_has_alt_text",
                violation_error_message=_("A banner needs a text alternative."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        reencode_upload(self.image)
        super().save(*args, **kwargs)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

    def is_shown(self, now=None):
        """Active and within its dates: the only definition of a visible banner."""
        now = now or timezone.now()
        return bool(
            self.is_active
            and (self.starts_at is None or self.starts_at <= now)
            and (self.ends_at is None or now < self.ends_at)
        )


class LookupLink(models.Model):
    """A link in the "Thông tin tra cứu" box: document lookup, administrative procedures, ..."""

    title = models.CharField(_("title"), max_length=200)
    link = models.CharField(_("link"), max_length=500, validators=[validate_link], help_text=LINK_HELP)
    icon = models.ImageField(
        _("icon"),
        upload_to="lookup/",
        blank=True,
        validators=[validate_image],
        help_text=_("Optional, shown small (32 × 32 pixels) before the title."),
    )
    icon_alt = models.CharField(
        _("icon text alternative"),
        max_length=200,
        blank=True,
        help_text=_(
            "Usually empty: the title beside the icon already says where the link goes, so the icon "
            "is decorative and screen readers skip it. Fill in only if the icon adds information."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        db_table = "portal_lookuplink"
        ordering = ["order", "pk"]
        verbose_name = _("lookup link")
        verbose_name_plural = _("lookup links")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        reencode_upload(self.icon)
        super().save(*args, **kwargs)


class VideoQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Video(models.Model):
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    url = models.CharField(
        _("YouTube or Vimeo address"),
        max_length=300,
        blank=True,
        validators=[validate_video_url],
        help_text=_(
            "Played through the privacy-enhanced player, loaded only when the visitor presses play. "
            "Leave empty when you upload a file."
        ),
    )
    file = models.FileField(
        _("MP4 file"),
        upload_to=_video_file_name,
        blank=True,
        validators=[validate_mp4],
        help_text=_("Instead of an address: an MP4 video (H.264), with a poster image."),
    )
    poster = models.ImageField(
        _("poster image"),
        upload_to="videos/posters/%Y/",
        blank=True,
        validators=[validate_image],
        help_text=_(
            "Shown before the video plays. Required for a file; for YouTube and Vimeo without a poster a "
            "plain panel is shown, so nothing is fetched from them before the visitor presses play."
        ),
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to=_captions_file_name,
        blank=True,
        validators=[validate_captions],
        help_text=_("For an MP4 file: Vietnamese captions as a .vtt file."),
    )
    featured = models.BooleanField(
        _("featured in the sidebar"),
        default=False,
        help_text=_("The newest featured video is shown in the sidebar."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    published_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)

    objects = VideoQuerySet.as_manager()

    class Meta:
        db_table = "portal_video"
        ordering = ["-published_at", "-pk"]
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="video_has_one_source",
                violation_error_message=_("Give either a YouTube or Vimeo address or an MP4 file, not both."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        reencode_upload(self.poster)
        super().save(*args, **kwargs)

    def clean(self):
        if bool(self.url) == bool(self.file):
            raise ValidationError(_("Give either a YouTube or Vimeo address or an MP4 file, not both."))
        if self.file and not self.poster:
            raise ValidationError({"poster": _("An uploaded video needs a poster image.")})
        if self.captions and not self.file:
            raise ValidationError(
                {"captions": _("Captions go with an uploaded file; YouTube and Vimeo carry their own.")}
            )

    @cached_property
    def remote(self):
        """The YouTube or Vimeo video (frame.videos.RemoteVideo), or None for an uploaded file."""
        return parse_video_url(self.url) if self.url else None


class PageQuerySet(models.QuerySet):
    def published(self):
        """What the public may see of the static pages."""
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Who may change pages previews the unpublished ones too; everyone else sees published()."""
        if user.is_active and user.is_staff and user.has_perm("frame.change_page"):
            return self
        return self.published()


class Page(models.Model):
    """A static page: "Giới thiệu", "Cơ cấu tổ chức", "Liên hệ"... with an optional English version."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("Part of the address (/trang/…/). Left empty, it is made from the title."),
    )
    body = CKEditor5Field(_("body"), config_name="default", blank=True)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    body_en = CKEditor5Field(
        _("English body"),
        config_name="default",
        blank=True,
        help_text=_("With an English title and body, visitors who choose English read this version."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Menu pages and categories share one order: a page with 15 comes between 10 and 20."),
    )
    show_in_menu = models.BooleanField(_("shown in menu"), default=False)
    show_in_footer = models.BooleanField(_("shown in footer"), default=False)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        db_table = "articles_page"
        ordering = ["order", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_en = sanitize_html(self.body_en)
        if not self.slug:
            self.slug = unique_slug(
                self.title, Page.objects.exclude(pk=self.pk), max_length=140, fallback="trang"
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("frame:page", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        for field in ("body", "body_en"):
            if count_images_without_alt(getattr(self, field)):
                errors[field] = _(
                    "Every image in the body needs a text alternative: select the image and "
                    "press “Change image text alternative”."
                )
        if bool(self.title_en.strip()) != bool(strip_tags(self.body_en).strip() or "<img" in self.body_en):
            errors["title_en" if not self.title_en.strip() else "body_en"] = _(
                "An English version needs both an English title and an English body."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def has_english(self):
        return bool(self.title_en and self.body_en)

    def content_in(self, language):
        """(title, body, language of the text): English when asked for and written, else Vietnamese."""
        if language == "en" and self.has_english:
            return self.title_en, self.body_en, "en"
        return self.title, self.body, "vi"


class PageAttachment(AttachedFile):
    """A file readers download from a static page ("Tệp đính kèm": a form, a price list)."""

    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(AttachedFile.Meta):
        pass

    def get_absolute_url(self):
        return reverse("frame:attachment", kwargs={"pk": self.pk})


class MainMenu(Page):
    """No table of its own: the admin's entry for the main menu screen (frame.admin.MainMenuAdmin),
    which shows the menu as readers get it and reorders its categories and pages."""

    class Meta:
        proxy = True
        # Who may change both categories and pages may reorder them: no permission of its own.
        default_permissions = ()
        verbose_name = _("main menu")
        verbose_name_plural = _("main menu")
