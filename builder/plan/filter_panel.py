"""The "Lọc" panel of a campaign listing: filters that combine, counted within the listing.

Pipeline step (catalog → pages). A listing (a theme, a year, a place, a status, every
campaign) shows its cards first; its filters fold behind one button, so a phone shows
campaigns, not 1,200 px of chips. Each option counts the listing's own campaigns ("Đang
diễn ra 2" on a theme page means two of this theme), and the listing's own value comes
checked. The panel is a form that the search page answers: there Pagefind combines any
choice (theme × status × place × year) and counts every option for the current selection,
with statuses corrected for the reader's day (theme/assets/search.js). The values are the
search records' filter values (builder/search/records.py), so a choice here is a filter there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from builder.catalog.catalog import Campaign, Catalog
from builder.catalog.status import ALL_STATUSES
from builder.core import urls
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


def _group(key: str, label: str, values: Iterable[str], counts: Counter[str],
           scope: Sequence[tuple[str, str]]) -> PanelGroup:
    return PanelGroup(key, label, tuple(PanelOption(v, v, counts[v], (key, v) in scope) for v in values if counts[v]))


def filter_panel(catalog: Catalog, campaigns: Sequence[Campaign], scope: Sequence[tuple[str, str]]) -> FilterPanel:
    """The panel of a listing of `campaigns`, whose own filters are `scope` ((key, value) pairs).

    Only values that occur in the listing are offered, so a commune's panel stays short on a
    national portal; statuses are all offered, since a day after the build can fill any of them.
    A status page counts the whole portal instead: its own list is re-made on the reader's day
    (theme/assets/portal.js), and counts of the build day's list would contradict it then.
    """
    site_wide = any(key == "status" for key, _ in scope)
    if site_wide:
        campaigns = catalog.campaigns
    by: dict[str, Counter[str]] = {k: Counter() for k in ("status", "year", "province", "theme")}
    for c in campaigns:
        by["status"][c.status.label] += 1
        by["year"].update({str(y) for y in c.years})
        by["province"].update({p.title_name for p in catalog.provinces_of(c.issuer_locality)})
        by["theme"].update({t.name for t in c.themes})
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
    live = () if site_wide else tuple(urls.campaign(c.id) for c in campaigns if can_change(c, catalog.today))
    return FilterPanel(tuple(groups), live, site_wide)
