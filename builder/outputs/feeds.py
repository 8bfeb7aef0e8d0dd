"""Atom feeds (RFC 4287): new and updated campaigns, results and exemplars.

Pipeline step (catalog → outputs). One feed for the whole portal and one per theme,
movement and province, so a newsroom or a commune office can follow exactly its
topic. Entries are dated by `changes` (the content's own days, never the clock), ids
are stable UUIDs derived from the site and the page, and the XML is written by
ElementTree, which escapes every text and attribute. Without `site_url` the links
are relative to the feed file, which feed readers resolve against its address.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from builder.catalog.catalog import Campaign, Catalog
from builder.catalog.exemplars import Exemplar
from builder.catalog.notices import Notice
from builder.core import urls
from builder.core.dates import display_day
from builder.core.site import Site
from builder.plan.changes import campaign_updated, exemplar_updated, portal_updated

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
VIETNAM = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class Entry:
    url: str  # site-relative, may carry a #fragment
    title: str
    summary: str
    published: dt.date
    updated: dt.date
    author: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Feed:
    url: str  # where the feed file goes
    title: str
    page: str  # the page it follows (rel="alternate")
    entries: tuple[Entry, ...]


def _campaign_entries(campaign: Campaign, today: dt.date) -> list[Entry]:
    card = campaign.card
    updated = campaign_updated(campaign, today)
    published = card.issued.first_day() if card.issued else (campaign.start or updated)
    tags = (campaign.kind_label, *(t.name for t in campaign.themes))
    entries = [Entry(urls.campaign(campaign.id), card.title, card.summary, min(published, updated), updated,
                     card.issuer.name, tags)]
    if campaign.results is not None:
        results = campaign.results
        day = results.card.published.first_day()
        counts = f"Khen thưởng {results.total_collectives} tập thể, {results.total_individuals} cá nhân."
        entries.append(Entry(urls.campaign(campaign.id) + "#h-results", f"Kết quả: {card.title}",
                             " ".join(p for p in (results.card.summary, counts) if p), day, day,
                             card.issuer.name, ("Kết quả tổng kết",)))
    return entries


def _exemplar_entry(exemplar: Exemplar, site: Site, today: dt.date) -> Entry:
    day = exemplar_updated(exemplar, today)
    return Entry(urls.exemplar(exemplar.id), f"{exemplar.card.name} ({exemplar.kind_label.lower()})",
                 exemplar.card.summary, day, day, site.name, ("Điển hình tiên tiến",))


def _notice_entry(notice: Notice) -> Entry:
    card = notice.card
    return Entry(urls.notice(notice.id), card.title, f"{card.summary} Hạn góp ý: {display_day(notice.until)}.",
                 notice.opened, notice.opened, card.issuer.name, ("Lấy ý kiến nhân dân",))


def plan_feeds(catalog: Catalog, site: Site) -> tuple[Feed, ...]:
    today = catalog.today
    by_campaign = {c.id: _campaign_entries(c, today) for c in catalog.campaigns}
    by_exemplar = {e.id: _exemplar_entry(e, site, today) for e in catalog.exemplars}

    def feed(url: str, title: str, page: str, keep_campaign: Callable[[Campaign], bool],
             keep_exemplar: Callable[[Exemplar], bool]) -> Feed:
        entries = [entry for c in catalog.campaigns if keep_campaign(c) for entry in by_campaign[c.id]]
        entries += [by_exemplar[e.id] for e in catalog.exemplars if keep_exemplar(e)]
        entries.sort(key=lambda e: (-e.updated.toordinal(), e.url))
        return Feed(url, title, page, tuple(entries[:MAX_ENTRIES]))

    notices = [_notice_entry(n) for n in catalog.notices]
    portal = feed(urls.FEED, site.name, urls.HOME, lambda c: True, lambda e: True)
    everything = sorted([*portal.entries, *notices], key=lambda e: (-e.updated.toordinal(), e.url))
    feeds = [Feed(urls.FEED, site.name, urls.HOME, tuple(everything[:MAX_ENTRIES])),
             Feed(urls.NOTICES_FEED, f"Lấy ý kiến nhân dân — {site.name}", urls.NOTICES,
                  tuple(sorted(notices, key=lambda e: (-e.updated.toordinal(), e.url))[:MAX_ENTRIES]))]
    for theme in catalog.themes:
        current = feed(urls.feed("themes", theme.id), f"{theme.name} — {site.name}", urls.theme(theme.id),
                       lambda c, t=theme: t in c.themes, lambda e, t=theme: t.id in e.theme_ids)
        feeds.append(current)
        # A renamed theme's old feed address keeps serving the same entries: a reader subscribed to it
        # cannot follow a redirect page. Its page is the old address, which sends readers on.
        feeds += [Feed(urls.feed("themes", old), current.title, urls.theme(old), current.entries)
                  for old in theme.former_ids]
    for movement in catalog.movements:
        members = {c.id for c in catalog.campaigns if movement in c.movements}
        feeds.append(feed(urls.feed("movements", movement.id), f"{movement.name} — {site.name}",
                          urls.movement(movement.id), lambda c, ids=members: c.id in ids,
                          lambda e, ids=members: bool(ids.intersection(e.campaign_ids))))
    for province in (loc for loc in catalog.localities if loc.parent_id is None):
        def inside(locality_id: str, p: str = province.id) -> bool:
            return locality_id == p or locality_id.startswith(p + "/")
        feeds.append(feed(urls.feed("localities", province.id), f"{province.title_name} — {site.name}",
                          urls.locality(province.id), lambda c, f=inside: f(c.issuer_locality.id),
                          lambda e, f=inside: f(e.locality_id)))
    return tuple(feeds)


def page_feeds(feeds: Iterable[Feed]) -> dict[str, tuple[str, str]]:
    """Page URL → (feed URL, feed title), for `<link rel="alternate">` in the page head."""
    out = {f.page: (f.url, f.title) for f in feeds}
    portal_wide = out[urls.HOME]
    for page in (urls.CAMPAIGNS, urls.EXEMPLARS, urls.RESULTS, urls.OPEN_DATA):
        out[page] = portal_wide
    return out


def _timestamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), VIETNAM).isoformat()


def _entry_id(site: Site, url: str) -> str:
    """A stable id: the same page keeps it across builds; another portal's page never shares it."""
    return uuid.uuid5(uuid.NAMESPACE_URL, (site.url or site.name) + url).urn


