"""Plan one page object per URL from the catalog (pipeline step: catalog → pages).

Every generated page is reached through listings, never through the navigation tree,
so a page's size does not grow with the number of campaigns. Themes, movements,
localities, years and statuses are one generic `Term` with one listing template and
one pagination loop.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.catalog.catalog import Campaign, Catalog, Locality, Movement, Theme
from builder.catalog.status import ACTIVE, ALL_STATUSES, ENDED, UPCOMING
from builder.core import urls
from builder.core.text import collation_key
from builder.plan.exemplar_pages import (
    exemplar_card,
    exemplar_facets,
    plan_exemplar_pages,
)
from builder.plan.external import (
    ExternalCampaign,
    ExternalExemplar,
    Listed,
    locality_id,
    merged,
    merged_exemplars,
)
from builder.plan.filter_panel import filter_panel
from builder.plan.glance import step_on, steps
from builder.plan.listing import (
    PageSpec,
    campaign_card,
    countdown,
    external_card,
    paginate,
)
from builder.plan.notice_pages import home_notices, plan_notice_pages
from builder.plan.result_pages import campaign_results, plan_results_page
from builder.plan.timeline import build_timeline

RECENT_DAYS = 180  # "recently ended" on the home page


@dataclass(frozen=True)
class Term:
    """One value of a taxonomy with its campaigns: a theme, a year, a locality..."""

    group: str  # "themes", "movements", "localities", "years", "status"
    key: str
    name: str
    url: str
    campaigns: tuple[Listed, ...]  # a province's members' campaigns among its own, newest first
    description: str | None = None


def _terms(catalog: Catalog, cs: tuple[Listed, ...]) -> dict[str, list[Term]]:
    """`cs`: every campaign listed, newest first (`merged`: sorting a province's 10,000 took 0.4 s)."""

    def has(c: Listed, group: str, item: Theme | Movement) -> bool:
        if isinstance(c, ExternalCampaign):  # a member's: by id, as its open data names them
            return item.id in (c.themes if group == "themes" else c.movements)
        return item in (c.themes if group == "themes" else c.movements)

    themes = [Term("themes", t.id, t.name, urls.theme(t.id), tuple(c for c in cs if has(c, "themes", t)),
                   t.description) for t in catalog.themes]
    movements = [Term("movements", m.id, m.name, urls.movement(m.id),
                      tuple(c for c in cs if has(c, "movements", m)), m.description) for m in catalog.movements]
    years = sorted({y for c in cs for y in c.years}, reverse=True)
    year_terms = [Term("years", str(y), f"Năm {y}", urls.year(y), tuple(c for c in cs if y in c.years))
                  for y in years]
    statuses = [Term("status", s.key, s.label, urls.status(s.key), tuple(c for c in cs if c.status is s))
                for s in ALL_STATUSES]
    under = _campaigns_under(catalog, cs)
    localities = [Term("localities", loc.id, loc.title_name, urls.locality(loc.id), tuple(under.get(loc.id, ())),
                       loc.note) for loc in catalog.localities]
    return {"themes": themes, "movements": movements, "years": year_terms, "status": statuses,
            "localities": localities}


MOVEMENT_EXEMPLARS = 12  # shown on a movement's page; a national movement can have thousands


def _campaigns_under(catalog: Catalog, campaigns: tuple[Listed, ...]) -> dict[str, list[Listed]]:
    """Locality id → the campaigns of the unit, of every unit under it, and of every unit merged
    into it (a province formed in 2025 lists what its predecessors launched: a reader of Đắk Lắk
    looks for Phú Yên's campaigns there). One pass over the campaigns, not one per locality."""
    under: dict[str, list[Listed]] = {}
    for c in campaigns:
        parts = locality_id(c).split("/")
        for i in range(len(parts)):
            under.setdefault("/".join(parts[: i + 1]), []).append(c)
    own = {key: list(items) for key, items in under.items()}
    for loc in catalog.localities:
        seen, target = {loc.id}, loc.merged_into
        while target and target not in seen:  # A merged into B merged into C: C lists A's campaigns too
            under.setdefault(target, []).extend(own.get(loc.id, ()))
            seen.add(target)
            nxt = catalog.locality(target)
            target = nxt.merged_into if nxt else None
    order = {c.id: i for i, c in enumerate(campaigns)}  # newest first, as the catalog keeps them
    return {key: sorted({c.id: c for c in items}.values(), key=lambda c: order[c.id])
            for key, items in under.items()}


def _scope(catalog: Catalog, term: Term) -> tuple[tuple[str, str], ...]:
    """The search filters that a listing of `term` is: its own options, checked in its "Lọc" panel.
    A commune is named with its province, which tells it from its namesakes elsewhere."""
    if term.group != "localities":
        key = {"themes": "theme", "movements": "movement", "years": "year", "status": "status"}[term.group]
        return ((key, term.key if term.group == "years" else term.name),)
    locality = catalog.locality(term.key)
    assert locality is not None
    province = catalog.provinces_of(locality)[0]
    return ((("province", province.title_name),) if province.id == locality.id else
            (("province", province.title_name), ("locality", locality.title_name)))


def _locality_data(catalog: Catalog, locality: Locality, children: list[Locality],
                   absorbed: list[Locality]) -> dict[str, Any]:
    merged = catalog.locality(locality.merged_into) if locality.merged_into else None
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


def _campaign_page(campaign: Campaign, catalog: Catalog, implemented_by: list[dict[str, Any]],
                   draft: bool = False) -> PageSpec:
    """A campaign's page. A draft's (the preview only) says so on top and links to no calendar, which
    drafts do not have."""
    today = catalog.today
    campaign_steps = steps(campaign)
    return PageSpec(urls.campaign(campaign.id), campaign.card.title, "portal/campaign.html", {
        "campaign": campaign,
        "draft": draft,
        "timeline": build_timeline(campaign, today),
        "steps": campaign_steps,
        "step_now": step_on(campaign_steps, today),
        "countdown": countdown(campaign, today),
        "tasks": sorted(campaign.card.tasks, key=lambda t: (t.due is None, t.due.first_day() if t.due else None)),
        "locality_chain": catalog.locality_chain(campaign.issuer_locality),
        "basis": [(b, urls.campaign(b.campaign_id) if b.campaign_id else None) for b in campaign.basis],
        "implemented_by": implemented_by,
        "theme_urls": {t.id: urls.theme(t.id) for t in campaign.themes},
        "movement_urls": {m.id: urls.movement(m.id) for m in campaign.movements},
        "locality_url": urls.locality(campaign.issuer_locality.id),
        "calendar": None if draft else urls.campaign_calendar(campaign.id),
        "province_now": catalog.current_province(campaign.issuer_locality),
        **campaign_results(campaign, catalog),
    }, body=campaign.body, source=campaign.source_path)


def plan_pages(catalog: Catalog, live: str, elsewhere: Mapping[str, dict[str, Any]] | None = None,
               external: tuple[ExternalCampaign, ...] = (),
               external_exemplars: tuple[ExternalExemplar, ...] = ()) -> tuple[PageSpec, ...]:
    """Every page planned from the catalog; `run.portal` adds the search and open-data pages, which
    later stages describe, and content/ holds the Markdown pages editors write.

    `live`: the build day, carried by every page that groups or counts by status: they name
    `campaigns/live.js` of that day (plan/live.py), which the status script re-checks them from.
    `elsewhere`: a province's member portals by locality id (name, page, campaigns): a locality's page
    says where that unit publishes its own campaigns.
    `external`: a province's members' campaigns. They join every campaign listing (all, status, theme,
    movement, year, place) and the counts, as cards that open on the member's portal; the home page's
    sections keep the province's own (a hundred communes' would bury them), with its counts for all.
    `external_exemplars`: the members' exemplars, likewise in the exemplar index and facets and the
    home page's count, not among its newest.
    """
    today = catalog.today
    listed = merged(catalog.campaigns, external)
    terms = _terms(catalog, listed)
    honorees = merged_exemplars(catalog.exemplars, external_exemplars)  # A–Z, sorted once for the facets and index
    facets = exemplar_facets(catalog, honorees)
    pages: list[PageSpec] = []
    children: dict[str | None, list[Locality]] = {}
    absorbed: dict[str, list[Locality]] = {}
    for loc in catalog.localities:
        children.setdefault(loc.parent_id, []).append(loc)
        if loc.merged_into:
            absorbed.setdefault(loc.merged_into, []).append(loc)
    implemented_by: dict[str, list[Campaign]] = {}
    for c in catalog.campaigns:  # newest first, as the cards show them
        for b in dict.fromkeys(b.campaign_id for b in c.basis if b.campaign_id):
            implemented_by.setdefault(b, []).append(c)

    made: dict[str, dict[str, Any]] = {}

    def card(c: Listed) -> dict[str, Any]:
        """One card per campaign, shared by every listing that shows it (planned and hashed once)."""
        if c.id not in made:
            made[c.id] = external_card(c, today) if isinstance(c, ExternalCampaign) else campaign_card(c, today)
        return made[c.id]

    def cards(chunk: Sequence[Listed]) -> dict[str, Any]:
        return {"cards": [card(c) for c in chunk]}

    by_status = {t.key: t for t in terms["status"]}
    own = {s.key: [c for c in catalog.campaigns if c.status is s] for s in (ACTIVE, UPCOMING, ENDED)}
    recent = tuple(c for c in own[ENDED.key] if (today - c.end).days <= RECENT_DAYS)
    home_counts = {s.key: len(by_status[s.key].campaigns) for s in ALL_STATUSES}
    pages.append(PageSpec(urls.HOME, "Trang chủ", "portal/home.html", {
        "active": [card(c) for c in sorted(own[ACTIVE.key], key=lambda c: c.end)],
        "upcoming": [card(c) for c in sorted(own[UPCOMING.key], key=lambda c: c.start or c.end)],
        "recent": [card(c) for c in (recent or own[ENDED.key][:3])],
        "recent_is_fallback": not recent,
        "recent_days": RECENT_DAYS,
        "live": live,
        "counts": home_counts,
        "total": len(listed),
        # A province: its members' campaigns, one click away (they are listed on the members' pages).
        "members": {"count": len(elsewhere), "campaigns": sum(m["campaigns"] for m in elsewhere.values())}
        if elsewhere else None,
        "themes": [t for t in terms["themes"] if t.campaigns],
        "movements": sorted((t for t in terms["movements"] if t.campaigns), key=lambda t: -len(t.campaigns))[:8],
        "provinces": [t for t in terms["localities"] if "/" not in t.key],
        "status_urls": {s.key: urls.status(s.key) for s in ALL_STATUSES},
        "exemplars": [exemplar_card(e, catalog) for e in sorted(
            catalog.exemplars, key=lambda e: -e.card.honored.first_day().toordinal())[:4]],
        "exemplar_count": len(honorees),
        "results_count": sum(1 for c in catalog.campaigns if c.results is not None),
        "notices": home_notices(catalog),
    }, generated=False))
    pages += plan_notice_pages(catalog)
    # A renamed theme's old address still answers: a page that sends the reader to the new one.
    pages += [PageSpec(urls.theme(old), theme.name, "portal/moved.html", {"target": urls.theme(theme.id), "name": theme.name})
              for theme in catalog.themes for old in theme.former_ids]
    pages += [PageSpec(urls.exemplar_facet("themes", old), facets[("themes", theme.id)].title, "portal/moved.html",
                       {"target": facets[("themes", theme.id)].url, "name": facets[("themes", theme.id)].title})
              for theme in catalog.themes if ("themes", theme.id) in facets for old in theme.former_ids]

    for campaign in catalog.campaigns:
        pages.append(_campaign_page(campaign, catalog, [card(c) for c in implemented_by.get(campaign.id, [])]))
    pages += [_campaign_page(draft, catalog, [], draft=True) for draft in catalog.drafts]

    pages += paginate(urls.CAMPAIGNS, "Tất cả phong trào thi đua", listed, "portal/listing.html", {
        "kind": "campaigns", "panel": filter_panel(catalog, listed, ()), "live": live,
        "intro": "Các kế hoạch, văn bản phát động phong trào thi đua, mới nhất trước.",
    }, cards)
    # The breadcrumb between "Phong trào thi đua" and the page: the group's own index, a link. Statuses
    # have no index (their chips are on every listing), so their pages have no such step.
    group_crumbs = {"themes": ("Lĩnh vực", urls.THEMES), "movements": ("Phong trào, cuộc vận động", urls.MOVEMENTS),
                    "years": ("Năm", urls.YEARS), "localities": ("Địa phương", urls.LOCALITIES), "status": None}
    for group, items in terms.items():
        for term in items:
            extra: dict[str, Any] = {"kind": group, "term": term, "group_crumb": group_crumbs[group],
                                     "intro": term.description,
                                     "panel": filter_panel(catalog, term.campaigns, _scope(catalog, term), listed),
                                     "live": live}
            template = "portal/listing.html"
            if group == "localities":
                locality = catalog.locality(term.key)
                assert locality is not None
                extra.update(_locality_data(catalog, locality, children.get(locality.id, []),
                                            absorbed.get(locality.id, [])))
                extra["child_urls"] = {loc.id: urls.locality(loc.id) for loc in extra["children"]}
                extra["chain_urls"] = {loc.id: urls.locality(loc.id) for loc in extra["chain"]}
                extra["absorbed_urls"] = {loc.id: urls.locality(loc.id) for loc in extra["absorbed"]}
                if extra["merged_into"] is not None:
                    extra["merged_url"] = urls.locality(extra["merged_into"].id)
                extra["member"] = (elsewhere or {}).get(locality.id)
                template = "portal/locality.html"
            if group == "movements":
                movement = next(m for m in catalog.movements if m.id == term.key)
                extra["movement"] = movement
                # Its exemplars: those honored in the campaigns that answered it, newest first.
                answered = {c.id for c in term.campaigns}
                honored = sorted((e for e in catalog.exemplars if answered & set(e.campaign_ids)),
                                 key=lambda e: -e.card.honored.first_day().toordinal())
                extra["exemplars"] = [exemplar_card(e, catalog) for e in honored[:MOVEMENT_EXEMPLARS]]
                extra["exemplar_total"] = len(honored)
            facet = facets.get((group, term.key))
            if facet is not None:
                extra["exemplars_link"] = (facet.url, len(facet.exemplars))
            pages += paginate(term.url, term.name, term.campaigns, template, extra, cards)

    index_specs = [
        (urls.THEMES, "Lĩnh vực thi đua", "themes", "Các lĩnh vực mà phong trào thi đua hướng tới."),
        (urls.MOVEMENTS, "Phong trào, cuộc vận động", "movements",
         "Các phong trào thi đua, cuộc vận động toàn quốc và địa phương mà các kế hoạch hưởng ứng."),
        (urls.YEARS, "Theo năm", "years", "Phong trào thi đua diễn ra trong từng năm."),
    ]
    for url, title, group, intro in index_specs:
        pages.append(PageSpec(url, title, "portal/terms.html", {"terms": terms[group], "group": group, "intro": intro}))
    tree = _locality_tree(catalog, children, None, {t.key: len(t.campaigns) for t in terms["localities"]})
    pages.append(PageSpec(urls.LOCALITIES, "Địa phương", "portal/localities.html", {
        "tree": tree, "intro": "Các đơn vị hành chính đã ban hành phong trào thi đua, theo cấp tỉnh → huyện → xã. "
                               "Văn bản giữ tên đơn vị tại thời điểm ban hành; trang của đơn vị ghi rõ đơn vị đó "
                               "đã thay đổi thế nào sau sắp xếp năm 2025."}))
    pages += plan_exemplar_pages(catalog, facets, honorees)
    pages.append(plan_results_page(catalog, live))
    return tuple(pages)


def _locality_tree(catalog: Catalog, children: dict[str | None, list[Locality]], parent: str | None,
                   counts: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for loc in sorted(children.get(parent, []), key=lambda x: collation_key(x.name)):
        out.append({"locality": loc, "url": urls.locality(loc.id), "count": counts.get(loc.id, 0),
                    "merged_into": catalog.locality(loc.merged_into) if loc.merged_into else None,
                    "children": _locality_tree(catalog, children, loc.id, counts)})
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
