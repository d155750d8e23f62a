from csp.decorators import csp_update
from django.urls import path

from caching.pagecache import page_cached
from documents import feeds, views

app_name = "documents"

# The query parameters the list reads (documents.forms.DocumentFilterForm), for the page cache.
LIST_QUERY = ["q", "loai", "co_quan", "linh_vuc", "nam", "hieu_luc", "tu_ngay", "den_ngay", "sap_xep", "page"]

urlpatterns = [
    path(
        "van-ban/",
        # Filters and words vary without end: a page is stored the second time it is asked for.
        page_cached(views.DocumentListView.as_view(), query=LIST_QUERY, store_when_asked_again=True),
        name="list",
    ),
    path("van-ban/rss/", page_cached(feeds.LatestDocumentsFeed()), name="feed"),
    path("lay-y-kien/", page_cached(views.ConsultationListView.as_view()), name="consultations"),
    path("van-ban/tep/<int:pk>/", views.attachment_download, name="download"),
    path(
        "van-ban/<slug:slug>/",
        # Outside the page cache, so that a page served from memory still allows its PDF viewer.
        csp_update({"frame-src": views.pdf_frame_sources()})(page_cached(views.DocumentDetailView.as_view())),
        name="detail",
    ),
]
