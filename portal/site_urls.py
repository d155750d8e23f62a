"""The portal's own public pages (the frame's pieces that have a page of their own)."""

from django.conf import settings
from django.urls import path

from portal import benchmark, views

app_name = "portal"

urlpatterns = [
    path("video/", views.VideoListView.as_view(), name="videos"),
]

if settings.PORTAL_BENCHMARK:
    urlpatterns += [path("__benchmark__/baseline/", benchmark.baseline, name="benchmark_baseline")]
