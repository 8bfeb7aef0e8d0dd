"""Plan the exemplar pages: one profile each, an A–Z index and one page per facet value.

Facets (individual/collective, locality, year honored, theme, campaign) are real
pages linked from the index, so they work without JavaScript; `exemplar_data_js`
writes the small record list the index script uses to combine facets in place.
Everything here reads `catalog.exemplars`, which holds published exemplars only, and, for a
province, its members' exemplars (`plan.external.ExternalExemplar`): they join the A–Z index and
the facets by kind, place, year and theme, as cards that open on the member's portal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from builder.catalog.catalog import Catalog, Locality
from builder.catalog.exemplars import Exemplar
from builder.core import urls
from builder.core.text import collation_key
from builder.model.schema import EXEMPLAR_KINDS
from builder.plan.external import ExternalExemplar, Honoree, merged_exemplars
from builder.plan.listing import (
    PER_PAGE,
    FilterGroup,
    FilterOption,
    PageSpec,
    campaign_card,
    paginate,
)

FACET_GROUPS = {
    "kind": "Cá nhân, tập thể",
    "localities": "Địa phương",
    "years": "Năm tuyên dương",
    "themes": "Lĩnh vực",
    "campaigns": "Phong trào thi đua",
}


@dataclass(frozen=True)
class Facet:
    group: str
    key: str
    name: str  # as the facet list shows it
    title: str  # the facet page's heading
    url: str
    exemplars: tuple[Honoree, ...]  # A–Z
    depth: int = 0


def exemplar_card(exemplar: Honoree, catalog: Catalog) -> dict[str, Any]:
    """What a listing shows of an exemplar; one definition for every card. A member's opens on its portal."""
    locality = catalog.locality(exemplar.locality_id)
    if isinstance(exemplar, ExternalExemplar):
        return {"external": exemplar, "url": exemplar.url, "locality": locality}
    return {"exemplar": exemplar, "url": urls.exemplar(exemplar.id), "locality": locality}


def _locality_order(catalog: Catalog) -> list[Locality]:
    """Provinces A–Z, each followed by its units, depth first: the order a tree is read in."""
    children: dict[str | None, list[Locality]] = {}
    for loc in catalog.localities:
        children.setdefault(loc.parent_id, []).append(loc)
    ordered: list[Locality] = []

    def walk(parent: str | None) -> None:
        for loc in sorted(children.get(parent, []), key=lambda x: collation_key(x.name)):
            ordered.append(loc)
            walk(loc.id)

    walk(None)
    return ordered


def exemplar_facets(catalog: Catalog, honorees: Sequence[Honoree] | None = None) -> dict[tuple[str, str], Facet]:
    """Every non-empty facet value, keyed by (group, key), in display order within each group.

    `honorees`: every exemplar listed, A–Z (`merged_exemplars`), when a province's members' join the
    catalog's; theirs are in every facet but the province's campaigns."""
    buckets: dict[tuple[str, str], list[Honoree]] = {}
    for e in catalog.exemplars if honorees is None else honorees:
        own = isinstance(e, Exemplar)
        keys = [("kind", e.card.kind if own else e.kind), ("years", str(e.year))]
        parts = e.locality_id.split("/")
        keys += [("localities", "/".join(parts[: i + 1])) for i in range(len(parts))]
        keys += [("themes", t) for t in (e.theme_ids if own else e.themes)]
        keys += [("campaigns", c) for c in e.campaign_ids] if own else []
        for key in keys:
            buckets.setdefault(key, []).append(e)

    facets: list[Facet] = []

    def add(group: str, key: str, name: str, title: str, depth: int = 0) -> None:
        if (group, key) in buckets:
            facets.append(Facet(group, key, name, title, urls.exemplar_facet(group, key),
                                tuple(buckets[(group, key)]), depth))

    for key, label in EXEMPLAR_KINDS.items():
        add("kind", key, label, f"Điển hình tiên tiến: {label.lower()}")
    for loc in _locality_order(catalog):
        add("localities", loc.id, loc.title_name, f"Điển hình tiên tiến của {loc.full_name}", loc.id.count("/"))
    for year in sorted({int(key) for group, key in buckets if group == "years"}, reverse=True):
        add("years", str(year), str(year), f"Điển hình tiên tiến được tuyên dương năm {year}")
    for theme in catalog.themes:
        add("themes", theme.id, theme.name, f"Điển hình tiên tiến lĩnh vực {theme.name}")
    for campaign in catalog.campaigns:
        add("campaigns", campaign.id, campaign.card.title, f"Điển hình tiên tiến trong phong trào: {campaign.card.title}")
    return {(f.group, f.key): f for f in facets}


