from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgencyConfig(AppConfig):
    name = "agency"
    verbose_name = _("Agency and work schedule")

    def ready(self):
        from agency import indexing
        from agency.models import Official, ScheduleEntry, ScheduleWeek, Unit
        from caching.generation import bump_on_change

        # The chart, the unit pages, the directory and the schedule show all of these (caching.generation).
        bump_on_change(Unit, Official, ScheduleWeek, ScheduleEntry)
        # Their rows in the site search (/tim-kiem/): agency/indexing.py.
        indexing.connect()
