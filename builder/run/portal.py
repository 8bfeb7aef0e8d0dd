"""The pipeline in one call: sources → catalog → pages, for any engine to render.

The MkDocs adapter and the command line both start here, so the order of steps lives
in one place (the build date is chosen in `project.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from builder.catalog.catalog import Catalog
from builder.catalog.crosschecks import check_missing_links
from builder.catalog.exemplars import EXEMPLARS_DIR
from builder.catalog.load import load_catalog
from builder.catalog.notices import DEFAULT_RETENTION_DAYS
from builder.core.problems import ContentError, Problem, Problems
from builder.core.site import Site
from builder.core.urls import search_bundle
from builder.federation.campaigns import member_campaigns
from builder.federation.exemplars import member_exemplars
from builder.federation.member_data import read_members
from builder.federation.members import parse_members
from builder.federation.pages import member_url, plan_members_pages
from builder.federation.reconcile import unknown_localities
from builder.federation.search import member_search_records
from builder.load.yamlload import ParseCache
from builder.outputs.feeds import Feed, plan_feeds
from builder.outputs.files import OutputFile, plan_outputs
from builder.outputs.open_data import plan_open_data_page
from builder.plan.external import merged
from builder.plan.pages import PageSpec, check_collisions, plan_pages
from builder.search.records import (
    SPLIT_AT,
    SearchRecord,
    plan_search_page,
    search_bundles,
)


@dataclass(frozen=True)
class Portal:
    catalog: Catalog
    pages: tuple[PageSpec, ...]
    outputs: tuple[OutputFile, ...]
    feeds: tuple[Feed, ...] = ()  # planned once: written as outputs, linked from their pages
    search_bundles: tuple[str, ...] = (search_bundle(0),)  # folders of the search index, read by the search page
    warnings: tuple[Problem, ...] = ()  # members that could not be read (a province): shown, never stopping
    member_records: tuple[SearchRecord, ...] = ()  # a province's members' cards, in its own search index


def build_portal(root: Path, today: dt.date, campaigns_dir: str = "campaigns", content_dir: str = "content",
                 site: Site | None = None, search_split_at: int = SPLIT_AT, parsed: ParseCache | None = None,
                 notice_retention_days: int = DEFAULT_RETENTION_DAYS, include_drafts: bool = False,
                 members: object = None, cache_dir: str = ".portal-cache") -> Portal:
    """Load, validate and plan the whole portal; raises ContentError with every problem.

    Args:
        content_dir: MkDocs' `docs_dir`, relative to `root` (exemplars live in its exemplars/).
        site: name and address for feeds, calendars and open data (mkdocs.yml's site_name, site_url).
        search_split_at: campaigns + exemplars from which the search index is built in two parts.
        parsed: documents an earlier build parsed (`yamlload.ParseCache`).
        notice_retention_days: days after a notice's window during which its individual nominees stay public.
        include_drafts: the preview: drafts that validate get their own page with a "Bản nháp" banner.
        members: a province's member portals, as mkdocs.yml lists them (`federation.members`).
        cache_dir: relative to `root`: where fetched members and their last good copies are kept.
    """
    catalog = load_catalog(root, today, campaigns_dir, content_dir, parsed, notice_retention_days, include_drafts)
    site = site or Site("")
    member_list, problems = parse_members(members, cache_dir)
    if problems:
        raise ContentError(problems.items)
    member_sites, warnings = read_members(root, member_list, root / cache_dir)
    warnings += unknown_localities(member_sites, {loc.id for loc in catalog.localities})
    external = member_campaigns(member_sites, site, catalog)  # listed beside the province's own
    honorees = member_exemplars(member_sites, site, catalog)
    listed = merged(catalog.campaigns, external)
    member_records = tuple(member_search_records(member_sites, external, site, catalog))  # one index for the province
    bundles = search_bundles(catalog, search_split_at, len(member_records))
    live = catalog.today.isoformat()  # the pages that group by status name campaigns/live.js of this day
    elsewhere = {m.member.locality: {"name": m.member.name, "page": member_url(m.member.key), "campaigns": len(m.campaigns)}
                 for m in member_sites}
    pages = plan_pages(catalog, live, elsewhere, external, honorees) + (plan_search_page(bundles, live), plan_open_data_page(catalog))
    if member_list:
        pages += plan_members_pages(member_sites, external, site, catalog.today)
    clashes = check_collisions(pages)
    if clashes:
        raise ContentError([Problem(url, 0, 0, "", message) for url, message in clashes])
    feeds = plan_feeds(catalog, site)
    outputs = plan_outputs(catalog, site, feeds, len(pages), bundles, listed, honorees)
    problems = _content_collisions(root / content_dir, content_dir, pages, outputs)
    problems += _missing_links(catalog, root / content_dir, pages, outputs)
    if problems:
        raise ContentError(problems)
    return Portal(catalog, pages, outputs, feeds, bundles, tuple(warnings), member_records)


def _missing_links(catalog: Catalog, content: Path, pages: tuple[PageSpec, ...],
                   outputs: tuple[OutputFile, ...]) -> list[Problem]:
    """Links between the portal's own pages must lead somewhere: checked once every page is planned."""
    known = {p.url for p in pages} | {p.src_uri for p in pages} | {o.url for o in outputs}
    for path in content.rglob("*") if content.is_dir() else []:
        if path.is_file():
            rel = path.relative_to(content).as_posix()
            known |= {rel, rel[:-3] + ".html"} if rel.endswith(".md") else {rel}
    found = Problems()
    check_missing_links(catalog.texts, known, found)
    return list(found.items)


def _content_collisions(content: Path, content_dir: str, pages: tuple[PageSpec, ...],
                        outputs: tuple[OutputFile, ...]) -> list[Problem]:
    """Two files writing one URL is fatal: a file in content/ must not replace a generated page or file;
    and a page the plan expects from content/ (the home page) must be there. The one place this is checked."""
    taken = {p.src_uri: p.url for p in pages if p.generated} | {o.url: o.url for o in outputs}
    problems = [Problem(f"{content_dir}/{p.src_uri}", 0, 0, "", "thiếu trang này; hãy tạo tệp (xem content/ trong mẫu)")
                for p in pages if not p.generated and not (content / p.src_uri).is_file()]
    for path in sorted(content.rglob("*")) if content.is_dir() else []:
        rel = path.relative_to(content).as_posix()
        if path.is_file() and not rel.startswith(EXEMPLARS_DIR + "/") and rel in taken:
            problems.append(Problem(f"{content_dir}/{rel}", 0, 0, "",
                                    f"trùng địa chỉ với trang {taken[rel]} do cổng tạo ra; hãy đổi tên tệp"))
    return problems
