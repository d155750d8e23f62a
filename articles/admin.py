from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, When
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.names import full_name
from articles import workflow
from articles.forms import ArticleAdminForm
from articles.models import (
    Article,
    ArticleAttachment,
    ArticleEvent,
    ArticleRevision,
    ArticleSlugHistory,
    Category,
    Section,
    Tag,
    Topic,
)
from articles.revisions import revisions_compare
from portal.lib.admin import (
    STATUS_CHANGED,
    AttachedFileInlineMixin,
    ReadOnlyAdminMixin,
    UploadFaultsAdminMixin,
    WorkflowAdminMixin,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order", "show_in_menu", "slug"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", "parent"]
    search_fields = ["name", "slug"]
    ordering = ["parent__order", "order", "name"]
    fields = ["name", "name_en", "slug", "parent", "order", "show_in_menu", "description"]


class StatusFilter(admin.SimpleListFilter):
    """The status as staff read it (Article.status_label): scheduled and expired apart."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        statuses = dict(Article.Status.choices)
        return [
            (Article.Status.DRAFT, statuses[Article.Status.DRAFT]),
            (Article.Status.PENDING, statuses[Article.Status.PENDING]),
            ("scheduled", _("Scheduled")),
            (Article.Status.PUBLISHED, statuses[Article.Status.PUBLISHED]),
            ("expired", _("Expired")),
            (Article.Status.UNPUBLISHED, statuses[Article.Status.UNPUBLISHED]),
            (Article.Status.REJECTED, statuses[Article.Status.REJECTED]),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        published = queryset.filter(status=Article.Status.PUBLISHED)
        if value == "scheduled":
            return published.filter(published_at__gt=now)
        if value == "expired":
            return published.filter(expires_at__lte=now)
        if value == Article.Status.PUBLISHED:
            return queryset.filter(pk__in=Article.objects.published().values("pk"))
        if value in Article.Status.values:
            return queryset.filter(status=value)
        return queryset


class ChangeFilter(admin.SimpleListFilter):
    """Published articles whose change waits for review, or was sent back."""

    title = _("change to a published article")
    parameter_name = "change"

    def lookups(self, request, model_admin):
        return [
            (ArticleRevision.Review.PENDING, _("Waiting for review")),
            (ArticleRevision.Review.REJECTED, _("Sent back")),
        ]

    def queryset(self, request, queryset):
        if self.value() not in {ArticleRevision.Review.PENDING, ArticleRevision.Review.REJECTED}:
            return queryset
        changes = ArticleRevision.objects.filter(article=OuterRef("pk"), review=self.value())
        return queryset.filter(Exists(changes), status=Article.Status.PUBLISHED)


class MineFilter(admin.SimpleListFilter):
    title = _("author")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("My articles"))]

    def queryset(self, request, queryset):
        return queryset.filter(created_by=request.user) if self.value() == "1" else queryset


class SentBackFilter(admin.SimpleListFilter):
    """Sent back to their authors: rejected articles, and published ones whose change was sent back."""

    title = _("sent back")
    parameter_name = "sent_back"

    def lookups(self, request, model_admin):
        return [("1", _("Sent back, to be fixed"))]

    def queryset(self, request, queryset):
        if self.value() != "1":
            return queryset
        rejected_change = ArticleRevision.objects.filter(
            article=OuterRef("pk"), review=ArticleRevision.Review.REJECTED
        )
        return queryset.filter(
            Q(status=Article.Status.REJECTED) | Q(Exists(rejected_change), status=Article.Status.PUBLISHED)
        )


class ArticleSlugHistoryInline(admin.TabularInline):
    model = ArticleSlugHistory
    extra = 0
    fields = ["slug", "changed_at"]
    readonly_fields = ["slug", "changed_at"]
    can_delete = True
    verbose_name_plural = _("old addresses (redirect to this article)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Removing an old address breaks every link shared with it, and frees it for another
        # article: an editor's decision.
        return (
            obj is not None
            and workflow.reviews(request.user, obj)
            and super().has_delete_permission(request, obj)
        )


class ArticleAttachmentInline(AttachedFileInlineMixin, admin.TabularInline):
    model = ArticleAttachment


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, UploadFaultsAdminMixin, admin.ModelAdmin):
    """Each role sees what it may do: journalists their own articles, editors the review queue first.

    The status moves only through articles.workflow (WorkflowAdminMixin: the buttons, checked by
    ArticleAdminForm before anything is saved, and the list actions); a change to a published
    article is held for review instead.
    """

    workflow = workflow
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    # The screen everyone uses most: the title gets the width, the rest says where each article
    # stands (articles/static/articles/admin.css lays it out for 1366 × 768 and tablets).
    list_display = ["title", "status_column", "category", "author", "publish_time", "views"]
    list_filter = [StatusFilter, ChangeFilter, SentBackFilter, MineFilter, "category", "featured"]
    list_select_related = ["category", "category__parent", "created_by"]
    list_per_page = 50
    autocomplete_fields = ["topics", "tags"]
    search_fields = ["title", "summary", "byline"]
    date_hierarchy = "published_at"
    inlines = [ArticleAttachmentInline, ArticleSlugHistoryInline]
    actions = ["approve_selected", "unpublish_selected"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "category", "topics", "tags", "summary", "body", "opened_version"]},
        ),
        (
            _("English version"),
            {
                "fields": ["title_en", "summary_en", "body_en"],
                "classes": ["collapse"],
                "description": _(
                    "Optional. With a title and a body the article is also published on the English "
                    "site (/en/); without them it is left out of it."
                ),
            },
        ),
        (_("Cover image"), {"fields": ["cover", "cover_alt", "cover_decorative", "cover_caption"]}),
        (_("Byline"), {"fields": ["byline", "source"]}),
        (_("Publishing"), {"fields": ["status_column", "published_at", "expires_at", "featured"]}),
        (
            _("Record"),
            {
                "fields": ["view_count", "created_by", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]
    HISTORY_FIELDSET = (_("Workflow log"), {"fields": ["workflow_log"]})
    PUBLISHER_FIELDS = ["published_at", "expires_at", "featured"]
    review_checks = ("reject", "reject_change")
    applied_message = _("%(done)d articles changed, %(skipped)d skipped (their status does not allow it).")

    # Who sees and changes what ------------------------------------------------------------------

    def get_queryset(self, request):
        # Whether a change waits, read once for the whole list (the status column shows it).
        queryset = Article.objects.annotate(has_pending_change=Exists(self.pending_change())).order_by(
            *self.get_ordering(request)
        )
        return self.visible_articles(request, queryset)

    @staticmethod
    def pending_change():
        return ArticleRevision.objects.filter(article=OuterRef("pk"), review=ArticleRevision.Review.PENDING)

    @staticmethod
    def visible_articles(request, queryset):
        """Editors see their sections' articles (everything, in no section) and their own; a
        journalist their own."""
        user = request.user
        if not workflow.is_reviewer(user):
            return queryset.filter(created_by=user)
        sections = workflow.section_category_ids(user)
        if sections is None:
            return queryset
        return queryset.filter(Q(category_id__in=sections) | Q(created_by=user))

    def get_ordering(self, request):
        if workflow.is_reviewer(request.user):
            # The queue first (new articles and changes to published ones), in one expression: the
            # admin also orders the article choices of other models' forms with it.
            queue_first = Case(
                When(status=Article.Status.PENDING, then=0),
                When(Exists(self.pending_change()), then=0),
                default=1,
            )
            return [queue_first.asc(), "-published_at"]
        return ["-updated_at"]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            workflow.is_reviewer(request.user) if obj is None else workflow.reviews(request.user, obj)
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def get_readonly_fields(self, request, obj=None):
        fields = [
            "status_column",
            "view_count",
            "created_by",
            "created_at",
            "updated_at",
            "workflow_log",
            "body_display",
        ]
        if not (
            request.user.has_perm("articles.publish_article")
            and (obj is None or workflow.reviews(request.user, obj))
        ):
            # Only who publishes chooses when: a journalist cannot schedule, nor feature.
            fields += self.PUBLISHER_FIELDS
        if (
            obj is not None
            and obj.status == Article.Status.PUBLISHED
            and not workflow.reviews(request.user, obj)
        ):
            # A published article keeps its address: an editor's decision (old links redirect).
            fields.append("slug")
            # Its English version is not held for review like its text (workflow.HELD_FIELDS): once
            # published, only who reviews it changes it.
            fields += ["title_en", "summary_en", "body_en"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only (a journalist's article waiting for review): the body as readers will see it.
            fieldsets = [
                (
                    name,
                    {**options, "fields": ["body_display" if f == "body" else f for f in options["fields"]]},
                )
                for name, options in fieldsets
            ]
        return fieldsets

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "category":
            # A limited editor files others' articles only in their own sections (ArticleAdminForm).
            formfield.label_from_instance = str
        return formfield

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "article_change_held", False) and level == messages.SUCCESS:
            # Not "changed successfully": save_model said the change waits, readers see the old text.
            return
        super().message_user(request, message, level, *args, **kwargs)

    # Columns and read-only fields ---------------------------------------------------------------

    @admin.display(description=_("Status"), ordering="status")
    def status_column(self, article):
        label = format_html(
            '<span class="status-label status-label--{}">{}</span>',
            article.status_key(),
            article.status_label(),
        )
        has_change = getattr(article, "has_pending_change", None)
        if has_change is None:
            change = article.open_change()
            has_change = change is not None and change.review == ArticleRevision.Review.PENDING
        if has_change:
            label += format_html(
                ' <span class="status-label status-label--change">{}</span>', _("Change waiting")
            )
        return label

    @admin.display(description=_("Author"), ordering="created_by__last_name")
    def author(self, article):
        return full_name(article.created_by)

    @admin.display(description=_("Publish time"), ordering="published_at")
    def publish_time(self, article):
        return date_format(timezone.localtime(article.published_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("Views"), ordering="view_count")
    def views(self, article):
        return intcomma(article.view_count)

    @admin.display(description=_("body"))
    def body_display(self, article):
        """The body as readers see it (sanitised by nh3 on every save), with the site's typography."""
        return format_html('<div class="ck ck-content">{}</div>', mark_safe(article.body))  # noqa: S308

    @admin.display(description=_("Workflow log"))
    def workflow_log(self, article):
        if article is None or not article.pk:
            return ""
        table = self.workflow_table(article, name=full_name)
        revisions_url = reverse("admin:articles_article_revisions", args=[article.pk])
        link = format_html('<p><a href="{}">{}</a></p>', revisions_url, _("Revisions: compare and restore"))
        if table is None:
            return format_html("<p>{}</p>{}", _("No transitions yet."), link)
        return format_html("{}{}", table, link)

    @staticmethod
    def event_status(event):
        """Where the event left the article: "Bản nháp → Chờ duyệt", "Đã lên lịch, lên trang lúc …"."""
        if event.action == ArticleEvent.Action.SCHEDULE and event.scheduled_for:
            when = date_format(timezone.localtime(event.scheduled_for), "SHORT_DATETIME_FORMAT")
            return _("Scheduled for %(when)s") % {"when": when}
        if event.from_status == event.to_status:
            return event.get_to_status_display()
        return f"{event.get_from_status_display()} → {event.get_to_status_display()}"

    # Saving and the workflow buttons ------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        action = form.workflow_action
        topics, tags = form.cleaned_data.get("topics"), form.cleaned_data.get("tags")
        # What the form was opened on decides, not what the post claims.
        if change and workflow.holds_changes(form.opened, action):
            form.held = request.article_change_held = True
            try:
                revision = workflow.change_hold(article=obj, user=request.user, topics=topics, tags=tags)
                if action == "reject_change":
                    workflow.change_reject(
                        article=obj, user=request.user, comment=form.cleaned_data["review_comment"]
                    )
                    messages.success(request, _("The change was sent back to its author."))
                elif revision is not None:
                    messages.success(
                        request,
                        _(
                            "Your change is waiting for an editor's review: readers still see the "
                            "published article."
                        ),
                    )
            except workflow.TransitionNotAllowed:
                messages.error(request, STATUS_CHANGED)
            return
        was_rejected = change and obj.status == Article.Status.REJECTED
        super().save_model(request, obj, form, change)
        revision = workflow.revision_create(article=obj, user=request.user, topics=topics, tags=tags)
        self.workflow_save(request, obj, form, was_rejected=was_rejected, revision=revision)

    def workflow_apply(self, request, obj, form, *, was_rejected, revision):
        if form.workflow_action == "publish_change":
            workflow.change_published(article=obj, user=request.user, revision=revision)
            messages.success(request, _("The change is published: readers see it now."))
        else:
            super().workflow_apply(request, obj, form, was_rejected=was_rejected)

    def save_related(self, request, form, formsets, change):
        if getattr(form, "held", False):
            # Topics and tags are part of the change waiting for review (change_hold kept them):
            # only the inlines (old addresses, files) are saved now.
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)

    def workflow_context(self, request, obj, can_change):
        open_change = obj.open_change() if obj is not None else None
        return {
            **super().workflow_context(request, obj, can_change),
            "open_change": open_change,
            "change_comparison": self.change_comparison(obj, open_change) if can_change else None,
        }

    @staticmethod
    def change_comparison(article, open_change):
        """What the change waiting for review would change, against what readers read now."""
        if open_change is None or open_change.review != ArticleRevision.Review.PENDING:
            return None
        live = Article.objects.get(pk=article.pk)
        return revisions_compare(live, open_change)

    def rejection(self, article):
        """The editor's comment while the author still has to act on it: on a published article,
        about its change sent back."""
        if article is None or article.status != Article.Status.PUBLISHED:
            return super().rejection(article)
        change = article.open_change()
        if change is None or change.review != ArticleRevision.Review.REJECTED:
            return None
        return article.events.filter(action=ArticleEvent.Action.CHANGE_REJECT).first()

    # List actions -------------------------------------------------------------------------------

    @admin.action(description=_("Approve and publish the selected articles"), permissions=["publish"])
    def approve_selected(self, request, queryset):
        self.apply(request, queryset, workflow.article_approve)

    @admin.action(description=_("Unpublish the selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self.apply(request, queryset, workflow.article_unpublish)

    # Revisions ----------------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:object_id>/revisions/<int:number>/restore/",
                self.admin_site.admin_view(self.revision_restore_view),
                name="articles_article_revision_restore",
            ),
            *super().get_urls(),
        ]

    def editable_article(self, request, object_id):
        article = self.get_object(request, str(object_id))
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request, object_id):
        article = self.editable_article(request, object_id)
        revisions = list(article.revisions.select_related("created_by"))
        numbers = {revision.number: revision for revision in revisions}
        comparison = None
        old, new = None, None
        try:
            old = numbers.get(int(request.GET.get("a", "")))
            new = numbers.get(int(request.GET.get("b", "")))
        except ValueError:
            pass
        if old is None and new is None and len(revisions) >= 2:
            new, old = revisions[0], revisions[1]
        if old and new:
            comparison = revisions_compare(old, new)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Revisions of “%(title)s”") % {"title": article.title},
            "article": article,
            "revisions": revisions,
            "old": old,
            "new": new,
            "comparison": comparison,
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    @method_decorator(require_POST)
    def revision_restore_view(self, request, object_id, number):
        article = self.editable_article(request, object_id)
        revision = article.revisions.filter(number=number).first()
        if revision is None:
            raise Http404
        new = workflow.article_restore_revision(article=article, revision=revision, user=request.user)
        if article.status == Article.Status.PUBLISHED:
            message = _(
                "Revision %(old)d restored as revision %(new)d, a change waiting for review: readers "
                "still see the published article."
            )
        else:
            message = _("Revision %(old)d restored as revision %(new)d.")
        messages.success(request, message % {"old": revision.number, "new": new.number})
        return redirect("admin:articles_article_change", article.pk)


