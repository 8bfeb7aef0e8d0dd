"""Campaign status for a given build date: the one place the rules live.

A campaign is upcoming before its first day, active through its last day (inclusive,
at the end's precision) and ended after it; `cancelled`/`postponed` overrides win.
A period without a start ("từ nay đến ...") starts on the issue date, or is taken as
already running when the issue date is unknown too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    key: str  # stable id used in URLs, CSS classes and data attributes
    label: str  # what citizens read
    symbol: str  # a shape so the badge does not rely on colour alone


UPCOMING = Status("sap-dien-ra", "Sắp diễn ra", "◷")
ACTIVE = Status("dang-dien-ra", "Đang diễn ra", "●")
ENDED = Status("da-ket-thuc", "Đã kết thúc", "■")
CANCELLED = Status("da-huy", "Đã hủy", "✕")
POSTPONED = Status("tam-hoan", "Tạm hoãn", "‖")

ALL_STATUSES = (ACTIVE, UPCOMING, ENDED, POSTPONED, CANCELLED)
OVERRIDES = {"cancelled": CANCELLED, "postponed": POSTPONED}


def compute_status(start: dt.date | None, end: dt.date, override: str | None, today: dt.date) -> Status:
    """The status on `today` of a period running from `start` through `end` inclusive."""
    if override:
        return OVERRIDES[override]
    if start is not None and today < start:
        return UPCOMING
    if today > end:
        return ENDED
    return ACTIVE
