"""The published definitions of the statistics (docs/statistics.md), in one place.

The windows, the day and the week a moment belongs to, the visitor key, and the shape of what
counting returns. Both backends (stats/backends/) and everything that shows a figure use these; none
of them is a setting: they are the rules the portal publishes.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

# The day and the week of a moment: shared with the leaders' work schedule (agency), one "this week".
from portal.lib.weeks import local_date, week_start  # noqa: F401

VISIT_WINDOW = timedelta(minutes=30)  # a visit starts after 30 minutes without a page view
ONLINE_WINDOW = timedelta(minutes=5)  # "Đang online": seen in the last 5 minutes
ARTICLE_VIEW_WINDOW = timedelta(minutes=10)  # one article view per visitor per article per 10 minutes
USER_AGENT_LENGTH = 512  # enough to tell browsers apart; a 100 KB header is not hashed whole


def month_start(day):
    return date(day.year, day.month, 1)


def daily_salt(day):
    """The secret of one day: derived from SECRET_KEY, so nothing is stored, and useless the next day."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"stats-visitor:{day.isoformat()}".encode(), "sha256"
    ).digest()


def visitor_key_for(*, ip, user_agent, day):
    """HMAC-SHA256 of the address and the browser under the day's salt: no address is kept, and the
    keys of one visitor on two days cannot be linked."""
    identity = f"{ip}\n{user_agent[:USER_AGENT_LENGTH]}".encode("utf-8", "surrogatepass")
    return hmac.new(daily_salt(day), identity, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Recorded:
    """What one page view changed: whether it started a visit, whether it counted as an article view
    (or, for a document's page or a download, as a view of that: `object_view`)."""

    new_visit: bool
    article_view: bool
    object_view: bool = False


@dataclass(frozen=True)
class Figures:
    """The four figures of the block "Thống kê truy cập"."""

    online: int
    today: int
    this_week: int
    all_time: int
