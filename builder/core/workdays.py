"""Vietnamese working days, for deadlines written as "N ngày làm việc".

A nominee notice is open "trong thời gian 10 ngày làm việc kể từ ngày …": the Nth working day
after the day it is published, that day not counted. Saturdays and Sundays are off, and so are
the public holidays with Tết's days off and the days the Government moves (a Monday off, the
Saturday before worked instead). The `holidays` library's Vietnam calendar knows the lunar
dates and the moved days it has been told of; `campaigns/_workdays.yml` adds what the
Government announces later, each day with its source. The registry wins over the library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import holidays

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class WorkCalendar:
    """Working days in Vietnam: the library's calendar corrected by the portal's registry.

    `days_off` and `days_worked` map a day to why (a holiday's name and the source that says so).
    """

    days_off: Mapping[dt.date, str] = field(default_factory=dict)
    days_worked: Mapping[dt.date, str] = field(default_factory=dict)
    # Names in Vietnamese ("Mùng hai Tết Nguyên Đán"); filled for each year on first use.
    _library: holidays.HolidayBase = field(default_factory=lambda: holidays.country_holidays("VN", language="vi"),
                                           repr=False, compare=False)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.days_worked:
            return True
        if day in self.days_off:
            return False
        return bool(self._library.is_working_day(day))

    def why_off(self, day: dt.date) -> str:
        """Why `day` is not worked: a holiday's name, "Thứ Bảy", "Chủ nhật"; empty on a working day."""
        if self.is_working_day(day):
            return ""
        if day in self.days_off:
            return self.days_off[day]
        if name := self._library.get(day):
            return str(name)
        return "Chủ nhật" if day.weekday() == 6 else "Thứ Bảy"

    def nth_working_day_after(self, day: dt.date, n: int) -> dt.date:
        """The Nth working day after `day` (not counted): published 5/2/2024, 10 days → 26/2/2024."""
        if n < 1:
            raise ValueError("n must be at least 1")
        while n:
            day += ONE_DAY
            n -= self.is_working_day(day)
        return day

    def working_days_between(self, after: dt.date, through: dt.date) -> int:
        """How many working days fall after `after` up to `through` inclusive (0 when `through` ≤ `after`)."""
        return sum(self.is_working_day(d) for d in _days(after + ONE_DAY, through))

    def exceptions(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, bool, str]]:
        """The days from `first` to `last` that a plain Monday–Friday rule gets wrong: weekdays off and
        weekend days worked, as (day, worked, why). The page's script counts days left from them."""
        found = []
        for day in _days(first, last):
            worked = self.is_working_day(day)
            if worked != (day.weekday() < 5):
                found.append((day, worked, self.days_worked.get(day, "ngày làm bù") if worked else self.why_off(day)))
        return found


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY
