"""Demo frame for `manage.py load_demo_data`: the site settings, banners, lookup links, videos, pages.

The content is in `demo_data/` beside this module, for writers to edit: site_settings.json,
banners.json, lookup_links.json, videos.json, pages.json (their keys: the *_FIELDS below) and the
body of each page in pages/<slug of its title>.html, and in pages/<slug>.en.html its English body
if it has one (line breaks between two tags there are layout).

Rows are keyed on something stable (the single settings row, a banner's name, a link's title, a
video's address, a page's slug) and never changed once they exist.
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from frame.models import Banner, LookupLink, Page, SiteSettings, Video
from portal.lib import demo as lib
from portal.lib.text import slugify_vi

DATA = Path(__file__).with_name("demo_data")

# A key's kind, or (kind, the value when it is left out); see portal.lib.demo.records_read().
SITE_SETTINGS_FIELDS = dict.fromkeys([
    "agency_name_en", "short_name", "logo_alt", "address", "phone", "hotline", "email", "responsible_editor",
    "footer_text", "facebook_url", "youtube_url", "zalo_url",
], str)  # fmt: skip
BANNER_FIELDS = {
    "title": str,  # for staff
    "position": Banner.Position,
    "text": str,  # the words on the banner, also its alt text
    "subtitle": (str, ""),  # a second line, also in the alt text
    "link": (str, ""),
    "colour": lib.colour,  # [red, green, blue]
    "shown_in_days": (int, None),  # days from now until it is shown; None: at once
}
LOOKUP_LINK_FIELDS = {"title": str, "link": str, "letter": str, "colour": lib.colour}  # letter, colour: icon
VIDEO_FIELDS = {"title": str, "url": str, "description": str, "featured": (bool, False), "colour": lib.colour}
PAGE_FIELDS = {
    "title": str,
    "order": int,
    "show_in_menu": (bool, False),
    "show_in_footer": (bool, True),
    "title_en": (str, ""),  # with an English body in pages/<slug>.en.html
}


def load(*, stdout, verbosity, dry_run):
    """Create the demo site settings, banners, lookup links, videos and static pages that are missing."""
    created = {
        "site settings": _site_settings_load(stdout, verbosity),
        "banners": _banners_load(stdout, verbosity),
        "lookup links": _lookup_links_load(stdout, verbosity),
        "videos": _videos_load(stdout, verbosity),
        "static pages": _pages_load(stdout, verbosity),
    }
    if not any(created.values()):
        return "nothing new (site settings, banners, lookup links, videos and static pages already there)"
    return ", ".join(f"{count} {what}" for what, count in created.items()) + " created"


def _saved_with_picture(row, field, picture):
    """Check and save `row` with our generated `picture` in `field` (exempt from the upload checks)."""
    setattr(row, field, picture)
    row.full_clean(exclude=[field])
    row.save()
    lib.file_stored(getattr(row, field).name)


def _site_settings_load(stdout, verbosity):
    demo = lib.record_read(DATA / "site_settings.json", SITE_SETTINGS_FIELDS)
    if SiteSettings.objects.filter(pk=1).exists():
        return 0
    fields = {name: getattr(demo, name) for name in SITE_SETTINGS_FIELDS}  # all of them SiteSettings fields
    site = SiteSettings(agency_name=settings.PORTAL_SITE_NAME, **fields)
    _saved_with_picture(site, "logo", ContentFile(lib.emblem_png(), name="logo.png"))
    if verbosity >= 2:
        stdout.write("  + site settings")
    return 1


def _banners_load(stdout, verbosity):
    demo_banners = lib.records_read(DATA / "banners.json", BANNER_FIELDS)
    existing = set(Banner.objects.values_list("title", flat=True))
    now = timezone.now()
    created = 0
    for order, demo in enumerate(demo_banners, start=1):
        if demo.title in existing:
            continue
        width, height = (1200, 150) if demo.position == Banner.Position.HEADER else (600, 200)
        banner = Banner(
            title=demo.title,
            alt_text=f"{demo.text}: {demo.subtitle}" if demo.subtitle else demo.text,
            link=demo.link,
            position=demo.position,
            order=order * 10,
            starts_at=now + timedelta(days=demo.shown_in_days) if demo.shown_in_days else None,
        )
        data = lib.banner_jpeg(
            colour=demo.colour, title=demo.text, subtitle=demo.subtitle, width=width, height=height
        )
        _saved_with_picture(banner, "image", ContentFile(data, name="banner.jpg"))
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + banner [{demo.position}] {demo.title}")
    return created


def _lookup_links_load(stdout, verbosity):
    demo_links = lib.records_read(DATA / "lookup_links.json", LOOKUP_LINK_FIELDS)
    existing = set(LookupLink.objects.values_list("title", flat=True))
    created = 0
    for order, demo in enumerate(demo_links, start=1):
        if demo.title in existing:
            continue
        # The icon repeats nothing the title does not say: decorative, no text alternative.
        item = LookupLink(title=demo.title, link=demo.link, order=order * 10)
        icon = lib.icon_png(colour=demo.colour, letter=demo.letter)
        _saved_with_picture(item, "icon", ContentFile(icon, name="icon.png"))
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + lookup link {demo.title}")
    return created


def _videos_load(stdout, verbosity):
    demo_videos = lib.records_read(DATA / "videos.json", VIDEO_FIELDS)
    existing = set(Video.objects.values_list("url", flat=True))
    now = timezone.now()
    created = 0
    for index, demo in enumerate(demo_videos):
        if demo.url in existing:
            continue
        video = Video(
            title=demo.title,
            url=demo.url,
            description=demo.description,
            featured=demo.featured,
            published_at=now - timedelta(days=3 + 7 * index),
        )
        # Our own poster: nothing is fetched from YouTube or Vimeo before a visitor presses play.
        poster = lib.picture_jpeg(
            colour=demo.colour, title="Video", subtitle=demo.title, seed=demo.url, width=1280, height=720
        )
        _saved_with_picture(video, "poster", ContentFile(poster, name="poster.jpg"))
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + video {demo.title}")
    return created


def _pages_load(stdout, verbosity):
    demo_pages = lib.records_read(DATA / "pages.json", PAGE_FIELDS)
    for demo in demo_pages:
        demo.slug = slugify_vi(demo.title, max_length=140)
        demo.body = lib.html_read(DATA / "pages" / f"{demo.slug}.html", f"the page {demo.title!r}")
        english = DATA / "pages" / f"{demo.slug}.en.html"
        english_given = demo.title_en or english.exists()
        demo.body_en = lib.html_read(english, f"{demo.title!r} in English") if english_given else ""
    slugs = [demo.slug for demo in demo_pages]
    taken = set(Page.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    created = 0
    for demo in demo_pages:
        if demo.slug in taken:
            continue
        fields = {name: getattr(demo, name) for name in PAGE_FIELDS}  # all of them Page fields
        page = Page(slug=demo.slug, body=demo.body, body_en=demo.body_en, **fields)
        page.full_clean()
        page.save()
        created += 1
        if verbosity >= 2:
            stdout.write(f"  + page {page.title}")
    return created
