"""iCalendar files (RFC 5545): campaign periods, phases, milestones and task deadlines.

Pipeline step (catalog → outputs). Staff subscribe to the portal calendar or add one
campaign's file to their phone. Dates keep the document's precision as all-day
events: "quý I/2025" spans the quarter, a deadline "tháng 11/2024" is its last day.
The portal calendar holds campaigns that are running, coming, or ended within the
last `RECENT_DAYS`, so a national portal's subscription stays small; each campaign's
own file holds everything. UIDs and DTSTAMP come from the content, so the files are
identical between builds.

The text is written here rather than by the `icalendar` package, byte for byte as
icalendar 7.3 writes it (its property order, TEXT escaping and line folding);
`tests/test_calendars.py` holds the two to the same bytes on generated Vietnamese
text and parses ours back with icalendar. icalendar built an object per property and
folded lines one character at a time: 1.7 ms a campaign, 7 s of a cold build of a
national portal's 4,000 campaigns; this writer needs a twelfth of that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from builder.catalog.catalog import Campaign, Catalog
from builder.catalog.notices import Notice
from builder.core import urls
from builder.core.dates import PartialDate
from builder.core.site import Site
from builder.plan.changes import DAY, campaign_updated
from builder.plan.pages import RECENT_DAYS

PRODID = "-//Cong phong trao thi dua//campaign-portal-builder//VI"
FOLD_AT = 74  # octets of a line before its CRLF and the next line's leading space (RFC 5545: 75 with it)


@dataclass(frozen=True)
class Event:
    """One all-day VEVENT."""

    uid: str
    stamp: dt.datetime  # in UTC: written with a Z
    first: dt.date
    last: dt.date  # inclusive; DTEND is the day after
    summary: str
    description: str
    location: str
    url: str
    categories: tuple[str, ...]
    cancelled: bool = False


def text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 (3.3.11) says, in icalendar's order of replacements."""
    return (value.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def unescaped(value: str) -> str:
    """An X-WR value as calendar apps are given it: unescaped, as icalendar wrote these, on one line.

    Apps differ on whether they unescape `\\,` in a calendar's name (some show the backslash),
    so the commas of a campaign title stay as they are; a line break, which icalendar refused
    (a `site_description` written as a YAML block ends with one), becomes a space.
    """
    return value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def fold_line(line: str) -> bytes:
    """One content line as UTF-8, folded into lines of at most 75 octets (RFC 5545, 3.1).

    A fold never splits a character, and never leaves a backslash or `^` (the start of an
    escape) as the last character of a line (icalendar's rule, for clients that unfold badly).
    """
    data = line.encode()
    if len(data) <= FOLD_AT:
        return data
    parts, start = [], 0
    while len(data) - start > FOLD_AT:
        end = start + FOLD_AT
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the character started earlier
            end -= 1
        if data[end - 1] in b"\\^" and end - start > 1:
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _event_lines(event: Event) -> list[str]:
    # icalendar's order: SUMMARY, DTSTART, DTEND, DTSTAMP, UID, then the rest alphabetically.
    stamp = event.stamp  # UTC
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(event.summary)}",
        f"DTSTART;VALUE=DATE:{_date(event.first)}",
        f"DTEND;VALUE=DATE:{_date(event.last + DAY)}",  # all-day DTEND is exclusive
        f"DTSTAMP:{_date(stamp.date())}T{stamp.hour:02d}{stamp.minute:02d}{stamp.second:02d}Z",
        f"UID:{text(event.uid)}",
        f"CATEGORIES:{','.join(text(c) for c in event.categories)}",
        f"DESCRIPTION:{text(event.description)}",
        f"LOCATION:{text(event.location)}",
    ]
    if event.cancelled:
        lines.append("STATUS:CANCELLED")
    lines += [f"URL:{event.url}", "END:VEVENT"]
    return lines


def render_calendar(name: str, events: Iterable[Event], site: Site) -> bytes:
    """A VCALENDAR of `events` in their order, with CRLF line ends."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{text(PRODID)}", "CALSCALE:GREGORIAN"]
    if site.description:
        lines.append(f"X-WR-CALDESC:{unescaped(site.description)}")
    lines += [f"X-WR-CALNAME:{unescaped(name)}", "X-WR-TIMEZONE:Asia/Ho_Chi_Minh"]
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return b"\r\n".join(fold_line(line) for line in lines) + b"\r\n"


def campaign_events(campaign: Campaign, catalog: Catalog, site: Site) -> list[Event]:
    card = campaign.card
    page = site.absolute(urls.campaign(campaign.id))
    stamp = dt.datetime.combine(campaign_updated(campaign, catalog.today), dt.time(), dt.timezone.utc)
    where = catalog.locality_chain(campaign.issuer_locality)
    location = ", ".join(loc.full_name for loc in where)
    events: list[Event] = []

    categories = tuple(t.name for t in campaign.themes) or (campaign.kind_label,)

    def add(kind: str, summary: str, first: dt.date, last: dt.date, description: str) -> None:
        events.append(Event(f"{campaign.id}-{kind}@{site.host}", stamp, first, last, summary,
                            f"{description}\n{page}".strip(), location, page, categories, card.status == "cancelled"))

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


def notice_event(notice: Notice, catalog: Catalog, site: Site) -> Event:
    """A notice's deadline as an all-day event: the day citizens must have commented by."""
    card = notice.card
    page = site.absolute(urls.notice(notice.id))
    locality = catalog.locality(notice.locality_id)
    where = ", ".join(loc.full_name for loc in catalog.locality_chain(locality)) if locality else ""
    how = "; ".join(p for p in (card.comment.office, card.comment.address, card.comment.email, card.comment.phone) if p)
    return Event(f"{notice.id}-han-gop-y@{site.host}", dt.datetime.combine(notice.opened, dt.time(), dt.timezone.utc),
                 notice.until, notice.until, f"Hạn góp ý: {card.title}",
                 f"{card.issuer.name}: đề nghị {card.award}. Gửi ý kiến đến {how}.\n{page}", where, page,
                 ("Lấy ý kiến nhân dân",))


def calendar_outputs(catalog: Catalog, site: Site) -> list[tuple[str, Callable[[], bytes]]]:
    """(url, produce) for the portal calendar and one file per campaign.

    Not cached between builds: writing a campaign's file (0.25 ms) is cheaper than hashing
    what it is made from and storing it (0.7 ms), and a `portal build` whose outputs are made
    from what the previous site's were links them all (output_writer.write_or_keep_outputs).
    """
    today = catalog.today
    current = [c for c in catalog.campaigns if (today - c.end).days <= RECENT_DAYS]
    open_notices = [n for n in catalog.notices if n.until >= today]
    out: list[tuple[str, Callable[[], bytes]]] = [(urls.CALENDAR, lambda: render_calendar(
        site.name, [*(e for c in current for e in campaign_events(c, catalog, site)),
                    *(notice_event(n, catalog, site) for n in open_notices)], site))]
    for campaign in catalog.campaigns:
        out.append((urls.campaign_calendar(campaign.id), lambda c=campaign: render_calendar(
            c.card.title, campaign_events(c, catalog, site), site)))
    for notice in catalog.notices:
        out.append((urls.notice_calendar(notice.id), lambda n=notice: render_calendar(
            n.card.title, [notice_event(n, catalog, site)], site)))
    return out
