"""The iCalendar writer against the `icalendar` package, on generated text.

`builder/calendars.py` writes RFC 5545 itself because icalendar was 7 s of a national
portal's cold build. These tests keep it honest: for any events, the bytes must be the
ones icalendar 7.3 writes for the same properties (so nothing a calendar app reads
changed), icalendar must parse them back to the same values, and every physical line
must hold at most 75 octets without splitting a character.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from icalendar import Event as IcalEvent

from builder.core.site import Site
from builder.outputs.calendars import (
    PRODID,
    Event,
    fold_line,
    render_calendar,
    unescaped,
)
from builder.plan.changes import DAY

# Vietnamese letters (2- and 3-octet UTF-8), everything TEXT escaping touches, the `^` of
# parameter escapes, a 4-octet emoji and plain ASCII, so folds land on every kind of boundary.
_ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
                 "ĐƯƠÂĂÊÔ ABCXYZ0123456789.-/:()\"'") + ["\\", ";", ",", "^", "\n", "\r", "\r\n", "\\N", "🎉", "\t"]
TEXT = st.lists(st.sampled_from(_ALPHABET), max_size=260).map("".join)
ONE_LINE = TEXT.map(lambda t: t.replace("\r", "").replace("\n", ""))
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))


@st.composite
def events(draw: st.DrawFn) -> Event:
    first = draw(DAYS)
    stamp = dt.datetime.combine(draw(DAYS), dt.time(), dt.timezone.utc)
    return Event(draw(TEXT.filter(bool)), stamp, first, first + dt.timedelta(days=draw(st.integers(0, 800))),
                 draw(TEXT), draw(TEXT), draw(TEXT), "https://example.org/thi-dua/campaigns/" + draw(st.from_regex(
                     r"[a-z0-9-]{1,90}", fullmatch=True)) + ".html",
                 tuple(draw(st.lists(TEXT.filter(bool), min_size=1, max_size=3))), draw(st.booleans()))


def icalendar_bytes(name: str, items: list[Event], site: Site) -> bytes:
    """The same calendar built the way `calendars.py` did with icalendar before it wrote its own."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    if site.description:
        cal.add("x-wr-caldesc", site.description)
    for item in items:
        event = IcalEvent()
        event.add("uid", item.uid)
        event.add("dtstamp", item.stamp)
        event.add("dtstart", item.first)
        event.add("dtend", item.last + DAY)
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("location", item.location)
        event.add("url", item.url)
        event.add("categories", list(item.categories))
        if item.cancelled:
            event.add("status", "CANCELLED")
        cal.add_component(event)
    return cal.to_ical()


@settings(max_examples=300, deadline=None)
@example(name="Lịch", description="", items=[Event("a" * 68 + "\\;" + "b" * 9, dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
                                                dt.date(2024, 1, 1), dt.date(2024, 1, 1), "", "", "", "https://e.org/a.html",
                                                ("x",))])  # UID:..."\;" with the backslash as octet 74
@given(name=ONE_LINE, description=ONE_LINE, items=st.lists(events(), max_size=4))
def test_the_bytes_are_icalendars(name: str, description: str, items: list[Event]) -> None:
    site = Site("Cổng thi đua", "https://example.org/thi-dua/", description)
    assert render_calendar(name, items, site) == icalendar_bytes(name, items, site)


@settings(max_examples=200, deadline=None)
@given(name=TEXT, items=st.lists(events(), min_size=1, max_size=3))
def test_icalendar_reads_back_every_value(name: str, items: list[Event]) -> None:
    raw = render_calendar(name, items, Site("Cổng", "https://example.org/", ""))
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    parsed = Calendar.from_ical(raw)

    def same(value: str) -> str:  # what TEXT can carry: every line end is a \n, and \N means one
        return value.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")

    assert str(parsed["x-wr-calname"]) == unescaped(name)  # as icalendar wrote it (RFC 7265: unknown, raw)
    for item, event in zip(items, parsed.walk("VEVENT"), strict=True):
        assert str(event["uid"]) == same(item.uid)
        assert str(event["summary"]) == same(item.summary)
        assert str(event["description"]) == same(item.description)
        assert str(event["location"]) == same(item.location)
        assert str(event["url"]) == item.url
        assert event["dtstart"].dt == item.first and event["dtend"].dt == item.last + DAY
        assert event["dtstamp"].dt == item.stamp
        assert [str(c) for c in event["categories"].cats] == [same(c) for c in item.categories]
        assert (str(event.get("status", "")) == "CANCELLED") == item.cancelled


@settings(max_examples=300, deadline=None)
@example(line="DESCRIPTION:" + "a" * 61 + "\\," + "b" * 20)  # an escape would end the first line
@example(line="DESCRIPTION:" + "a" * 60 + "ể" + "b" * 20)  # a 3-octet letter across octet 74
@given(line=TEXT.map(lambda t: "DESCRIPTION:" + t.replace("\r", "").replace("\n", " ")))
def test_folded_lines_hold_75_octets_and_unfold_to_the_line(line: str) -> None:
    folded = fold_line(line)
    physical = folded.split(b"\r\n")
    assert all(len(p) <= 75 for p in physical)
    assert all(p.startswith(b" ") for p in physical[1:])
    assert all(not p.endswith(b"\\") for p in physical[:-1])
    assert b"".join(p[1:] if i else p for i, p in enumerate(physical)).decode() == line  # no character split


def test_a_line_break_in_the_calendars_name_or_description_becomes_a_space() -> None:
    """icalendar stopped the build on these (a `site_description` written as a YAML block ends with one)."""
    raw = render_calendar("Phong trào\nthi đua", [], Site("Cổng", "", "Các phong trào,\r\nđiển hình.\n"))
    lines = raw.decode().split("\r\n")
    assert "X-WR-CALNAME:Phong trào thi đua" in lines
    assert "X-WR-CALDESC:Các phong trào, điển hình. " in lines
    assert Calendar.from_ical(raw)["x-wr-calname"] == "Phong trào thi đua"
