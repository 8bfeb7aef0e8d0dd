"""In a real browser, on days after the build: every part of every page agrees with the day read.

The status script (theme/assets/portal.js) re-checks badges and regroups and recounts what the
build grouped by status. These tests read the example built for 2024-05-20 (one campaign not
started yet, one running) with Playwright's clock on the day before, the day of and the day after
each start and end that falls after the build, and much later, and the example as built for
2024-08-01 on its day and years later. On each day they compare the
home page, the status pages, a listing's chips, the results page and a campaign's timeline with
the statuses the build's own rules (`catalog.status`) give for that day. The pages are opened from
disk, as a saved page would be; search, which needs a server, is read at one later day.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Page

from builder.catalog.status import ACTIVE, ALL_STATUSES, ENDED, UPCOMING, compute_status
from builder.core.dates import display_day
from builder.core.workdays import WorkCalendar
from builder.plan.glance import Step, step_on
from builder.plan.pages import RECENT_DAYS

from .conftest import BUILD_DATE, EARLY_DATE
from .pages import NOT_READ, fix_clock, new_tab

HUU_LUNG = "campaigns/2024-huu-lung-78-nam-dang-bo.html"
CHI_LANG = "campaigns/2024-chi-lang-dai-hoi-thi-dua-yeu-nuoc.html"  # milestones by month and quarter, overlapping
MUCH_LATER = dt.date(2026, 12, 7)


class Period(NamedTuple):
    start: dt.date | None
    end: dt.date
    override: str | None
    reported: bool

    def status(self, day: dt.date) -> str:
        return compute_status(self.start, self.end, self.override, day).key


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def campaigns(site: Path) -> dict[str, Period]:
    """Every campaign of the built site by address, from the full listing's badges and the results page."""
    reported = {a["href"].split("#")[0].removeprefix("../")
                for a in html(site / "results/index.html").select("#h-summed ~ .portal-cards .portal-card__title a")}
    found = {}
    for card in html(site / "campaigns/index.html").select(".portal-card"):
        url = "campaigns/" + card.select_one(".portal-card__title a")["href"]
        badge = card.select_one("[data-portal-status]")
        found[url] = Period(dt.date.fromisoformat(badge["data-start"]) if badge["data-start"] else None,
                            dt.date.fromisoformat(badge["data-end"]), badge["data-override"] or None, url in reported)
    assert len(found) == 5
    return found


def later_days(built: dt.date, periods: dict[str, Period]) -> list[dt.date]:
    """Both sides of every edge after the build day (the day before a start and the start; the last
    day and the day after), the build day and a day years later."""
    days = {built, MUCH_LATER}
    for p in periods.values():
        if p.start and p.start > built:
            days |= {p.start - dt.timedelta(days=1), p.start}
        if p.end >= built:
            days |= {p.end, p.end + dt.timedelta(days=1)}
    return sorted(d for d in days if d >= built)



def read_on(page: Page, path: Path, day: dt.date) -> BeautifulSoup:
    fix_clock(page, day)
    page.goto(path.as_uri(), wait_until="domcontentloaded")  # the script runs then; images do not matter
    page.wait_for_function("() => document.documentElement.dataset.portalChecked !== undefined")
    return BeautifulSoup(page.content(), "lxml")


def shown(node: Tag) -> bool:
    """Not hidden by the `hidden` attribute, on the node or any ancestor."""
    return not any(n.has_attr("hidden") for n in [node, *node.parents] if isinstance(n, Tag))


def card_urls(scope: Tag) -> set[str]:
    return {c.select_one(".portal-card__title a")["href"].split("#")[0].removeprefix("../")
            for c in scope.select(".portal-card") if shown(c)}


def moved_urls(scope: Tag) -> set[str]:
    return {a["href"].removeprefix("../") for a in scope.select("[data-portal-moved] a") if shown(a)}


def expected_counts(periods: dict[str, Period], day: dt.date) -> dict[str, int]:
    counts = collections.Counter(p.status(day) for p in periods.values())
    return {s.key: counts[s.key] for s in ALL_STATUSES}


