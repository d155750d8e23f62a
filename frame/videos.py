"""YouTube and Vimeo addresses: which video a link names, and how to embed it without tracking.

Only these two hosts are accepted. A video is embedded through the players' privacy-enhanced
addresses (youtube-nocookie.com, Vimeo with `dnt=1`), and only after the visitor presses play: until
then the page loads nothing from either company.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {
    "youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be",
    "youtube-nocookie.com", "www.youtube-nocookie.com",
}  # fmt: skip
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_YOUTUBE_ID = re.compile(r"^[\w-]{11}$")
_VIMEO_ID = re.compile(r"^\d{1,12}$")


@dataclass(frozen=True)
class RemoteVideo:
    provider: str  # "youtube" or "vimeo"
    video_id: str

    @property
    def provider_name(self):
        return "YouTube" if self.provider == "youtube" else "Vimeo"

    @property
    def embed_url(self):
        """The player address, loaded into an <iframe> by site.js when the visitor presses play."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1&rel=0"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1&autoplay=1"

    @property
    def watch_url(self):
        """The video's page on its own site: the link for visitors without JavaScript."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"


def parse_video_url(url):
    """The RemoteVideo a YouTube or Vimeo address names, or None for anything else.

    Accepted: youtube.com/watch?v=ID, youtu.be/ID, youtube.com/embed|shorts|live/ID,
    youtube-nocookie.com/embed/ID, vimeo.com/ID, player.vimeo.com/video/ID. https or http only.
    """
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or parts.username or parts.password or parts.port:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    candidate = ""
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = segments[0] if len(segments) == 1 else ""
        elif segments == ["watch"]:
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) == 2 and segments[0] in {"embed", "shorts", "live"}:
            candidate = segments[1]
        return RemoteVideo("youtube", candidate) if _YOUTUBE_ID.match(candidate) else None
    if host in VIMEO_HOSTS:
        if host == "player.vimeo.com":
            candidate = segments[1] if len(segments) == 2 and segments[0] == "video" else ""
        elif len(segments) == 1:
            candidate = segments[0]
        return RemoteVideo("vimeo", candidate) if _VIMEO_ID.match(candidate) else None
    return None
