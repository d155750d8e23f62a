"""Demo categories and articles for `manage.py load_demo_data`: the news of a province, Sơn La.

The content is in `demo_data/` beside this module, for writers to edit: categories.json (in menu
order), credits.json, articles.json (their keys are described by the *_FIELDS below) and the body
of each article in articles/<slug of its title>.html (its English version, if any, in <slug>.en.html),
where line breaks between two tags are layout;
topics.json and tags.json name the articles each gathers (by title), sections.json the newsroom's
sections (by category; no editor is put in one: the demo editor works everywhere).

Rows are keyed on their slug: a category or article whose slug exists (or, for articles, used
to exist) is left alone, so a second run creates nothing, draws no picture and stores no file.
An article gets its topics and tags only while it has none (a second run adds nothing).
"""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, ArticleSlugHistory, Category, Section, Tag, Topic
from portal.lib import demo as lib
from portal.lib.text import slugify_vi

DATA = Path(__file__).with_name("demo_data")
JOURNALIST = "phongvien"  # created by the command before any app loader runs
PUBLISHED_OVER_DAYS = 60

# A key's kind, or (kind, the value when it is left out); see portal.lib.demo.records_read().
CATEGORY_FIELDS = {
    "name": str,
    "name_en": (str, ""),  # empty: the category is not on the English site
    "parent": (str, None),  # the name of a category listed above it; None: at the top
    "description": str,
    "colour": lib.colour,  # [red, green, blue] of its cover pictures
}
CREDITS_FIELDS = {"bylines": lib.texts, "sources": lib.texts}  # given in turn to articles that name none
ARTICLE_FIELDS = {
    "title": str,
    "title_en": (str, ""),  # with an English body in articles/<slug>.en.html; empty: Vietnamese only
    "summary_en": (str, ""),
    "category": str,  # the name of a category in categories.json
    "summary": str,
    "photo": (str, ""),  # what the cover shows (drawn on it, and its alt text); empty: no cover
    "byline": (str, ""),  # empty: one of the credits' bylines
    "source": (str, ""),  # empty: one of the credits' sources
    "featured": (bool, False),
    "state": (lib.one_of("public", "draft", "scheduled"), "public"),  # scheduled: publish time to come
    "decorative": (bool, False),  # a cover that only decorates: no photo, no text on it, no alt text
}
TOPIC_FIELDS = {
    "name": str,
    "name_en": (str, ""),
    "description": str,
    "photo": (str, ""),  # what the cover shows (drawn on it, and its alt text); empty: no cover
    "colour": lib.colour,
    "featured": (bool, False),  # a block on the home page
    "articles": lib.texts,  # titles of articles in articles.json
}
TAG_FIELDS = {"name": str, "articles": lib.texts}
SECTION_FIELDS = {"name": str, "categories": lib.texts}  # names of categories in categories.json


def load(*, stdout, verbosity, dry_run):
    """Create the demo categories and articles that are missing; return a one-line summary."""
    demo_categories, credits, demo_articles = _data()
    categories, categories_created = _categories_load(demo_categories, stdout, verbosity)
    articles_created, articles_existing = _articles_load(
        demo_articles, credits, categories, stdout, verbosity
    )
    labels = _labels_load(demo_articles, categories, stdout, verbosity)
    if not categories_created and not articles_created and not labels:
        return f"nothing new ({len(categories)} categories and {articles_existing} articles already there)"
    return (
        f"{categories_created} categories and {articles_created} articles created, "
        f"{articles_existing} articles already there" + (f", {labels}" if labels else "")
    )


