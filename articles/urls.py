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
    path("chuyen-de/<slug:slug>/", page_cached(views.TopicView.as_view(), query=["page"]), name="topic"),
    path("chuyen-de/<slug:slug>/rss/", page_cached(feeds.TopicFeed()), name="topic_feed"),
    path("tu-khoa/<slug:slug>/", page_cached(views.TagView.as_view(), query=["page"]), name="tag"),
    path("bai-viet/tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("bai-viet/<slug:slug>/", page_cached(views.ArticleDetailView.as_view()), name="detail"),
    path("rss/", page_cached(feeds.LatestArticlesFeed()), name="feed"),
]
