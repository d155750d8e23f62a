"""Tiny factories: only what a test does not say is filled in."""

import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from accounts import roles
from articles.models import Article, Category
from frame.models import Banner, LookupLink, Page, SiteSettings, Video


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


# Feedback ----------------------------------------------------------------------------------------


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Feedback"

    code = factory.Sequence(lambda n: f"TEST{n:04d}")
    name = "Nguyễn Văn An"
    email = "nguyenvanan@example.com"
    subject = factory.Sequence(lambda n: f"Câu hỏi số {n}")
    message = "Xin hỏi thủ tục cấp đổi giấy phép lái xe."
    sender_hash = "0" * 64


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Trang số {n}")
    body = "<p>Nội dung trang.</p>"


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteSettings
        django_get_or_create = ["pk"]

    pk = 1
    agency_name = "Cổng thông tin điện tử tỉnh Sơn La"


class BannerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Banner

    title = factory.Sequence(lambda n: f"Banner {n}")
    image = factory.LazyFunction(lambda: image_file("banner.jpg", size=(600, 200)))
    alt_text = factory.Sequence(lambda n: f"Cổng Dịch vụ công số {n}")
    link = "https://dichvucong.gov.vn/"


class LookupLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LookupLink

    title = factory.Sequence(lambda n: f"Tra cứu số {n}")
    link = "https://vbpl.vn/"


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video

    title = factory.Sequence(lambda n: f"Video tuyên truyền số {n}")
    url = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    featured = True


MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
VTT_BYTES = "WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào Sơn La\n".encode()


def mp4_file(name="clip.mp4", data=MP4_BYTES):
    return ContentFile(data, name=name)


def vtt_file(name="phu-de.vtt", data=VTT_BYTES):
    return ContentFile(data, name=name)


# Statistics --------------------------------------------------------------------------------------


class DailyStatsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "stats.DailyStats"
        django_get_or_create = ["date"]

    date = factory.LazyFunction(timezone.localdate)
    visits = 0
    page_views = 0


class ArticleDailyViewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "stats.ArticleDailyViews"

    article = factory.SubFactory(ArticleFactory)
    date = factory.LazyFunction(timezone.localdate)
    views = 1


# Roles -------------------------------------------------------------------------------------------


def member(group_name, **kwargs):
    kwargs.setdefault("is_staff", True)
    kwargs.setdefault("email", f"{kwargs.get('username', 'user')}@cong.example")
    user = UserFactory(**kwargs)
    user.groups.add(roles.role_group(group_name))
    return user


def journalist(**kwargs):
    return member(roles.JOURNALIST, **kwargs)


def editor(**kwargs):
    return member(roles.EDITOR, **kwargs)


def administrator(**kwargs):
    return member(roles.ADMINISTRATOR, **kwargs)
