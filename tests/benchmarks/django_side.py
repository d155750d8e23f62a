"""The benchmark's work inside Django: `python -m tests.benchmarks.django_side build|queries|counts`.

Run by tests/benchmarks/run.py with the benchmark database's environment; never by pytest (the
module's name does not start with test_). Prints JSON on stdout for the runner.

    build     a database of realistic size (skipped when it is already built)
    queries   SQL queries per page, as a counted visitor with warm caches
    counts    the counters the exactness check compares, after flushing any buffered counts
"""

import io
import json
import random
import sys
from datetime import date, time, timedelta

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.postgres.aggregates import StringAgg  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import OuterRef, Subquery, Sum  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402

from agency.models import Official, ScheduleEntry, ScheduleWeek, Unit  # noqa: E402
from articles.models import Article, Category  # noqa: E402
from articles.search import document_vector  # noqa: E402
from documents.models import Attachment, Document, DocumentRelation, DocumentType, IssuingBody, Sector  # noqa: E402
from documents.search import document_vector as documents_vector  # noqa: E402
from feedback.models import Feedback, new_code  # noqa: E402
from frame.models import Page, SiteSettings  # noqa: E402
from portal.lib.html import sanitize_html  # noqa: E402
from portal.lib.weeks import week_start  # noqa: E402
from search.models import SearchEntry  # noqa: E402
from stats.models import ArticleDailyViews, DailyStats, StatsTotals  # noqa: E402
from tests.benchmarks import (  # noqa: E402
    ARTICLE_SLUG,
    DOCUMENT_SLUG,
    OPINIONS,
    OPINIONS_SLUG,
    PAGE_SLUG,
    UNIT_SLUG,
)

ARTICLES = 10_000
CATEGORIES = 30
COVERS = 30
DAYS = 365
FEEDBACK = 1_000
STARTING_TOTAL = 21_422_117
DOCUMENTS = 20_000
PDFS = 20  # real PDFs stored through the upload path; the other rows share them
AGENCY_UNITS = 40
AGENCY_OFFICIALS = 200
SCHEDULE_PER_WEEK = 20

WORDS = [
    "Đảng",
    "bộ",
    "tỉnh",
    "Sơn",
    "La",
    "triển",
    "khai",
    "nhiệm",
    "vụ",
    "phát",
    "triển",
    "kinh",
    "tế",
    "xã",
    "hội",
    "nông",
    "thôn",
    "mới",
    "giáo",
    "dục",
    "y",
    "tế",
    "giao",
    "thông",
    "du",
    "lịch",
    "văn",
    "hoá",
    "an",
    "ninh",
    "quốc",
    "phòng",
    "cải",
    "cách",
    "hành",
    "chính",
    "chuyển",
    "đổi",
    "số",
    "đầu",
    "tư",
    "hạ",
    "tầng",
    "người",
    "dân",
    "doanh",
    "nghiệp",
    "huyện",
    "thành",
    "phố",
    "xã",
    "phường",
    "hội",
    "nghị",
    "tổng",
    "kết",
    "năm",
    "kế",
    "hoạch",
]


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def body(rng, cover_url):
    paragraphs = [f"<p>{sentence(rng, 60)}.</p>" for _ in range(8)]
    paragraphs.insert(3, f'<figure class="image"><img src="{cover_url}" alt="{sentence(rng, 6)}"></figure>')
    return sanitize_html("".join(paragraphs))


def covers():
    """COVERS real JPEG files, stored through the model's own re-encoding (one article each)."""
    files = []
    for number in range(COVERS):
        image = Image.new("RGB", (1600, 900), (40 + number * 6, 90, 160 - number * 3))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        files.append(ContentFile(buffer.getvalue(), name=f"bench-{number}.jpg"))
    return files


