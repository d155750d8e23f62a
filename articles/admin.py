from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleSlugHistory, Category, Page


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "category",
        "status",
        "featured",
        "published_at",
        "view_count",
        "preview_link",
    ]
    list_filter = ["status", "category", "featured"]
    list_select_related = ["category", "category__parent"]
    search_fields = ["title", "summary", "byline"]
    date_hierarchy = "published_at"
    readonly_fields = ["view_count", "created_by", "created_at", "updated_at"]
    inlines = [ArticleSlugHistoryInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
        (_("Cover image"), {"fields": ["cover", "cover_alt", "cover_decorative", "cover_caption"]}),
        (_("Byline"), {"fields": ["byline", "source"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "expires_at", "featured"]}),
        (
            _("Record"),
            {
                "fields": ["view_count", "created_by", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    @admin.display(description=_("Preview"))
    def preview_link(self, article):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            article.get_absolute_url(),
            _("Preview"),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "show_in_menu", "show_in_footer", "is_published", "has_english", "slug"]
    list_editable = ["order", "show_in_menu", "show_in_footer", "is_published"]
    list_filter = ["show_in_menu", "show_in_footer", "is_published"]
    search_fields = ["title", "title_en", "slug"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (
            _("English version"),
            {
                "fields": ["title_en", "body_en"],
                "description": _(
                    "Optional. Visitors who switch the site to English read it when both are filled in."
                ),
            },
        ),
        (_("Placement"), {"fields": ["order", "show_in_menu", "show_in_footer", "is_published"]}),
    ]

    @admin.display(description=_("English version"), boolean=True)
    def has_english(self, page):
        return page.has_english
