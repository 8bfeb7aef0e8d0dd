"""Status rules at every boundary, in the build date's calendar."""

import datetime as dt

import pytest

from builder.catalog.status import (
    ACTIVE,
    CANCELLED,
    ENDED,
    POSTPONED,
    UPCOMING,
    compute_status,
)
from builder.core.dates import parse_partial_date
from builder.plan.glance import Step, step_on

D = dt.date


@pytest.mark.parametrize("today, expected", [
    (D(2024, 5, 31), UPCOMING),   # day before the first day
    (D(2024, 6, 1), ACTIVE),      # first day
    (D(2025, 4, 30), ACTIVE),     # last day of "2025-04", inclusive
    (D(2025, 5, 1), ENDED),       # day after
])
def test_month_precision_period(today, expected):
    start = parse_partial_date("2024-06").first_day()
    end = parse_partial_date("2025-04").last_day()
    assert compute_status(start, end, None, today) is expected


def test_open_start_is_active_until_the_end():
    end = parse_partial_date("2023-07-30").last_day()
    assert compute_status(None, end, None, D(2000, 1, 1)) is ACTIVE
    assert compute_status(None, end, None, D(2023, 7, 30)) is ACTIVE
    assert compute_status(None, end, None, D(2023, 7, 31)) is ENDED


def test_overrides_win_at_any_date():
    for today in (D(2020, 1, 1), D(2024, 6, 15), D(2030, 1, 1)):
        assert compute_status(D(2024, 6, 1), D(2024, 6, 30), "cancelled", today) is CANCELLED
        assert compute_status(D(2024, 6, 1), D(2024, 6, 30), "postponed", today) is POSTPONED


def test_single_day_campaign():
    day = D(2024, 11, 3)
    assert compute_status(day, day, None, D(2024, 11, 2)) is UPCOMING
    assert compute_status(day, day, None, day) is ACTIVE
    assert compute_status(day, day, None, D(2024, 11, 4)) is ENDED


def test_the_step_under_way_is_the_most_precise_then_the_next_one() -> None:
    """A quarter's conferences and a month's pilot inside it: the month wins while it lasts."""
    d = dt.date
    quarter = Step("Hội nghị cấp xã", "quý I/2025", d(2025, 1, 1), d(2025, 3, 31))
    pilot = Step("Hội nghị điểm", "tháng 2/2025", d(2025, 2, 1), d(2025, 2, 28))
    november = Step("Hướng dẫn", "tháng 11/2024", d(2024, 11, 1), d(2024, 11, 30))
    steps = (november, quarter, pilot)
    assert step_on(steps, d(2024, 10, 31)) == (november, False)
    assert step_on(steps, d(2024, 11, 30)) == (november, True)
    assert step_on(steps, d(2024, 12, 1)) == (quarter, False)
    assert step_on(steps, d(2025, 1, 31)) == (quarter, True)
    assert step_on(steps, d(2025, 2, 1)) == (pilot, True)
    assert step_on(steps, d(2025, 3, 1)) == (quarter, True)
    assert step_on(steps, d(2025, 4, 1)) is None
