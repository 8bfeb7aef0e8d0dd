"""Partial dates (day, month, quarter, year) as real documents give them.

A document says "ngày 19 tháng 3 năm 2024", "tháng 4 năm 2023", "quý I năm 2025" or
"năm 2023"; the portal keeps that precision, shows it the Vietnamese way and treats
an end date as inclusive through the last day of its precision.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

PORTAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}

_ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4]))?$")


# The style of Nghị định 30/2020/NĐ-CP (phụ lục I), which every seed and nearly every real document
# follows: a day below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 01 năm 2024",
# "03/11/1946", "19/3/2024"). The portal writes its own dates this way and reads sources into it, so
# a page never shows "3/11/1946" beside a title's "03/11/1946".
def _day(day: int) -> str:
    return f"{day:02d}"


def _month(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


_NUMERIC_DATE_RE = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")
_WORDED_DATE_RE = re.compile(r"\b(ngày|Ngày) (\d{1,2}) tháng (\d{1,2}) năm ((?:19|20)\d\d)\b")
_DATE_OR_YEAR = r"(?:\d{1,2}/){0,2}(?:19|20)\d\d"
_DATE_RANGE_RE = re.compile(rf"(?<![\d/.])({_DATE_OR_YEAR}) - ({_DATE_OR_YEAR})(?![\d/])")


def normalize_date_style(text: str) -> str:
    """Dates in source text in the portal's one style: "1/7/2025" → "01/7/2025", "ngày 5 tháng 1
    năm 2024" → "ngày 05 tháng 01 năm 2024", a range ("03/11/1946 - 03/11/2024", "5/1992 - 5/2022",
    "2023 - 2025") with an en dash. Only real days and months are touched. Padding changes a line's
    length, so a column reported after such a date on its line moves by the zeros added or removed;
    lines never move."""

    def numeric(m: re.Match[str]) -> str:
        day, month = int(m[1]), int(m[2])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m[0]
        return f"{_day(day)}/{_month(month)}/{m[3]}"

    def worded(m: re.Match[str]) -> str:
        day, month = int(m[2]), int(m[3])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m[0]
        return f"{m[1]} {_day(day)} tháng {_month(month)} năm {m[4]}"

    # Every source file of a cold build passes here: a regular expression runs only on text that can match.
    if "/" in text:
        text = _NUMERIC_DATE_RE.sub(numeric, text)
    if "tháng" in text:
        text = _WORDED_DATE_RE.sub(worded, text)
    return _DATE_RANGE_RE.sub(r"\1 – \2", text) if " - " in text else text


class DateFormatError(ValueError):
    """A date string the portal cannot read; the message says what to write instead."""


def days_in_month(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]`, without its weekday: 10× faster, and sorting
    and status checks ask it about 100,000 times at 10,000 records."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, month, quarter or year."""

    year: int
    month: int | None = None
    day: int | None = None
    quarter: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.quarter is not None:
            return "quarter"
        return "year"

    def first_day(self) -> dt.date:
        """The earliest day this value can mean."""
        if self.quarter is not None:
            return dt.date(self.year, 3 * self.quarter - 2, 1)
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day this value can mean: `2022-06` runs through 30/6/2022."""
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        if self.quarter is not None:
            month = 3 * self.quarter
        else:
            month = self.month or 12
        return dt.date(self.year, month, days_in_month(self.year, month))

    def iso(self) -> str:
        """The form editors write and open data carries."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.quarter is not None:
            return f"{self.year:04d}-Q{self.quarter}"
        return f"{self.year:04d}"

    def display(self) -> str:
        """Vietnamese display: 30/7/2023, 05/01/2024, tháng 7/2023, quý I/2025, năm 2023."""
        if self.day is not None and self.month is not None:
            return f"{_day(self.day)}/{_month(self.month)}/{self.year}"
        if self.month is not None:
            return f"tháng {_month(self.month)}/{self.year}"
        if self.quarter is not None:
            return f"quý {ROMAN_QUARTERS[self.quarter]}/{self.year}"
        return f"năm {self.year}"

    def document_style(self) -> str:
        """The date line of an administrative document: "ngày 19 tháng 3 năm 2024".

        Unknown parts stay blank, as in the published copy ("ngày   tháng 4 năm 2023").
        """
        blank = "\u2003\u2003"
        if self.quarter is not None and self.month is None:
            return f"quý {ROMAN_QUARTERS[self.quarter]} năm {self.year}"
        day = _day(self.day) if self.day is not None else blank
        month = _month(self.month) if self.month is not None else blank
        return f"ngày {day} tháng {month} năm {self.year}"

    def __str__(self) -> str:
        return self.iso()


