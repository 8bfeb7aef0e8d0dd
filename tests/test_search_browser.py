"""Search in a real browser: the example portal served on 127.0.0.1, driven by Playwright.

Each query is typed into the header box of a page, as a reader would, and Enter
opens the search page. The site is served as a static host serves it (conftest.py).
Chromium is Debian's (/usr/bin/chromium, installed by .ci/run); a missing browser
fails these tests, it never skips them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .pages import new_tab

HOA_PHONG = "campaigns/2023-hoa-phong-thi-dua-yeu-nuoc.html"
TRAN_NINH = "campaigns/2023-tran-ninh-luong-van-tri.html"
HUU_LUNG = "campaigns/2024-huu-lung-78-nam-dang-bo.html"
GOOD_DEEDS = "movements/nguoi-tot-viec-tot.html"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A tab for behaviour tests: Playwright's own waiting helpers evaluate strings, which the CSP forbids."""
    with new_tab(browser) as tab:
        yield tab


def results(page: Page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(".portal-hit", """hits => hits.map(h => ({
        href: h.querySelector('h2 a').getAttribute('href'), title: h.querySelector('h2').innerText,
        type: h.querySelector('.portal-hit__type').innerText, excerpt: h.querySelector('.portal-hit__excerpt').innerHTML}))""")


def wait_for_results(page: Page) -> None:
    page.wait_for_function("document.documentElement.dataset.portalSearch === 'ready'")
    page.wait_for_function("""() => { const s = document.querySelector('[data-portal-search-status]').textContent;
        return (s.startsWith('Có ') || s.startsWith('Không có'))
            && !document.querySelector('[data-portal-search-results]').hasAttribute('aria-busy'); }""")


def search_here(page: Page, query: str) -> list[dict[str, str]]:
    """A new query typed into the search page's own box: Pagefind stays loaded between queries."""
    page.evaluate("document.querySelector('[data-portal-search-status]').textContent = ''")
    page.fill("#portal-q", query)
    page.press("#portal-q", "Enter")
    wait_for_results(page)
    return results(page)


def search_tab(browser: Browser, base: str) -> Iterator[Page]:
    """One tab on the search page for every query of a module: the way a reader searches again."""
    with new_tab(browser) as tab:
        tab.goto(base + "search.html")
        tab.wait_for_function("document.documentElement.dataset.portalSearch === 'ready'")
        yield tab


@pytest.fixture(scope="module")
def searching(browser: Browser, site_url: str) -> Iterator[Page]:
    yield from search_tab(browser, site_url)


@pytest.fixture(scope="module")
def searching_split(browser: Browser, split_url: str) -> Iterator[Page]:
    yield from search_tab(browser, split_url)


def search_from_header(page: Page, base: str, query: str, start: str = HUU_LUNG) -> list[dict[str, str]]:
    page.goto(base + start)
    page.fill("#portal-header-q", query)
    page.press("#portal-header-q", "Enter")
    page.wait_for_url("**/search.html?q=*")
    wait_for_results(page)
    return results(page)


def path_of(href: str) -> str:
    """A result's address relative to the site, which is served under its site_url path (/thi-dua/)."""
    return urlsplit(href).path.removeprefix("/thi-dua/") if href.startswith("http") else href


NFD = functools.partial(unicodedata.normalize, "NFD")


def fold(word: str) -> str:
    """A word as the index holds it: no marks, đ as d, lower case, no punctuation around it."""
    plain = "".join(ch for ch in NFD(word) if unicodedata.category(ch) != "Mn").replace("đ", "d").replace("Đ", "D")
    return re.sub(r"^\W+|\W+$", "", plain.lower())


FIRST_RESULTS = [
    ("nguoi tot viec tot", GOOD_DEEDS),
    ("người tốt, việc tốt", GOOD_DEEDS),
    (NFD("người tốt việc tốt"), GOOD_DEEDS),
    ("Hoa Phong", HOA_PHONG),
    ("Hòa Phong", HOA_PHONG),
    ("Hoà Phong", HOA_PHONG),
    (NFD("Hoà Phong"), HOA_PHONG),
    ("01/PD-UBND", HUU_LUNG),
    ("298/KH-UBND", TRAN_NINH),
    ("5757-CV/VPTW", TRAN_NINH),
    ("luong van tri", TRAN_NINH),
    ("bán", "exemplars/le-thi-yen.html"),
    ("Hoàng Văn Tuấn", "notices/2024-lang-son-lay-y-kien-huan-chuong.html"),  # a nominee of an open notice
]


@pytest.mark.parametrize("query, expected", FIRST_RESULTS)
def test_first_result(searching: Page, query: str, expected: str) -> None:
    hits = search_here(searching, query)
    assert path_of(hits[0]["href"]) == expected, [h["title"] for h in hits[:5]]


@pytest.mark.parametrize("query, expected", FIRST_RESULTS[::4])
def test_the_header_box_of_any_page_leads_to_the_results(page: Page, site_url: str, query: str, expected: str) -> None:
    hits = search_from_header(page, site_url, query, start=GOOD_DEEDS if expected == HUU_LUNG else HUU_LUNG)
    assert path_of(hits[0]["href"]) == expected, [h["title"] for h in hits[:5]]


def test_without_d_stroke_finds_d_stroke(searching: Page) -> None:
    """"thi dua" finds "thi đua": the same pages, and the excerpt shows the text as written."""
    folded = search_here(searching, "thi dua")
    count_folded = searching.inner_text("[data-portal-search-status]")
    exact = search_here(searching, "thi đua")
    assert "thi đua" in folded[0]["title"].lower()
    assert {path_of(h["href"]) for h in exact} <= {path_of(h["href"]) for h in folded}
    assert int(count_folded.split()[1]) >= len(exact) > 5
    assert "<mark>đua</mark>" in folded[0]["excerpt"].replace("<mark>Đua</mark>", "<mark>đua</mark>")
    assert "<mark>dua</mark>" not in folded[0]["excerpt"].lower()  # the index's folded text is never shown


def test_exact_diacritics_rank_first(searching: Page) -> None:
    """"bán" is not drowned by "ban", "bàn", "bằng"; typed without marks, all of them match."""
    accented = search_here(searching, "bán")
    assert path_of(accented[0]["href"]) == "exemplars/le-thi-yen.html"  # "buôn bán nhỏ": the one exact match
    assert "buôn <mark>bán</mark> nhỏ" in accented[0]["excerpt"]  # cut from the story, as written
    plain = search_here(searching, "ban")
    assert len(plain) == len(accented) > 1
    assert path_of(plain[0]["href"]) != "exemplars/le-thi-yen.html"


def test_an_accented_query_marks_its_unaccented_words_too(searching: Page) -> None:
    """In "phong trào thi đua", "phong" and "thi" carry no marks: they are marked wherever they stand."""
    hits = search_here(searching, "phong trào thi đua")
    excerpt = hits[0]["excerpt"].lower()
    assert "<mark>phong</mark> <mark>trào</mark> <mark>thi</mark> <mark>đua</mark>" in excerpt, excerpt


@pytest.mark.parametrize("query, missing", [
    ("qqq", ["qqq"]),  # the start of the index's exact tokens: a word nobody types
    ("zzzz qqq", ["zzzz", "qqq"]),  # Pagefind alone drops a word it finds nowhere and answers for the rest
    ("ninh zzzz", ["zzzz"]),
])
def test_every_word_of_the_query_must_be_found(searching: Page, query: str, missing: list[str]) -> None:
    assert search_here(searching, query) == []
    status = searching.inner_text("[data-portal-search-status]")
    assert all(f"“{w}”" in status for w in missing) and "ninh”" not in status, status
    ways = searching.locator("[data-portal-search-none]")  # concrete next steps: browse by theme, place, year
    assert ways.is_visible()
    assert {"themes/index.html", "localities/index.html", "years/index.html"} <= {
        path_of(h).split("/thi-dua/")[-1] for h in ways.locator("a").evaluate_all("as => as.map(a => a.href)")}


def test_a_word_is_found_whole_not_as_the_start_of_another(searching: Page) -> None:
    """"so" (số) is not the start of "Sơn": no result for it is there because of "Lạng Sơn"."""
    hits = search_here(searching, "so")
    assert hits and "localities/lang-son.html" not in [path_of(h["href"]) for h in hits]
    marked = [m for h in hits for m in re.findall(r"<mark>(.*?)</mark>", h["excerpt"])]
    assert marked and all(fold(m) == "so" for m in marked), marked
    assert "localities/lang-son.html" in [path_of(h["href"]) for h in search_here(searching, "Lạng Sơn")]


def test_facet_counts_count_the_results_shown(searching: Page) -> None:
    """Pagefind counts the results of its own search, which takes words as prefixes; the page counts those it shows."""
    hits = search_here(searching, "chuyen doi so")
    assert hits
    # The facets of the previous query may still show while this one's are counted: wait for them to agree.
    total = """n => [...document.querySelectorAll('[data-facet=type] .portal-facet__count')]
        .reduce((sum, c) => sum + Number(c.textContent), 0) === n"""
    try:
        searching.wait_for_function(total, arg=len(hits), timeout=5000)
    except PlaywrightTimeout:
        counts = searching.locator("[data-facet=type] .portal-facet__count").all_inner_texts()
        raise AssertionError(f"type counts {counts} for {len(hits)} results") from None


def test_a_document_number_is_looked_up_exactly(searching: Page) -> None:
    assert [path_of(h["href"]) for h in search_here(searching, "298/KH-UBND")] == [TRAN_NINH]
    assert search_here(searching, "45/KH-UBND") == []
    status = searching.inner_text("[data-portal-search-status]")
    assert status.startswith("Không có văn bản số 45/KH-UBND"), status
    assert searching.locator("[data-portal-search-none]").is_visible()
    search_here(searching, "03/11/1946")  # a date, not a number: found in the Hữu Lũng campaign's title
    assert "văn bản số" not in searching.inner_text("[data-portal-search-status]")


@pytest.mark.parametrize("query, place, within", [
    ("Hoà Phong", "localities/phu-yen/tay-hoa/hoa-phong.html", 5),
    ("tran ninh", "localities/lang-son/van-quan/tran-ninh.html", 3),
    ("Đắk Lắk", "localities/dak-lak.html", 1),
])
def test_place_pages_are_found_by_name(searching: Page, query: str, place: str, within: int) -> None:
    hits = search_here(searching, query)
    assert place in [path_of(h["href"]) for h in hits[:within]], [h["title"] for h in hits[:within]]


def test_a_facet_narrows_results(page: Page, site_url: str) -> None:
    hits = search_from_header(page, site_url, "thi dua")
    total = int(page.inner_text("[data-portal-search-status]").split()[1])
    assert len({h["type"] for h in hits}) > 1
    box = page.locator("[data-facet=type] label", has_text="Điển hình tiên tiến")
    count = int(box.locator(".portal-facet__count").inner_text())
    page.locator("[data-facet=type] li", has_text="Điển hình tiên tiến").locator("input").press("Space")
    page.wait_for_function(f"""() => document.querySelector('[data-portal-search-status]').textContent
        .startsWith('Có {count} ')""")
    wait_for_results(page)
    narrowed = results(page)
    assert 0 < len(narrowed) == count < total
    assert all(h["type"].startswith("ĐIỂN HÌNH") or h["type"].startswith("Điển hình") for h in narrowed)
    assert "f.type=" in page.url
    # the address keeps the filter: reloading shows the same narrowed list
    page.reload()
    wait_for_results(page)
    assert len(results(page)) == count


@pytest.mark.parametrize("query, hidden", [
    ("Bản Nháp Khuất", "hop-tac-xa-ban-nhap"),  # draft
    ("Nông Văn Kín", "nong-van-kin"),  # no consent
    ("Đội Xung kích Hẹn Giờ", "tap-the-cho-cong-bo"),  # publish_on 2030
    ("Nguyễn Thị Mai", "notices/"),  # a nominee, withdrawn 90 days after the notice's window closed
])
def test_unpublished_names_are_not_found(searching: Page, query: str, hidden: str) -> None:
    hits = search_here(searching, query)
    assert not any(hidden in h["href"] for h in hits)


def test_a_word_only_a_draft_has_is_not_shown(searching: Page) -> None:
    """Pagefind matches "Khuất" loosely ("khu phố"), so results may exist; none may be the draft."""
    hits = search_here(searching, "Khuất")
    assert not any("hop-tac-xa-ban-nhap" in h["href"] for h in hits)
    assert not any("khuất" in h["excerpt"].lower() or "khuat" in h["excerpt"].lower() for h in hits)


def test_results_are_announced_and_reachable_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "search.html")
    page.wait_for_function("document.documentElement.dataset.portalSearch === 'ready'")
    page.focus("#portal-q")
    page.keyboard.type("Tran Ninh")
    page.keyboard.press("Enter")
    wait_for_results(page)
    status = page.locator("[data-portal-search-status]")
    assert status.get_attribute("role") == "status" and status.inner_text().startswith("Có ")
    # The facet counts load after the results (every filter file); wait for them as a reader would see them.
    page.wait_for_function("() => !document.querySelector('[data-portal-search-facets]').hidden")
    # Tab leaves the box for the button, then the filter groups, then the results, within a few presses.
    reached = set()
    for _ in range(25):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.closest('.portal-hit, [data-facet], form') ?.className || ''"))
    assert any("portal-hit" in r for r in reached) and any("portal-facet" in r for r in reached)


