from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Visit statistics")

    def ready(self):
        from stats import holes  # noqa: F401 - registers the statistics block's filler
