"""What every page plan shares: the page object, filter links and pagination.

Campaign, exemplar and results pages are planned by different modules; the page
record and the paging rules are the same for all of them and live here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from builder.catalog.catalog import Campaign
from builder.catalog.status import ACTIVE, ENDED, UPCOMING
from builder.core import urls
from builder.core.dates import display_day
from builder.plan.external import ExternalCampaign

PER_PAGE = 24
T = TypeVar("T")


@dataclass(frozen=True)
class PageSpec:
    """A page to render: where, with which template, and the data it shows."""

    url: str
    title: str
    template: str
    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""  # Markdown rendered by the engine into page.content
    source: str | None = None  # the content file behind the page, for messages
    generated: bool = True  # False: the engine already has this page (content/index.md)

    @property
    def src_uri(self) -> str:
        return urls.source_uri(self.url)


@dataclass(frozen=True)
class FilterOption:
    label: str
    url: str
    count: int
    current: bool
    key: str = ""  # the value the script-side filter uses
    depth: int = 0  # nesting in a hierarchy (province → district → commune)


@dataclass(frozen=True)
class FilterGroup:
    label: str
    options: tuple[FilterOption, ...]  # the links shown
    key: str = ""
    more: tuple[str, int] | None = None  # (url, count) of the page listing every value, when options are cut
    select_html: Any = ""  # the script form's <option>s, pre-rendered (Markup)
    current_key: str = ""  # the value this page shows, which the script selects


@dataclass(frozen=True)
class Pagination:
    number: int
    count: int
    previous: str | None
    next: str | None
    pages: tuple[tuple[int, str], ...]


def campaign_card(campaign: Campaign, today: dt.date) -> dict[str, Any]:
    """What a listing shows of a campaign; one definition for every card."""
    return {"campaign": campaign, "url": urls.campaign(campaign.id), "countdown": countdown(campaign, today)}


def external_card(campaign: ExternalCampaign, today: dt.date) -> dict[str, Any]:
    """A member portal's campaign in this portal's listings: it opens on the member's portal."""
    return {"external": campaign, "url": campaign.url, "countdown": countdown(campaign, today)}


def countdown(campaign: Campaign | ExternalCampaign, today: dt.date) -> str:
    """Days left / to go, in words; re-computed in the browser from the same data attributes."""
    if campaign.status is ACTIVE:
        left = (campaign.end - today).days
        return "Ngày cuối cùng" if left == 0 else f"Còn {left} ngày"
    if campaign.status is UPCOMING and campaign.start:
        return f"Bắt đầu sau {(campaign.start - today).days} ngày"
    if campaign.status is ENDED:
        return f"Kết thúc ngày {display_day(campaign.end)}"
    return ""


def paginate(base_url: str, title: str, items: Sequence[T], template: str, data: dict[str, Any],
             render: Callable[[Sequence[T]], dict[str, Any]]) -> list[PageSpec]:
    """Split `items` into pages of PER_PAGE; `render(chunk)` adds each page's own data (its cards)."""
    chunks = [items[i: i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [items[:0]]
    count = len(chunks)
    pages = []
    all_pages = tuple((n, urls.paged(base_url, n)) for n in range(1, count + 1))
    for number, chunk in enumerate(chunks, start=1):
        url = urls.paged(base_url, number)
        pagination = Pagination(
            number, count,
            urls.paged(base_url, number - 1) if number > 1 else None,
            urls.paged(base_url, number + 1) if number < count else None,
            all_pages,
        )
        page_title = title if number == 1 else f"{title} (trang {number})"
        pages.append(PageSpec(url, page_title, template, {
            **data, **render(chunk), "total": len(items), "pagination": pagination,
        }))
    return pages