def check_home(dom: BeautifulSoup, periods: dict[str, Period], day: dt.date) -> None:
    status = {url: p.status(day) for url, p in periods.items()}
    sections = {s["data-portal-section"]: s for s in dom.select("[data-portal-section]")}
    for key in (ACTIVE.key, UPCOMING.key):
        want = {url for url, s in status.items() if s == key}
        assert card_urls(sections[key]) == want, (day, key)
    active_empty = sections[ACTIVE.key].select_one("[data-portal-empty]")
    assert shown(active_empty) == (not any(s == ACTIVE.key for s in status.values())), day
    ended = {url for url, s in status.items() if s == ENDED.key}
    recent = {url for url in ended if (day - periods[url].end).days <= RECENT_DAYS}
    got = card_urls(sections[ENDED.key])
    heading = sections[ENDED.key].select_one("h2").get_text()
    if recent:
        assert got == recent and heading == "Vừa kết thúc", (day, got, heading)
    else:
        assert got <= ended and 0 < len(got) <= 3 and heading == "Đã kết thúc", (day, got, heading)
    counts = expected_counts(periods, day)
    for el in dom.select("[data-portal-count]"):
        assert int(el.get_text()) == counts[el["data-portal-count"]], (day, el)
    assert len(dom.select("[data-portal-count]")) == 3


def check_status_page(dom: BeautifulSoup, key: str, periods: dict[str, Period], day: dt.date) -> None:
    want = {url for url, p in periods.items() if p.status(day) == key}
    article = dom.select_one("article")
    got = card_urls(article) | moved_urls(article)
    assert got == want, (day, key, got)
    total = dom.select_one(".portal-total [data-portal-count]")
    assert int(total.get_text()) == len(want), (day, key)
    assert shown(article.select_one("[data-portal-empty]")) == (not want), (day, key)


def check_chips(dom: BeautifulSoup, periods: dict[str, Period], day: dt.date) -> None:
    """The "Lọc" panel's status counts: the listing's own campaigns (a theme's), or the whole portal's
    on a status page, whose own list is re-made on the reader's day."""
    panel = dom.select_one(".portal-filter form")
    if panel.has_attr("data-portal-scope"):
        periods = {url: p for url, p in periods.items() if url in card_urls(dom.select_one("article"))}
    chips = panel.select("[data-portal-count]")
    assert {c["data-portal-count"]: int(c.get_text()) for c in chips} == expected_counts(periods, day), day


def check_results(dom: BeautifulSoup, periods: dict[str, Period], day: dt.date) -> None:
    want = {url for url, p in periods.items() if p.status(day) == ENDED.key and not p.reported}
    section = dom.select_one("[data-portal-section=pending]")
    got = card_urls(section) | moved_urls(section)
    assert got == want and shown(section) == bool(want), (day, got)


def check_timeline(dom: BeautifulSoup, period: Period, day: dt.date) -> None:
    line = dom.select_one("[data-portal-timeline]")
    first = dt.date.fromisoformat(line["data-first"])
    last = first + dt.timedelta(days=int(line["data-days"]) - 1)
    marker = line.select_one(".portal-timeline__today")
    inside = first <= day <= last
    assert shown(marker) == inside, day
    note = dom.select_one("[data-portal-timeline-note]").get_text()
    where = display_day(day)
    assert note == (f"Hôm nay, {where}." if inside else
                    f"Hôm nay ({where}) là {'trước' if day < first else 'sau'} giai đoạn này."), (day, note)
    waiting = dom.select_one("[data-portal-show-from]")
    if waiting is not None:
        assert shown(waiting) == (period.status(day) == ENDED.key and not period.reported), day