# A page lists at most this many values of one facet; a national portal has thousands of
# communes and campaigns, and listing them all on each of thousands of facet pages made
# every page megabytes and the build quadratic. The rest sit on one page per facet.
LIST_LIMIT = 40
SELECT_LIMIT = 300  # choices in the script's <select>: province and district levels, or the largest values


@dataclass(frozen=True)
class FacetMenu:
    """Each facet's values, ordered and cut once per build; pages only mark their own value."""

    label: str
    group: str
    options: tuple[FilterOption, ...]  # every value, in display order
    shown: tuple[FilterOption, ...]  # what a page lists
    select: tuple[FilterOption, ...]
    index_url: str
    select_html: Markup = Markup("")  # the <option>s, the same on every page: rendered once per build


def _options_html(options: tuple[FilterOption, ...]) -> Markup:
    """The script form's choices as HTML. Thousands of facet pages share them, and rendering
    them once instead of per page took a third off the template time at 10,000 records."""
    def label(text: str) -> str:
        return text if len(text) <= 70 else text[:67].rsplit(" ", 1)[0] + "..."
    indent = "\u00a0\u00a0"
    return Markup("".join(f'<option value="{escape(o.key)}">{indent * o.depth}{escape(label(o.label))} '
                          f"({o.count})</option>" for o in options))


def facet_menus(facets: dict[tuple[str, str], Facet]) -> list[FacetMenu]:
    menus = []
    for group, label in FACET_GROUPS.items():
        options = tuple(FilterOption(f.name, f.url, len(f.exemplars), False, f.key, f.depth)
                        for f in facets.values() if f.group == group)
        if not options:
            continue
        shown, select = options, options
        if len(options) > LIST_LIMIT:
            largest = {o.url for o in sorted(options, key=lambda o: -o.count)[:LIST_LIMIT]}
            shown = tuple(o for o in options if o.url in largest)
        if len(options) > SELECT_LIMIT:
            shallow = [o for o in options if o.depth <= 1]
            keep = {o.url for o in (shallow if 0 < len(shallow) <= SELECT_LIMIT
                                    else sorted(options, key=lambda o: -o.count)[:SELECT_LIMIT])}
            select = tuple(o for o in options if o.url in keep)
        menus.append(FacetMenu(label, group, options, shown, select, urls.exemplar_facet(group, "index"),
                               _options_html(select)))
    return menus


def _facet_groups(menus: list[FacetMenu], current: Facet | None,
                  selectable: dict[str, set[str]]) -> tuple[FilterGroup, ...]:
    """The menus for one page: its own value marked (and added when the cut left it out).

    `selectable` is each group's URLs in the script's <select>, looked up once per build: thousands
    of facet pages scanning a 300-entry menu each was quadratic at 10,000 records.
    """
    def mark(options: tuple[FilterOption, ...], menu: FacetMenu) -> tuple[FilterOption, ...]:
        if current is None or current.group != menu.group:
            return options
        own = FilterOption(current.name, current.url, len(current.exemplars), True, current.key, current.depth)
        marked = tuple(own if o.url == current.url else o for o in options)
        return marked if own in marked else (own, *marked)

    groups = []
    for menu in menus:
        cut = len(menu.shown) < len(menu.options)
        own = current is not None and current.group == menu.group
        select_html = menu.select_html
        if own and current is not None and current.url not in selectable[menu.group]:
            select_html = _options_html((FilterOption(current.name, current.url, len(current.exemplars), True,
                                                      current.key, current.depth),)) + select_html
        groups.append(FilterGroup(menu.label, mark(menu.shown, menu), menu.group,
                                  more=(menu.index_url, len(menu.options)) if cut else None,
                                  select_html=select_html,
                                  current_key=current.key if own and current else ""))
    return tuple(groups)


def _letter_anchor(letter: str) -> str:
    return f"chu-{ord(letter):x}"


def _az_render(catalog: Catalog) -> Callable[[Sequence[Honoree]], dict[str, Any]]:
    """Per-page data for an A–Z listing: cards grouped under their initial letter."""
    def render(chunk: Sequence[Honoree]) -> dict[str, Any]:
        groups: list[dict[str, Any]] = []
        for e in chunk:
            if not groups or groups[-1]["letter"] != e.initial:
                groups.append({"letter": e.initial, "anchor": _letter_anchor(e.initial), "cards": []})
            groups[-1]["cards"].append(exemplar_card(e, catalog))
        return {"groups": groups, "cards": [c for g in groups for c in g["cards"]]}
    return render


def _letters(base_url: str, items: Sequence[Honoree], per_page: int) -> list[tuple[str, str]]:
    """(letter, link) for the letter bar: the page and anchor where each letter starts."""
    seen: dict[str, str] = {}
    for index, e in enumerate(items):
        if e.initial not in seen:
            seen[e.initial] = f"{urls.paged(base_url, index // per_page + 1)}#{_letter_anchor(e.initial)}"
    return list(seen.items())


