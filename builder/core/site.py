"""What the outputs need to know about the site itself: its name and public address.

Feeds, calendars, open data, JSON-LD and share links need absolute URLs; those come
from mkdocs.yml's `site_url` (sub-paths such as https://example.org/thi-dua/ work).
Without one, the outputs still build, with site-relative links, and the build says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Site:
    name: str
    url: str = ""  # absolute base ending in "/", or "" when mkdocs.yml has no site_url
    description: str = ""

    def __post_init__(self) -> None:
        if self.url and not self.url.endswith("/"):
            object.__setattr__(self, "url", self.url + "/")

    def absolute(self, url: str) -> str:
        """`url` (site-relative, e.g. campaigns/x.html) as a full address when site_url is known."""
        return self.url + url if self.url else url

    @property
    def host(self) -> str:
        """For calendar UIDs: the site's host name, stable while the domain is."""
        return urlsplit(self.url).hostname or "cong-thi-dua.local"
