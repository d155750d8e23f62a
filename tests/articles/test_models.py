from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, ArticleSlugHistory, Category
from tests.factories import ArticleFactory, CategoryFactory, image_file

pytestmark = pytest.mark.django_db


def test_slug_is_made_from_the_vietnamese_title():
    article = ArticleFactory(title="Đảng bộ tỉnh Sơn La")
    assert article.slug == "dang-bo-tinh-son-la"


def test_a_second_article_with_the_same_title_gets_a_numbered_slug():
    ArticleFactory(title="Đảng bộ tỉnh Sơn La")
    assert ArticleFactory(title="Đảng bộ tỉnh Sơn La").slug == "dang-bo-tinh-son-la-2"


def test_category_slug_is_made_from_its_name():
    assert CategoryFactory(name="Xây dựng Đảng").slug == "xay-dung-dang"


def test_changing_the_slug_keeps_the_old_one_as_history():
    article = ArticleFactory(title="Tin cũ")
    article.slug = "tin-moi"
    article.save()
    assert ArticleSlugHistory.objects.get(slug="tin-cu").article == article


def test_taking_back_an_old_slug_removes_it_from_history():
    article = ArticleFactory(title="Tin cũ")
    article.slug = "tin-moi"
    article.save()
    article.slug = "tin-cu"
    article.save()
    assert list(ArticleSlugHistory.objects.values_list("slug", flat=True)) == ["tin-moi"]


def test_the_body_is_sanitised_on_every_save():
    article = ArticleFactory(body='<p onmouseover="x()">Chào<script>alert(1)</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>Chào</p>"
    Article.objects.filter(pk=article.pk).update(body="<script>x</script>")
    article.refresh_from_db()
    article.save()
    article.refresh_from_db()
    assert "script" not in article.body


def test_published_hides_drafts_future_and_expired_articles():
    now = timezone.now()
    visible = ArticleFactory()
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(published_at=now + timedelta(minutes=5))
    ArticleFactory(expires_at=now - timedelta(minutes=1))
    still_visible = ArticleFactory(expires_at=now + timedelta(days=1))
    assert set(Article.objects.published()) == {visible, still_visible}


def test_a_cover_without_alt_text_is_refused_unless_decorative():
    article = ArticleFactory.build(category=CategoryFactory(), cover=image_file())
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "cover_alt" in error.value.message_dict
    article.cover_decorative = True
    article.full_clean()


def test_a_new_cover_is_reencoded_under_a_random_name():
    article = ArticleFactory(cover=image_file(name="ten-that.jpg"), cover_alt="Ảnh")
    assert "ten-that" not in article.cover.name
    assert article.cover.name.startswith(f"covers/{timezone.now():%Y/%m}/")


def test_saving_again_keeps_the_same_cover_file():
    article = ArticleFactory(cover=image_file(), cover_alt="Ảnh")
    name = article.cover.name
    article.title = "Tiêu đề khác"
    article.save()
    assert article.cover.name == name


def test_a_sub_category_cannot_have_sub_categories():
    top = CategoryFactory()
    child = CategoryFactory(parent=top)
    grandchild = Category(name="Cháu", parent=child)
    with pytest.raises(ValidationError):
        grandchild.full_clean()


def test_a_category_with_children_cannot_get_a_parent():
    top = CategoryFactory()
    CategoryFactory(parent=top)
    top.parent = CategoryFactory()
    with pytest.raises(ValidationError):
        top.full_clean()


def test_a_body_image_without_alt_text_is_refused():
    article = ArticleFactory.build(category=CategoryFactory(), body='<p><img src="/media/a.jpg"></p>')
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "body" in error.value.message_dict
    article.body = '<p><img src="/media/a.jpg" alt="Toàn cảnh hội nghị"></p>'
    article.full_clean()
