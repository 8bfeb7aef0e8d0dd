"""The "Lọc" panel of a campaign listing: filters that combine, counted within the listing.

Pipeline step (catalog → pages). A listing (a theme, a year, a place, a status, every
campaign) shows its cards first; its filters fold behind one button, so a phone shows
campaigns, not 1,200 px of chips. Each option counts the listing's own campaigns ("Đang
diễn ra 2" on a theme page means two of this theme), and the listing's own value comes
checked. Ticking an option recounts every option for the current selection in the page
(theme/assets/filter-panel.js, from `campaigns/filters.js`: each campaign's filter values and
dates, so statuses are the reader's day's); submitting asks the search page, where Pagefind
combines the same choice (theme × status × place × year) with a query. The values are the
search records' filter values (`campaign_filters`, used by builder/search/records.py too), so
a choice here is a filter there.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from builder.catalog.catalog import Catalog, Locality
from builder.catalog.status import ALL_STATUSES
from builder.plan.external import ExternalCampaign, Listed, address, override
from builder.plan.live import can_change

TYPE_CAMPAIGN = "Phong trào thi đua"  # the search records' "type" of a campaign


@dataclass(frozen=True)
class PanelOption:
    value: str  # the search filter's value
    label: str
    count: int  # campaigns of the listing with this value
    checked: bool
    key: str = ""  # a status's key: the status script recounts these on the reader's day


@dataclass(frozen=True)
class PanelGroup:
    key: str  # the search filter's key: status, year, province, locality, theme, movement
    label: str
    options: tuple[PanelOption, ...]


@dataclass(frozen=True)
class FilterPanel:
    groups: tuple[PanelGroup, ...]
    live: tuple[str, ...]  # addresses of the listing's campaigns whose status can still change (plan/live.py)
    site_wide: bool = False  # counts every campaign of the portal, not the listing's (status pages)

    @property
    def on(self) -> int:
        """How many filters the listing itself applies (its own theme, year, place...)."""
        return sum(o.checked for g in self.groups for o in g.options)


def place_filters(catalog: Catalog, locality: Locality) -> list[tuple[str, str]]:
    """Province (as named then, and as it is now after a merger) and every unit down to `locality`."""
    filters = [("province", p.title_name) for p in catalog.provinces_of(locality)]
    return filters + [("locality", loc.title_name) for loc in catalog.locality_chain(locality)[:-1]]


def campaign_filters(catalog: Catalog, c: Listed) -> list[tuple[str, str]]:
    """A campaign's filter values but its status (which depends on the day): year, place, theme, movement."""
    if isinstance(c, ExternalCampaign):
        return list(c.filters)
    filters = [("year", str(y)) for y in c.years]
    filters += place_filters(catalog, c.issuer_locality)
    return filters + [("theme", t.name) for t in c.themes] + [("movement", m.name) for m in c.movements]


def panel_data_js(catalog: Catalog, campaigns: Sequence[Listed]) -> str:
    """`campaigns/filters.js`, what the panels recount from: every (key, value) once, then each
    campaign as [start, end, override, indexes of its values]: about 60 bytes a campaign, 10
    gzipped, loaded only when a reader first ticks an option. A script, not JSON: `<script src>`
    also loads from a folder opened from disk, where `fetch()` is refused."""
    values: dict[tuple[str, str], int] = {}
    rows = []
    for c in campaigns:
        indexes = [values.setdefault(pair, len(values)) for pair in dict.fromkeys(campaign_filters(catalog, c))]
        rows.append([c.start.isoformat() if c.start else "", c.end.isoformat(), override(c), indexes])
    text = json.dumps({"values": [list(v) for v in values], "campaigns": rows},
                      ensure_ascii=False, separators=(",", ":"))
    return "window.portalCampaignFilters = " + text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + ";\n"


def _group(key: str, label: str, values: Iterable[str], counts: Counter[str],
           scope: Sequence[tuple[str, str]]) -> PanelGroup:
    return PanelGroup(key, label, tuple(PanelOption(v, v, counts[v], (key, v) in scope) for v in values if counts[v]))


def filter_panel(catalog: Catalog, campaigns: Sequence[Listed], scope: Sequence[tuple[str, str]],
                 every: Sequence[Listed] | None = None) -> FilterPanel:
    """The panel of a listing of `campaigns`, whose own filters are `scope` ((key, value) pairs).

    Only values that occur in the listing are offered, so a commune's panel stays short on a
    national portal; statuses are all offered, since a day after the build can fill any of them.
    A status page counts the whole portal instead (`every`: the catalog's campaigns, and a province's
    members' too): its own list is re-made on the reader's day (theme/assets/portal.js), and counts
    of the build day's list would contradict it then.
    """
    site_wide = any(key == "status" for key, _ in scope)
    if site_wide:
        campaigns = catalog.campaigns if every is None else every
    by: dict[str, Counter[str]] = {k: Counter() for k in ("status", "year", "province", "theme")}
    for c in campaigns:
        by["status"][c.status.label] += 1
        for key, value in dict.fromkeys(campaign_filters(catalog, c)):
            if key in by:
                by[key][value] += 1
    statuses = PanelGroup("status", "Trạng thái", tuple(
        PanelOption(s.label, s.label, by["status"][s.label], ("status", s.label) in scope, s.key) for s in ALL_STATUSES))
    groups = [statuses,
              _group("year", "Năm", sorted(by["year"], reverse=True), by["year"], scope),
              _group("province", "Tỉnh, thành phố", sorted(by["province"]), by["province"], scope),
              _group("theme", "Lĩnh vực", [t.name for t in catalog.themes], by["theme"], scope)]
    for key, value in scope:  # a unit below a province, a movement: the listing's own, alone in its group
        if key in ("locality", "movement"):
            label = "Đơn vị" if key == "locality" else "Phong trào, cuộc vận động"
            groups.append(PanelGroup(key, label, (PanelOption(value, value, len(campaigns), True),)))
    live = () if site_wide else tuple(address(c) for c in campaigns if can_change(c, catalog.today))
    return FilterPanel(tuple(groups), live, site_wide)
