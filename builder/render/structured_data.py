"""What a page tells machines: schema.org JSON-LD, Open Graph and Twitter card tags.

Pipeline step (pages → render). Search engines read the JSON-LD (a campaign is an
`Event` organized by a `GovernmentOrganization`; an exemplar is a `Person` or
`Organization` with its `award`s); chat apps and social networks read Open Graph
when a citizen shares a link; a printed campaign carries a QR code of its address.
All of it comes from the catalog, like the page itself. The JSON is escaped for a
`<script>` element (`<`, `>` and `&` as \\u escapes), so no name or title can
close the element, whatever an editor typed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from builder.catalog.catalog import Campaign, Catalog
from builder.catalog.exemplars import Exemplar
from builder.catalog.notices import Notice
from builder.catalog.status import CANCELLED, POSTPONED
from builder.core import urls
from builder.core.site import Site

SHARE_IMAGE = "assets/share.png"  # 1200×630, in theme/assets; exemplar photos replace it on their pages
SCHEMA = "https://schema.org"


@dataclass(frozen=True)
class PageMeta:
    description: str
    og_type: str  # website, article, profile
    image: str  # site-relative or absolute
    image_alt: str
    json_ld: str  # ready to sit inside <script type="application/ld+json">
    qr_svg: str = ""  # campaign pages with a site_url: a QR code of the page's address, for print


def qr_svg(address: str) -> str:
    """An inline SVG QR code (segno), printed on a campaign's notice-board copy.

    The mask is fixed: choosing the best of eight costs 3.6 ms a code, 22 s for 6,000
    campaigns, and any mask is valid to every reader; 0.7 ms with one. segno is imported
    here, in the child that makes the codes, not at every build's start.
    """
    import segno

    return segno.make_qr(address, error="m", mask=0, boost_error=False).svg_inline(scale=3, border=2,
                                                                                   svgclass="portal-qr")


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _website(site: Site) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "WebSite", "name": site.name, "inLanguage": "vi"}
    if site.url:
        node["@id"] = site.url + "#website"
        node["url"] = site.url
    return node


def _campaign(campaign: Campaign, catalog: Catalog, site: Site, page_url: str) -> list[dict[str, Any]]:
    card = campaign.card
    chain = catalog.locality_chain(campaign.issuer_locality)
    area = {"@type": "AdministrativeArea", "name": ", ".join(loc.full_name for loc in chain)}
    issuer = {"@type": "GovernmentOrganization", "@id": page_url + "#issuer", "name": card.issuer.name,
              "areaServed": area}
    status = {CANCELLED.key: "EventCancelled", POSTPONED.key: "EventPostponed"}.get(campaign.status.key, "EventScheduled")
    event: dict[str, Any] = {
        "@type": "Event", "@id": page_url + "#campaign", "name": card.title, "description": card.summary,
        "url": page_url, "endDate": campaign.end.isoformat(), "eventStatus": f"{SCHEMA}/{status}",
        "location": area, "organizer": {"@id": page_url + "#issuer"}, "inLanguage": "vi",
        "keywords": [t.name for t in campaign.themes] + [m.name for m in campaign.movements],
    }
    if campaign.start:
        event["startDate"] = campaign.start.isoformat()
    if card.slogan:
        event["alternateName"] = card.slogan
    if card.number:
        event["identifier"] = card.number
    return [issuer, event]


def _exemplar(exemplar: Exemplar, catalog: Catalog, site: Site, page_url: str) -> dict[str, Any]:
    card = exemplar.card
    locality = catalog.locality(exemplar.locality_id)
    node: dict[str, Any] = {
        "@type": "Person" if card.kind == "ca-nhan" else "Organization", "@id": page_url + "#exemplar",
        "name": card.name, "description": card.summary, "url": page_url,
        "award": [f"{a.form} ({a.year})" for a in card.awards],
    }
    if locality is not None:
        place = {"@type": "AdministrativeArea", "name": locality.full_name}
        node["homeLocation" if card.kind == "ca-nhan" else "areaServed"] = place
    if card.role and card.kind == "ca-nhan":
        node["jobTitle"] = card.role
    if exemplar.photo is not None:
        node["image"] = site.absolute(exemplar.photo.variants[-1].url)
    return node


def page_meta(url: str, title: str, data: dict[str, Any] | None, catalog: Catalog, site: Site) -> PageMeta:
    """Description, share image and JSON-LD for the page at `url` (its planned data, if generated)."""
    page_url = site.absolute(url)
    data = data or {}
    description = site.description
    og_type = "website"
    image, image_alt = SHARE_IMAGE, site.name
    qr = ""
    graph: list[dict[str, Any]] = [_website(site)]
    campaign, exemplar = data.get("campaign"), data.get("exemplar")
    if url == urls.HOME:
        if site.url:
            graph[0]["potentialAction"] = {
                "@type": "SearchAction", "target": f"{site.url}{urls.SEARCH}?q={{search_term_string}}",
                "query-input": "required name=search_term_string"}
    elif isinstance(campaign, Campaign) and url == urls.campaign(campaign.id):
        description, og_type = campaign.card.summary, "article"
        graph += _campaign(campaign, catalog, site, page_url)
        qr = qr_svg(page_url) if site.url else ""
    elif isinstance(notice := data.get("notice"), Notice) and url == urls.notice(notice.id):
        # Printed for a notice board, the QR code leads to the page (and its mailto) from the paper.
        description, og_type = notice.card.summary, "article"
        graph.append({"@type": "WebPage", "name": title, "url": page_url, "inLanguage": "vi",
                      "isPartOf": _website(site), "datePublished": notice.opened.isoformat(),
                      "expires": notice.until.isoformat()})
        qr = qr_svg(page_url) if site.url else ""
    elif isinstance(exemplar, Exemplar) and url == urls.exemplar(exemplar.id):
        description, og_type = exemplar.card.summary, "profile"
        graph.append(_exemplar(exemplar, catalog, site, page_url))
        if exemplar.photo is not None:
            image, image_alt = exemplar.photo.variants[-1].url, exemplar.photo.alt
    else:
        graph.append({"@type": "CollectionPage" if data else "WebPage", "name": title, "url": page_url,
                      "inLanguage": "vi", "isPartOf": _website(site)})
    return PageMeta(description, og_type, site.absolute(image), image_alt,
                    script_json({"@context": SCHEMA, "@graph": graph}), qr)
