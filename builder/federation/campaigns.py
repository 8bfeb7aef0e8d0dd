"""The members' campaigns as the province's listings take them (`plan.external.ExternalCampaign`).

A member's published record becomes one listing item: status for the province's build day by the
member's own rule, the province's filter values (its registry's names for places, themes and
movements it knows, the member's words for those it does not), and the address of the campaign's
page on the member's portal. The search records of the same campaigns use the same filter values,
so a "Lọc" choice on a listing is the same choice on the search page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from builder.catalog.catalog import Catalog
from builder.catalog.status import OVERRIDES as STATUS_OVERRIDES
from builder.catalog.status import Status, compute_status
from builder.core.dates import period_years
from builder.core.site import Site
from builder.federation.member_data import MemberSite
from builder.outputs.open_data import CampaignRecord, ExemplarRecord
from builder.plan.external import ExternalCampaign
from builder.plan.filter_panel import place_filters

Published = TypeVar("Published", CampaignRecord, ExemplarRecord)

# A record publishes its status's key; the word a card writes for the statuses no date changes, back from it.
OVERRIDES = {status.key: word for word, status in STATUS_OVERRIDES.items()}


def member_address(url: str, site: Site) -> str:
    """A member served under the province's own address is linked relatively: the federation then works
    on any host and sub-path it is copied to; any other member by its full address."""
    return url[len(site.url):] if site.url and url.startswith(site.url) else url


def member_home(url: str, published: str, served: str, base: str) -> str:
    """A record's address where the member is served: its records name the member's own site_url, which a
    province may reach at another address (a mirror, a sub-folder of its own)."""
    for root in (published, served):
        if root and url.startswith(root):
            return base + url[len(root):]
    return url


def record_status(record: CampaignRecord, today: dt.date) -> tuple[dt.date | None, dt.date, str | None, Status]:
    """(start, end, override, status on `today`) of a member's campaign, by the rule its own portal uses."""
    start = dt.date.fromisoformat(record.start) if record.start else None
    end = dt.date.fromisoformat(record.end)
    override = OVERRIDES.get(record.status)
    return start, end, override, compute_status(start, end, override, today)


def addressed(sites: list[MemberSite], site: Site,
              records: Callable[[MemberSite], Sequence[Published]]) -> Iterator[tuple[MemberSite, Published, str]]:
    """(member, record, address of the record's page where the province reaches the member), member by
    member in the order mkdocs.yml lists them."""
    for member_site in sites:
        base = member_address(member_site.member.url, site)
        for record in records(member_site):
            yield member_site, record, member_home(record.url, member_site.published_url, member_site.member.url, base)


def member_campaigns(sites: list[MemberSite], site: Site, catalog: Catalog) -> tuple[ExternalCampaign, ...]:
    """Every member's campaigns, member by member in the order mkdocs.yml lists them."""
    names = {("theme", t.id): t.name for t in catalog.themes} | {("movement", m.id): m.name for m in catalog.movements}
    return tuple(external_campaign(record, member_site, href, catalog, names)
                 for member_site, record, href in addressed(sites, site, lambda m: m.campaigns))


def external_campaign(record: CampaignRecord, member_site: MemberSite, href: str, catalog: Catalog,
                      names: dict[tuple[str, str], str]) -> ExternalCampaign:
    """`names`: the province's theme and movement names by ("theme" | "movement", id)."""
    start, end, override, status = record_status(record, catalog.today)
    filters = [("year", str(y)) for y in period_years(start, end)]
    filters += places(catalog, record.locality_id, record.province, record.locality)
    filters += [("theme", names.get(("theme", t.id), t.name)) for t in record.themes]
    filters += [("movement", names.get(("movement", m.id), m.name)) for m in record.movements]
    return ExternalCampaign(
        id=f"{member_site.member.key}/{record.id}", member=member_site.member.name, url=href, title=record.title,
        kind_label=record.kind_label, issuer=record.issuer, locality_id=record.locality_id, start=start, end=end,
        override=override or "", status=status, issued=_first_day(record.issued), slogan=record.slogan,
        themes=tuple(t.id for t in record.themes), movements=tuple(m.id for m in record.movements),
        filters=tuple(dict.fromkeys(filters)), has_results=record.has_results)


def places(catalog: Catalog, locality_id: str, province: str, locality: str) -> list[tuple[str, str]]:
    """The province's own facet values when it knows the unit, else the names the member wrote."""
    known = catalog.locality(locality_id)
    if known is not None:
        return place_filters(catalog, known)
    found = [("province", _capital(province))] if province else []
    return found + ([("locality", _capital(locality))] if locality and locality != province else [])


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


def _first_day(issued: str | None) -> dt.date | None:
    """A record's issue date at the precision the document gives (2025, 2025-03 or 2025-03-15)."""
    if not issued:
        return None
    parts = issued.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None