def _labels_load(demo_articles, categories, stdout, verbosity):
    """Topics, tags and sections: created when missing; attached to the demo articles that have none."""
    titles = [demo.title for demo in demo_articles]
    topics = lib.records_read(DATA / "topics.json", {**TOPIC_FIELDS, "articles": _titles(titles)})
    tags = lib.records_read(DATA / "tags.json", {**TAG_FIELDS, "articles": _titles(titles)})
    sections = lib.records_read(
        DATA / "sections.json", {**SECTION_FIELDS, "categories": _titles(list(categories), "category")}
    )
    slug_of = {demo.title: demo.slug for demo in demo_articles}
    # Articles that had no topics (no tags) before this run get them; the others are left as they are.
    demo_slugs = list(slug_of.values())
    bare = {
        relation: set(
            Article.objects.filter(slug__in=demo_slugs, **{f"{relation}__isnull": True}).values_list(
                "pk", flat=True
            )
        )
        for relation in ("topics", "tags")
    }
    created = 0
    for demo in topics:
        topic, is_new = Topic.objects.get_or_create(
            slug=slugify_vi(demo.name, max_length=180),
            defaults={
                "name": demo.name,
                "name_en": demo.name_en,
                "description": demo.description,
                "featured": demo.featured,
            },
        )
        if is_new and demo.photo:
            topic.cover = ContentFile(
                lib.picture_jpeg(colour=demo.colour, title="Chuyên đề", subtitle=demo.photo, seed=topic.slug),
                name="topic.jpg",
            )
            topic.cover_alt = f"Ảnh minh họa chuyên đề {demo.name}: {demo.photo}"
            topic.save()
            lib.file_stored(topic.cover.name)
        created += is_new
        _attach(topic, "topics", [slug_of[title] for title in demo.articles], bare["topics"])
    for demo in tags:
        tag, is_new = Tag.objects.get_or_create(
            slug=slugify_vi(demo.name, max_length=120), defaults={"name": demo.name}
        )
        created += is_new
        _attach(tag, "tags", [slug_of[title] for title in demo.articles], bare["tags"])
    for demo in sections:
        section, is_new = Section.objects.get_or_create(name=demo.name)
        if is_new:
            section.categories.set(categories[name][0] for name in demo.categories)
        created += is_new
    if created and verbosity >= 2:
        stdout.write(f"  + {created} topics, tags and sections")
    return f"{created} topics, tags and sections created" if created else ""


def _titles(known, what="article"):
    def check(value):
        value = lib.texts(value)
        unknown = [title for title in value if title not in known]
        if unknown:
            raise ValueError(f"no such {what}: {', '.join(map(repr, unknown))}")
        return value

    return check


def _attach(label, relation, slugs, bare):
    """Put `label` (a topic or a tag) on those of the articles `slugs` whose pk is in `bare`."""
    for article in Article.objects.filter(slug__in=slugs, pk__in=bare):
        getattr(article, relation).add(label)


def _data():
    """The demo data files, read and checked: a wrong one fails, naming the file and the record."""
    categories = lib.records_read(DATA / "categories.json", CATEGORY_FIELDS)
    names = [category.name for category in categories]
    for number, category in enumerate(categories):
        if category.parent not in [None, *names[:number]]:
            raise lib.DemoDataError(
                f"{category.where}: 'parent': {category.parent!r} is not a category above it"
            )
    articles = lib.records_read(DATA / "articles.json", {**ARTICLE_FIELDS, "category": lib.one_of(*names)})
    for article in articles:
        article.slug = slugify_vi(article.title, max_length=192)
        article.body = lib.html_read(
            DATA / "articles" / f"{article.slug}.html", f"the article {article.title!r}"
        )
        english = DATA / "articles" / f"{article.slug}.en.html"
        article.body_en = (
            lib.html_read(english, f"the article {article.title!r} in English") if article.title_en else ""
        )
    return categories, lib.record_read(DATA / "credits.json", CREDITS_FIELDS), articles


