"""What citizens see, in a real browser: every page type accessible, usable on a phone, by keyboard.

The example portal is served as a static host serves it (conftest.py) and opened in
Debian's Chromium with Playwright. For every page type:

- axe-core (tests/axe.py, pinned from the npm registry) finds no violation of impact
  "serious" or "critical", on a phone and on a desktop, in the light and the dark scheme;
- at 360×800 nothing scrolls sideways, every control and stand-alone link is a target of
  at least 44×44 px, cards stack in one column and tables fit or scroll in their own box;
- with PORTAL_SCREENSHOTS naming a folder, screenshots at each width and scheme (the first
  screen and the whole page) are written there for people to look at.

Contexts here bypass the pages' Content-Security-Policy only so that axe can be injected;
test_search_browser.py holds every page type to the policy itself.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from builder.catalog.status import compute_status

from . import axe
from .conftest import BUILD_DATE

READ_ON = dt.date(2024, 11, 15)  # Hữu Lũng's campaign has ended since the build; Chi Lăng's still runs
from .pages import (
    COLOUR_RULES,
    DESKTOP,
    PAGE_TYPES,
    fix_clock,
    new_tab,
    open_page,
    serious_violations,
    switch_to_dark,
    transfer_log,
)
from .static_host import serving

# For people to look at, when asked: `PORTAL_SCREENSHOTS=/tmp/shots make test`.
SCREENSHOTS = Path(os.environ["PORTAL_SCREENSHOTS"]) if os.environ.get("PORTAL_SCREENSHOTS") else None
PHONE = {"width": 360, "height": 800}

# Every control and every link that stands on its own; links inside a sentence are exempt
# (WCAG 2.5.5's "inline" exception). A checkbox's target includes its label.
SMALL_TARGETS = """() => {
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label.md-header__button';
  const inSentence = el => {
    if (getComputedStyle(el).display !== 'inline') return false;
    const block = el.parentElement.closest('p, li, dd, td, th, figcaption, blockquote, div');
    return block && block.textContent.trim().length > el.textContent.trim().length + 3;
  };
  const small = [];
  for (const el of document.querySelectorAll(controls)) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest('[hidden], .md-sidebar, .md-tabs') || el.matches('.md-skip:not(:focus)') || inSentence(el)) continue;
    let [left, right, top, bottom] = [r.left, r.right, r.top, r.bottom];
    for (const label of el.labels || []) {
      const l = label.getBoundingClientRect();
      [left, right] = [Math.min(left, l.left), Math.max(right, l.right)];
      [top, bottom] = [Math.min(top, l.top), Math.max(bottom, l.bottom)];
    }
    if (right - left < 44 || bottom - top < 44)
      small.push(`${el.tagName} "${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40)}" `
                 + `${Math.round(right - left)}x${Math.round(bottom - top)}`);
  }
  return small;
}"""

# The focused element's ring: its own outline, or for Material's hidden palette radio, its label's.
FOCUS_RING = """() => {
  let el = document.activeElement;
  if (el.matches('.md-option')) el = el.nextElementSibling;
  const s = getComputedStyle(el), r = el.getBoundingClientRect();
  return {name: (el.innerText || el.value || el.getAttribute('aria-label') || el.id || el.tagName).trim().slice(0, 40),
          ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, seen: r.width > 0 && r.height > 0};
}"""


@dataclass
class Audit:
    """Everything checked on one page type at one width, from a single cold load of the page."""

    serious: dict[str, list[str]] = field(default_factory=dict)  # scheme → axe's serious and critical findings
    scroll_width: int = 0
    small_targets: list[str] = field(default_factory=list)
    card_lefts: list[int] = field(default_factory=list)
    card_overflow: list[int] = field(default_factory=list)  # px a card reaches past its column's right edge
    tables: list[list[object]] = field(default_factory=list)  # [right edge, fits or scrolls in its box, full width]
    chart_text: list[float] = field(default_factory=list)  # px of each chart label and number as drawn
    transfer: list[tuple[str, int]] = field(default_factory=list)  # the cold load's requests


def audit(browser: Browser, base: str, axe_source: str, kind: str, width: str) -> Audit:
    """Open the page once, cold, in a fresh profile; measure and audit it light, then switch to dark.

    Each check used to load the page itself: six loads per page type. One load runs them all,
    and the screenshots are of the states audited.
    """
    phone = width == "phone"
    found = Audit()
    with new_tab(browser, PHONE if phone else DESKTOP, is_mobile=phone, has_touch=phone) as page:
        log = transfer_log(page)
        # Read on a later day than the build's: what the status script adds (its note, the campaigns
        # that changed status) is audited and measured too.
        fix_clock(page, READ_ON)
        open_page(page, base, kind)
        found.transfer = list(log)  # before anything else asks for more
        if phone:
            found.scroll_width = page.evaluate("document.documentElement.scrollWidth")
            found.small_targets = page.evaluate(SMALL_TARGETS)
            # Cards stack: one column, each as wide as the content.
            found.card_lefts = page.eval_on_selector_all(
                ".portal-card, .portal-excard",
                "cs => cs.filter(c => c.getClientRects().length).map(c => Math.round(c.getBoundingClientRect().left))")
            # ... and no wider: a grid column's minimum once pushed them 12 px past the text's right edge.
            found.card_overflow = page.eval_on_selector_all(".portal-card, .portal-excard", """cs => cs
                .filter(c => c.getClientRects().length)
                .map(c => Math.round(c.getBoundingClientRect().right - c.parentElement.closest('article').getBoundingClientRect().right))
                .filter(px => px > 0)""")
            # Tables (tasks, awards, chart data) fit the screen or scroll inside their own box.
            # Tables (tasks, awards, chart data) fit the screen or scroll inside their own box; ours take
            # its whole width (a table of short rows once shrank to 106 px, its caption a word a line).
            found.tables = page.eval_on_selector_all("article table", """ts => ts.map(t => {
                const box = t.closest('.portal-table, .md-typeset__scrollwrap') || t.parentElement;
                return [Math.round(box.getBoundingClientRect().right), t.scrollWidth <= box.clientWidth
                        || getComputedStyle(box).overflowX === 'auto',
                        !box.matches('.portal-table') || t.getBoundingClientRect().width >= 0.95 * box.clientWidth];
            })""")
            # Chart text as drawn: its font size times the scale the SVG is shown at.
            found.chart_text = page.eval_on_selector_all(".portal-chart text", """ts => ts.map(t =>
                Math.round(parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a * 10) / 10)""")
        for scheme in ("light", "dark"):
            if scheme == "dark":
                switch_to_dark(page)
            if SCREENSHOTS is not None:  # rasterizing is most of what Chromium spends on a page: on request
                name = f"{kind}-{width}{'-dark' if scheme == 'dark' else ''}"
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=SCREENSHOTS / f"{name}-first-screen.png")  # what a reader sees first
                page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
            found.serious[scheme] = serious_violations(page, axe_source, COLOUR_RULES if scheme == "dark" else ())
    return found


@pytest.fixture(scope="module")
def audits(browser: Browser, site_url: str) -> Callable[[str, str], Audit]:
    """Each (page type, width) audited once, by the first test that asks."""
    source, done = axe.script(), {}

    def get(kind: str, width: str) -> Audit:
        if (kind, width) not in done:
            done[kind, width] = audit(browser, site_url, source, kind, width)
        return done[kind, width]
    return get


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_accessibility_violations(audits: Callable[[str, str], Audit], kind: str, width: str) -> None:
    """axe-core over the whole page, after its scripts ran, in the light and the dark scheme."""
    assert audits(kind, width).serious == {"light": [], "dark": []}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_phone_layout(audits: Callable[[str, str], Audit], kind: str) -> None:
    found = audits(kind, "phone")
    assert found.scroll_width <= PHONE["width"], "the page scrolls sideways"
    assert found.small_targets == [], "tap targets smaller than 44×44 px"
    assert len(set(found.card_lefts)) <= 1, found.card_lefts
    assert found.card_overflow == [], "cards reach past the text column"
    assert all(right <= PHONE["width"] and ok and full for right, ok, full in found.tables), found.tables
    assert all(px >= 12 for px in found.chart_text), found.chart_text  # readable, not shrunk to fit


@pytest.mark.parametrize("kind", [k for k in PAGE_TYPES if k != "search"])
def test_first_load_transfers_at_most_150_kb(audits: Callable[[str, str], Audit], kind: str) -> None:
    """Bytes, not time (bench/page_budget.py measures LCP): HTML, CSS, JS and fonts of a cold
    visit on a phone, compressed as the host sends them, images apart. Search loads Pagefind's
    index on top and is reported by the budget script instead."""
    log = audits(kind, "phone").transfer
    types = {resource for resource, _ in log}
    # The 404 page stands alone: no stylesheet; its script is inline, the index's script comes after.
    assert {"document", "stylesheet", "script"} - ({"stylesheet"} if kind == "404" else set()) <= types, types
    assert sum(n for resource, n in log if resource != "image") <= 150 * 1024, sorted(log, key=lambda e: -e[1])[:8]


def test_every_page_is_vietnamese_with_a_skip_link_and_ordered_headings(built_site: Path) -> None:
    """Every HTML page of the site, not just one per type: the rules are structural."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 90
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(built_site)
        assert soup.html["lang"] == "vi", where
        skip = soup.select_one("a.portal-skip")
        assert skip and skip["href"] == "#noi-dung" and soup.find(id="noi-dung"), where
        # Material writes its own skip link on pages with a table of contents; portal.css hides it.
        first = next(a for a in soup.body.find_all("a") if not a.find_parent(attrs={"data-md-component": "skip"}))
        assert first is skip, f"{where}: the skip link is not the first link"
        content = soup.find(id="noi-dung")
        levels = [int(h.name[1]) for h in content.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert levels[:1] == [1] and levels.count(1) == 1, f"{where}: {levels}"
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert not jumps, f"{where}: heading levels skip {jumps}"


def test_status_timeline_and_charts_read_as_text(browser: Browser, site_url: str) -> None:
    """Badges say their status in words; the drawn timeline and charts have text twins."""
    with new_tab(browser, DESKTOP) as page:
        fix_clock(page, dt.date.fromisoformat(BUILD_DATE))
        open_page(page, site_url, "campaign-with-results")
        badge = page.locator(".portal-status").first
        start, end = badge.get_attribute("data-start"), badge.get_attribute("data-end")
        expected = compute_status(dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end or ""),
                                  badge.get_attribute("data-override") or None, dt.date.fromisoformat(BUILD_DATE))
        assert badge.locator(".portal-status__label").inner_text() == expected.label == "Đã kết thúc"
        assert badge.locator(".portal-status__symbol").inner_text() == expected.symbol
        assert page.locator(".portal-timeline").get_attribute("aria-hidden") == "true"
        assert page.locator("ol.portal-events li").count() >= 2
        for chart in page.locator("svg.portal-chart").all():
            assert chart.get_attribute("aria-hidden") == "true" or chart.get_attribute("role") == "img"
        rows = page.locator(".portal-chartbox table tbody tr")
        assert rows.count() >= 1 and all(r.inner_text().strip() for r in rows.all())