@pytest.mark.parametrize("when", ["early", "built"])
def test_every_part_agrees_with_the_day_read(browser: Browser, built_site_early: Path, built_site: Path,
                                             when: str) -> None:
    site, built = (built_site_early, EARLY_DATE) if when == "early" else (built_site, BUILD_DATE)
    built_day = dt.date.fromisoformat(built)
    periods = campaigns(site)
    # The early build sees every change after it; the example as tests build it is read as the
    # issue saw it, years later (its own later edges are the early build's too).
    days = later_days(built_day, periods) if when == "early" else [MUCH_LATER]
    seen: set[str] = set()
    one = dt.timedelta(days=1)
    theme_days = {built_day, MUCH_LATER, periods[HUU_LUNG].end, periods[HUU_LUNG].end + one}
    if periods[CHI_LANG].start:
        theme_days |= {periods[CHI_LANG].start - one, periods[CHI_LANG].start}
    with new_tab(browser) as page:
        page.route(NOT_READ, lambda route: route.abort())
        for day in days:
            home = read_on(page, site / "index.html", day)
            check_home(home, periods, day)
            changed = home.html["data-portal-checked"].endswith(":changed")
            assert changed == (day != built_day), day  # the build day itself changes nothing
            for key in (ACTIVE.key, UPCOMING.key, ENDED.key):
                dom = read_on(page, site / f"status/{key}.html", day)
                check_status_page(dom, key, periods, day)
                check_chips(dom, periods, day)
                # One note, only when the page changed; and only on screen.
                notes = dom.select(".portal-stale")
                assert len(notes) == int(dom.html["data-portal-checked"].endswith(":changed")), (day, key)
            # A theme's panel counts its own campaigns: it moves when Hữu Lũng's (of the theme) ends, and
            # not when Chi Lăng's (of other themes) starts.
            if day in theme_days:
                check_chips(read_on(page, site / "themes/kinh-te.html", day), periods, day)
            # "Not yet reported" changes only when a campaign ends; the timeline is Hữu Lũng's.
            if day in {built_day, MUCH_LATER} or any(day == p.end + dt.timedelta(days=k)
                                                    for p in periods.values() for k in (0, 1)):
                check_results(read_on(page, site / "results/index.html", day), periods, day)
            if day in {built_day, MUCH_LATER} or abs((day - periods[HUU_LUNG].end).days) <= 1:
                check_timeline(read_on(page, site / HUU_LUNG, day), periods[HUU_LUNG], day)
            seen |= {p.status(day) for p in periods.values()}
    with new_tab(browser) as page:  # the note is never printed (with the styles this time)
        read_on(page, site / f"status/{ACTIVE.key}.html", MUCH_LATER)
        page.emulate_media(media="print")
        assert not page.locator(".portal-stale").is_visible()
        page.emulate_media(media="screen")
        assert page.locator(".portal-stale").is_visible()
    if when == "early":  # every transition the rules know happens after this build
        assert {UPCOMING.key, ACTIVE.key, ENDED.key} <= seen


def test_a_campaigns_step_follows_the_day_read(browser: Browser, built_site_early: Path) -> None:
    """"Giai đoạn" in the glance box: the step under way on the reader's day, or the next one, on both
    sides of every step's first and last day; the script and the build's rule (`glance.step_on`) agree."""
    spans = html(built_site_early / CHI_LANG).select("[data-portal-step] [data-first]")
    steps = tuple(Step(sp.get_text(), "", dt.date.fromisoformat(sp["data-first"]), dt.date.fromisoformat(sp["data-last"]))
                  for sp in spans)
    assert len(steps) >= 4
    one = dt.timedelta(days=1)
    days = sorted({d for st in steps for d in (st.first - one, st.first, st.last, st.last + one)})
    with new_tab(browser) as page:
        page.route(NOT_READ, lambda route: route.abort())
        read_on(page, built_site_early / CHI_LANG, dt.date.fromisoformat(EARLY_DATE))
        for day in [d for d in days if d >= dt.date.fromisoformat(EARLY_DATE)]:
            # The same page, its clock moved and the script run again: what a reader sees who keeps it open.
            fix_clock(page, day)
            page.evaluate("window.portalStatus.recheck()")
            row = BeautifulSoup(page.content(), "lxml").select_one("[data-portal-step]")
            want = step_on(steps, day)
            if want is None:
                assert not shown(row), day
                continue
            got = [sp.get_text() for sp in row.select("[data-first]") if shown(sp)]
            assert shown(row) and got == [want[0].label], (day, got, want)
            assert shown(row.select_one("[data-portal-step-next]")) == (not want[1]), day


