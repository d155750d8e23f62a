from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from portal import generation
from portal.frame import Frame, frame_data


def site(request):
    """The site's frame for every template, and the key part of cached fragments; lazily.

    Lazy, so admin pages and JSON views never touch them: `content_version` costs one query the
    first time a page uses it (portal.generation), the frame nothing more once cached.
    """
    version = SimpleLazyObject(lambda: generation.version(request))
    frame = SimpleLazyObject(lambda: Frame(frame_data(str(version)), language=get_language()))
    return {
        "frame": frame,
        "site_name": SimpleLazyObject(lambda: frame.site_name),
        "content_version": version,
        "fragment_seconds": settings.PORTAL_FRAGMENT_CACHE_SECONDS,
    }
