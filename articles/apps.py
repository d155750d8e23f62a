from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from django.db.models.signals import m2m_changed

        from articles import holes  # noqa: F401 - registers the view count's filler
        from articles.models import Article, ArticleAttachment, Category, Tag, Topic
        from caching.generation import bump_on_change, generation_bump

        # Everything public pages, menus and feeds show of this app (caching.generation).
        bump_on_change(Article, Category, ArticleAttachment, Topic, Tag)
        # An article's topics and tags change without a save of either side (a published change).
        for through in (Article.topics.through, Article.tags.through):
            m2m_changed.connect(
                generation_bump, sender=through, dispatch_uid=f"generation-m2m-{through._meta.label}"
            )