def panel_data(site: Path) -> dict:
    """campaigns/filters.js as Python data: each campaign's filter values, read by the panel's script."""
    text = (site / "campaigns/filters.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("window.portalCampaignFilters = ").rstrip().removesuffix(";"))


def test_a_listing_panel_recounts_the_choice_on_the_day_read(browser: Browser, built_site_early: Path) -> None:
    """Ticking options in a theme's "Lọc" panel: the button counts the campaigns of the choice and every
    option the choice's campaigns that have it, with statuses of the reader's day, on both sides of
    Hữu Lũng's last day (a campaign of the theme) and years later."""
    path = built_site_early / "themes/kinh-te.html"
    periods = campaigns(built_site_early)
    mine = {url: p for url, p in periods.items() if url in card_urls(html(path).select_one("article"))}
    data = panel_data(built_site_early)
    assert len(data["campaigns"]) == len(periods)
    end = periods[HUU_LUNG].end
    with new_tab(browser) as page:
        page.route(NOT_READ, lambda route: route.abort())
        for day in (end, end + dt.timedelta(days=1), MUCH_LATER):
            read_on(page, path, day)
            page.click("summary.portal-filter__button")
            for ticked in ([ACTIVE.key], [ACTIVE.key, ENDED.key]):
                box = page.locator(f".portal-filter__form li:has([data-portal-count='{ticked[-1]}']) input")
                box.check()
                page.wait_for_selector("form[data-portal-panel-counted]", state="attached")
                dom = BeautifulSoup(page.content(), "lxml")
                form = dom.select_one("form[data-portal-panel]")
                chosen = [url for url, p in mine.items() if p.status(day) in ticked]
                assert form["data-portal-panel-counted"] == str(len(chosen)), (day, ticked)
                assert dom.select_one("[data-portal-panel-total]").get_text() == f"{len(chosen)} ", day
                statuses = {c["data-portal-count"]: int(c.get_text()) for c in form.select("[data-portal-count]")}
                assert statuses == {k: (n if k in ticked else 0) for k, n in expected_counts(mine, day).items()}, day
                # A year's number: the chosen campaigns of that year, from the data file (the same
                # values as the search filters, tests/test_site.py).
                theme = next(i for i, v in enumerate(data["values"]) if v == ["theme", "Kinh tế, sản xuất kinh doanh"])
                in_choice = [c for c in data["campaigns"] if theme in c[3]
                             and compute_status(dt.date.fromisoformat(c[0]) if c[0] else None,
                                                dt.date.fromisoformat(c[1]), c[2] or None, day).key in ticked]
                assert len(in_choice) == len(chosen)
                for box_el in form.select("input[name='f.year']"):
                    year = data["values"].index(["year", box_el["value"]])
                    want = sum(year in c[3] for c in in_choice)
                    assert box_el.parent.select_one(".portal-count").get_text() == str(want), (day, box_el["value"])
                assert dom.select_one(".portal-filter__on").get_text(strip=True) == f"· {1 + len(ticked)} đang chọn"
                page.evaluate("document.querySelector('form[data-portal-panel]').removeAttribute('data-portal-panel-counted')")


def test_notices_follow_the_day_read(browser: Browser, built_site: Path) -> None:
    """The open notice (25/7 – 8/8/2024) read on the build day, a Saturday inside its window, its last
    day and the day after: badge, working days left, and where its card is, on the home page, the
    notices page and its own page; the days left as the build's calendar counts them."""
    page_path = built_site / "notices/2024-lang-son-lay-y-kien-huan-chuong.html"
    badge = html(page_path).select_one("[data-portal-notice]")
    until = dt.date.fromisoformat(badge["data-until"])
    calendar = WorkCalendar()
    one = dt.timedelta(days=1)
    with new_tab(browser) as page:
        page.route(NOT_READ, lambda route: route.abort())
        for day in (dt.date.fromisoformat(BUILD_DATE), dt.date(2024, 8, 3), until - one, until, until + one):
            is_open = day <= until
            left = calendar.working_days_between(day - one, until)
            want = ("Hôm nay là ngày cuối nhận ý kiến" if day == until else f"Còn {left} ngày làm việc") if is_open \
                else f"Hết hạn ngày {display_day(until)}"
            dom = read_on(page, page_path, day)
            assert dom.select_one("[data-portal-notice-left]").get_text() == want, day
            assert dom.select_one("[data-portal-notice] .portal-status__label").get_text() == \
                ("Đang lấy ý kiến" if is_open else "Đã hết hạn góp ý"), day
            if day < until:  # the lists change only when the window closes: read on its last day and after
                continue
            home = read_on(page, built_site / "index.html", day)
            section = home.select_one("[data-portal-notices]")
            assert shown(section) == is_open, day
            listing = read_on(page, built_site / "notices/index.html", day)
            where = {s["data-portal-notices"]: [c.select_one("a")["href"] for c in s.select("[data-portal-notice-card]")
                                                if shown(c)] for s in listing.select("[data-portal-notices]")}
            assert ("2024-lang-son-lay-y-kien-huan-chuong.html" in where["dang-lay-y-kien"]) == is_open, (day, where)
            assert len(where["da-het-han"]) == 2 + (not is_open), (day, where)
            assert shown(listing.select_one("[data-portal-notices=dang-lay-y-kien] [data-portal-empty]")) == (not is_open)
        # A notice naming a Sunday as its last day: on the Friday one working day is left, on the Saturday
        # none, and the script says so as the build would (plan/notice_pages.left_text).
        read_on(page, page_path, dt.date(2024, 8, 9))
        for day, want in ((dt.date(2024, 8, 9), "Còn 1 ngày làm việc"),
                          (dt.date(2024, 8, 10), "Nhận ý kiến đến hết ngày 11/8/2024")):
            fix_clock(page, day)
            page.evaluate("""() => { const b = document.querySelector('[data-portal-notice]');
                b.className = b.className.replace(/portal-status--[a-z-]+/, 'portal-status--x');
                b.dataset.until = '2024-08-11'; b.dataset.exceptions = ''; window.portalStatus.recheck(); }""")
            assert page.inner_text("[data-portal-notice-left]") == want, day


def test_a_clock_behind_the_build_keeps_the_page(browser: Browser, built_site: Path) -> None:
    """A reader's day before the build's is a wrong clock (the build ran that day): nothing changes."""
    before = dt.date.fromisoformat(BUILD_DATE) - dt.timedelta(days=400)
    with new_tab(browser) as page:
        dom = read_on(page, built_site / "index.html", before)
    built = html(built_site / "index.html")
    assert dom.html["data-portal-checked"] == before.isoformat()
    assert [b["class"] for b in dom.select("[data-portal-status]")] == [b["class"] for b in built.select("[data-portal-status]")]
    assert dom.select_one(".portal-stale") is None


def test_search_status_filter_follows_the_day_read(browser: Browser, site_url: str, built_site: Path) -> None:
    """Hữu Lũng's campaign, running on the build day, has ended by 15/11/2024: the filter and its
    counts put it under "Đã kết thúc", and the note is added once however many searches run."""
    day = dt.date(2024, 11, 15)
    periods = campaigns(built_site)
    counts = expected_counts(periods, day)
    with new_tab(browser) as page:
        fix_clock(page, day)
        for key in (ACTIVE.key, ENDED.key):
            label = next(s.label for s in ALL_STATUSES if s.key == key)
            page.goto(f"{site_url}/search.html?f.status={quote(label)}")
            page.wait_for_function("() => document.documentElement.dataset.portalSearch === 'ready'")
            page.locator(".portal-hit").first.wait_for()
            page.wait_for_function("() => document.querySelector('[data-facet=status] .portal-facet__count')")
            badges = page.locator("[data-portal-search-results] .portal-status__label").all_inner_texts()
            assert badges == [label] * counts[key], (key, badges)
            assert page.inner_text("[data-portal-search-status]").startswith(f"Có {counts[key]} kết quả")
            facet = page.locator("[data-facet=status] input:checked + label .portal-facet__count").inner_text()
            assert int(facet) == counts[key], key
            page.fill("#portal-q", "thi đua")  # another search on the same page
            page.press("#portal-q", "Enter")
            page.wait_for_function("() => document.querySelector('[data-portal-search-status]').textContent.includes('thi đua')")
            assert page.locator(".portal-stale").count() <= 1
