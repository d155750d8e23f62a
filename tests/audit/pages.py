"""One address of each kind of public page, read from the database (the demo data of `make run`).

`make audit` (tests/audit/run.py) runs Lighthouse on them and the layout-shift and axe-core test
(tests/browser/test_layout_and_axe.py) loads them in Chromium, so both look at the same pages.
"""

from django.urls import reverse

from agency.models import Unit
from articles.models import Article, Category, Topic
from documents.models import Document
from frame.models import Page


def page_types():
    """[(name, path, indexable)]: indexable pages must score 100 for SEO; the others are kept out of
    search engines on purpose (noindex, robots.txt)."""
    articles = Article.objects.published()
    with_cover = articles.exclude(cover="").first()
    # An article whose body plays a video (the demo has none: the browser test adds one).
    with_video = articles.filter(body__contains="<iframe").first()
    pages = [
        ("home", reverse("articles:home"), True),
        (
            "category",
            Category.objects.filter(articles__in=articles).distinct().first().get_absolute_url(),
            True,
        ),
        ("topic", Topic.objects.filter(articles__in=articles).distinct().first().get_absolute_url(), True),
        ("article", with_cover.get_absolute_url(), True),
    ]
    if with_video:
        pages.append(("article-video", with_video.get_absolute_url(), True))
    pages += [
        ("page", Page.objects.published().order_by("pk").first().get_absolute_url(), True),
        ("documents", reverse("documents:list"), True),
        ("document", Document.objects.published().order_by("-pk").first().get_absolute_url(), True),
        ("schedule", reverse("agency:schedule"), True),
        ("organisation", reverse("agency:organisation"), True),
        ("unit", Unit.objects.filter(parent__isnull=False).order_by("pk").first().get_absolute_url(), True),
        ("search", reverse("search:search") + "?q=dang+bo", False),
        # robots.txt keeps crawlers out of /gop-y/ (forms with a captcha): no SEO score either.
        ("feedback", reverse("feedback:create"), False),
        ("answers", reverse("feedback:answers"), True),
        ("videos", reverse("frame:videos"), True),
    ]
    return pages
