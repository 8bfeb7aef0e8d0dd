"""In a real browser: the status script re-checks badges and countdowns against the reader's day.

Pages are opened from disk (`file://`, as a citizen might save them) in the session's Chromium
with Playwright's clock fixed on chosen days: before, on and after the first and last day of
every example campaign, and the build date itself. The clock is set to half past midnight in
Vietnam, which is still the day before in UTC, so a script that read the UTC date would fail.
The expected statuses come from the build's own rules (`catalog.status`) for the same day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from builder.catalog.status import compute_status

from .conftest import BUILD_DATE
from .pages import fix_clock, new_tab

BUILT = dt.date.fromisoformat(BUILD_DATE)


def read_on(page: Page, url: str, day: dt.date) -> BeautifulSoup:
    """The page as the script leaves it when the reader's clock says `day` (00:30 in Vietnam)."""
    fix_clock(page, day)
    page.goto(url)
    page.wait_for_function("() => document.documentElement.dataset.portalChecked !== undefined")
    return BeautifulSoup(page.content(), "html.parser")


def around(*days: dt.date) -> list[dt.date]:
    """Each day, the day before and the day after."""
    return sorted({d + dt.timedelta(days=k) for d in days for k in (-1, 0, 1)})


def test_badges_follow_the_readers_day(browser: Browser, built_site: Path) -> None:
    home = (built_site / "index.html").as_uri()
    built = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    spans = [(dt.date.fromisoformat(b["data-start"]) if b["data-start"] else None, dt.date.fromisoformat(b["data-end"]),
              b["data-override"] or None) for b in built.select("[data-portal-status]")]
    assert len(spans) == 5
    days = around(BUILT, *(start for start, _, _ in spans if start), *(end for _, end, _ in spans))
    seen_statuses = set()
    with new_tab(browser) as page:
        for day in days:
            dom = read_on(page, home, day)
            assert dom.html["data-portal-checked"].startswith(day.isoformat()), day
            badges = dom.select("[data-portal-status]")
            assert len(badges) == len(spans)
            for badge, (start, end, override) in zip(badges, spans):
                expected = compute_status(start, end, override, day)
                seen_statuses.add(expected.key)
                assert f"portal-status--{expected.key}" in badge["class"], (day, badge["class"])
                assert badge.select_one(".portal-status__label").get_text() == expected.label
                assert f"portal-card--{expected.key}" in badge.find_parent(class_="portal-card")["class"]
            note = dom.select_one("[data-portal-recheck]")
            assert note.has_attr("hidden") == (day == BUILT), day
            if day != BUILT:
                assert f"{day.day}/{day.month}/{day.year}" in note.get_text()
    # The chosen days reach every branch of the rules the example can show.
    assert {"sap-dien-ra", "dang-dien-ra", "da-ket-thuc"} <= seen_statuses


def test_countdown_is_recomputed_for_the_readers_day(browser: Browser, built_site: Path) -> None:
    """Hữu Lũng's campaign runs from its issue date, 19/3/2024, "đến hết 30/10/2024"."""
    path = built_site / "campaigns" / "2024-huu-lung-78-nam-dang-bo.html"
    start, end = dt.date(2024, 3, 19), dt.date(2024, 10, 30)
    built = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    built_text = built.select_one("[data-portal-countdown]").get_text()
    assert built_text == f"Còn {(end - BUILT).days} ngày"
    with new_tab(browser) as page:
        for day in around(start, BUILT, end):
            dom = read_on(page, path.as_uri(), day)
            if day < start:
                expected = f"Bắt đầu sau {(start - day).days} ngày"
            elif day < end:
                expected = f"Còn {(end - day).days} ngày"
            elif day == end:
                expected = "Ngày cuối cùng"
            else:
                expected = "Kết thúc ngày 30/10/2024"
            assert dom.select_one("[data-portal-countdown]").get_text() == expected, day
            # The page says its lists were made for the build date whenever the script changed it.
            assert (dom.select_one(".portal-stale") is not None) == (expected != built_text), day


def test_exemplar_facets_combine_with_javascript(browser: Browser, built_site_today: Path) -> None:
    """From disk, the script loads exemplars/data.js and combines facets given in the address."""
    with new_tab(browser) as page:
        page.goto((built_site_today / "exemplars" / "index.html").as_uri() + "#kind=ca-nhan&localities=lang-son")
        page.locator("[data-portal-exfilter-status]:not(:empty)").wait_for()
        dom = BeautifulSoup(page.content(), "html.parser")
    form = dom.select_one("[data-portal-exfilter]")
    assert not form.has_attr("hidden") and dom.select_one("[data-portal-facets]").has_attr("hidden")
    assert dom.select_one("[data-portal-exfilter-static]").has_attr("hidden")
    names = [a.get_text() for a in dom.select("[data-portal-exfilter-results] .portal-excard__name a")]
    # Individuals in Lạng Sơn and every unit beneath it, A–Z; collectives and other provinces left out.
    assert names == ["Hoàng Thị An", "Hoàng Văn Bình", "Lăng Văn Đức", "Vi Văn Sơn", "Dương Thị Uyên", "Lý Thị Xuân"]
    assert dom.select_one("[data-portal-exfilter-status]").get_text() == "6 điển hình phù hợp"
    links = [a["href"] for a in dom.select("[data-portal-exfilter-results] a")]
    assert all((built_site_today / "exemplars" / link).resolve().is_file() for link in links)
    photos = [img["src"] for img in dom.select("[data-portal-exfilter-results] img")]
    assert photos and all((built_site_today / "exemplars" / src).resolve().is_file() for src in photos)
