from django.contrib.sitemaps.views import sitemap
from django.urls import path

from articles import feeds, views
from articles.sitemaps import sitemaps

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.CategoryFeed(), name="category_feed"),
    path("bai-viet/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("trang/<slug:slug>/", views.PageDetailView.as_view(), name="page"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("editor/upload/", views.editor_upload, name="editor_upload"),
]
