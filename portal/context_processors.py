from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from portal.frame import Frame, frame_data


def site(request):
    """The site's frame for every template, read from the cache only when a template uses it.

    Lazy, so admin pages and JSON views never touch it.
    """
    frame = SimpleLazyObject(lambda: Frame(frame_data(), language=get_language()))
    return {"frame": frame, "site_name": SimpleLazyObject(lambda: frame.site_name)}