def _tab_until(page: Page, selector: str, limit: int = 60) -> list[dict[str, object]]:
    """Press Tab until `selector` has focus; returns what each press focused and whether its ring shows."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUS_RING))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return seen
    raise AssertionError(f"Tab never reached {selector}: {[s['name'] for s in seen]}")


def _without_ring(seen: list[dict[str, object]]) -> list[object]:
    return [s["name"] for s in seen if not (s["ring"] and s["seen"])]


def test_keyboard_reaches_header_search_and_filters(browser: Browser, site_url: str) -> None:
    with new_tab(browser, DESKTOP) as page:
        # The skip link comes first (also where Material writes its own), shows itself,
        # and moves focus past the header, tabs and table of contents.
        page.goto(site_url + PAGE_TYPES["campaign"][0])
        skip = page.locator(".portal-skip")
        assert skip.evaluate("e => getComputedStyle(e).opacity") == "0"  # out of sight until focused
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('portal-skip')")
        box = skip.bounding_box()
        assert skip.evaluate("e => getComputedStyle(e).opacity") == "1" and box and box["y"] >= 0 and box["height"] >= 40
        assert page.evaluate(FOCUS_RING)["ring"]
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "noi-dung"
        # Through the header: logo, colour scheme, search box; each with a visible ring.
        page.goto(site_url + "index.html")
        seen = _tab_until(page, "#portal-header-q")
        assert not _without_ring(seen), _without_ring(seen)
        page.keyboard.type("nguoi tot viec tot")
        page.keyboard.press("Enter")
        page.locator(".portal-hit").first.wait_for()
        # Search page: the facet checkboxes work with Space.
        status = page.inner_text("[data-portal-search-status]")
        page.locator("[data-portal-search-facets]").evaluate("d => d.open = true")
        seen = _tab_until(page, ".portal-facet input[type=checkbox]")
        page.keyboard.press("Space")
        page.wait_for_function("s => document.querySelector('[data-portal-search-status]').textContent !== s", arg=status)
        assert not _without_ring(seen), _without_ring(seen)
        # A listing's "Lọc": Enter unfolds it, Space ticks a status, Enter on the button shows the
        # theme's campaigns of that status on the search page, both filters on.
        page.goto(site_url + "themes/kinh-te.html")
        seen = _tab_until(page, "summary.portal-filter__button")
        page.keyboard.press("Enter")
        seen += _tab_until(page, ".portal-filter input[value='Đã kết thúc']")
        page.keyboard.press("Space")
        seen += _tab_until(page, ".portal-filter__submit")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search.html?*")
        wanted = {"f.type=Phong+tr%C3%A0o+thi+%C4%91ua", "f.status=%C4%90%C3%A3+k%E1%BA%BFt+th%C3%BAc",
                  "f.theme=Kinh+t%E1%BA%BF%2C+s%E1%BA%A3n+xu%E1%BA%A5t+kinh+doanh"}
        assert wanted <= set(page.url.split("?")[1].split("&")), page.url
        page.locator(".portal-hit").first.wait_for()
        assert not _without_ring(seen), _without_ring(seen)
        # The exemplar filter form, behind its "Lọc": Enter unfolds it, choose with the arrow keys and Enter.
        page.goto(site_url + "exemplars/index.html")
        page.locator("[data-portal-exfilter-box]:not([hidden])").wait_for()
        seen = _tab_until(page, "[data-portal-exfilter-box] summary")
        page.keyboard.press("Enter")
        seen += _tab_until(page, "form[data-portal-exfilter] select")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash.length > 1")
        assert not _without_ring(seen), _without_ring(seen)


def test_colour_scheme_switches_by_keyboard(browser: Browser, site_url: str) -> None:
    with new_tab(browser, DESKTOP) as page:
        page.goto(site_url + "index.html")
        _tab_until(page, ".md-option")
        page.keyboard.press("ArrowRight")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"


def test_the_404_page_is_whole_at_any_path_and_offers_the_nearest_pages(browser: Browser, built_site: Path) -> None:
    """Served elsewhere than site_url says (a mirror; where it says, the audits above read it), a mistyped
    address gets a styled page whose links work from there, and the page it was meant for among its suggestions."""
    mount = "/ban-sao/"
    meant = "campaigns/2024-huu-lung-78-nam-dang-bo.html"
    with serving(built_site, mount) as base, new_tab(browser, PHONE) as page:
        response = page.goto(base + meant.replace("dang-bo", "dan-bo"))
        assert response is not None and response.status == 404
        page.locator("[data-portal-404-near]:not([hidden])").wait_for()
        near = page.locator("[data-portal-404-near] a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert mount + meant in near[:2], near
        hrefs = page.locator("main a, header a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert all(h.startswith(mount) for h in hrefs), hrefs
        assert all(page.request.get(base.removesuffix(mount) + h).status == 200 for h in set(hrefs))
        assert page.locator("form[role=search]").get_attribute("action") == mount + "search.html"
        header = page.locator("header").evaluate("h => getComputedStyle(h).backgroundColor")
        assert header == "rgb(164, 22, 26)"  # its own styles: nothing of the site needed to look right
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
