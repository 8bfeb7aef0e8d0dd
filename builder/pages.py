"""Plan one page object per URL from the catalog (pipeline step: catalog → pages).

Every generated page is reached through listings, never through the navigation tree,
so a page's size does not grow with the number of campaigns. Themes, movements,
localities, years and statuses are one generic `Term` with one listing template and
one pagination loop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import urls
from .catalog import Campaign, Catalog, Locality
from .dates import display_day
from .status import ACTIVE, ALL_STATUSES, ENDED, UPCOMING
from .text import collation_key
from .timeline import build_timeline

PER_PAGE = 24
RECENT_DAYS = 180  # "recently ended" on the home page


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


@dataclass(frozen=True)
class FilterGroup:
    label: str
    options: tuple[FilterOption, ...]


@dataclass(frozen=True)
class Term:
    """One value of a taxonomy with its campaigns: a theme, a year, a locality..."""

    group: str  # "themes", "movements", "localities", "years", "status"
    key: str
    name: str
    url: str
    campaigns: tuple[Campaign, ...]
    description: str | None = None


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


def countdown(campaign: Campaign, today: dt.date) -> str:
    """Days left / to go, in words; re-computed in the browser from the same data attributes."""
    if campaign.status is ACTIVE:
        left = (campaign.end - today).days
        return "Ngày cuối cùng" if left == 0 else f"Còn {left} ngày"
    if campaign.status is UPCOMING and campaign.start:
        return f"Bắt đầu sau {(campaign.start - today).days} ngày"
    if campaign.status is ENDED:
        return f"Kết thúc ngày {display_day(campaign.end)}"
    return ""


def _terms(catalog: Catalog) -> dict[str, list[Term]]:
    cs = catalog.campaigns
    themes = [Term("themes", t.id, t.name, urls.theme(t.id), tuple(c for c in cs if t in c.themes), t.description)
              for t in catalog.themes]
    movements = [Term("movements", m.id, m.name, urls.movement(m.id),
                      tuple(c for c in cs if m in c.movements), m.description) for m in catalog.movements]
    years = sorted({y for c in cs for y in c.years}, reverse=True)
    year_terms = [Term("years", str(y), f"Năm {y}", urls.year(y), tuple(c for c in cs if y in c.years))
                  for y in years]
    statuses = [Term("status", s.key, s.label, urls.status(s.key), tuple(c for c in cs if c.status is s))
                for s in ALL_STATUSES]
    localities = [Term("localities", loc.id, loc.title_name, urls.locality(loc.id),
                       tuple(c for c in cs if c.issuer_locality.id == loc.id
                             or c.issuer_locality.id.startswith(loc.id + "/")), loc.note)
                  for loc in catalog.localities]
    return {"themes": themes, "movements": movements, "years": year_terms, "status": statuses,
            "localities": localities}


def _filters(terms: dict[str, list[Term]], current_url: str) -> tuple[FilterGroup, ...]:
    """Links that narrow the campaign list; each is a real page, so they work without JavaScript."""
    def group(label: str, items: Iterable[Term], keep: Callable[[Term], bool]) -> FilterGroup:
        return FilterGroup(label, tuple(FilterOption(t.name, t.url, len(t.campaigns), t.url == current_url)
                                        for t in items if keep(t)))

    provinces = [t for t in terms["localities"] if "/" not in t.key]
    return (
        group("Trạng thái", terms["status"], lambda t: True),
        group("Năm", terms["years"], lambda t: True),
        group("Địa phương", provinces, lambda t: bool(t.campaigns)),
        group("Lĩnh vực", terms["themes"], lambda t: bool(t.campaigns)),
    )


def _paginate(base_url: str, title: str, items: Sequence[Campaign], today: dt.date,
              template: str, data: dict[str, Any]) -> list[PageSpec]:
    chunks = [items[i: i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [()]
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
            **data, "cards": [campaign_card(c, today) for c in chunk], "total": len(items),
            "pagination": pagination,
        }))
    return pages


def _locality_data(catalog: Catalog, locality: Locality) -> dict[str, Any]:
    children = [loc for loc in catalog.localities if loc.parent_id == locality.id]
    merged = catalog.locality(locality.merged_into) if locality.merged_into else None
    absorbed = [loc for loc in catalog.localities if loc.merged_into == locality.id]
    ended_parents = [p for p in catalog.locality_chain(locality)[1:] if p.until and not p.merged_into]
    province_now = catalog.current_province(locality) if "/" in locality.id else None
    return {
        "ended_parents": ended_parents,
        "province_now": province_now,
        "province_now_url": urls.locality(province_now.id) if province_now else None,
        "locality": locality,
        "chain": catalog.locality_chain(locality)[1:],
        "children": sorted(children, key=lambda loc: collation_key(loc.name)),
        "merged_into": merged,
        "absorbed": absorbed,
    }


def plan_pages(catalog: Catalog) -> tuple[PageSpec, ...]:
    """Every page of the portal except the Markdown pages editors write in content/."""
    today = catalog.today
    terms = _terms(catalog)
    pages: list[PageSpec] = []
    by_status = {t.key: t for t in terms["status"]}
    recent = tuple(c for c in by_status[ENDED.key].campaigns if (today - c.end).days <= RECENT_DAYS)
    home_counts = {s.key: len(by_status[s.key].campaigns) for s in ALL_STATUSES}
    pages.append(PageSpec(urls.HOME, "Trang chủ", "portal/home.html", {
        "active": [campaign_card(c, today) for c in sorted(by_status[ACTIVE.key].campaigns, key=lambda c: c.end)],
        "upcoming": [campaign_card(c, today) for c in
                     sorted(by_status[UPCOMING.key].campaigns, key=lambda c: c.start or c.end)],
        "recent": [campaign_card(c, today) for c in (recent or by_status[ENDED.key].campaigns[:3])],
        "recent_is_fallback": not recent,
        "counts": home_counts,
        "total": len(catalog.campaigns),
        "themes": [t for t in terms["themes"] if t.campaigns],
        "movements": sorted((t for t in terms["movements"] if t.campaigns), key=lambda t: -len(t.campaigns))[:8],
        "provinces": [t for t in terms["localities"] if "/" not in t.key],
        "status_urls": {s.key: urls.status(s.key) for s in ALL_STATUSES},
    }, generated=False))

    for campaign in catalog.campaigns:
        pages.append(PageSpec(urls.campaign(campaign.id), campaign.card.title, "portal/campaign.html", {
            "campaign": campaign,
            "timeline": build_timeline(campaign, today),
            "countdown": countdown(campaign, today),
            "tasks": sorted(campaign.card.tasks, key=lambda t: (t.due is None, t.due.first_day() if t.due else None)),
            "locality_chain": catalog.locality_chain(campaign.issuer_locality),
            "basis": [(b, urls.campaign(b.campaign_id) if b.campaign_id else None) for b in campaign.basis],
            "implemented_by": [campaign_card(c, today) for c in catalog.campaigns
                               if any(b.campaign_id == campaign.id for b in c.basis)],
            "theme_urls": {t.id: urls.theme(t.id) for t in campaign.themes},
            "movement_urls": {m.id: urls.movement(m.id) for m in campaign.movements},
            "locality_url": urls.locality(campaign.issuer_locality.id),
            "province_now": catalog.current_province(campaign.issuer_locality),
        }, body=campaign.body, source=campaign.source_path))

    pages += _paginate(urls.CAMPAIGNS, "Tất cả phong trào thi đua", catalog.campaigns, today, "portal/listing.html", {
        "kind": "campaigns", "filters": _filters(terms, urls.CAMPAIGNS),
        "intro": "Các kế hoạch, văn bản phát động phong trào thi đua, mới nhất trước.",
    })
    group_titles = {"themes": "Lĩnh vực", "movements": "Phong trào", "years": "Năm", "status": "Trạng thái",
                    "localities": "Địa phương"}
    for group, items in terms.items():
        for term in items:
            extra: dict[str, Any] = {"kind": group, "term": term, "group_title": group_titles[group],
                                     "intro": term.description,
                                     "filters": _filters(terms, term.url)}
            template = "portal/listing.html"
            if group == "localities":
                locality = catalog.locality(term.key)
                assert locality is not None
                extra.update(_locality_data(catalog, locality))
                extra["child_urls"] = {loc.id: urls.locality(loc.id) for loc in extra["children"]}
                extra["chain_urls"] = {loc.id: urls.locality(loc.id) for loc in extra["chain"]}
                if extra["merged_into"] is not None:
                    extra["merged_url"] = urls.locality(extra["merged_into"].id)
                template = "portal/locality.html"
            if group == "movements":
                movement = next(m for m in catalog.movements if m.id == term.key)
                extra["movement"] = movement
            pages += _paginate(term.url, term.name, term.campaigns, today, template, extra)

    index_specs = [
        (urls.THEMES, "Lĩnh vực thi đua", "themes", "Các lĩnh vực mà phong trào thi đua hướng tới."),
        (urls.MOVEMENTS, "Phong trào, cuộc vận động", "movements",
         "Các phong trào thi đua, cuộc vận động toàn quốc và địa phương mà các kế hoạch hưởng ứng."),
        (urls.YEARS, "Theo năm", "years", "Phong trào thi đua diễn ra trong từng năm."),
    ]
    for url, title, group, intro in index_specs:
        pages.append(PageSpec(url, title, "portal/terms.html", {"terms": terms[group], "group": group, "intro": intro}))
    provinces = [loc for loc in catalog.localities if loc.parent_id is None]
    tree = _locality_tree(catalog, provinces, {t.key: len(t.campaigns) for t in terms["localities"]})
    pages.append(PageSpec(urls.LOCALITIES, "Địa phương", "portal/localities.html", {
        "tree": tree, "intro": "Các đơn vị hành chính đã ban hành phong trào thi đua, theo cấp tỉnh → huyện → xã. "
                               "Văn bản giữ tên đơn vị tại thời điểm ban hành; trang của đơn vị ghi rõ đơn vị đó "
                               "đã thay đổi thế nào sau sắp xếp năm 2025."}))
    return tuple(pages)


def _locality_tree(catalog: Catalog, nodes: list[Locality], counts: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for loc in sorted(nodes, key=lambda x: collation_key(x.name)):
        children = [c for c in catalog.localities if c.parent_id == loc.id]
        out.append({"locality": loc, "url": urls.locality(loc.id), "count": counts.get(loc.id, 0),
                    "merged_into": catalog.locality(loc.merged_into) if loc.merged_into else None,
                    "children": _locality_tree(catalog, children, counts)})
    return out


def check_collisions(pages: Sequence[PageSpec]) -> list[tuple[str, str]]:
    """(url, message) for every URL planned twice; the adapter also checks against content/."""
    seen: dict[str, PageSpec] = {}
    clashes = []
    for page in pages:
        if page.url in seen:
            clashes.append((page.url, f"hai trang cùng địa chỉ {page.url}: "
                                      f"{seen[page.url].source or seen[page.url].title} và {page.source or page.title}"))
        seen[page.url] = page
    return clashes