def render_feed(feed: Feed, site: Site, fallback_updated: dt.date) -> bytes:
    def href(target: str) -> str:
        if site.url:
            return site.absolute(target)
        path, _, fragment = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(feed.url))
        return rel + ("#" + fragment if fragment else "")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, attrs)
        element.text = text
        return element

    # Plain tag names under one default namespace: the XML reads like any Atom feed.
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "vi"})
    sub(root, "id", _entry_id(site, feed.url))
    sub(root, "title", feed.title)
    sub(root, "updated", _timestamp(max((e.updated for e in feed.entries), default=fallback_updated)))
    sub(root, "link", rel="self", type="application/atom+xml", href=href(feed.url))
    sub(root, "link", rel="alternate", type="text/html", href=href(feed.page))
    sub(sub(root, "author"), "name", site.name)
    for entry in feed.entries:
        item = sub(root, "entry")
        sub(item, "id", _entry_id(site, entry.url))
        sub(item, "title", entry.title)
        sub(item, "link", rel="alternate", type="text/html", href=href(entry.url))
        sub(item, "published", _timestamp(entry.published))
        sub(item, "updated", _timestamp(entry.updated))
        sub(sub(item, "author"), "name", entry.author)
        for category in entry.categories:
            sub(item, "category", term=category)
        sub(item, "summary", entry.summary, type="text")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_outputs(feeds: Iterable[Feed], catalog: Catalog, site: Site) -> list[tuple[str, Callable[[], bytes]]]:
    """(url, produce) for every feed; the bytes are made only when the engine writes the file."""
    updated = portal_updated(catalog)
    return [(f.url, lambda f=f: render_feed(f, site, updated)) for f in feeds]
