from django.urls import path

from caching.pagecache import page_cached, public_page
from frame import views

app_name = "frame"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", page_cached(views.site_sitemap, query=["p"]), name="sitemap"),
    path("trang/tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("trang/<slug:slug>/", page_cached(views.PageDetailView.as_view()), name="page"),
    path("video/", public_page(views.VideoListView.as_view()), name="videos"),
]