@admin.register(ArticleEvent)
class ArticleEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log: read-only for everyone, superusers included."""

    list_display = ["created_at", "article", "action", "status", "actor", "comment"]
    # In this order on an event's page (the model lists its shared fields first).
    fields = [
        "article",
        "action",
        "from_status",
        "to_status",
        "actor",
        "comment",
        "created_at",
        "scheduled_for",
    ]
    list_filter = ["action", "to_status"]
    list_select_related = ["article", "actor"]
    search_fields = ["article__title", "comment", "actor__username", "actor__last_name", "actor__first_name"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        # A limited editor reads the log of the articles they see (ArticleAdmin.visible_articles).
        articles = ArticleAdmin.visible_articles(request, Article.objects.all())
        return super().get_queryset(request).filter(article__in=articles)

    @admin.display(description=_("Status"), ordering="to_status")
    def status(self, event):
        return ArticleAdmin.event_status(event)


@admin.register(Topic)
class TopicAdmin(UploadFaultsAdminMixin, admin.ModelAdmin):
    """Chuyên đề: editors keep them; the article form picks them with search (autocomplete)."""

    list_display = ["name", "featured", "order", "article_count", "slug"]
    list_editable = ["featured", "order"]
    list_filter = ["featured"]
    search_fields = ["name", "slug"]
    fields = ["name", "name_en", "slug", "description", "cover", "cover_alt", "featured", "order"]

    def get_queryset(self, request):
        # Ordered again: a query with a count is grouped, and grouping drops Meta.ordering.
        return (
            super()
            .get_queryset(request)
            .annotate(number_of_articles=Count("articles"))
            .order_by("order", "name")
        )

    @admin.display(description=_("articles"), ordering="number_of_articles")
    def article_count(self, topic):
        return topic.number_of_articles


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags: anyone who writes adds one from the article form ("+"); editors rename and merge by hand."""

    list_display = ["name", "article_count", "slug"]
    search_fields = ["name", "slug"]
    fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_articles=Count("articles")).order_by("name")

    @admin.display(description=_("articles"), ordering="number_of_articles")
    def article_count(self, tag):
        return tag.number_of_articles


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    """Sections limit editors to categories (articles.workflow.in_section); administrators set them."""

    list_display = ["name", "category_list", "editor_list"]
    search_fields = ["name", "categories__name", "editors__last_name", "editors__first_name"]
    fields = ["name", "categories", "editors"]
    formfield_overrides = {models.ManyToManyField: {"widget": CheckboxSelectMultiple}}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "editors":
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(groups__name=roles.EDITOR, is_active=True)
                .order_by("last_name", "first_name", "username")
                .distinct()
            )
        if db_field.name == "categories":
            kwargs["queryset"] = Category.objects.filter(parent=None)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories", "editors")

    @admin.display(description=_("categories"))
    def category_list(self, section):
        return ", ".join(category.name for category in section.categories.all())

    @admin.display(description=_("editors"))
    def editor_list(self, section):
        return ", ".join(full_name(editor) for editor in section.editors.all())
