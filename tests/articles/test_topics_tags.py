"""Topics (chuyên đề) and tags: pages, feeds, the home page's block, the sitemap, and picking them in
the article form with search."""

from xml.etree import ElementTree

import pytest
from django.db import IntegrityError
from django.urls import reverse

from articles.models import Article, Tag, Topic
from tests.factories import ArticleFactory, VerifiedClient, image_file, journalist

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return Topic.objects.create(
        name="Chuyển đổi số",
        description="Chính quyền số, kinh tế số, xã hội số.",
        cover=image_file(),
        cover_alt="Người dân nộp hồ sơ trực tuyến",
    )


@pytest.fixture
def tag():
    return Tag.objects.create(name="Mộc Châu")


def test_a_topic_page_lists_its_public_articles_newest_first_with_its_cover_and_description(client, topic):
    older = ArticleFactory(title="Bài cũ hơn")
    newer = ArticleFactory(title="Bài mới hơn")
    older.published_at = newer.published_at.replace(year=newer.published_at.year - 1)
    older.save()
    hidden = ArticleFactory(title="Bài nháp", status=Article.Status.DRAFT)
    for article in (older, newer, hidden):
        article.topics.add(topic)
    assert topic.slug == "chuyen-doi-so"
    html = client.get(topic.get_absolute_url()).content.decode()
    assert html.index("Bài mới hơn") < html.index("Bài cũ hơn")
    assert "Bài nháp" not in html
    assert 'alt="Người dân nộp hồ sơ trực tuyến"' in html
    assert "Chính quyền số, kinh tế số" in html
    assert html.count("<h1") == 1


def test_a_topic_page_is_paginated_and_cached_by_page(client, topic):
    for number in range(14):
        ArticleFactory(title=f"Bài chuyển đổi số {number}").topics.add(topic)
    first, second = client.get(topic.get_absolute_url()), client.get(topic.get_absolute_url(), {"page": 2})
    assert first.content.count(b'class="card ') == 12 and second.content.count(b'class="card ') == 2
    assert client.get(topic.get_absolute_url(), {"page": 99}).status_code == 404


def test_the_topic_feed_parses_and_lists_the_topics_articles(client, topic):
    ArticleFactory(title="Trong chuyên đề").topics.add(topic)
    ArticleFactory(title="Ngoài chuyên đề")
    response = client.get(reverse("articles:topic_feed", kwargs={"slug": topic.slug}))
    titles = [item.findtext("title") for item in ElementTree.fromstring(response.content).iter("item")]
    assert titles == ["Trong chuyên đề"]


def test_a_tag_page_lists_its_articles(client, tag):
    ArticleFactory(title="Chè Mộc Châu").tags.add(tag)
    ArticleFactory(title="Không gắn từ khoá")
    html = client.get(tag.get_absolute_url()).content.decode()
    assert tag.slug == "moc-chau"
    assert "Chè Mộc Châu" in html and "Không gắn từ khoá" not in html
    assert client.get("/tu-khoa/khong-co/").status_code == 404


def test_an_article_page_links_its_topics_and_tags(client, topic, tag):
    article = ArticleFactory()
    article.topics.add(topic)
    article.tags.add(tag)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{topic.get_absolute_url()}"' in html and f'href="{tag.get_absolute_url()}"' in html


def test_a_featured_topic_is_a_block_on_the_home_page(client, topic):
    ArticleFactory(title="Tin chuyển đổi số nổi bật").topics.add(topic)
    assert "topic-block" not in client.get("/").content.decode()
    topic.featured = True
    topic.save()
    html = client.get("/").content.decode()
    assert 'class="home-section topic-block"' in html
    assert f'href="{topic.get_absolute_url()}"' in html


def test_topics_and_tags_with_public_articles_are_in_the_sitemap(client, topic, tag):
    empty = Topic.objects.create(name="Chưa có bài")
    ArticleFactory().topics.add(topic)
    ArticleFactory().tags.add(tag)
    sitemap = client.get(reverse("frame:sitemap")).content.decode()
    assert topic.get_absolute_url() in sitemap and tag.get_absolute_url() in sitemap
    assert empty.get_absolute_url() not in sitemap


def test_a_tag_is_one_whatever_its_case():
    Tag.objects.create(name="OCOP")
    with pytest.raises(IntegrityError):
        Tag.objects.create(name="ocop")


def test_a_topic_cover_needs_a_text_alternative(admin_client):
    response = admin_client.post(
        reverse("admin:articles_topic_add"), {"name": "Du lịch", "cover": image_file(), "order": 0}
    )
    assert response.status_code == 200
    assert "Hãy mô tả ảnh bìa" in response.content.decode()


def test_a_journalist_finds_topics_and_tags_by_search_in_the_article_form(topic, tag):
    Topic.objects.bulk_create(Topic(name=f"Chuyên đề {n}", slug=f"chuyen-de-{n}") for n in range(500))
    client = VerifiedClient()
    client.force_login(journalist(username="phongvien"))
    form = client.get(reverse("admin:articles_article_add")).content.decode()
    # An autocomplete, not a list of 500 options.
    assert 'class="admin-autocomplete"' in form and form.count("Chuyên đề 4") == 0
    found = client.get(
        reverse("admin:autocomplete"),
        {"term": "chuyển", "app_label": "articles", "model_name": "article", "field_name": "topics"},
    ).json()
    assert [item["text"] for item in found["results"]] == ["Chuyển đổi số"]
    tags = client.get(
        reverse("admin:autocomplete"),
        {"term": "mộc", "app_label": "articles", "model_name": "article", "field_name": "tags"},
    ).json()
    assert [item["text"] for item in tags["results"]] == ["Mộc Châu"]
    # A missing tag is added from the form ("+"): journalists may add tags, not topics.
    assert client.get(reverse("admin:articles_tag_add")).status_code == 200
    assert client.get(reverse("admin:articles_topic_add")).status_code == 403
