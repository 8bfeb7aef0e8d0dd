"""A campaign page's "Tóm tắt nhanh": what a reader on a phone needs before 20 screens of plan.

Pipeline step (catalog → pages). The status and days left are the status line's; this
adds the step the campaign is at (a phase containing the day, else the next phase or
milestone), who takes part, where to register or propose an exemplar, and jump links
to the page's sections. The step is written for the build day and carries every step's
days, so the status script picks it again for the reader's day (theme/assets/portal.js,
`recheckStep`): the same rule as `step_on` here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.catalog.catalog import Campaign


@dataclass(frozen=True)
class Step:
    label: str  # "Đợt 1", "Hội nghị điển hình tiên tiến cấp xã"
    when: str  # as the document dates it: "tháng 8/2021 – tháng 12/2021", "quý I/2025"
    first: dt.date
    last: dt.date


def steps(campaign: Campaign) -> tuple[Step, ...]:
    """Phases and milestones in order of their first day; a phase without dates spans the period."""
    card = campaign.card
    start = campaign.start or campaign.end
    out = []
    for p in card.phases:
        a, b = (p.start.first_day() if p.start else start), (p.end.last_day() if p.end else campaign.end)
        when = " – ".join(d.display() for d in (p.start, p.end) if d)
        out.append(Step(p.name, when, a, b))
    out += [Step(m.label, m.date.display(), m.date.first_day(), m.date.last_day()) for m in card.milestones]
    return tuple(sorted(out, key=lambda s: (s.first, s.last)))


def step_on(all_steps: tuple[Step, ...], today: dt.date) -> tuple[Step, bool] | None:
    """The step under way on `today` (True), else the next one to come (False), else None.
    Of steps under way at once (a quarter's conference and a month's pilot in it), the one begun
    last, then the shortest: the more precise."""
    under_way = [s for s in all_steps if s.first <= today <= s.last]
    if under_way:
        return max(under_way, key=lambda s: (s.first, -s.last.toordinal())), True
    upcoming = [s for s in all_steps if s.first > today]
    return (upcoming[0], False) if upcoming else None
