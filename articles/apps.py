from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from articles import holes  # noqa: F401 - registers the view count's filler
        from articles.models import Article, Category, Page
        from portal.apps import bump_generation_on_change

        # Everything public pages, menus and feeds show of this app (portal.generation).
        bump_generation_on_change(Article, Category, Page)
