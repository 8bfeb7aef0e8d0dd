"""Nominee notices: working-day deadlines, located errors, the pages and the open data.

The arithmetic is checked on every kind of day the rule meets (a weekend, Tết, a Saturday the
Government moved a working day to, a day the portal's registry adds, a window crossing a year);
the catalog on days before, inside and after a window and on its boundaries; the example site as
the tests build it (2024-08-01: one notice open, one closed after Tết 2024, one closed that names
its own last day).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from builder.catalog.load import load_catalog
from builder.catalog.notices import CLOSED, OPEN
from builder.core.problems import ContentError
from builder.core.site import Site
from builder.core.workdays import WorkCalendar
from builder.outputs.open_data import records
from builder.plan.notice_pages import home_notices, left_text, plan_notice_pages

from .conftest import make_project

d = dt.date

NOTICE = """\
title: Lấy ý kiến Nhân dân đối với cá nhân đề nghị tặng Bằng khen
issuer:
  name: UBND huyện Chi Lăng
  locality: lang-son/chi-lang
award: Bằng khen của Chủ tịch UBND tỉnh
basis: khoản 2 Điều 46 Nghị định số 98/2023/NĐ-CP
opened: 2024-02-05
summary: Một cá nhân được đề nghị.
nominees:
  - kind: ca-nhan
    name: Nguyễn Văn A
    position: Trưởng thôn
comment:
  office: Phòng Nội vụ huyện Chi Lăng
