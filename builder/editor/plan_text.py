"""The importer's text helpers: folding that keeps offsets, emphasis stripped, and Vietnamese
dates read at the precision the text gives ("tháng 9 năm 2025", "quý II/2025")."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from builder.editor.document import ImportError_

__all__ = ["ImportError_", "find_dates", "fold_keeping_offsets", "plain"]


def fold_keeping_offsets(text: str) -> str:
    """Lowercase without tones, `đ` → `d`, one character for one: offsets stay valid in the original."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append("d" if base in "đ" else base)
    return "".join(out)


def plain(text: str) -> str:
    """Text without Markdown emphasis (`**`, `*`, `_`) and without surrounding spaces."""
    return re.sub(r"(\*{1,3}|(?<!\w)_{1,2}|_{1,2}(?!\w))", "", text).strip()


# ---- dates as plans write them -------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# Each pattern runs on folded text; groups are numbers.
DAY_MONTH_YEAR = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_PATTERNS = [
    ("dmy", re.compile(r"(?:ngay\s*)?" + DAY_MONTH_YEAR)),
    ("dmy", re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|/)\s*(\d{4})")),
    ("q", re.compile(r"quy\s*(iv|iii|ii|i|[1-4])\s*(?:nam|/)\s*(\d{4})")),
    ("my", re.compile(r"thang\s*(\d{1,2})\s*(?:nam|/)\s*(\d{4})")),
    ("my", re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{4})(?![\d/])")),
    ("y", re.compile(r"(?:cuoi\s*)?nam\s*(\d{4})")),
]


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO partial date) of every date phrase in `text`, left to right, no overlaps."""
    folded = fold_keeping_offsets(text)
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _iso(kind, m.groups())
            if value:
                found.append((m.start(), m.end(), value))
                taken.append((m.start(), m.end()))
    return sorted(found)


def _iso(kind: str, groups: tuple[str, ...]) -> str:
    try:
        if kind == "dmy":
            day, month, year = int(groups[0]), int(groups[1]), int(groups[2])
            return dt.date(year, month, day).isoformat()
        if kind == "q":
            quarter = _ROMAN.get(groups[0]) or int(groups[0])
            return f"{int(groups[1]):04d}-Q{quarter}"
        if kind == "my":
            month, year = int(groups[0]), int(groups[1])
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1900 <= year <= 2100 else ""
        year = int(groups[0])
        return f"{year:04d}" if 1900 <= year <= 2100 else ""
    except ValueError:
        return ""
