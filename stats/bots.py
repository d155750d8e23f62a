"""Known crawlers and tools, recognised by their User-Agent: the one list the statistics consult.

Matched case-insensitively as substrings. An empty User-Agent counts as a bot too: every browser
sends one, scripts often do not.
"""

import re

BOT_MARKERS = (
    "bot",  # Googlebot, bingbot, YandexBot, Applebot, DuckDuckBot, coccocbot, AhrefsBot, ...
    "crawler",
    "spider",
    "slurp",  # Yahoo
    "baiduspider",
    "facebookexternalhit",
    "facebookcatalog",
    "zalo",  # link previews in Zalo
    "embedly",
    "preview",
    "headless",
    "lighthouse",
    "pingdom",
    "uptime",
    "monitor",
    "curl/",
    "wget/",
    "python-requests",
    "python-urllib",
    "python-httpx",
    "aiohttp",
    "go-http-client",
    "okhttp",
    "java/",
    "libwww-perl",
    "httpclient",
    "scrapy",
    "feedfetcher",
    "feedparser",
    "archive.org",
)

_BOT_PATTERN = re.compile("|".join(re.escape(marker) for marker in BOT_MARKERS), re.IGNORECASE)


def is_bot(user_agent):
    return not user_agent.strip() or _BOT_PATTERN.search(user_agent) is not None
