"""What a document's header states, as the header reader fills it in; the import report's doubts per field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from builder.core.dates import display_day


@dataclass
class Header:
    """What the header states, where the document's title ends, and the doubts on each field."""

    kind: str | None = None
    number: str | None = None  # "" when the line has the symbol and a blank numeral ("Số: /KH-UBND")
    symbol: str | None = None  # as written, e.g. "/KH- CM" when the numeral is blank
    date: str | None = None  # ISO, at the precision the date line gives
    place: str | None = None
    issuer: str | None = None
    parent: str | None = None  # the governing body above the issuer (cơ quan chủ quản)
    level: str | None = None  # "tỉnh", "xã"... when the issuer is a people's committee
    locality_name: str | None = None
    title: str | None = None
    basis: list[str] = field(default_factory=list)
    kind_line: int | None = None
    starts_at: int = 0  # the header's first line: what is above it is a site's clutter
    body_from: int = 0  # the first line after the title
    doubts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def date_text(self) -> str:
        """The date as the portal writes dates (03/4/2008), or as read when partial ("2018", "2026-06")."""
        if self.date and len(self.date) == 10:
            return display_day(dt.date.fromisoformat(self.date))
        return self.date or ""

    def expected_shape(self) -> dict[str, Any]:
        """The fields under the names the corpus's expected.json uses (for benchmarks and tests)."""
        return {"kind": self.kind, "number": self.number, "date": self.date, "place": self.place,
                "issuer": self.issuer, "title": self.title, "basis": list(self.basis)}
