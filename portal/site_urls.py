"""The portal's own public pages (the frame's pieces that have a page of their own)."""

from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("video/", views.VideoListView.as_view(), name="videos"),
]
