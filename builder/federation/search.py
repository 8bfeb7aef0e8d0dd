"""The members' campaigns and exemplars in the province's own search index.

A province searches its members from one index: each member's published cards (`data/*.json`)
become search records of the province, with the same filters as its own (type, status, year,
province and commune, theme, movement), linking to their pages on the member's portal. Pagefind's
multisite search (merging each member's bundle in the browser) was measured first: a first query
over 100 members downloaded 3.7–7.6 MB, every member's index entry and word chunks, where one
portal of 10,000 pages needs 186–270 KB (bench/HISTORY.md). One index keeps that budget; the price
is that the province finds a member's campaign by its card (title, issuer, number, slogan,
summary, places, themes, tasks, awards), while its full text is searched on the member's portal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from builder.catalog.catalog import Catalog
from builder.core.dates import display_day
from builder.core.site import Site
from builder.federation.campaigns import member_address, member_home, places
from builder.federation.member_data import MemberSite
from builder.outputs.open_data import CampaignRecord, ExemplarRecord
from builder.plan.external import ExternalCampaign
from builder.plan.live import can_change
from builder.search.records import (
    TYPE_CAMPAIGN,
    TYPE_EXEMPLAR,
    SearchRecord,
    record_blocks,
)


def member_search_records(sites: list[MemberSite], listed: Sequence[ExternalCampaign], site: Site,
                          catalog: Catalog) -> list[SearchRecord]:
    """`listed`: the members' campaigns as the listings show them (`campaigns.member_campaigns`), whose
    status and filter values the records share."""
    items = {item.id: item for item in listed}
    records = []
    for member_site in sites:
        base = member_address(member_site.member.url, site)
        for c in member_site.campaigns:
            records.append(_campaign(c, items[f"{member_site.member.key}/{c.id}"], catalog.today))
        for e in member_site.exemplars:
            href = member_home(e.url, member_site.published_url, member_site.member.url, base)
            records.append(_exemplar(e, href, member_site.member.key, catalog))
    return records


def _campaign(c: CampaignRecord, item: ExternalCampaign, today: dt.date) -> SearchRecord:
    start, end = item.start, item.end
    filters = [("type", TYPE_CAMPAIGN), ("status", item.status.label)]
    if can_change(item, today):  # the search script corrects the status filter by it, as for the province's own
        filters.append(("live", item.url))
    filters += item.filters
    blocks = record_blocks(lead=[(c.issuer, c.number)], kind=c.kind_label, slogan=c.slogan, summary=c.summary,
                           places=[c.locality, c.province, c.occasion],
                           topics=[t.name for t in c.themes] + [m.name for m in c.movements],
                           lists=[*(" ".join(p for p in (b.number, b.title, b.issuer) if p) for b in c.basis),
                                  *c.awards, *(f"{t.unit}: {t.task}" for t in c.tasks)])
    period = f"{display_day(start)} – {display_day(end)}" if start else f"đến {display_day(end)}"
    meta = (("kind", "campaign"), ("type", TYPE_CAMPAIGN), ("date", period), ("place", c.locality),
            ("summary", c.summary), ("start", c.start or ""), ("end", c.end), ("override", item.override),
            ("status", item.status.key))
    return SearchRecord(f"members/{item.id}.html", c.title, blocks, tuple(filters), meta, href=item.url)


def _exemplar(e: ExemplarRecord, href: str, key: str, catalog: Catalog) -> SearchRecord:
    filters = [("type", TYPE_EXEMPLAR), ("year", e.honored[:4])]
    filters += places(catalog, e.locality_id, "", e.locality)
    filters += [("theme", t.name) for t in e.themes]
    blocks = record_blocks(lead=[(e.kind_label, e.role)], kind=None, slogan=None, summary=e.summary,
                           places=[e.locality], topics=[t.name for t in e.themes],
                           lists=[" ".join(p for p in (a.form, str(a.year), a.decision) if p) for a in e.awards])
    meta = (("kind", "exemplar"), ("type", f"{TYPE_EXEMPLAR} · {e.kind_label}"), ("date", f"Tuyên dương {e.honored}"),
            ("place", e.locality), ("summary", e.summary))
    return SearchRecord(f"members/{key}/{e.id}.exemplar.html", e.name, blocks, tuple(filters), meta, href=href)