def plan_exemplar_pages(catalog: Catalog, facets: dict[tuple[str, str], Facet],
                        honorees: Sequence[Honoree] | None = None) -> list[PageSpec]:
    """Each exemplar's page, the A–Z index (of `honorees`, as for `exemplar_facets`) and a page per facet value."""
    pages: list[PageSpec] = []
    for e in catalog.exemplars:
        locality = catalog.locality(e.locality_id)
        assert locality is not None
        chain = catalog.locality_chain(locality)
        pages.append(PageSpec(urls.exemplar(e.id), e.card.name, "portal/exemplar.html", {
            "exemplar": e,
            "locality": locality,
            "locality_chain": chain,
            "locality_url": urls.exemplar_facet("localities", locality.id),
            "locality_page_url": urls.locality(locality.id),
            "themes": [(t, urls.exemplar_facet("themes", t.id)) for t in catalog.themes if t.id in e.theme_ids],
            "campaigns": [campaign_card(c, catalog.today) for cid in e.campaign_ids
                          if (c := catalog.campaign(cid)) is not None],
            "kind_url": urls.exemplar_facet("kind", e.card.kind),
            "year_url": urls.exemplar_facet("years", str(e.year)),
        }, body=e.story, source=e.source_path))

    menus = facet_menus(facets)
    selectable = {menu.group: {o.url for o in menu.select} for menu in menus}
    indexes = {menu.group: menu.index_url for menu in menus if len(menu.shown) < len(menu.options)}
    listings: list[tuple[str, str, Facet | None, Sequence[Honoree]]] = [
        (urls.EXEMPLARS, "Điển hình tiên tiến", None, catalog.exemplars if honorees is None else honorees)]
    listings += [(f.url, f.title, f, f.exemplars) for f in facets.values()]
    for url, title, facet, items in listings:
        data = {
            "facet": facet,
            "facet_groups": _facet_groups(menus, facet, selectable),
            "letters": _letters(url, items, PER_PAGE),
            "data_url": urls.EXEMPLAR_DATA,
            # A breadcrumb step only where the group has its own index page: every step is a link.
            "group_crumb": (FACET_GROUPS[facet.group], indexes[facet.group])
            if facet and facet.group in indexes else None,
            "intro": None if facet else (
                "Những cá nhân, tập thể tiêu biểu được tuyên dương, khen thưởng trong các phong trào thi đua, "
                "xếp theo thứ tự chữ cái (người theo tên, tập thể theo tên gọi)."),
        }
        pages += paginate(url, title, items, "portal/exemplars.html", data, _az_render(catalog))
    for menu in menus:
        if len(menu.shown) < len(menu.options):
            pages.append(PageSpec(menu.index_url, f"Điển hình tiên tiến theo {menu.label.lower()}",
                                  "portal/exemplar_facet_index.html", {"menu": menu}))
    return pages


def exemplar_data_js(catalog: Catalog, external: tuple[ExternalExemplar, ...] = ()) -> str:
    """`exemplars/data.js`: what the index script needs to combine facets, published exemplars only
    (a province's members' too, with their portal's name and the address of their page there).

    A script file rather than JSON: `<script src>` also loads from a folder opened from
    disk, where `fetch()` is refused. Only what the script matches on and shows on a card: a
    province over 100 members of 30 exemplars each had 1,491 KB (129 KB gzipped) with each
    summary, which no card shows.
    """
    records = []
    for e in merged_exemplars(catalog.exemplars, external):
        if isinstance(e, ExternalExemplar):
            records.append({
                "url": e.url, "name": e.name, "kind": e.kind, "kindLabel": e.kind_label, "role": e.role or "",
                "locality": e.locality_id, "localityName": e.locality_name, "year": str(e.year),
                "themes": list(e.themes), "campaigns": [], "sample": e.sample,
                "photo": "", "alt": "", "member": e.member,
            })
            continue
        locality = catalog.locality(e.locality_id)
        records.append({
            "url": urls.exemplar(e.id), "name": e.card.name, "kind": e.card.kind,
            "kindLabel": e.kind_label, "role": e.card.role or "", "locality": e.locality_id,
            "localityName": locality.title_name if locality else "", "year": str(e.year),
            "themes": list(e.theme_ids), "campaigns": list(e.campaign_ids),
            "sample": e.card.sample,
            "photo": e.photo.variants[0].url if e.photo else "", "alt": e.photo.alt if e.photo else "",
        })
    text = json.dumps(records, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.portalExemplars = {text};\n"
