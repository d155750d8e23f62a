from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self):
        from search import sources

        # Articles and static pages write no rows themselves: their apps come before this one and know
        # nothing of it, so the search follows their saves (search/sources.py).
        sources.connect()
