"""The example portal's page types, and how to open and audit one in Playwright.

Shared by the browser tests (tests/test_pages_browser.py) and the page budget script
(bench/page_budget.py), so both speak of the same pages in the same state.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, BrowserContext, Page

DESKTOP = {"width": 1280, "height": 900}
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def fix_clock(page: Page, day: dt.date, time: dt.time = dt.time(0, 30)) -> None:
    """The reader's clock, fixed on `day` in Vietnam (by default half past midnight, still the day
    before in UTC: a script that read the UTC date would be caught)."""
    page.clock.set_fixed_time(dt.datetime.combine(day, time, tzinfo=VIETNAM))

# What checks of the page's text and attributes do not need: styles, fonts, images and Material's
# bundle (`page.route(NOT_READ, lambda route: route.abort())`). Half of each page load.
NOT_READ = re.compile(r".*\.(css|woff2?|png|jpe?g|webp|svg)$|.*/javascripts/bundle\.[^/]*\.js$")

# page type → (address under the site, a selector that appears once the page's scripts ran)
PAGE_TYPES = {
    "home": ("index.html", ""),
    "campaign": ("campaigns/2023-hoa-phong-thi-dua-yeu-nuoc.html", ""),
    "campaign-with-results": ("campaigns/2021-duyen-hai-30-nam-tai-lap-tinh.html", "#h-results"),
    "campaigns-filtered": ("status/da-ket-thuc.html", "details.portal-filter"),
    "theme": ("themes/kinh-te.html", ""),
    "movement": ("movements/nguoi-tot-viec-tot.html", ""),
    "locality": ("localities/lang-son.html", ""),
    "exemplar": ("exemplars/hoang-thi-an.html", ""),
    "notice": ("notices/2024-lang-son-lay-y-kien-huan-chuong.html", ""),
    "exemplars": ("exemplars/index.html", "[data-portal-exfilter-box]:not([hidden])"),
    "results": ("results/index.html", ".portal-chart"),
    "search": ("search.html?q=nguoi+tot+viec+tot", ".portal-hit"),
    "404": ("khong-co-trang-nay.html", "main[data-portal-404]"),
}


@contextmanager
def new_tab(browser: Browser, viewport: dict[str, int] = DESKTOP, bypass_csp: bool = True,
            **options: object) -> Iterator[Page]:
    """A tab in a fresh profile; fails the test if a script on the page threw.

    `bypass_csp` lets tests inject axe-core and use Playwright's waiting helpers (which
    evaluate strings, as the pages' CSP forbids); strict tabs keep the policy.
    """
    context = browser.new_context(viewport=viewport, bypass_csp=bypass_csp, **options)  # type: ignore[arg-type]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    context.close()
    assert not errors, errors


def open_page(page: Page, base: str, kind: str, dark: bool = False) -> None:
    path, ready = PAGE_TYPES[kind]
    # The load event: every stylesheet, script and image of the document is in. Not "networkidle",
    # which waits half a second more on every page for requests none of our pages makes later;
    # what a page's scripts fetch after load (exemplars/data.js, Pagefind) its `ready` selector waits for.
    page.goto(base + path, wait_until="load")
    if ready:
        page.locator(ready).first.wait_for()
    if dark:
        switch_to_dark(page)
    if not standalone(page):
        assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if dark else "default")
    settle(page)


def standalone(page: Page) -> bool:
    """The 404 page stands alone, without Material: its scheme follows the system's."""
    return page.locator("link[rel=stylesheet]").count() == 0


def switch_to_dark(page: Page) -> None:
    """Material's own toggle, as a reader switches (the system's setting, on the standalone 404 page);
    then the page settles again."""
    if standalone(page):
        page.emulate_media(color_scheme="dark")
    else:
        if page.get_attribute("body", "data-md-color-scheme") != "slate":
            page.click('label[for="__palette_1"]')
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    settle(page)


def settle(page: Page) -> None:
    """Switch transitions off and let running animations end: Material slides its tabs in on load,
    fades them out when the page scrolls (axe scrolls as it measures) and colours fade between
    schemes. Audits and screenshots are of the settled page, not of a frame of a fade."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")


def transfer_log(target: BrowserContext | Page) -> list[tuple[str, int]]:
    """A list that fills with (resource type, bytes on the wire: headers and compressed body) for
    each request `target` completes. A context's log includes its workers' requests (Pagefind's)."""
    log: list[tuple[str, int]] = []
    target.on("requestfinished", lambda r: log.append(
        (r.resource_type, r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"])))
    return log


# What changes between Material's light and dark schemes is colour, nothing of the document's
# structure, names or roles: in the second scheme only axe's rules that read colours need to run again.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


def axe_violations(page: Page, source: str, rules: tuple[str, ...] = ()) -> list[dict[str, object]]:
    """Every rule axe-core finds broken on the page (only `rules`, if given): id, impact, help, the first
    nodes. Call `settle` (open_page does) before, so the page is audited without fades."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=source)
    return page.evaluate("""async (rules) => (await axe.run(document, Object.assign({resultTypes: ['violations']},
            rules.length ? {runOnly: {type: 'rule', values: rules}} : {}))).violations
        .map(v => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' (' + n.failureSummary + ')')}))""",
                         list(rules))


def serious_violations(page: Page, source: str, rules: tuple[str, ...] = ()) -> list[str]:
    """The findings of impact "serious" or "critical", one readable line each."""
    return [f"{v['id']}: {v['help']} — {' | '.join(v['nodes'])}"  # type: ignore[arg-type]
            for v in axe_violations(page, source, rules) if v["impact"] in ("serious", "critical")]
