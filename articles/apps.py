from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from articles.menu import menu_forget
        from articles.models import Category, Page

        for model in (Category, Page):
            post_save.connect(menu_forget, sender=model, dispatch_uid=f"menu-save-{model.__name__}")
            post_delete.connect(menu_forget, sender=model, dispatch_uid=f"menu-delete-{model.__name__}")
