"""The members' exemplars as the province's exemplar listings take them (`plan.external.ExternalExemplar`).

A member's published record becomes one listing item: its unit and themes under the province's
registry ids where the province knows them (so it joins those facets), the honor date as the
member wrote it, and the address of its page on the member's portal.
"""

from __future__ import annotations

from builder.catalog.catalog import Catalog
from builder.core.dates import parse_partial_date
from builder.core.site import Site
from builder.federation.campaigns import addressed
from builder.federation.member_data import MemberSite
from builder.outputs.open_data import ExemplarRecord
from builder.plan.external import ExternalExemplar


def member_exemplars(sites: list[MemberSite], site: Site, catalog: Catalog) -> tuple[ExternalExemplar, ...]:
    """Every member's exemplars, member by member in the order mkdocs.yml lists them."""
    themes = {t.id for t in catalog.themes}
    return tuple(external_exemplar(record, member_site, href, catalog, themes)
                 for member_site, record, href in addressed(sites, site, lambda m: m.exemplars))


def external_exemplar(record: ExemplarRecord, member_site: MemberSite, href: str, catalog: Catalog,
                      themes: set[str]) -> ExternalExemplar:
    """`themes`: the province's theme ids; a theme it does not know gives no facet."""
    known = catalog.locality(record.locality_id)
    return ExternalExemplar(
        id=f"{member_site.member.key}/{record.id}", member=member_site.member.name, url=href, name=record.name,
        kind=record.kind, kind_label=record.kind_label, role=record.role, locality_id=record.locality_id,
        locality_name=known.title_name if known is not None else record.locality,
        honored=parse_partial_date(record.honored),  # checked when the member was read (member_data)
        themes=tuple(t.id for t in record.themes if t.id in themes), sample=record.sample)