def _categories_load(demo_categories, stdout, verbosity):
    """{name: (Category, colour)} for every demo category, and how many of them were created."""
    categories, created_count = {}, 0
    for order, demo in enumerate(demo_categories, start=1):
        category, created = Category.objects.get_or_create(
            slug=slugify_vi(demo.name, max_length=140),
            defaults={
                "name": demo.name,
                "name_en": demo.name_en,
                "parent": categories[demo.parent][0] if demo.parent else None,
                "order": order * 10,
                "description": demo.description,
            },
        )
        categories[demo.name] = (category, demo.colour)
        created_count += created
        if created and verbosity >= 2:
            stdout.write(f"  + category {category}")
    return categories, created_count


def _articles_load(demo_articles, credits, categories, stdout, verbosity):
    slugs = [demo.slug for demo in demo_articles]
    # An article renamed in the admin keeps its old slug in the history: it is still "there".
    taken = set(Article.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    taken |= set(ArticleSlugHistory.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if verbosity >= 2:
        for demo in demo_articles:
            if demo.slug in taken:
                stdout.write(f"  = article exists: {demo.title}")
    total = len(demo_articles)
    if len(taken) == total:
        return 0, total

    author = get_user_model().objects.filter(username=JOURNALIST).first()
    now = timezone.now()
    # Publish times spread evenly over the last 60 days, in an order that mixes the categories.
    order = sorted(demo_articles, key=lambda demo: lib.stable_number(demo.slug, 0, 2**31))
    days_ago = {demo.slug: index * PUBLISHED_OVER_DAYS // total for index, demo in enumerate(order)}
    created = 0
    for index, demo in enumerate(demo_articles):
        if demo.slug in taken:
            continue
        category, cover_colour = categories[demo.category]
        article = Article(
            title=demo.title,
            slug=demo.slug,
            category=category,
            summary=demo.summary,
            body=demo.body,
            title_en=demo.title_en,
            summary_en=demo.summary_en,
            body_en=demo.body_en,
            byline=demo.byline or credits.bylines[index % len(credits.bylines)],
            source=demo.source or credits.sources[index % len(credits.sources)],
            featured=demo.featured,
            status=Article.Status.DRAFT if demo.state == "draft" else Article.Status.PUBLISHED,
            created_by=author,
        )
        if demo.state == "public":
            # Office hours, local time; an article of today whose hour has not come yet is yesterday's.
            day = timezone.localtime(now) - timedelta(days=days_ago[demo.slug])
            published_at = day.replace(
                hour=lib.stable_number(f"{demo.slug}-hour", 7, 20),
                minute=lib.stable_number(f"{demo.slug}-minute", 0, 59),
                second=0,
                microsecond=0,
            )
            if published_at > now:
                published_at -= timedelta(days=1)
            article.published_at = published_at
            article.view_count = lib.stable_number(f"{demo.slug}-views", 50, 5000)
        elif demo.state == "scheduled":
            day = timezone.localtime(now) + timedelta(days=2)
            article.published_at = day.replace(hour=7, minute=30, second=0, microsecond=0)
        else:
            article.published_at = now - timedelta(hours=lib.stable_number(demo.slug, 1, 30))
        if demo.photo or demo.decorative:
            _cover_attach(article, demo, category, cover_colour)
        # Demo content must pass the checks an editor's would, except the cover: it is ours.
        article.full_clean(exclude=["cover"])
        article.save()
        if article.cover:
            lib.file_stored(article.cover.name)
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + article [{demo.state}] {article.title}")
    return created, total - created


def _cover_attach(article, demo, category, cover_colour):
    if demo.decorative:
        data = lib.picture_jpeg(colour=cover_colour, seed=article.slug)
    else:
        data = lib.picture_jpeg(
            colour=cover_colour, title=category.name, subtitle=demo.photo, seed=article.slug
        )
        article.cover_alt = f"Ảnh minh họa chuyên mục {category.name}: {demo.photo}"
        article.cover_caption = f"{demo.photo}. (Ảnh minh họa)"
    article.cover_decorative = demo.decorative
    # Article.save() re-encodes the picture and stores it under a random name.
    article.cover = ContentFile(data, name="cover.jpg")