def test_opened_from_disk_says_so(page: Page, built_site: Path) -> None:
    page.goto((built_site / "search.html").as_uri() + "?q=" + quote("thi dua"))
    notice = page.locator("[data-portal-search-offline]")
    notice.wait_for(state="visible")
    assert "file://" in notice.inner_text()
    assert page.inner_text("[data-portal-search-status]") == "Không tìm kiếm được khi mở trang trực tiếp từ ổ đĩa."
    # the rest of the site still works from disk, and its header box leads here
    page.goto((built_site / "index.html").as_uri())
    page.fill("#portal-header-q", "thi dua")
    page.press("#portal-header-q", "Enter")
    page.wait_for_url("**/search.html?q=thi+dua")
    assert page.locator("[data-portal-search-offline]").is_visible()


@pytest.mark.parametrize("path", ["index.html", "themes/kinh-te.html", "data/index.html", HUU_LUNG, "about.html"])
def test_pages_with_feeds_and_share_tags_make_no_failing_request(page: Page, site_url: str, path: str) -> None:
    """Material fetches sitemap.xml beside every link[rel=alternate]; our feed links must not trigger that."""
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert failed == []
    feeds = 0 if path in ("about.html", HUU_LUNG) else 1  # listings and hubs have feeds; a campaign has its .ics
    assert page.locator('link[type="application/atom+xml"]').count() == feeds


