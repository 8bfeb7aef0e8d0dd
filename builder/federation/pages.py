"""The province's pages over its members: "Cổng thành viên" (members/index.html), the members with
their counts and results, and one page per member (members/<key>.html) with its campaigns, so that
no page grows with the number of members times their campaigns.

Each member's campaigns link to their pages on the member's own portal (the canonical address
stays there) and keep their identity (member, id). Statuses are computed here for the province's
build date by the same rule as the member's own (`catalog.status.compute_status`), and the badges
carry their dates, so `portal.js` re-checks them on the day the page is read. The results line
totals what each member's published results say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from builder.catalog.status import ACTIVE, UPCOMING
from builder.core.site import Site
from builder.federation.campaigns import member_address
from builder.federation.member_data import MemberSite
from builder.plan.external import ExternalCampaign
from builder.plan.listing import PageSpec, external_card

URL = "members/index.html"


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def member_url(key: str) -> str:
    return f"members/{key}.html"


def plan_members_pages(sites: list[MemberSite], external: Sequence[ExternalCampaign], site: Site,
                       today: dt.date) -> tuple[PageSpec, ...]:
    """`external`: the members' campaigns as every listing shows them (`campaigns.member_campaigns`)."""
    by_member: dict[str, list[ExternalCampaign]] = {}
    for item in external:
        by_member.setdefault(item.id.split("/", 1)[0], []).append(item)
    members = []
    for member_site in sites:
        m = member_site.member
        base = member_address(m.url, site)
        campaigns = [external_card(c, today) for c in
                     sorted(by_member.get(m.key, ()), key=lambda c: (c.end, c.id), reverse=True)]
        members.append({
            "key": m.key, "name": m.name, "locality": m.locality, "href": base, "page": member_url(m.key),
            "state": member_site.state, "build_date": _day(member_site.build_date), "campaigns": campaigns,
            "counts": {s.key: sum(1 for c in campaigns if c["external"].status is s) for s in (ACTIVE, UPCOMING)},
            "results": len(member_site.results), "exemplars": len(member_site.exemplars),
            "collectives": sum(r.total_collectives for r in member_site.results),
            "individuals": sum(r.total_individuals for r in member_site.results),
        })
    totals = {k: sum(len(m["campaigns"]) if k == "campaigns" else m[k] for m in members)
              for k in ("campaigns", "results", "collectives", "individuals")}
    index = PageSpec(URL, "Cổng thành viên", "portal/members.html", {"members": members, "today": today, "totals": totals})
    return (index, *(PageSpec(m["page"], m["name"], "portal/member.html", {"member": m, "today": today})
                     for m in members))
