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

from builder.catalog.status import ACTIVE, UPCOMING, Status, compute_status
from builder.catalog.status import OVERRIDES as STATUS_OVERRIDES
from builder.core.site import Site
from builder.federation.member_data import MemberSite
from builder.outputs.open_data import CampaignRecord
from builder.plan.listing import PageSpec

URL = "members/index.html"
# A record publishes its status's key; the word a card writes for the statuses no date changes, back from it.
OVERRIDES = {status.key: word for word, status in STATUS_OVERRIDES.items()}


def member_address(url: str, site: Site) -> str:
    """A member served under the province's own address is linked relatively: the federation then works
    on any host and sub-path it is copied to; any other member by its full address."""
    return url[len(site.url):] if site.url and url.startswith(site.url) else url


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


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


def member_url(key: str) -> str:
    return f"members/{key}.html"


def plan_members_pages(sites: list[MemberSite], site: Site, today: dt.date) -> tuple[PageSpec, ...]:
    members = []
    for member_site in sites:
        m = member_site.member
        base = member_address(m.url, site)
        campaigns = []
        for record in member_site.campaigns:
            start, end, override, status = record_status(record, today)
            campaigns.append({"id": record.id, "title": record.title, "issuer": record.issuer, "locality": record.locality,
                              "href": member_home(record.url, member_site.published_url, m.url, base),
                              "start": start, "end": end, "override": override or "", "status": status,
                              "summary": record.summary})
        campaigns.sort(key=lambda c: (c["end"], c["id"]), reverse=True)
        members.append({
            "key": m.key, "name": m.name, "locality": m.locality, "href": base, "page": member_url(m.key),
            "state": member_site.state, "build_date": _day(member_site.build_date), "campaigns": campaigns,
            "counts": {s.key: sum(1 for c in campaigns if c["status"].key == s.key) for s in (ACTIVE, UPCOMING)},
            "results": len(member_site.results), "exemplars": len(member_site.exemplars),
            "collectives": sum(r.total_collectives for r in member_site.results),
            "individuals": sum(r.total_individuals for r in member_site.results),
        })
    totals = {k: sum(len(m["campaigns"]) if k == "campaigns" else m[k] for m in members)
              for k in ("campaigns", "results", "collectives", "individuals")}
    index = PageSpec(URL, "Cổng thành viên", "portal/members.html", {"members": members, "today": today, "totals": totals})
    return (index, *(PageSpec(m["page"], m["name"], "portal/member.html", {"member": m, "today": today})
                     for m in members))
