from django.urls import path

from agency import views
from caching.pagecache import page_cached

app_name = "agency"

urlpatterns = [
    path("co-cau-to-chuc/", page_cached(views.OrganisationView.as_view()), name="organisation"),
    path("co-cau-to-chuc/<slug:slug>/", page_cached(views.UnitDetailView.as_view()), name="unit"),
    path("danh-ba/", page_cached(views.DirectoryView.as_view()), name="directory"),
    path(
        "lich-cong-tac/",
        # Any week can be asked for: a week's page is stored the second time it is asked for.
        page_cached(views.ScheduleView.as_view(), query=["tuan"], store_when_asked_again=True),
        name="schedule",
    ),
    path("lich-cong-tac/lich.ics", page_cached(views.schedule_ical), name="schedule_ical"),
]
