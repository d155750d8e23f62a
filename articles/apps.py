from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from articles import holes  # noqa: F401 - registers the view count's filler
        from articles.models import Article, Category
        from caching.generation import bump_on_change

        # Everything public pages, menus and feeds show of this app (caching.generation).
        bump_on_change(Article, Category)
