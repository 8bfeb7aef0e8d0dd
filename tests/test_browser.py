"""In a real browser: countdowns follow the reader's day; exemplar facets combine in the script.

Pages are opened from disk (`file://`, as a citizen might save them) in the session's Chromium
with Playwright's clock fixed on chosen days: before, on and after the first and last day of a
campaign, and the build date itself. The clock is set to half past midnight in Vietnam, which is
still the day before in UTC, so a script that read the UTC date would fail. Statuses, sections
and counts on later days: test_status_browser.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from builder.core.dates import display_day

from .conftest import EARLY_DATE
from .pages import NOT_READ, fix_clock, new_tab

BUILT = dt.date.fromisoformat(EARLY_DATE)


def read_on(page: Page, url: str, day: dt.date) -> BeautifulSoup:
    """The page as the script leaves it when the reader's clock says `day` (00:30 in Vietnam)."""
    fix_clock(page, day)
    page.goto(url)
    page.wait_for_function("() => document.documentElement.dataset.portalChecked !== undefined")
    return BeautifulSoup(page.content(), "html.parser")


def around(*days: dt.date) -> list[dt.date]:
    """Each day, the day before and the day after."""
    return sorted({d + dt.timedelta(days=k) for d in days for k in (-1, 0, 1)})


@pytest.mark.parametrize(("name", "start", "end"), [
    ("2024-huu-lung-78-nam-dang-bo", dt.date(2024, 3, 19), dt.date(2024, 10, 30)),  # from its issue date
    ("2024-chi-lang-dai-hoi-thi-dua-yeu-nuoc", dt.date(2024, 6, 1), dt.date(2025, 4, 30)),  # issued 15/5 here
])
def test_countdown_is_recomputed_for_the_readers_day(browser: Browser, built_site_early: Path, name: str,
                                                     start: dt.date, end: dt.date) -> None:
    path = built_site_early / "campaigns" / f"{name}.html"
    built = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    built_text = built.select_one("[data-portal-countdown]").get_text()

    def expected(day: dt.date) -> str:
        if day < start:
            return f"Bắt đầu sau {(start - day).days} ngày"
        if day < end:
            return f"Còn {(end - day).days} ngày"
        return "Ngày cuối cùng" if day == end else f"Kết thúc ngày {display_day(end)}"

    assert built_text == expected(BUILT)
    with new_tab(browser) as page:
        page.route(NOT_READ, lambda route: route.abort())
        for day in [BUILT, *(d for d in around(start, end) if d > BUILT)]:
            dom = read_on(page, path.as_uri(), day)
            assert dom.select_one("[data-portal-countdown]").get_text() == expected(day), day
            # The page says it was updated on another day whenever the script changed it.
            assert (dom.select_one(".portal-stale") is not None) == (expected(day) != built_text), day


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
