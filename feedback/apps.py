from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Reader feedback")

    def ready(self):
        from feedback import indexing, opinions

        opinions.connect()
        # The published Q&A in the site search (/tim-kiem/): feedback/indexing.py.
        indexing.connect()