@transaction.atomic  # all or nothing: an interrupted build leaves an empty database to build again
def build():
    """The articles and the rest, then the documents, each only when missing: a benchmark database
    built before the documents came gets them on its next run."""
    result = {"built": False}
    if not Article.objects.filter(slug=ARTICLE_SLUG).exists():
        result = articles_build()
    if not Document.objects.filter(slug=DOCUMENT_SLUG).exists():
        result = {**result, "built": True, "documents": documents_build()}
    if not Unit.objects.filter(slug=UNIT_SLUG).exists():
        result = {**result, "built": True, "agency": agency_build()}
    if not Feedback.objects.filter(article__slug=OPINIONS_SLUG).exists():
        result = {**result, "built": True, "opinions": opinions_build()}
    if not Page.objects.filter(slug=PAGE_SLUG).exists():  # one row, saved as staff save it
        Page.objects.create(title="Giới thiệu chung", slug=PAGE_SLUG, body=f"<p>{'Sơn La. ' * 400}</p>")
    # The site search's table (search/), written again whenever anything above was built in bulk
    # (bulk_create sends no signal) or when a database built before the search came has none.
    if result["built"] or not SearchEntry.objects.exists():
        call_command("search_rebuild", verbosity=0)
        result = {**result, "built": True, "search_entries": SearchEntry.objects.count()}
    return {**result, "articles": Article.objects.count()}


