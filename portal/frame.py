"""The frame every public page shows: site settings, banners, lookup links and the featured video.

Read in one cache lookup per request (no query once the cache is warm) and forgotten whenever staff
save or delete any of it, so an edit shows on the next page load. With one process the local-memory
cache is enough; several gunicorn workers need a shared cache (`REDIS_URL`), or the other workers
keep their copy until PORTAL_FRAME_CACHE_SECONDS run out.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from portal.models import Banner, LookupLink, SiteSettings, Video

CACHE_KEY = "portal:frame:1"  # bump the number when FrameData changes shape


@dataclass
class FrameData:
    settings: SiteSettings
    banners: list = field(default_factory=list)  # every active banner; dates are checked per request
    lookup_links: list = field(default_factory=list)
    video: Video | None = None


def frame_data():
    data = cache.get(CACHE_KEY)
    if data is None:
        data = FrameData(
            settings=SiteSettings.load(),
            banners=list(Banner.objects.filter(is_active=True)),
            lookup_links=list(LookupLink.objects.filter(is_active=True)),
            video=Video.objects.published().filter(featured=True).first(),
        )
        cache.set(CACHE_KEY, data, settings.PORTAL_FRAME_CACHE_SECONDS)
    return data


def frame_forget(**kwargs):
    """Signal receiver: drop the cached frame now, and again once the transaction commits.

    The second time matters: a request served between the save and the commit would otherwise
    cache the old rows again.
    """
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


class Frame:
    """The frame as one request sees it: banners filtered by their dates, names in its language."""

    def __init__(self, data, *, language, now=None):
        now = now or timezone.now()
        self.settings = data.settings
        self.site_name = data.settings.name_in(language)
        self.lookup_links = data.lookup_links
        self.video = data.video
        shown = [banner for banner in data.banners if banner.is_shown(now)]
        self.banners = {
            position: [banner for banner in shown if banner.position == position]
            for position in Banner.Position.values
        }
