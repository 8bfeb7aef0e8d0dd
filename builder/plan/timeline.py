"""A campaign's timeline as data: bars, markers and a text list, positioned in percent.

The template draws the bars (decorative, hidden from screen readers) and prints the
`events` list as the accessible version, so the timeline reads as text too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.catalog.catalog import Campaign
from builder.core.dates import PartialDate, display_day


@dataclass(frozen=True)
class Bar:
    label: str
    when: str
    left: float
    width: float
    open_start: bool = False


@dataclass(frozen=True)
class Marker:
    label: str
    when: str
    left: float
    width: float  # 0 for a single day; a month or quarter milestone spans its precision
    past: bool
    last: dt.date  # past from the day after: the script re-checks it for the reader's day


@dataclass(frozen=True)
class Event:
    when: str
    label: str
    sort: dt.date


@dataclass(frozen=True)
class Timeline:
    start_label: str
    end_label: str
    period: Bar
    phases: tuple[Bar, ...]
    markers: tuple[Marker, ...]
    today_left: float | None  # None when today lies outside the span
    today_note: str
    events: tuple[Event, ...]
    first: dt.date  # the span's first day and its length: the script places "Hôm nay" for the reader's day
    days: int


def _span_text(start: PartialDate | None, end: PartialDate | None) -> str:
    if start and end:
        return f"{start.display()} – {end.display()}"
    if end:
        return f"đến {end.display()}"
    return f"từ {start.display()}" if start else ""


def build_timeline(campaign: Campaign, today: dt.date) -> Timeline:
    card = campaign.card
    days = [campaign.end]
    if campaign.start:
        days.append(campaign.start)
    for phase in card.phases:
        days += [d.first_day() for d in (phase.start,) if d] + [d.last_day() for d in (phase.end,) if d]
    for milestone in card.milestones:
        days += [milestone.date.first_day(), milestone.date.last_day()]
    first, last = min(days), max(days)
    if campaign.start is None:
        # "từ nay đến ...": no known first day; draw a faded lead-in of a tenth of the span.
        first = first - max(dt.timedelta(days=30), (last - first) / 10)
    total = max((last - first).days + 1, 1)

    def left(day: dt.date) -> float:
        return round(100 * (day - first).days / total, 2)

    def width(a: dt.date, b: dt.date) -> float:
        return round(100 * ((b - a).days + 1) / total, 2)

    period_start = campaign.start or first
    period = Bar("Thời gian thi đua", _span_text(card.period.start, card.period.end), left(period_start),
                 width(period_start, campaign.end), open_start=campaign.start is None)
    phases = []
    for phase in card.phases:
        a = phase.start.first_day() if phase.start else period_start
        b = phase.end.last_day() if phase.end else campaign.end
        phases.append(Bar(phase.name, _span_text(phase.start, phase.end), left(a), width(a, b)))
    markers = []
    for milestone in sorted(card.milestones, key=lambda m: (m.date.first_day(), m.date.last_day())):
        a, b = milestone.date.first_day(), milestone.date.last_day()
        markers.append(Marker(milestone.label, milestone.date.display(), left(a),
                              0 if a == b else width(a, b), past=b < today, last=b))
    events = [Event(_span_text(card.period.start, card.period.end) if card.period.start
                    else f"từ khi ban hành đến {card.period.end.display()}", "Thời gian thi đua",
                    period_start)]
    events += [Event(b.when, b.label, p.start.first_day() if p.start else period_start)
               for b, p in zip(phases, card.phases, strict=True)]
    events += [Event(m.date.display(), m.label, m.date.first_day()) for m in card.milestones]
    events.sort(key=lambda e: e.sort)
    inside = first <= today <= last
    if inside:
        note = f"Hôm nay, {display_day(today)}"
    elif today < first:
        note = f"Hôm nay ({display_day(today)}) là trước giai đoạn này"
    else:
        note = f"Hôm nay ({display_day(today)}) là sau giai đoạn này"
    return Timeline(
        start_label=display_day(first) if campaign.start else "Ban hành",
        end_label=display_day(last),
        period=period, phases=tuple(phases), markers=tuple(markers),
        today_left=left(today) if inside else None, today_note=note, events=tuple(events),
        first=first, days=total,
    )
