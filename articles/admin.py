from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.names import full_name
from articles import workflow
from articles.forms import ArticleAdminForm
from articles.models import Article, ArticleEvent, ArticleSlugHistory, Category
from articles.revisions import revisions_compare
from portal.lib.admin import ReadOnlyAdminMixin, UploadFaultsAdminMixin


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order", "show_in_menu", "slug"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", "parent"]
    search_fields = ["name", "slug"]
    ordering = ["parent__order", "order", "name"]
    fields = ["name", "slug", "parent", "order", "show_in_menu", "description"]


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
        return workflow.is_reviewer(request.user) and super().has_delete_permission(request, obj)


@admin.register(Article)
class ArticleAdmin(UploadFaultsAdminMixin, admin.ModelAdmin):
    """Each role sees what it may do: journalists their own articles, editors the review queue first.

    The status is never a form field: it moves only through the workflow buttons (`_workflow` in the
    POST, checked by ArticleAdminForm before anything is saved) and the list actions, which all call
    articles.workflow.
    """

    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "title",
        "category",
        "status_column",
        "author",
        "published_at",
        "updated_at",
        "preview_link",
    ]
    list_filter = ["status", "category", "featured"]
    list_select_related = ["category", "category__parent", "created_by"]
    search_fields = ["title", "summary", "byline"]
    date_hierarchy = "published_at"
    inlines = [ArticleSlugHistoryInline]
    actions = ["approve_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body", "opened_version"]}),
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
    REVIEW_FIELDSET = (_("Review"), {"fields": ["review_comment"]})
    HISTORY_FIELDSET = (_("Workflow log"), {"fields": ["workflow_log"]})
    PUBLISHER_FIELDS = ["published_at", "expires_at", "featured"]

    # Who sees and changes what ------------------------------------------------------------------

    def get_queryset(self, request):
        # As ModelAdmin.get_queryset, but annotated before ordering: the queue comes first.
        queryset = Article.objects.annotate(
            queue_position=Case(When(status=Article.Status.PENDING, then=0), default=1)
        ).order_by(*self.get_ordering(request))
        if workflow.is_reviewer(request.user):
            return queryset
        return queryset.filter(created_by=request.user)

    def get_ordering(self, request):
        if workflow.is_reviewer(request.user):
            return ["queue_position", "-published_at"]
        return ["-updated_at"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or workflow.can_edit(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or workflow.is_reviewer(request.user)
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def get_readonly_fields(self, request, obj=None):
        fields = ["status_column", "view_count", "created_by", "created_at", "updated_at", "workflow_log"]
        if not request.user.has_perm("articles.publish_article"):
            # Only who publishes chooses when: a journalist cannot schedule, nor feature.
            fields += self.PUBLISHER_FIELDS
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and workflow.can_reject(request.user, obj):
            fieldsets.insert(0, self.REVIEW_FIELDSET)
        if obj is not None:
            fieldsets.append(self.HISTORY_FIELDSET)
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    # Columns and read-only fields ---------------------------------------------------------------

    @admin.display(description=_("Status"), ordering="status")
    def status_column(self, article):
        return article.status_label()

    @admin.display(description=_("Author"), ordering="created_by__last_name")
    def author(self, article):
        return full_name(article.created_by)

    @admin.display(description=_("Preview"))
    def preview_link(self, article):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            article.get_absolute_url(),
            _("Preview"),
        )

    @admin.display(description=_("Workflow log"))
    def workflow_log(self, article):
        if article is None or not article.pk:
            return ""
        events = article.events.select_related("actor")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    date_format(timezone.localtime(event.created_at), "SHORT_DATETIME_FORMAT"),
                    event.get_action_display(),
                    event.get_from_status_display(),
                    event.get_to_status_display(),
                    full_name(event.actor),
                    event.comment,
                )
                for event in events
            ),
        )
        revisions_url = reverse("admin:articles_article_revisions", args=[article.pk])
        link = format_html('<p><a href="{}">{}</a></p>', revisions_url, _("Revisions: compare and restore"))
        if not rows:
            return format_html("<p>{}</p>{}", _("No transitions yet."), link)
        return format_html(
            '<table class="workflow-log"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
            "<tbody>{}</tbody></table>{}",
            _("When"),
            _("Action"),
            _("Status"),
            _("By"),
            _("Comment"),
            rows,
            link,
        )

    # Saving and the workflow buttons ------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        was_rejected = change and obj.status == Article.Status.REJECTED
        super().save_model(request, obj, form, change)
        workflow.revision_create(article=obj, user=request.user)
        action = form.workflow_action
        try:
            if action == "submit":
                workflow.article_submit(article=obj, user=request.user)
                messages.success(request, _("Sent to the editors for review."))
            elif action == "approve":
                event = workflow.article_approve(article=obj, user=request.user)
                if event.action == ArticleEvent.Action.SCHEDULE:
                    when = date_format(timezone.localtime(obj.published_at), "SHORT_DATETIME_FORMAT")
                    messages.success(request, _("Approved; it goes public at %(when)s.") % {"when": when})
                else:
                    messages.success(request, _("Approved and published."))
            elif action == "reject":
                workflow.article_reject(
                    article=obj, user=request.user, comment=form.cleaned_data["review_comment"]
                )
                messages.success(request, _("Rejected and sent back to the author."))
            elif action == "unpublish":
                workflow.article_unpublish(article=obj, user=request.user)
                messages.success(request, _("Unpublished: readers no longer see it."))
            elif was_rejected:
                workflow.article_redraft(article=obj, user=request.user)
        except workflow.TransitionNotAllowed:
            # Checked by the form a moment ago; only a concurrent transition gets here.
            messages.error(request, _("The status changed meanwhile; nothing was done to it."))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj if obj is not None else Article(created_by=request.user)
        can_change = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        context.update(
            workflow_actions=workflow.allowed_actions(request.user, article) if can_change else [],
            rejection=self.rejection(obj),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def rejection(article):
        """The editor's comment while the author still has to act on it."""
        if article is None or article.status not in {Article.Status.REJECTED, Article.Status.DRAFT}:
            return None
        last = article.events.filter(action__in=["submit", "reject", "approve"]).first()
        return last if last and last.action == ArticleEvent.Action.REJECT else None

    # List actions -------------------------------------------------------------------------------

    @admin.action(description=_("Approve and publish the selected articles"), permissions=["publish"])
    def approve_selected(self, request, queryset):
        self.apply(request, queryset, workflow.article_approve)

    @admin.action(description=_("Unpublish the selected articles"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self.apply(request, queryset, workflow.article_unpublish)

    def apply(self, request, queryset, transition):
        done, skipped = 0, 0
        for article in queryset:
            try:
                transition(article=article, user=request.user)
                done += 1
            except workflow.TransitionNotAllowed:
                skipped += 1
        messages.info(
            request,
            _("%(done)d articles changed, %(skipped)d skipped (their status does not allow it).")
            % {"done": done, "skipped": skipped},
        )

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
        messages.success(
            request,
            _("Revision %(old)d restored as revision %(new)d.") % {"old": revision.number, "new": new.number},
        )
        return redirect("admin:articles_article_change", article.pk)


@admin.register(ArticleEvent)
class ArticleEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log: read-only for everyone, superusers included."""

    list_display = ["created_at", "article", "action", "from_status", "to_status", "actor", "comment"]
    list_filter = ["action", "to_status"]
    list_select_related = ["article", "actor"]
    search_fields = ["article__title", "comment", "actor__username", "actor__last_name"]
    date_hierarchy = "created_at"
