from django.contrib.sitemaps import Sitemap
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from articles.models import Article, Category, Tag, Topic
from portal.lib.languages import BilingualSitemap


class ArticleSitemap(BilingualSitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        english = ExpressionWrapper(~Q(title_en="") & ~Q(body_en=""), output_field=BooleanField())
        return (
            Article.objects.published()
            .only("slug", "updated_at")
            .annotate(english=english)
            .order_by("-published_at")
        )

    def in_english(self, article):
        return article.english

    def lastmod(self, article):
        return article.updated_at


class CategorySitemap(BilingualSitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        # A category is listed when it has something public to show.
        public = Article.objects.published()
        return Category.objects.filter(
            Exists(public.filter(category=OuterRef("pk")))
            | Exists(public.filter(category__parent=OuterRef("pk")))
        )

    def in_english(self, category):
        return bool(category.name_en)


class TopicSitemap(BilingualSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Topic.objects.filter(Exists(Article.objects.published().filter(topics=OuterRef("pk"))))

    def in_english(self, topic):
        return bool(topic.name_en)


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
