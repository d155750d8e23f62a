from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from articles.models import Article, Category, Tag, Topic


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, article):
        return article.updated_at


class CategorySitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        # A category is listed when it has something public to show.
        public = Article.objects.published()
        return Category.objects.filter(
            Exists(public.filter(category=OuterRef("pk")))
            | Exists(public.filter(category__parent=OuterRef("pk")))
        )


class TopicSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Topic.objects.filter(Exists(Article.objects.published().filter(topics=OuterRef("pk"))))


class TagSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.4

    def items(self):
        return Tag.objects.filter(Exists(Article.objects.published().filter(tags=OuterRef("pk"))))


sitemaps = {
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "article-topics": TopicSitemap,
    "article-tags": TagSitemap,
}