CSP_WATCH = """document.addEventListener('securitypolicyviolation',
    e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));"""
PAGE_TYPES = ["index.html", HUU_LUNG, "campaigns/index.html", "themes/kinh-te.html", "localities/lang-son.html",
              "years/2024.html", "status/da-ket-thuc.html", "exemplars/index.html", "exemplars/hoang-thi-an.html",
              "exemplars/kind/ca-nhan.html", "results/index.html", "data/index.html", "about.html", "404.html",
              "search.html?q=nguoi+tot+viec+tot"]


@pytest.fixture(scope="module")
def policed(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """One tab that obeys the pages' policy, for every page of the module; the list fills with what
    the console and the page's own listener report (the test empties it before each page)."""
    with new_tab(browser, bypass_csp=False) as tab:
        messages: list[str] = []
        tab.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
        tab.add_init_script(CSP_WATCH)
        yield tab, messages


def _csp_violations(policed: tuple[Page, list[str]], url: str, ready: str = "") -> list[str]:
    """Violations reported while `url` loads (and until `ready` matches, if given)."""
    page, messages = policed
    messages.clear()
    page.goto(url, wait_until="load")  # scripts and resources are in; what comes later, `ready` waits for
    if ready:
        page.locator(ready).first.wait_for()  # a locator, not wait_for_function: no eval under the policy
    return messages + page.evaluate("window.__csp || []")


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_type_runs_under_its_content_security_policy(policed: tuple[Page, list[str]], site_url: str,
                                                                 path: str) -> None:
    page = policed[0]
    ready = ".portal-hit" if path.startswith("search.html") else ""  # Pagefind's WebAssembly ran under the policy
    assert _csp_violations(policed, site_url + path, ready) == []
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert policy and "script-src 'self'" in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")
    if path == "exemplars/index.html":
        assert page.locator("[data-portal-exfilter-box]").is_visible()  # exemplars.js ran: it unhides its "Lọc"
    if path == "404.html":  # it stands alone: its own inline script ran (it names the address typed)
        assert page.locator("[data-portal-404-path]").inner_text() == "/404.html"
    else:
        assert page.evaluate("document.documentElement.classList.contains('js')")  # Material's inline script ran


def test_pages_opened_from_disk_run_under_the_policy(policed: tuple[Page, list[str]], built_site: Path) -> None:
    for path, ready in ((HUU_LUNG, ""), ("exemplars/index.html", "[data-portal-exfilter-box]:not([hidden])"),
                        ("search.html", "[data-portal-search-offline]:not([hidden])")):
        assert _csp_violations(policed, (built_site / path).as_uri(), ready) == [], path


def test_facet_form_selects_the_pages_own_value(page: Page, site_url: str) -> None:
    """Every facet page carries the same pre-rendered options; the script selects the page's own."""
    page.goto(site_url + "exemplars/kind/ca-nhan.html")
    box = page.locator("[data-portal-exfilter-box]")
    assert box.is_visible() and not page.locator("form[data-base]").is_visible()  # folded: the exemplars come first
    assert box.locator("summary").inner_text().endswith("· 1 đang chọn")
    assert page.eval_on_selector("select[name='kind']", "s => s.value") == "ca-nhan"
    assert page.eval_on_selector("select[name='years']", "s => s.value") == ""


@pytest.mark.parametrize("query, expected", [q for q in FIRST_RESULTS
                                             if q[0] in ("nguoi tot viec tot", "Hoà Phong", "01/PD-UBND", "bán")])
def test_an_index_in_two_bundles_answers_as_one(searching_split: Page, query: str, expected: str) -> None:
    hits = search_here(searching_split, query)
    assert path_of(hits[0]["href"]) == expected, [h["title"] for h in hits[:5]]


def test_two_bundles_count_and_filter_like_one(page: Page, site_url: str, split_url: str) -> None:
    counts = []
    for base in (site_url, split_url):
        search_from_header(page, base, "thi dua")
        facet = page.locator("[data-facet=type] label", has_text="Điển hình tiên tiến").locator(".portal-facet__count")
        counts.append((page.inner_text("[data-portal-search-status]").split()[1], facet.inner_text()))
    assert counts[0] == counts[1], counts
