from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    # One stored page with holes serves every search (search/views.py: the page cache is inside).
    path("tim-kiem/", views.search_page, name="search"),
]
