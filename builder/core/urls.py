"""Every URL of the portal, in one place.

URLs are site-relative file paths ending in `.html` (MkDocs `use_directory_urls:
false`), so `site/` works opened from disk and under any sub-path. Pagination adds
`.pN` before `.html`: ids cannot contain a dot, so a page number never collides
with a campaign, theme or locality id.
"""

from __future__ import annotations

HOME = "index.html"
CAMPAIGNS = "campaigns/index.html"
CAMPAIGN_FILTERS = "campaigns/filters.js"
CAMPAIGN_LIVE = "campaigns/live.js"  # plan/live.py: fetched only on a day after the build's
THEMES = "themes/index.html"
MOVEMENTS = "movements/index.html"
LOCALITIES = "localities/index.html"
YEARS = "years/index.html"
EXEMPLARS = "exemplars/index.html"
EXEMPLAR_DATA = "exemplars/data.js"
RESULTS = "results/index.html"
NOTICES = "notices/index.html"
SEARCH = "search.html"
OPEN_DATA = "data/index.html"
PORTAL_MANIFEST = "data/portal.json"  # what a province portal reads first of a member's published site
BUILD_REPORT = "build.json"
CALENDAR = "calendar.ics"
FEED = "feeds/all.xml"
NOTICES_FEED = "feeds/notices.xml"


def feed(group: str, key: str) -> str:
    """A topic's Atom feed: feeds/themes/kinh-te.xml, feeds/localities/lang-son.xml."""
    return f"feeds/{group}/{key}.xml"


def search_bundle(index: int) -> str:
    """The folder of one part of the search index: pagefind/, then pagefind-1/, pagefind-2/..."""
    return "pagefind" if index == 0 else f"pagefind-{index}"


def campaign_calendar(campaign_id: str) -> str:
    return f"campaigns/{campaign_id}.ics"


def data_file(name: str, ext: str) -> str:
    """Open data: data/campaigns.json, data/exemplars.csv..."""
    return f"data/{name}.{ext}"


def data_schema(name: str) -> str:
    return f"data/{name}.schema.json"


def campaign(campaign_id: str) -> str:
    return f"campaigns/{campaign_id}.html"


def theme(theme_id: str) -> str:
    return f"themes/{theme_id}.html"


def movement(movement_id: str) -> str:
    return f"movements/{movement_id}.html"


def locality(locality_id: str) -> str:
    return f"localities/{locality_id}.html"


def year(value: int) -> str:
    return f"years/{value}.html"


def status(key: str) -> str:
    return f"status/{key}.html"


def exemplar(exemplar_id: str) -> str:
    return f"exemplars/{exemplar_id}.html"


def exemplar_facet(group: str, key: str) -> str:
    """One value of an exemplar facet: exemplars/kind/ca-nhan.html, exemplars/localities/lang-son.html."""
    return f"exemplars/{group}/{key}.html"


def paged(url: str, number: int) -> str:
    """Page `number` (from 1) of a paginated listing whose first page is `url`."""
    return url if number == 1 else f"{url[:-5]}.p{number}.html"


def first_page(url: str) -> str:
    """The first page of the listing `url` belongs to: themes/x.p2.html → themes/x.html (inverse of `paged`)."""
    stem, dot, rest = url.rpartition(".p")
    return f"{stem}.html" if dot and rest.endswith(".html") and rest[:-5].isdigit() else url


def source_uri(url: str) -> str:
    """The MkDocs source path that renders to `url`."""
    return url[:-5] + ".md"


def notice(notice_id: str) -> str:
    return f"notices/{notice_id}.html"


def notice_calendar(notice_id: str) -> str:
    """A notice's deadline as an iCalendar event."""
    return f"notices/{notice_id}.ics"
