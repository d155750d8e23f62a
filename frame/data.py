"""The frame every public page shows: site settings, banners, lookup links and the featured video.

Read once per process and content version (caching.generation.held): a staff edit bumps the
generation, so the edit shows on the next page load in every worker and on every app server, with no
shared cache needed.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from caching.generation import held
from frame.models import Banner, LookupLink, SiteSettings, Video


@dataclass
class FrameData:
    settings: SiteSettings
    banners: list = field(default_factory=list)  # every active banner; dates are checked per request
    lookup_links: list = field(default_factory=list)
    video: Video | None = None


def frame_data(version):
    """The frame's rows for the content version `version` (caching.generation.version)."""
    return held("frame", version, frame_build)


def frame_build():
    return FrameData(
        settings=SiteSettings.load(),
        banners=list(Banner.objects.filter(is_active=True)),
        lookup_links=list(LookupLink.objects.filter(is_active=True)),
        video=Video.objects.published().filter(featured=True).first(),
    )


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
