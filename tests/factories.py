"""Tiny factories: only what a test does not say is filled in."""

import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Category


def image_file(name="anh.jpg", size=(640, 360), color=(164, 22, 26), image_format="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, image_format)
    return ContentFile(buffer.getvalue(), name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("mat-khau-thu-nghiem")


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Bài viết số {n}")
    summary = "Tóm tắt bài viết."
    body = "<p>Nội dung bài viết.</p>"
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    byline = "Như Thuỷ"
