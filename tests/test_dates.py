"""Partial dates: parsing, inclusive ends, Vietnamese display, and the fixes we suggest."""

import calendar
import datetime as dt

import pytest

from builder.core.dates import (
    DateFormatError,
    PartialDate,
    days_in_month,
    normalize_date_style,
    parse_build_date,
    parse_partial_date,
    today_in_vietnam,
)


@pytest.mark.parametrize("text, first, last, shown", [
    ("2023-07-30", dt.date(2023, 7, 30), dt.date(2023, 7, 30), "30/7/2023"),
    ("2024-01-05", dt.date(2024, 1, 5), dt.date(2024, 1, 5), "05/01/2024"),
    ("2022-06", dt.date(2022, 6, 1), dt.date(2022, 6, 30), "tháng 6/2022"),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "tháng 02/2024"),
    ("2025-Q1", dt.date(2025, 1, 1), dt.date(2025, 3, 31), "quý I/2025"),
    ("2025-Q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31), "quý IV/2025"),
    ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "năm 2023"),
])
def test_precisions(text, first, last, shown):
    value = parse_partial_date(text)
    assert (value.first_day(), value.last_day(), value.display(), value.iso()) == (first, last, shown, text)


@pytest.mark.parametrize("text, styled", [
    ("(03/11/1946 - 03/11/2024)", "(03/11/1946 – 03/11/2024)"),
    ("từ ngày 1/7/2025;", "từ ngày 01/7/2025;"),
    ("ngày 05/01/2024 và 19/03/2024", "ngày 05/01/2024 và 19/3/2024"),
    ("Hữu Lũng, ngày 5 tháng 1 năm 2024", "Hữu Lũng, ngày 05 tháng 01 năm 2024"),
    ("trong 03 năm 2023 - 2025, tái lập tỉnh (5/1992 - 5/2022)", "trong 03 năm 2023 – 2025, tái lập tỉnh (5/1992 – 5/2022)"),
    # not dates: document numbers, impossible days, an address, words joined by a hyphen
    ("số 16/KH-UBND, kinh tế - xã hội", "số 16/KH-UBND, kinh tế - xã hội"),
    ("32/13/2024 và https://a.vn/2024/1/7/2025", "32/13/2024 và https://a.vn/2024/1/7/2025"),
])
def test_one_date_style(text, styled):
    assert normalize_date_style(text) == styled


@pytest.mark.parametrize("text, message", [
    ("30/7/2023", "ngày '30/7/2023' không đúng dạng; hãy viết 2023-07-30"),
    ("7/2023", "ngày '7/2023' không đúng dạng; hãy viết 2023-07"),
    ("quý I/2025", "ngày 'quý I/2025' không đúng dạng; hãy viết 2025-Q1"),
    ("2023-7", "ngày '2023-7' không đúng dạng; hãy viết 2023-07"),
    ("2023-02-30", "ngày 2023-02-30 không có thật: tháng 2/2023 chỉ có 28 ngày; "
                   "hãy viết một ngày từ 2023-02-01 đến 2023-02-28"),
    ("2023-13", "tháng 13 không tồn tại trong '2023-13'; tháng phải từ 01 đến 12"),
    ("hôm qua", "ngày 'hôm qua' không đúng dạng; hãy viết năm-tháng-ngày như 2023-07-30, "
                "hoặc 2023-07 (tháng), 2023-Q1 (quý), 2023 (năm)"),
])
def test_wrong_formats_suggest_the_right_one(text, message):
    with pytest.raises(DateFormatError) as err:
        parse_partial_date(text)
    assert str(err.value) == message


def test_document_style_keeps_blanks():
    assert PartialDate(2024, 3, 19).document_style() == "ngày 19 tháng 3 năm 2024"
    assert PartialDate(2023, 4).document_style() == "ngày \u2003\u2003 tháng 4 năm 2023"


def test_build_date_needs_a_day():
    assert parse_build_date("2024-08-01") == dt.date(2024, 8, 1)
    with pytest.raises(DateFormatError):
        parse_build_date("2024-08")


def test_today_is_the_vietnamese_calendar_day():
    # 20:00 UTC on 31 July is already 1 August in Hanoi (UTC+7).
    assert today_in_vietnam(dt.datetime(2024, 7, 31, 20, 0, tzinfo=dt.timezone.utc)) == dt.date(2024, 8, 1)
    assert today_in_vietnam(dt.datetime(2024, 7, 31, 16, 59, tzinfo=dt.timezone.utc)) == dt.date(2024, 7, 31)


def test_days_in_month_agrees_with_the_calendar() -> None:
    assert all(days_in_month(year, month) == calendar.monthrange(year, month)[1]
               for year in range(1900, 2101) for month in range(1, 13))