def articles_build():
    rng = random.Random(20261128)
    now = timezone.now()
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"agency_name": "Cổng thông tin điện tử tỉnh Sơn La"}
    )
    categories = [
        Category.objects.create(name=f"Bench category {n:02d}", slug=f"bench-category-{n:02d}", order=n)
        for n in range(1, CATEGORIES + 1)
    ]
    # The first COVERS articles are saved one by one: their covers go through the upload path.
    first = []
    for number, cover in enumerate(covers()):
        article = Article(
            title=f"{sentence(rng, 12)} ({number})",
            slug=ARTICLE_SLUG if number == 0 else f"bench-cover-{number}",
            summary=sentence(rng, 40),
            body="<p>…</p>",
            category=categories[0] if number == 0 else rng.choice(categories),
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=number),
            cover_alt=sentence(rng, 6),
            byline="Phóng viên",
            featured=number < 5,
            view_count=rng.randrange(100, 50_000),
        )
        article.cover.save(cover.name, cover, save=False)
        article.save()
        first.append(article)
    rows = []
    for number in range(COVERS, ARTICLES):
        cover = first[number % COVERS]
        rows.append(
            Article(
                title=f"{sentence(rng, 12)} ({number})",
                slug=f"bench-{number}",
                summary=sentence(rng, 40),
                body=body(rng, cover.cover.url),
                cover=cover.cover.name,
                cover_alt=cover.cover_alt,
                category=rng.choice(categories),
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(hours=number // 4, minutes=number % 60 + 30),
                byline="Phóng viên",
                view_count=rng.randrange(100, 50_000),
            )
        )
    Article.objects.bulk_create(rows, batch_size=1000)
    Article.objects.filter(pk__in=[a.pk for a in first]).update(body=body(rng, first[0].cover.url))
    Article.objects.update(search_vector=document_vector())
    today = timezone.localdate()
    DailyStats.objects.bulk_create(
        DailyStats(date=today - timedelta(days=d), visits=4000 + d % 1500, page_views=11_000 + d % 4000)
        for d in range(1, DAYS + 1)
    )
    ids = list(Article.objects.values_list("pk", flat=True)[:200])
    ArticleDailyViews.objects.bulk_create(
        ArticleDailyViews(article_id=pk, date=today - timedelta(days=d), views=rng.randrange(5, 900))
        for d in range(1, DAYS + 1)
        for pk in rng.sample(ids, 20)
    )
    StatsTotals.objects.update_or_create(pk=1, defaults={"starting_total": STARTING_TOTAL})
    Feedback.objects.bulk_create(
        Feedback(
            code=new_code(),
            name=f"Bạn đọc {n}",
            email=f"bandoc{n}@example.vn",
            subject=sentence(rng, 8),
            message=sentence(rng, 80),
            consented_at=now,
            sender_hash=f"{n:064x}",
            received_at=now - timedelta(hours=n),
            due_on=today + timedelta(days=21),
        )
        for n in range(FEEDBACK)
    )
    return {"built": True, "articles": Article.objects.count()}


def opinions_build():
    """OPINIONS published readers' opinions under the article OPINIONS_SLUG (issue 14's row)."""
    rng = random.Random(20261201)
    article = Article.objects.get(slug=OPINIONS_SLUG)
    now = timezone.now()
    Feedback.objects.bulk_create(
        Feedback(
            code=new_code(),
            name=f"Bạn đọc {n}",
            subject=sentence(rng, 6),
            message=sentence(rng, 60),
            article=article,
            allow_publish=True,
            is_published=True,
            consented_at=now,
            sender_hash=f"{n + 10**6:064x}",
            received_at=now - timedelta(hours=n),
            due_on=timezone.localdate() + timedelta(days=21),
        )
        for n in range(OPINIONS)
    )
    return OPINIONS


def documents_build():
    """DOCUMENTS published documents of the seeded types, from ten issuing bodies over twenty years, each
    with a PDF whose text (about 2 500 characters) is in the search vector; bench-van-ban is 44-KL/TW.

    A few PDFs are stored through the upload path (checked, their text read); the rows share them, as
    the articles share their covers. Rows are written in bulk, so save()'s derived fields are set here.
    """
    rng = random.Random(20261201)
    now = timezone.now()
    types = list(DocumentType.objects.all())
    bodies = [
        IssuingBody.objects.create(name=f"Bench cơ quan ban hành {n:02d}", slug=f"bench-co-quan-{n:02d}")
        for n in range(10)
    ]
    sectors = [
        Sector.objects.create(name=f"Bench lĩnh vực {n:02d}", slug=f"bench-linh-vuc-{n:02d}")
        for n in range(12)
    ]
    symbols = ["QĐ-UBND", "KH-UBND", "UBND-KT", "TB-UBND", "BC-UBND", "CT-UBND", "NQ-HĐND"]
    rows = []
    for number in range(DOCUMENTS):
        document = Document(
            document_type=types[number % len(types)],
            number="44-KL/TW" if number == 0 else f"{number + 1}/{symbols[number % len(symbols)]}",
            issuing_body=bodies[number % len(bodies)],
            sector=sectors[number % len(sectors)],
            issued_on=date(2026 - number % 20, 1 + number % 12, 1 + number % 28),
            summary=sentence(rng, 25),
            slug=DOCUMENT_SLUG if number == 0 else f"bench-van-ban-{number}",
            status=Document.Status.PUBLISHED,
            published_at=now - timedelta(hours=number // 3, minutes=number % 60),
        )
        document.keys_derive()
        rows.append(document)
    Document.objects.bulk_create(rows, batch_size=1000)
    stored = []
    for number, document in enumerate(rows[:PDFS]):
        pages = [" ".join(sentence(rng, 60) for _ in range(6)) for _ in range(2)]
        attachment = Attachment(
            document=document, file=ContentFile(pdf_bytes(pages), name=f"bench-{number}.pdf")
        )
        attachment.save()
        stored.append(attachment)
    Attachment.objects.bulk_create(
        (
            Attachment(
                document=document,
                file=stored[number % PDFS].file.name,
                name=f"Văn bản {document.number.replace('/', '-')}.pdf",
                extension="pdf",
                size=stored[number % PDFS].size,
                pages=2,
                text=" ".join(sentence(rng, 50) for _ in range(8)),
            )
            for number, document in enumerate(rows[PDFS:], start=PDFS)
        ),
        batch_size=1000,
    )
    DocumentRelation.objects.bulk_create(
        DocumentRelation(source=rows[number], kind=DocumentRelation.Kind.REPLACES, target=rows[number + 1])
        for number in range(0, 200, 2)
    )
    files = Attachment.objects.filter(document=OuterRef("pk")).order_by().values("document")
    files = files.annotate(text=StringAgg("text", " ")).values("text")
    type_name = DocumentType.objects.filter(pk=OuterRef("document_type")).values("name")
    Document.objects.update(
        search_vector=documents_vector(type_name=Subquery(type_name), files_text=Subquery(files))
    )
    return Document.objects.count()


def agency_build():
    """AGENCY_UNITS units in three levels with AGENCY_OFFICIALS officials, and a year of the schedule
    (26 weeks either side of this one, SCHEDULE_PER_WEEK entries each, every week approved); the unit
    bench-don-vi is the first department. Rows are written in bulk, the search's with search_rebuild."""
    rng = random.Random(20261202)
    root = Unit.objects.create(name="Bench Ủy ban nhân dân tỉnh", slug="bench-ubnd", order=0)
    departments = Unit.objects.bulk_create(
        Unit(
            name=f"Bench Sở {sentence(rng, 3)} {n:02d}",
            name_en=f"Bench Department {n:02d}",
            slug=UNIT_SLUG if n == 1 else f"bench-don-vi-{n:02d}",
            parent=root,
            functions=f"<p>{sentence(rng, 60)}.</p><p>{sentence(rng, 40)}.</p>",
            functions_en="<p>Advises the Provincial People's Committee on its field.</p>",
            phone=f"0212 3852 {n:03d}",
            email=f"don-vi-{n}@cong.example",
            order=n,
        )
        for n in range(1, AGENCY_UNITS // 2 + 1)
    )
    offices = Unit.objects.bulk_create(
        Unit(
            name=f"Bench Chi cục {n:02d}",
            slug=f"bench-chi-cuc-{n:02d}",
            parent=departments[n % len(departments)],
            order=n,
        )
        for n in range(AGENCY_UNITS - len(departments) - 1)
    )
    units = [root, *departments, *offices]
    officials = Official.objects.bulk_create(
        Official(
            unit=units[n % len(units)],
            full_name=f"Bench {sentence(rng, 3)}",
            position="Giám đốc" if n < len(units) else "Phó Giám đốc",
            position_en="Director" if n < len(units) else "Deputy Director",
            phone=f"0212 3853 {n:03d}",
            order=n // len(units),
        )
        for n in range(AGENCY_OFFICIALS)
    )
    this_monday = week_start(timezone.localdate())
    now = timezone.now()
    weeks = ScheduleWeek.objects.bulk_create(
        ScheduleWeek(starts_on=this_monday + timedelta(weeks=offset), is_approved=True, approved_at=now)
        for offset in range(-26, 27)
    )
    ScheduleEntry.objects.bulk_create(
        ScheduleEntry(
            week=week,
            date=week.starts_on + timedelta(days=n % 7),
            starts_at=time(7 + n % 10, 30),
            title=sentence(rng, 14),
            chair=officials[n % 4],
            participants=sentence(rng, 10),
            location=f"Phòng họp số {n % 5 + 1}",
            published_at=now,
        )
        for week in weeks
        for n in range(SCHEDULE_PER_WEEK)
    )
    return Unit.objects.count()


def pdf_bytes(pages):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def analyze():
    """Fresh planner statistics after the bulk load, as autovacuum would give a real database."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def queries(urls):
    """Queries each page runs for a counted (non-bot, anonymous) visitor once the caches are warm.

    An address with "{n}" in it gets another number for the measured request than for the warm-up
    (a page never served from memory); one with "{many}" another article of the archive.
    """
    result = {}
    for number, url in enumerate(urls):
        Client(HTTP_USER_AGENT="Mozilla/5.0 (bench warm-up)").get(url.format(n="warm-up", many=31))
        client = Client(HTTP_USER_AGENT=f"Mozilla/5.0 (bench queries {number})")
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url.format(n="measured", many=32))
        result[url] = {"status": response.status_code, "queries": len(captured.captured_queries)}
    return result


def counts():
    """The counters and the benchmark article's views, after flushing buffered counts if any."""
    if settings.STATS_REDIS_URL:  # counters buffered in Redis reach PostgreSQL with stats_flush
        call_command("stats_flush", verbosity=0)
    # Every day's rows, not today's: a run that crosses local midnight still adds up.
    days = DailyStats.objects.aggregate(
        visits=Sum("visits", default=0), page_views=Sum("page_views", default=0)
    )
    article = Article.objects.get(slug=ARTICLE_SLUG)
    return {**days, "article_views": article.view_count}


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "build":
        output = build()
        analyze()
    elif command == "queries":
        output = queries(sys.argv[2:])
    elif command == "counts":
        output = counts()
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(output))