def _suggest(text: str) -> str | None:
    """Turn what people type (30/7/2023, 7/2023, Q1/2025, quý I/2025) into our form."""
    t = text.strip().lower()
    m = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", t)
    if m:
        return f"{int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = re.fullmatch(r"(?:tháng\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})", t)
    if m:
        return f"{int(m[2]):04d}-{int(m[1]):02d}"
    m = re.fullmatch(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})", t)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", t)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}"
    m = re.fullmatch(r"(?:q|quý)\s*(i{1,3}|iv|[1-4])\s*[/.\- ]?\s*(?:năm\s*)?(\d{4})", t)
    if m:
        q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m[1]) or int(m[1])
        return f"{m[2]}-Q{q}"
    m = re.fullmatch(r"năm\s*(\d{4})", t)
    if m:
        return m[1]
    return None


@functools.lru_cache(maxsize=8192)  # pure; a portal repeats few dates, read 67,000 times at 10,000 records
def parse_partial_date(text: str) -> PartialDate:
    """Read `2023-07-30`, `2023-07`, `2023-Q1` or `2023`.

    Raises:
        DateFormatError: with a Vietnamese message that names the form to write.
    """
    raw = text.strip()
    m = _ISO_RE.match(raw)
    if not m and re.match(r"\d{4}-\d{2}-\d{2}[ T]\d", raw):
        # A time of day would have to be read in some zone; the portal's days are Vietnam's, so no times.
        raise DateFormatError(f"ngày '{raw}' có ghi giờ; cổng chỉ ghi ngày (theo giờ Việt Nam), hãy viết {raw[:10]}")
    if not m:
        hint = _suggest(raw)
        if hint and hint != raw:
            try:
                parse_partial_date(hint)
            except DateFormatError:
                hint = None
        if hint and hint != raw:
            raise DateFormatError(f"ngày '{raw}' không đúng dạng; hãy viết {hint}")
        raise DateFormatError(
            f"ngày '{raw}' không đúng dạng; hãy viết năm-tháng-ngày như 2023-07-30, "
            "hoặc 2023-07 (tháng), 2023-Q1 (quý), 2023 (năm)"
        )
    year = int(m[1])
    if not 1900 <= year <= 2100:
        raise DateFormatError(f"năm {m[1]} nằm ngoài khoảng 1900–2100; hãy kiểm tra lại năm")
    if m[4]:
        return PartialDate(year, quarter=int(m[4]))
    month = int(m[2]) if m[2] else None
    day = int(m[3]) if m[3] else None
    if month is not None and not 1 <= month <= 12:
        raise DateFormatError(f"tháng {month} không tồn tại trong '{raw}'; tháng phải từ 01 đến 12")
    if day is not None and month is not None:
        last = days_in_month(year, month)
        if not 1 <= day <= last:
            raise DateFormatError(
                f"ngày {raw} không có thật: tháng {month}/{year} chỉ có {last} ngày; "
                f"hãy viết một ngày từ {year:04d}-{month:02d}-01 đến {year:04d}-{month:02d}-{last:02d}"
            )
    return PartialDate(year, month, day)


def today_in_vietnam(now: dt.datetime | None = None) -> dt.date:
    """The current date in Asia/Ho_Chi_Minh; only the entry points call this."""
    return (now or dt.datetime.now(tz=PORTAL_TZ)).astimezone(PORTAL_TZ).date()


def parse_build_date(text: str) -> dt.date:
    """Read the build date option (`PORTAL_TODAY`): a full day, `YYYY-MM-DD`."""
    value = parse_partial_date(text)
    if value.precision != "day":
        raise DateFormatError(f"ngày tạo trang '{text}' phải có đủ ngày, tháng, năm, ví dụ 2024-08-01")
    return value.first_day()


def period_years(start: dt.date | None, end: dt.date) -> tuple[int, ...]:
    """Calendar years a period runs in; a start-less period counts from its end year."""
    return tuple(range((start or end).year, end.year + 1))


def display_day(day: dt.date) -> str:
    """A full day the way documents write it: 01/8/2024."""
    return f"{_day(day.day)}/{_month(day.month)}/{day.year}"
