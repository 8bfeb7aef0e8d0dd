"""In a real browser: the status script re-checks badges against the reader's today.

Headless Chromium loads the page from disk and dumps the DOM after its scripts ran.
The expected statuses are computed with the same rules (builder.status) for the same
day, so the test holds on any date. Chromium is required: CI installs it (.ci/run);
a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

from builder.dates import today_in_vietnam
from builder.status import compute_status

from .conftest import CHROMIUM_FLAGS, chromium


def dump_dom(page: Path, fragment: str = "") -> BeautifulSoup:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                                 "--virtual-time-budget=5000", "--dump-dom", page.as_uri() + fragment],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return BeautifulSoup(result.stdout, "html.parser")


def test_badges_follow_the_readers_today(built_site: Path) -> None:
    dom = dump_dom(built_site / "index.html")
    today = today_in_vietnam()
    assert dom.html["data-portal-checked"].startswith(today.isoformat())
    badges = dom.select("[data-portal-status]")
    assert len(badges) == 5
    for badge in badges:
        start = dt.date.fromisoformat(badge["data-start"]) if badge["data-start"] else None
        expected = compute_status(start, dt.date.fromisoformat(badge["data-end"]), badge["data-override"] or None, today)
        assert f"portal-status--{expected.key}" in badge["class"]
        assert badge.select_one(".portal-status__label").get_text() == expected.label
        card = badge.find_parent(class_="portal-card")
        assert f"portal-card--{expected.key}" in card["class"]
    note = dom.select_one("[data-portal-recheck]")
    if today.isoformat() != "2024-08-01":
        assert not note.has_attr("hidden") and today.strftime("%Y") in note.get_text()


def test_countdown_is_recomputed(built_site: Path) -> None:
    dom = dump_dom(built_site / "campaigns" / "2024-huu-lung-78-nam-dang-bo.html")
    today = today_in_vietnam()
    countdown = dom.select_one("[data-portal-countdown]").get_text()
    end = dt.date(2024, 10, 30)
    # built for 2024-08-01 as active; the page says so when the browser's today changed that
    assert (dom.select_one(".portal-stale") is not None) == (today > end)
    if today > end:
        assert countdown == "Kết thúc ngày 30/10/2024"
    elif today == end:
        assert countdown == "Ngày cuối cùng"
    else:
        assert countdown == f"Còn {(end - today).days} ngày"


def test_exemplar_facets_combine_with_javascript(built_site_today: Path) -> None:
    """From disk, the script loads exemplars/data.js and combines facets given in the address."""
    dom = dump_dom(built_site_today / "exemplars" / "index.html", "#kind=ca-nhan&localities=lang-son")
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
