"""Tiny factories: only what a test does not say is filled in."""

import datetime
import io
import logging
import time
from datetime import timedelta

import django.test
import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from accounts import roles
from articles.models import Article, Category
from frame.models import Banner, LookupLink, Page, SiteSettings, Video
from portal.lib.weeks import week_start


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


# Two-factor sign-in ------------------------------------------------------------------------------


def authenticator(user):
    """A confirmed authenticator (TOTP device) for `user`, as if they had enrolled (no recovery codes)."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def totp_code(device):
    """The code `device`'s authenticator app shows now, as the person types it ("042917").

    django-otp accepts each time step's code once and also the next step's: after a sign-in in this
    step this is the next step's code, and after that one too, the code of the step after (waiting
    for it when it is not accepted yet).
    """
    device.refresh_from_db()
    while True:
        now = (int(time.time()) - device.t0) // device.step + device.drift
        step = max(now, device.last_t + 1)
        if step <= now + device.tolerance:
            return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"
        time.sleep(1)


class VerifiedClient(django.test.Client):
    """Django's test client, whose force_login also passes the second factor for a staff member.

    For the many tests about something else than signing in (tests/conftest.py makes it the `client`):
    the session is marked verified by an authenticator of the user's, made when they have none, exactly
    as the code step does (django_otp.login). `verified=False` gives a session without the code, which
    accounts.middleware.SecondFactorMiddleware signs out. Tests of the sign-in itself use the forms.
    """

    def force_login(self, user, backend=None, *, verified=True):
        super().force_login(user, backend)
        if verified and user.is_staff:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or authenticator(user)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


# Documents ---------------------------------------------------------------------------------------


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.DocumentType"
        django_get_or_create = ["name"]

    name = "Quyết định"


class IssuingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.IssuingBody"
        django_get_or_create = ["name"]

    name = "Ủy ban nhân dân tỉnh Sơn La"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Document"

    document_type = factory.SubFactory(DocumentTypeFactory)
    number = factory.Sequence(lambda n: f"{n + 100}/QĐ-UBND")
    issuing_body = factory.SubFactory(IssuingBodyFactory)
    summary = factory.Sequence(lambda n: f"Về việc phê duyệt kế hoạch số {n}")
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


def pdf_bytes(*pages):
    """A real PDF (fpdf2, with DejaVu Sans for Vietnamese) of one page per text given."""
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # it logs each step of embedding the font
    pdf = FPDF()
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=12)
    for text in pages or ["Văn bản"]:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def docx_bytes(*paragraphs):
    """A real DOCX (python-docx) of the paragraphs given."""
    import docx

    document = docx.Document()
    for text in paragraphs or ["Văn bản"]:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Attachment"

    document = factory.SubFactory(DocumentFactory)
    file = factory.LazyFunction(lambda: ContentFile(pdf_bytes("Toàn văn quyết định"), name="Quyết định.pdf"))


# The agency --------------------------------------------------------------------------------------


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agency.Unit"

    name = factory.Sequence(lambda n: f"Sở số {n}")
    functions = "<p>Tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước.</p>"
    phone = "0212 3852 100"


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agency.Official"

    full_name = factory.Sequence(lambda n: f"Cán bộ Số {n}")
    position = "Giám đốc"
    unit = factory.SubFactory(UnitFactory)


class ScheduleWeekFactory(factory.django.DjangoModelFactory):
    """This week's schedule, approved (public) unless told otherwise."""

    class Meta:
        model = "agency.ScheduleWeek"
        django_get_or_create = ["starts_on"]

    starts_on = factory.LazyFunction(lambda: week_start(timezone.localdate()))
    is_approved = True


class ScheduleEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agency.ScheduleEntry"

    week = factory.SubFactory(ScheduleWeekFactory)
    date = factory.LazyAttribute(lambda entry: entry.week.starts_on)
    starts_at = datetime.time(8, 0)
    title = factory.Sequence(lambda n: f"Họp giao ban số {n}")
    location = "Phòng họp số 1"
