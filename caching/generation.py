"""The content generation: one number that changes whenever staff change anything the public sees.

Everything kept of rendered or assembled public content (stored pages, template fragments, the frame,
the menus) is keyed by it, so nothing is ever deleted from a cache: an edit bumps the number in the same
transaction as the edit, and from the commit on every process — each gunicorn worker with its own
local-memory cache, or every app server — asks for new keys and renders again. Readers of the old
number before the commit see the old rows under the old keys, which is what they are.

The number lives in PostgreSQL (one row, upserted, so a flushed table just starts again at 1) and
is read once per request, only by a page that uses a cache (one primary-key query).

Content that changes with time alone (a scheduled article's publish time, a banner's dates) is
covered by the minute in `version()`: fragments keyed by it are at most a minute behind the clock.
"""

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from caching.models import ContentGeneration

_TABLE = ContentGeneration._meta.db_table
_BUMP = f"""
    INSERT INTO {_TABLE} AS g (id, value) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET value = g.value + 1
"""  # noqa: S608 - the table name comes from the model
_READ = f"SELECT value FROM {_TABLE} WHERE id = 1"  # noqa: S608
# Objects every page reads (the frame, the menus), held as they are: a cache would unpickle them on
# every request. {name: (version, value)}; one entry per name, replaced when the version changes.
_held = {}


def generation_read():
    """The current generation: one primary-key read, written in SQL (this runs on every page)."""
    with connection.cursor() as cursor:
        cursor.execute(_READ)
        row = cursor.fetchone()
    return row[0] if row else 0


def generation_bump(**kwargs):
    """Signal receiver (post_save, post_delete; see bump_on_change): the public content has changed."""
    with connection.cursor() as cursor:
        cursor.execute(_BUMP)


def bump_on_change(*models):
    """Bump the generation on every save and delete of `models` (each app's ready() names its own)."""
    for model in models:
        post_save.connect(generation_bump, sender=model, dispatch_uid=f"generation-save-{model._meta.label}")
        post_delete.connect(
            generation_bump, sender=model, dispatch_uid=f"generation-delete-{model._meta.label}"
        )


def for_request(request):
    """The generation this request sees, read at most once per request."""
    if not hasattr(request, "_content_generation"):
        request._content_generation = generation_read()
    return request._content_generation


def version(request):
    """The key part for caches of public content: the generation and the current minute."""
    return f"{for_request(request)}.{timezone.now():%Y%m%d%H%M}"


def held(name, version, build):
    """`build()` once per process and content version; the same object until the version changes."""
    entry = _held.get(name)
    if entry is None or entry[0] != version:
        entry = _held[name] = (version, build())
    return entry[1]


def held_forget():
    """Drop what `held` keeps (tests, which start every database again at generation 0)."""
    _held.clear()