"""


@pytest.mark.parametrize("opened, n, until", [
    (d(2024, 7, 25), 10, d(2024, 8, 8)),    # two weekends in the window
    (d(2024, 7, 26), 1, d(2024, 7, 29)),    # published on a Friday: the next working day is Monday
    (d(2024, 7, 27), 1, d(2024, 7, 29)),    # published on a Saturday: not counted, nor Sunday
    (d(2024, 2, 5), 10, d(2024, 2, 26)),    # Tết Giáp Thìn, 8–14/2/2024, is off (the example)
    (d(2024, 2, 7), 1, d(2024, 2, 15)),     # the day before Tết: the next working day is after it
    (d(2024, 4, 26), 10, d(2024, 5, 14)),   # 29/4 off in exchange for Saturday 4/5, which is worked
    (d(2024, 12, 25), 10, d(2025, 1, 9)),   # across a year, 1/1/2025 off
    (d(2025, 8, 28), 3, d(2025, 9, 4)),     # Quốc khánh 2025: 1 and 2/9 off
])
def test_the_nth_working_day_after_publication(opened: dt.date, n: int, until: dt.date) -> None:
    calendar = WorkCalendar()
    assert calendar.nth_working_day_after(opened, n) == until
    assert calendar.working_days_between(opened, until) == n


def test_the_registry_adds_days_the_library_does_not_know() -> None:
    """A day off the Government announces later, and a Saturday it makes a working day."""
    plain = WorkCalendar()
    assert plain.nth_working_day_after(d(2027, 3, 1), 5) == d(2027, 3, 8)
    told = WorkCalendar(days_off={d(2027, 3, 3): "Nghỉ bù (Thông báo số 1/TB)"},
                        days_worked={d(2027, 3, 6): "Làm bù (Thông báo số 1/TB)"})
    assert told.nth_working_day_after(d(2027, 3, 1), 5) == d(2027, 3, 8)  # one off, one Saturday worked
    assert told.nth_working_day_after(d(2027, 3, 1), 4) == d(2027, 3, 6)
    assert told.why_off(d(2027, 3, 3)) == "Nghỉ bù (Thông báo số 1/TB)"
    assert [(day, worked) for day, worked, _ in told.exceptions(d(2027, 3, 1), d(2027, 3, 8))] == [
        (d(2027, 3, 3), False), (d(2027, 3, 6), True)]


def _catalog(tmp_path: Path, files: dict[str, str], today: dt.date):  # type: ignore[no-untyped-def]
    return load_catalog(make_project(tmp_path, files), today)


@pytest.mark.parametrize("today, status, shown", [
    (d(2024, 2, 4), None, False),           # before publication: not on the site
    (d(2024, 2, 5), OPEN, True),            # the day it is published
    (d(2024, 2, 26), OPEN, True),           # the last day
    (d(2024, 2, 27), CLOSED, True),         # the day after
])
def test_a_notice_on_days_before_inside_and_after_its_window(tmp_path: Path, today: dt.date, status: str | None,
                                                             shown: bool) -> None:
    files = {"campaigns/notices/lay-y-kien.yml": NOTICE,
             "campaigns/_workdays.yml": "- date: 2024-02-16\n  worked: false\n  name: Nghỉ thử\n  source: Thông báo mẫu\n"}
    catalog = _catalog(tmp_path, {"campaigns/notices/lay-y-kien.yml": NOTICE}, today)
    assert [n.status(today) for n in catalog.notices] == ([status] if shown else [])
    # What the pages and the open data are made from on that day.
    data = records(catalog, Site("Cổng", "https://example.org/"))["notices"]
    assert [(r.comments_until, len(r.nominees)) for r in data] == ([("2024-02-26", 1)] if shown else [])
    assert [c["notice"].id for c in home_notices(catalog)] == (["lay-y-kien"] if status == OPEN else [])
    listing = plan_notice_pages(catalog)[0].data
    assert (len(listing["open"]), len(listing["closed"])) == ((status == OPEN, status == CLOSED) if shown else (0, 0))
    if shown:
        assert catalog.notices[0].until == d(2024, 2, 26)
    else:
        assert d(2024, 2, 5) in catalog.pending  # a rebuild on the day it is published
    # The registry's day off moves the deadline one working day later.
    later = load_catalog(make_project(tmp_path / "registry", files), d(2024, 3, 1))
    assert later.notices[0].until == d(2024, 2, 27)


@pytest.mark.parametrize("days_after, withdrawn", [(90, False), (91, True)])
def test_individual_nominees_leave_after_the_retention_period(tmp_path: Path, days_after: int, withdrawn: bool) -> None:
    """The window closes on 26/02/2024; 90 days later (the default) the individual is still shown, the
    day after they are gone, with the full text that names them; a collective stays."""
    text = NOTICE.replace("    position: Trưởng thôn\n", "    position: Trưởng thôn\n  - kind: tap-the\n    name: Hợp tác xã Mẫu\n")
    files = {"campaigns/notices/lay-y-kien.yml": text, "campaigns/notices/lay-y-kien.md": "Ông Nguyễn Văn A, Trưởng thôn."}
    today = d(2024, 2, 26) + dt.timedelta(days=days_after)
    notice = _catalog(tmp_path, files, today).notices[0]
    assert [n.name for n in notice.card.nominees] == (["Hợp tác xã Mẫu"] if withdrawn else ["Nguyễn Văn A", "Hợp tác xã Mẫu"])
    assert (notice.withdrawn, bool(notice.body)) == ((1, False) if withdrawn else (0, True))
    shorter = load_catalog(make_project(tmp_path / "short", files), d(2024, 3, 1), notice_retention_days=3)
    assert shorter.notices[0].withdrawn == 1


def test_a_notice_naming_its_last_day(tmp_path: Path) -> None:
    text = NOTICE.replace("opened: 2024-02-05", "opened: 2024-02-05\nuntil: 2024-02-18")  # a Sunday
    catalog = _catalog(tmp_path, {"campaigns/notices/lay-y-kien.yml": text}, d(2024, 2, 10))
    notice = catalog.notices[0]
    assert (notice.until, notice.working_days) == (d(2024, 2, 18), None)
    said = {day: left_text(notice, catalog.workdays, d(2024, 2, day)) for day in (10, 16, 17, 18, 19)}
    assert said == {10: "Còn 2 ngày làm việc",  # Tết until 14/2; 15 and 16 February
                    16: "Còn 1 ngày làm việc", 17: "Nhận ý kiến đến hết ngày 18/02/2024",
                    18: "Hôm nay là ngày cuối nhận ý kiến", 19: "Hết hạn ngày 18/02/2024"}


@pytest.mark.parametrize("change, message", [
    (("opened: 2024-02-05", "opened: 2024-02"),
     "campaigns/notices/lay-y-kien.yml:7:1: opened: '2024-02' chưa đủ ngày"),
    (("opened: 2024-02-05", "opened: 2024-02-05\nworking_days: 10\nuntil: 2024-02-16"),
     "campaigns/notices/lay-y-kien.yml:9:1: until: chỉ ghi một trong hai"),
    (("summary:", "campaign: khong-co\nsummary:"),
     "campaigns/notices/lay-y-kien.yml:8:1: campaign: chưa có phong trào mã 'khong-co'"),
    (("  locality: lang-son/chi-lang", "  locality: lang-son/chi-lag"),
     "campaigns/notices/lay-y-kien.yml:4:3: issuer.locality: mã địa phương 'lang-son/chi-lag' chưa có"),
    (("  - kind: ca-nhan", "  - kind: nguoi"), "campaigns/notices/lay-y-kien.yml:10:5: nominees[1].kind: giá trị 'nguoi' không hợp lệ"),
    # A name in the title would outlive the retention period that withdraws it everywhere else.
    (("summary: Một cá nhân", "summary: Ông Nguyen Van A"),
     "campaigns/notices/lay-y-kien.yml:8:1: summary: có tên cá nhân 'Nguyễn Văn A'"),
])
def test_a_wrong_notice_is_reported_where_it_is(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    with pytest.raises(ContentError) as caught:
        _catalog(tmp_path, {"campaigns/notices/lay-y-kien.yml": NOTICE.replace(*change)}, d(2024, 3, 1))
    formatted = [p.format() for p in caught.value.problems]
    assert any(line.startswith(message) for line in formatted), formatted


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_example_notices_on_the_site(built_site: Path) -> None:
    index = soup(built_site / "notices/index.html")
    sections = {s["data-portal-notices"]: s for s in index.select("[data-portal-notices]")}
    titles = {k: [a.get_text() for a in s.select(".portal-card__title a")] for k, s in sections.items()}
    assert len(titles[OPEN]) == 1 and len(titles[CLOSED]) == 2, titles
    home = soup(built_site / "index.html").select_one("[data-portal-notices]")
    assert [a.get_text() for a in home.select(".portal-card__title a")] == titles[OPEN]
    assert "Còn 6 ngày làm việc" in home.get_text()  # 1, 2, 5, 6, 7 and 8 August 2024
    report = json.loads((built_site / "build.json").read_text(encoding="utf-8"))
    assert report["next_change"] == "2024-08-09" and report["counts"]["notices"] == 3  # the day its window closes

    tet = soup(built_site / "notices/2024-tay-hoa-lay-y-kien-tet.html")
    text = tet.get_text(" ", strip=True)
    assert "Hạn góp ý: 26/02/2024" in text and "Đã hết hạn góp ý" in text and "Dữ liệu minh họa" in text
    sentence = tet.select_one(".portal-deadline__how").get_text()
    assert sentence.startswith("Hạn góp ý là ngày làm việc thứ 10 sau ngày đăng thông báo 05/02/2024")
    assert "Giao thừa Tết Nguyên Đán (09/02/2024)" in sentence
    # Its window closed on 26/02/2024, more than 90 days before the build: the individual is withdrawn.
    assert tet.select(".portal-nominee") == [] and "Nguyễn Thị Mai" not in text
    assert tet.select_one("[data-portal-withdrawn]").get_text().startswith("1 cá nhân: thông tin đã được gỡ")

    open_one = soup(built_site / "notices/2024-lang-son-lay-y-kien-huan-chuong.html")
    mail = open_one.select_one("[data-portal-notice-mail]")["href"]
    assert mail.startswith("mailto:tdkt@langson.gov.vn?subject=")
    assert unquote(mail.split("subject=", 1)[1]).startswith("Góp ý: 88/TB-UBND - Lấy ý kiến Nhân dân")
    # Printed for a notice board: the QR code of the page's address, the print head shown only on paper.
    head = open_one.select_one(".portal-print-only.portal-print-head")
    assert head.select_one("svg") is not None and "notices/2024-lang-son-lay-y-kien-huan-chuong.html" in head.get_text()
    badge = open_one.select_one("[data-portal-notice]")
    assert (badge["data-opened"], badge["data-until"]) == ("2024-07-25", "2024-08-08")

    decided = soup(built_site / "notices/2023-van-quan-lay-y-kien.html").get_text(" ", strip=True)
    assert "nhận ý kiến đến hết ngày 18/8/2023, như thông báo ghi" in decided
    assert "Hợp tác xã Nông nghiệp Thôn Mới" in decided and "Quyết định số 1250/QĐ-UBND" in decided


def test_the_notices_open_data(built_site: Path) -> None:
    notices = json.loads((built_site / "data/notices.json").read_text(encoding="utf-8"))
    by_id = {n["id"]: n for n in notices}
    tet = by_id["2024-tay-hoa-lay-y-kien-tet"]
    assert (tet["opened"], tet["working_days"], tet["comments_until"]) == ("2024-02-05", 10, "2024-02-26")
    assert tet["url"].endswith("notices/2024-tay-hoa-lay-y-kien-tet.html")
    assert (tet["nominees"], tet["withdrawn_individuals"]) == ([], 1)  # past the retention period
    assert [n["name"] for n in by_id["2024-lang-son-lay-y-kien-huan-chuong"]["nominees"]] == [
        "Hợp tác xã Nông nghiệp Hồng Phong", "Hoàng Văn Tuấn"]
    named = by_id["2023-van-quan-lay-y-kien"]
    assert (named["working_days"], named["comments_until"]) == (None, "2023-08-18")
    assert named["exemplar_ids"] == ["htx-nong-nghiep-thon-moi", "lang-van-duc"]


def test_the_deadline_in_calendars_and_feeds(built_site: Path) -> None:
    """Each notice's deadline is an all-day event (its own file; the portal calendar while open), and
    the notices have their feed, read back with independent parsers."""
    import feedparser
    import icalendar

    own = icalendar.Calendar.from_ical((built_site / "notices/2024-tay-hoa-lay-y-kien-tet.ics").read_bytes())
    [event] = own.walk("VEVENT")
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (d(2024, 2, 26), d(2024, 2, 27))
    assert str(event["SUMMARY"]).startswith("Hạn góp ý: Lấy ý kiến Nhân dân")
    portal = icalendar.Calendar.from_ical((built_site / "calendar.ics").read_bytes())
    deadlines = [e.decoded("DTSTART") for e in portal.walk("VEVENT") if "-han-gop-y@" in str(e["UID"])]
    assert deadlines == [d(2024, 8, 8)]  # only the notice still open on 1/8/2024
    feed = feedparser.parse((built_site / "feeds/notices.xml").read_bytes())
    assert len(feed.entries) == 3 and "Hạn góp ý: 08/8/2024." in feed.entries[0].summary
    page = soup(built_site / "notices/2024-tay-hoa-lay-y-kien-tet.html")
    assert page.select_one("a[href$='2024-tay-hoa-lay-y-kien-tet.ics'][download]") is not None
