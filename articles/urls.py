from django.urls import path

from articles import feeds, views
from caching.pagecache import page_cached

app_name = "articles"

urlpatterns = [
    path("", page_cached(views.HomeView.as_view()), name="home"),
    path(
        "chuyen-muc/<slug:slug>/", page_cached(views.CategoryView.as_view(), query=["page"]), name="category"
    ),
    path("chuyen-muc/<slug:slug>/rss/", page_cached(feeds.CategoryFeed()), name="category_feed"),
    path("bai-viet/<slug:slug>/", page_cached(views.ArticleDetailView.as_view()), name="detail"),
    path(
        "tim-kiem/",
        page_cached(views.SearchView.as_view(), query=["q", "page"], store_when_asked_again=True),
        name="search",
    ),
    path("rss/", page_cached(feeds.LatestArticlesFeed()), name="feed"),
]
