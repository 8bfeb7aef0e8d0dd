"""iCalendar files (RFC 5545): campaign periods, phases, milestones and task deadlines.

Pipeline step (catalog → outputs). Staff subscribe to the portal calendar or add one
campaign's file to their phone. Dates keep the document's precision as all-day
events: "quý I/2025" spans the quarter, a deadline "tháng 11/2024" is its last day.
The portal calendar holds campaigns that are running, coming, or ended within the
last `RECENT_DAYS`, so a national portal's subscription stays small; each campaign's
own file holds everything. The `icalendar` package writes and folds the lines; UIDs
and DTSTAMP come from the content, so the files are identical between builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from icalendar import Calendar, Event

from . import urls
from .catalog import Campaign, Catalog
from .changes import DAY, campaign_updated
from .dates import PartialDate
from .pages import RECENT_DAYS
from .site import Site

PRODID = "-//Cong phong trao thi dua//campaign-portal-builder//VI"


def _calendar(name: str, site: Site) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    if site.description:
        cal.add("x-wr-caldesc", site.description)
    return cal


def campaign_events(campaign: Campaign, catalog: Catalog, site: Site) -> list[Event]:
    card = campaign.card
    page = site.absolute(urls.campaign(campaign.id))
    stamp = dt.datetime.combine(campaign_updated(campaign, catalog.today), dt.time(), dt.timezone.utc)
    where = catalog.locality_chain(campaign.issuer_locality)
    location = ", ".join(loc.full_name for loc in where)
    events: list[Event] = []

    def add(kind: str, summary: str, first: dt.date, last: dt.date, description: str) -> None:
        event = Event()
        event.add("uid", f"{campaign.id}-{kind}@{site.host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", first)
        event.add("dtend", last + DAY)  # all-day DTEND is exclusive
        event.add("summary", summary)
        event.add("description", f"{description}\n{page}".strip())
        event.add("location", location)
        event.add("url", page)
        event.add("categories", [t.name for t in campaign.themes] or [campaign.kind_label])
        if card.status == "cancelled":
            event.add("status", "CANCELLED")
        events.append(event)

    title = card.title
    add("thoi-gian", title, campaign.start or campaign.end, campaign.end,
        f"{card.issuer.name}{', số ' + card.number if card.number else ''}. {card.summary}")

    def span(first: PartialDate | None, last: PartialDate | None) -> tuple[dt.date, dt.date] | None:
        if first is None and last is None:
            return None
        start = (first or last).first_day()  # type: ignore[union-attr]
        return start, max(start, (last or first).last_day())  # type: ignore[union-attr]

    for i, phase in enumerate(card.phases, start=1):
        days = span(phase.start, phase.end)
        if days:
            add(f"dot-{i}", f"{phase.name}: {title}", *days, f"{phase.name} của {title}.")
    for i, milestone in enumerate(card.milestones, start=1):
        add(f"moc-{i}", milestone.label, milestone.date.first_day(), milestone.date.last_day(),
            f"Mốc của {title} ({milestone.date.display()}).")
    for i, task in enumerate(card.tasks, start=1):
        if task.due:
            day = task.due.last_day()
            add(f"han-{i}", f"Hạn: {task.unit} — {task.task[:80]}", day, day,
                f"Thời hạn {task.due.display()}: {task.unit}. {task.task}")
    return events


def render_calendar(name: str, events: Iterable[Event], site: Site) -> bytes:
    cal = _calendar(name, site)
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def calendar_outputs(catalog: Catalog, site: Site) -> list[tuple[str, Callable[[], bytes], tuple[Any, ...]]]:
    """(url, produce, inputs) for the portal calendar and one file per campaign.

    A campaign's file depends only on the campaign, its unit's chain, the build date and
    the site (`inputs`), so a rebuild takes unchanged ones from the cache: `icalendar`
    needs 2 ms a file, 10 s for a national portal.
    """
    today = catalog.today
    current = [c for c in catalog.campaigns if (today - c.end).days <= RECENT_DAYS]
    out: list[tuple[str, Callable[[], bytes], tuple[Any, ...]]] = [(urls.CALENDAR, lambda: render_calendar(
        site.name, (e for c in current for e in campaign_events(c, catalog, site)), site), ())]
    for campaign in catalog.campaigns:
        out.append((urls.campaign_calendar(campaign.id), lambda c=campaign: render_calendar(
            c.card.title, campaign_events(c, catalog, site), site),
            (campaign, catalog.locality_chain(campaign.issuer_locality), today, site)))
    return out
