"""What the query-budget tests share (tests/*/test_query_budgets.py)."""

import time

from django.core.cache import caches
from django.utils import timezone

from caching.pagecache import seen_forget

# Longer than a cold render and its stored answer take on a loaded machine.
CHECK_SECONDS = 3


def caches_cleared():
    """Every cache emptied, as on a fresh worker, for a check of a page cold and then stored.

    Stored pages are keyed by the minute (caching.generation.version): a check that straddled its
    end would find the page rendered again, so near a minute's end this waits for the next one.
    """
    now = timezone.now()
    left = 60 - now.second - now.microsecond / 1_000_000
    if left < CHECK_SECONDS:
        time.sleep(left + 0.05)
    for cache in caches.all():
        cache.clear()
    seen_forget()
