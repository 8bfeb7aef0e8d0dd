"""A province over its communes' portals (issue 32): what a member publishes, and reading it safely.

Members are read from their published site: `data/portal.json` says the format and its version,
the datasets beside it are read against the same records that wrote them. A member that cannot
be read keeps the province building: a warning names it and what is wrong, and its last good copy
is used, or it is marked unavailable.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import Browser

from builder.catalog.load import load_catalog
from builder.catalog.status import compute_status
from builder.federation.member_data import read_members
from builder.federation.members import parse_members
from builder.federation.reconcile import unknown_localities
from builder.outputs.manifest import FORMAT, FORMAT_VERSION

from . import axe
from .conftest import BUILD_DATE, REPO, make_project, run_portal
from .pages import (
    COLOUR_RULES,
    fix_clock,
    new_tab,
    serious_violations,
    settle,
    switch_to_dark,
)
from .static_host import serving
from .test_search_browser import path_of, search_here


def test_the_open_data_says_its_format_version_counts_and_search_folders(built_site: Path) -> None:
    manifest = json.loads((built_site / "data/portal.json").read_text(encoding="utf-8"))
    assert (manifest["format"], manifest["version"]) == (FORMAT, FORMAT_VERSION)
    assert manifest["url"] == "https://example.org/thi-dua/" and manifest["name"]
    for name, entry in manifest["datasets"].items():
        assert len(json.loads((built_site / entry["json"]).read_text(encoding="utf-8"))) == entry["records"], name
        assert (built_site / entry["csv"]).is_file() and (built_site / entry["schema"]).is_file()
    assert manifest["datasets"]["campaigns"]["records"] > 0
    assert manifest["search"] and all((built_site / folder / "pagefind-entry.json").is_file()
                                      for folder in manifest["search"])


def test_the_members_setting_names_each_mistake() -> None:
    members, problems = parse_members([
        {"name": "Xã Trấn Ninh", "locality": "lang-son/van-quan/tran-ninh", "url": "https://tranninh.example/thi-dua"},
        {"name": "Xã Nhân Lý", "locality": "lang-son/chi-lang/nhan-ly", "url": "tranninh.example"},
        {"name": "Trùng", "locality": "lang-son/van-quan/tran-ninh", "url": "https://b.example/"},
        {"name": "Thiếu địa chỉ", "locality": "lang-son/huu-lung", "nguon": "x"},
    ], ".portal-cache")
    assert [(m.name, m.url, m.source) for m in members] == [
        ("Xã Trấn Ninh", "https://tranninh.example/thi-dua/", ".portal-cache/members/lang-son-van-quan-tran-ninh")]
    report = [p.format() for p in problems.items]
    assert report[0].startswith("mkdocs.yml: members[2].url: 'tranninh.example' không phải địa chỉ web")
    assert report[1] == "mkdocs.yml: members[3].locality: trùng địa phương với members[1]; mỗi địa phương một cổng thành viên"
    assert "mkdocs.yml: members[4].url: thiếu trường này" in report
    assert any(r.startswith("mkdocs.yml: members[4].nguon: trường không có") for r in report)


@pytest.fixture
def province(tmp_path: Path, built_site: Path) -> Path:
    """A province project with one member's published site copied beside it (and one never fetched)."""
    shutil.copytree(built_site, tmp_path / "members" / "chi-lang", ignore=shutil.ignore_patterns("*.jpg", "*.webp"))
    return tmp_path


MEMBERS = [{"name": "Huyện Chi Lăng", "locality": "lang-son/chi-lang", "url": "https://chilang.example/thi-dua/",
            "source": "members/chi-lang"},
           {"name": "Xã Trấn Ninh", "locality": "lang-son/van-quan/tran-ninh", "url": "https://tranninh.example/"}]


def _read(root: Path) -> tuple[dict[str, tuple[str, int]], list[str]]:
    members, problems = parse_members(MEMBERS, ".portal-cache")
    assert not problems
    sites, warnings = read_members(root, members, root / ".portal-cache")
    return {s.member.name: (s.state, len(s.campaigns)) for s in sites}, [w.format() for w in warnings]


def test_a_member_that_cannot_be_read_warns_and_its_last_good_copy_is_used(province: Path, built_site: Path) -> None:
    published = json.loads((built_site / "data/campaigns.json").read_text(encoding="utf-8"))
    honored = json.loads((built_site / "data/exemplars.json").read_text(encoding="utf-8"))
    sites, warnings = _read(province)
    assert sites["Huyện Chi Lăng"] == ("fresh", len(published))
    assert sites["Xã Trấn Ninh"] == ("unavailable", 0)  # never fetched, never read
    assert warnings == [".portal-cache/members/lang-son-van-quan-tran-ninh: cảnh báo: cổng thành viên Xã Trấn Ninh: "
                        "không tìm thấy thư mục lang-son-van-quan-tran-ninh/ (cổng chưa được tải về, hay đã bị xóa?); "
                        "chưa có bản nào đọc được trước đó: thành viên được ghi là tạm không có dữ liệu"]
    built_on = json.loads((built_site / "data/portal.json").read_text(encoding="utf-8"))["build_date"]
    data = province / "members" / "chi-lang" / "data"
    faults = {
        "half-copied": lambda: (data / "campaigns.json").write_text('[{"id": "a"', encoding="utf-8"),
        "a field of another type": lambda: (data / "campaigns.json").write_text(
            json.dumps([{**published[0], "end": 20250430}]), encoding="utf-8"),
        "a day it cannot read": lambda: (data / "campaigns.json").write_text(
            json.dumps([*published[:1], {**published[-1], "end": "30/4/2025"}]), encoding="utf-8"),
        "an honor date it cannot read": lambda: (data / "exemplars.json").write_text(
            json.dumps([{**honored[0], "honored": "20/11/2024"}]), encoding="utf-8"),
        "a newer format": lambda: (data / "portal.json").write_text(json.dumps(
            {**json.loads((built_site / "data/portal.json").read_text(encoding="utf-8")), "version": FORMAT_VERSION + 1}),
            encoding="utf-8"),
        "not ours": lambda: (data / "portal.json").write_text('{"format": "other"}', encoding="utf-8"),
        "vanished": lambda: shutil.rmtree(data.parent),
    }
    expected = {"half-copied": "data/campaigns.json hỏng, không đọc được",
                "a field of another type": "data/campaigns.json không theo định dạng phiên bản 1: bản ghi thứ 1, "
                                           "trường end sai kiểu",
                "a day it cannot read": "data/campaigns.json không theo định dạng phiên bản 1: bản ghi thứ 2, trường "
                                        "end không phải ngày dạng YYYY-MM-DD ('30/4/2025')",
                "an honor date it cannot read": "data/exemplars.json không theo định dạng phiên bản 1: bản ghi thứ 1, "
                                                "trường honored không phải ngày dạng YYYY, YYYY-MM hoặc YYYY-MM-DD "
                                                "('20/11/2024')",
                "a newer format": f"dữ liệu theo định dạng phiên bản {FORMAT_VERSION + 1}, cổng tỉnh chỉ đọc được",
                "not ours": "không phải dữ liệu mở của cổng phong trào thi đua",
                "vanished": "không tìm thấy thư mục chi-lang/"}
    for fault, make in faults.items():
        shutil.rmtree(data.parent, ignore_errors=True)
        shutil.copytree(built_site, data.parent, ignore=shutil.ignore_patterns("*.jpg", "*.webp"))
        make()
        sites, warnings = _read(province)
        # Still the whole last good copy: a fault never replaces it.
        assert sites["Huyện Chi Lăng"] == ("last-good", len(published)), fault
        mine = [w for w in warnings if "Huyện Chi Lăng" in w]
        assert len(mine) == 1 and expected[fault] in mine[0], (fault, mine)
        assert mine[0].startswith("members/chi-lang: cảnh báo: cổng thành viên Huyện Chi Lăng: ")
        assert mine[0].endswith(f"dùng bản đọc được lần trước (dữ liệu ngày {built_on})"), mine[0]


# When the federation is built: the members have honored their exemplars (November 2024, March 2025) and
# Chi Lăng's campaign is still under way (until 30 April 2025), so its status changes after the build.
FEDERATION_DATE = "2025-04-01"


@pytest.fixture(scope="module")
def federation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make federation-example`, built for FEDERATION_DATE into a temporary folder."""
    out = tmp_path_factory.mktemp("federation") / "site-federation"
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "federation_example.py"), "--out", str(out),
                             "--today", FEDERATION_DATE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def test_the_province_searches_its_members_and_opens_a_members_campaign(federation: Path, browser: Browser) -> None:
    """One search over the province's campaigns and its members' (their cards in the province's index): tones
    and đ folded for the members' too; a member's result opens its page on the member's portal."""
    assert json.loads((federation / "huu-lung/data/portal.json").read_text(encoding="utf-8"))["url"].endswith("/huu-lung/")
    with serving(federation) as base, new_tab(browser) as page:
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url))
        page.goto(base + "search.html")
        for query, where in (("78 nam dang bo huu lung", "huu-lung/campaigns/2024-huu-lung-78-nam-dang-bo.html"),
                             ("Đại hội thi đua yêu nước Chi Lăng", "chi-lang/campaigns/2024-chi-lang-dai-hoi-thi-dua-yeu-nuoc.html"),
                             ("Lương Văn Tri", "campaigns/2023-tran-ninh-luong-van-tri.html")):  # the province's own
            hits = search_here(page, query)
            assert hits and path_of(hits[0]["href"]) == where, (query, [h["href"] for h in hits[:3]])
        assert not [u for u in asked if "/huu-lung/pagefind" in u or "/chi-lang/pagefind" in u]  # one index
        search_here(page, "huu lung")
        page.locator(".portal-hit h2 a[href*='huu-lung/campaigns/']").first.click()
        page.wait_for_url("**/thi-dua/huu-lung/campaigns/2024-huu-lung-78-nam-dang-bo.html")
        assert "Đảng bộ huyện Hữu Lũng" in page.title()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_members_pages_link_each_campaign_home_and_recheck_statuses(federation: Path, browser: Browser,
                                                                        width: int) -> None:
    index = (federation / "members/index.html").read_text(encoding="utf-8")
    assert 'href="lang-son-huu-lung.html"' in index and 'href="lang-son-chi-lang.html"' in index
    home = (federation / "index.html").read_text(encoding="utf-8")
    assert '<a href="members/index.html" data-portal-members><strong>2</strong> phong trào trên 2 cổng thành viên</a>' in home
    # The province's own page of that unit says where its campaigns are.
    unit = (federation / "localities/lang-son/huu-lung.html").read_text(encoding="utf-8")
    assert '<a href="../../members/lang-son-huu-lung.html">1 phong trào trên cổng thành viên</a>' in unit
    page_html = (federation / "members/lang-son-huu-lung.html").read_text(encoding="utf-8")
    assert 'href="../huu-lung/campaigns/2024-huu-lung-78-nam-dang-bo.html"' in page_html
    assert "Đang diễn ra" in (federation / "members/lang-son-chi-lang.html").read_text(encoding="utf-8")  # on its build day
    with new_tab(browser, viewport={"width": width, "height": 800}) as page:
        fix_clock(page, dt.date(2030, 1, 1))  # long after every member's campaign ended
        for scheme in ("light", "dark"):  # Material keeps the reader's scheme: every page light, then dark
            # The two members' page types (every member's page is alike) and a listing with their cards.
            for name in ("members/index", "members/lang-son-chi-lang", "campaigns/index"):
                page.goto((federation / f"{name}.html").as_uri())
                page.wait_for_function("document.documentElement.dataset.portalChecked !== undefined")
                assert page.evaluate("document.documentElement.scrollWidth") <= width, name
                settle(page)
                if scheme == "dark":
                    switch_to_dark(page)
                found = serious_violations(page, axe.script(), COLOUR_RULES if scheme == "dark" else ())
                assert found == [], (scheme, name, found)
        labels = page.locator("[data-portal-member-campaign] .portal-status__label").all_inner_texts()
        assert labels and set(labels) == {"Đã kết thúc"}, labels  # Chi Lăng's was built under way


def _records(site: Path) -> list[dict]:
    return json.loads((site / "data/campaigns.json").read_text(encoding="utf-8"))


def _status_on(record: dict, day: dt.date) -> str:
    """A record's status on `day`, by the rule every portal uses (catalog.status), from its published dates."""
    override = {"da-huy": "cancelled", "tam-hoan": "postponed"}.get(record["status"])
    start = dt.date.fromisoformat(record["start"]) if record["start"] else None
    return compute_status(start, dt.date.fromisoformat(record["end"]), override, day).key


def test_the_provinces_listings_carry_its_members_campaigns(federation: Path) -> None:
    """Every campaign in the province by status, theme, year and unit: the members' beside the province's own,
    each card opening on the member's portal and keeping its identity (member, id). Expected places are read
    from what the members publish, not written here."""
    own = _records(federation)
    members = {key: _records(federation / folder) for folder, key in (("huu-lung", "lang-son-huu-lung"),
                                                                        ("chi-lang", "lang-son-chi-lang"))}
    everyone = own + [r for rs in members.values() for r in rs]
    day = dt.date.fromisoformat(FEDERATION_DATE)

    def html(url: str) -> str:
        return (federation / url).read_text(encoding="utf-8")

    def listed(url: str) -> set[str]:
        """Every member card of a listing (all its pages), by identity."""
        found, page = set(), url
        while page:
            text = html(page)
            found |= set(re.findall(r'data-portal-member-campaign="([^"]+)"', text))
            nxt = re.search(r'href="([^"]+)" rel="next"', text)
            page = str(Path(page).parent / nxt.group(1)) if nxt else None
        return found

    home = html("index.html")
    for status in ("dang-dien-ra", "sap-dien-ra", "da-ket-thuc"):
        want = sum(1 for r in everyone if _status_on(r, day) == status)
        assert f'data-portal-count="{status}">{want}<' in home, status
    assert re.search(rf"<strong>{len(everyone)}</strong> phong trào thi đua", home)
    assert f"{len(everyone)} phong trào thi đua" in html("campaigns/index.html")
    filters = json.loads(html("campaigns/filters.js").split(" = ", 1)[1].rstrip(";\n"))
    assert len(filters["campaigns"]) == len(everyone)
    # A scheduled rebuild comes by the first day a member's campaign changes status too.
    moves = [d for r in everyone[len(own):] for d in (r["start"] and dt.date.fromisoformat(r["start"]),
                                                      dt.date.fromisoformat(r["end"]) + dt.timedelta(days=1)) if d and d > day]
    assert moves and json.loads(html("build.json"))["next_change"] <= min(moves).isoformat()
    assert members["lang-son-huu-lung"] and members["lang-son-chi-lang"]
    for key, records in members.items():
        for r in records:
            identity = f"{key}/{r['id']}"
            places = {"campaigns/index.html", f"status/{_status_on(r, day)}.html",
                      f"localities/{r['locality_id']}.html", "localities/lang-son.html"}
            places |= {f"themes/{t['id']}.html" for t in r["themes"]}
            places |= {f"years/{y}.html" for y in range(int((r["start"] or r["end"])[:4]), int(r["end"][:4]) + 1)}
            for url in places:
                assert identity in listed(url), (identity, url)
            # Only there: not in the home page's sections (the province's own), nor under another status.
            assert identity not in home
            others = {"dang-dien-ra", "sap-dien-ra", "da-ket-thuc"} - {_status_on(r, day)}
            assert not any(identity in listed(f"status/{s}.html") for s in others)
            card = re.search(rf'data-portal-member-campaign="{re.escape(identity)}">.*?</article>', html("campaigns/index.html"),
                             re.S)
            assert card and f'href="../{r["url"].split("/thi-dua/", 1)[1]}"' in card.group(0), card
            assert "Trên cổng Huyện" in card.group(0) and 'data-start="' in card.group(0)


def _listed(site: Path, url: str, attribute: str) -> set[str]:
    """Every member card of a listing (all its pages), by the identity `attribute` holds."""
    found, page = set(), url
    while page:
        text = (site / page).read_text(encoding="utf-8")
        found |= set(re.findall(rf'{attribute}="([^"]+)"', text))
        nxt = re.search(r'href="([^"]+)" rel="next"', text)
        page = str(Path(page).parent / nxt.group(1)) if nxt else None
    return found


def test_the_provinces_exemplar_listings_carry_its_members_exemplars(federation: Path) -> None:
    """The members' exemplars in the province's A–Z index and in the facets by kind, year, place and theme (not
    under the province's own campaigns), as cards opening on the member's portal, and in the index script's
    data. Expected places are read from what the members publish."""
    def records(site: Path) -> list[dict]:
        return json.loads((site / "data/exemplars.json").read_text(encoding="utf-8"))

    own = records(federation)
    members = {key: records(federation / folder) for folder, key in (("huu-lung", "lang-son-huu-lung"),
                                                                       ("chi-lang", "lang-son-chi-lang"))}
    assert members["lang-son-huu-lung"] and members["lang-son-chi-lang"]
    total = len(own) + sum(len(rs) for rs in members.values())
    home = (federation / "index.html").read_text(encoding="utf-8")
    assert f"<strong>{total}</strong> điển hình tiên tiến" in home and f"Xem tất cả {total} điển hình" in home
    data = json.loads((federation / "exemplars/data.js").read_text(encoding="utf-8").split(" = ", 1)[1].rstrip(";\n"))
    assert len(data) == total
    index = (federation / "exemplars/index.html").read_text(encoding="utf-8")
    names = [re.sub(r"<[^>]+>", "", n).strip() for n in re.findall(r'class="portal-excard__name">(.*?)</h', index, re.S)]
    assert len(names) == total  # one page here: all of them, in one A–Z order
    campaign_facets = [p.relative_to(federation).as_posix() for p in (federation / "exemplars/campaigns").rglob("*.html")]
    for key, rs in members.items():
        for r in rs:
            identity = f"{key}/{r['id']}"
            parts = r["locality_id"].split("/")
            places = {"exemplars/index.html", f"exemplars/kind/{r['kind']}.html", f"exemplars/years/{r['honored'][:4]}.html"}
            places |= {f"exemplars/localities/{'/'.join(parts[:i + 1])}.html" for i in range(len(parts))}
            places |= {f"exemplars/themes/{t['id']}.html" for t in r["themes"]}
            for url in places:
                assert identity in _listed(federation, url, "data-portal-member-exemplar"), (identity, url)
            assert not any(identity in _listed(federation, url, "data-portal-member-exemplar") for url in campaign_facets)
            card = re.search(rf'data-portal-member-exemplar="{re.escape(identity)}">.*?</article>', index, re.S)
            assert card and f'href="../{r["url"].split("/thi-dua/", 1)[1]}"' in card.group(0), card
            assert "Trên cổng Huyện" in card.group(0) and "<img" not in card.group(0)
            record = next(d for d in data if d["url"] == r["url"].split("/thi-dua/", 1)[1])
            assert record["member"].startswith("Huyện") and record["name"] == r["name"] and record["campaigns"] == []


@pytest.mark.parametrize("width", [360, 1280])
def test_the_exemplar_index_combines_the_members_exemplars_and_opens_one(federation: Path, browser: Browser,
                                                                           width: int) -> None:
    """The index's script combines facets over the members' exemplars too (exemplars/data.js): a member's card
    names its portal and opens its page there. The index with member cards has no serious axe finding, light
    or dark, and fits the width."""
    record = json.loads((federation / "huu-lung/data/exemplars.json").read_text(encoding="utf-8"))[0]
    with new_tab(browser, viewport={"width": width, "height": 800}) as page:
        page.goto((federation / "exemplars/index.html").as_uri())
        settle(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for scheme in ("light", "dark"):
            if scheme == "dark":
                switch_to_dark(page)
            found = serious_violations(page, axe.script(), COLOUR_RULES if scheme == "dark" else ())
            assert found == [], (scheme, found)
        page.locator("[data-portal-exfilter-box] summary").click()  # "Lọc": the conditions are folded under it
        page.select_option("[data-portal-exfilter] select[name=kind]", record["kind"])
        page.select_option("[data-portal-exfilter] select[name=years]", record["honored"][:4])
        results = page.locator("[data-portal-exfilter-results]")
        card = results.locator(".portal-excard--external", has_text=record["name"])
        card.wait_for()
        assert "Trên cổng Huyện Hữu Lũng\u00a0↗" in card.inner_text()
        shown = results.locator(".portal-excard__name").all_inner_texts()
        want = [r for r in json.loads((federation / "exemplars/data.js").read_text(encoding="utf-8")
                                      .split(" = ", 1)[1].rstrip(";\n"))
                if r["kind"] == record["kind"] and r["year"] == record["honored"][:4]]
        assert sorted(shown) == sorted(r["name"] for r in want) and any(r.get("member") for r in want)
        card.locator("a").click()
        page.wait_for_url("**/huu-lung/exemplars/*.html")
        assert page.url.endswith(record["url"].split("/thi-dua/", 1)[1]) and record["name"] in page.title()


def test_a_members_campaign_moves_between_the_provinces_statuses_on_the_readers_day(federation: Path,
                                                                                      browser: Browser) -> None:
    """Read on a later day, the province's status pages and counts re-check the members' campaigns too (they are
    in the page's live list): a member's campaign that ended since the build leaves "Đang diễn ra", is listed
    under "Đã kết thúc" with its address on the member's portal, and the home page's counts follow."""
    day = dt.date.fromisoformat(FEDERATION_DATE)
    ended = [r for folder in ("huu-lung", "chi-lang") for r in _records(federation / folder)
             if _status_on(r, day) == "dang-dien-ra"]
    ended.sort(key=lambda r: r["end"])
    assert ended, "the example has a member campaign under way on the build day"
    moved, later = ended[0], dt.date.fromisoformat(ended[0]["end"]) + dt.timedelta(days=1)
    everyone = _records(federation) + [r for f in ("huu-lung", "chi-lang") for r in _records(federation / f)]
    with new_tab(browser) as page:
        fetched: list[str] = []
        page.on("request", lambda r: fetched.append(r.url) if "/campaigns/live.js" in r.url else None)

        def open_checked(url: str) -> None:
            page.goto((federation / url).as_uri())
            page.wait_for_function("document.documentElement.dataset.portalChecked !== undefined")

        fix_clock(page, day)
        open_checked("index.html")
        assert not fetched  # read on its build day, a page needs no live list
        fix_clock(page, later)
        open_checked("index.html")
        assert fetched
        for status in ("dang-dien-ra", "sap-dien-ra", "da-ket-thuc"):
            want = sum(1 for r in everyone if _status_on(r, later) == status)
            assert page.locator(f".portal-stats [data-portal-count='{status}']").inner_text() == str(want), status
        identity = f"[data-portal-member-campaign$='/{moved['id']}']"
        open_checked("status/dang-dien-ra.html")
        assert page.locator(identity).is_hidden()
        open_checked("status/da-ket-thuc.html")
        link = page.locator(f"[data-portal-moved] a[href$='/campaigns/{moved['id']}.html']")
        assert link.inner_text() == moved["title"]
        assert link.evaluate("a => a.href") == (federation / moved["url"].split("/thi-dua/", 1)[1]).as_uri()
    # The search page's status filter, corrected for the reader's day, counts the member's campaign as ended.
    with serving(federation) as base, new_tab(browser) as page:
        fix_clock(page, later)
        page.goto(base + "search.html?f.status=" + quote("Đã kết thúc"))
        hits = search_here(page, moved["title"])
        assert hits and path_of(hits[0]["href"]) == moved["url"].split("/thi-dua/", 1)[1], [h["href"] for h in hits[:3]]


def test_a_member_naming_a_commune_the_province_lacks_is_named(province: Path) -> None:
    listed = [{**MEMBERS[0], "locality": "lang-son/xa-moi"}]
    members, _ = parse_members(listed, ".portal-cache")
    sites, _ = read_members(province, members, province / ".portal-cache")
    known = {loc.id for loc in load_catalog(REPO, dt.date.fromisoformat(BUILD_DATE)).localities}
    warnings = [w.format() for w in unknown_localities(sites, known)]
    assert warnings == ["members/chi-lang: cảnh báo: cổng thành viên Huyện Chi Lăng: mã địa phương 'lang-son/xa-moi' "
                        "chưa có trong _localities.yml của tỉnh; hãy thêm đơn vị này (portal new locality) hoặc báo cổng "
                        "thành viên sửa mã"]  # its campaigns' and exemplars' localities are all known
    assert not unknown_localities(sites, known | {"lang-son/xa-moi"})


def test_fetch_members_copies_what_the_build_reads_and_names_a_member_it_cannot_reach(tmp_path: Path, built_site: Path,
                                                                                      browser: Browser) -> None:
    project = make_project(tmp_path / "tinh")
    with serving(built_site) as url:
        listed = [{"name": "Huyện Chi Lăng", "locality": "lang-son/chi-lang", "url": url},
                  {"name": "Xã Trấn Ninh", "locality": "lang-son/van-quan/tran-ninh", "url": "http://127.0.0.1:9/khong-co/"}]
        block = yaml.safe_dump({"members": listed}, allow_unicode=True, sort_keys=False)
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "  - portal:\n", "  - portal:\n" + "".join(f"      {line}\n" for line in block.splitlines()), 1), encoding="utf-8")
        fetched = run_portal(["fetch-members"], project)
    assert fetched.returncode == 1  # one member could not be reached
    assert "Huyện Chi Lăng: đã tải .portal-cache/members/lang-son-chi-lang" in fetched.stdout
    assert fetched.stderr.startswith("Xã Trấn Ninh: không tải được từ http://127.0.0.1:9/khong-co/")
    members, _ = parse_members(listed, ".portal-cache")
    sites, warnings = read_members(project, members, project / ".portal-cache")
    assert [(s.state, len(s.campaigns)) for s in sites] == [
        ("fresh", len(json.loads((built_site / "data/campaigns.json").read_text(encoding="utf-8")))), ("unavailable", 0)]
    assert len(warnings) == 1 and "Xã Trấn Ninh" in warnings[0].format()
    checked = run_portal(["check"], project)  # `portal check` reads the members too
    assert checked.returncode == 0 and "cổng thành viên Xã Trấn Ninh" in checked.stdout, checked.stdout + checked.stderr
    # The province builds all the same (mkdocs.yml is `strict`): the unreachable member is named, never a stop.
    built = run_portal(["build"], project)
    assert built.returncode == 0, built.stderr
    assert "cổng thành viên Xã Trấn Ninh: không tìm thấy thư mục" in built.stderr
    assert "Huyện Chi Lăng" in (project / "site/members/lang-son-chi-lang.html").read_text(encoding="utf-8")
    # A member on another host than the province's keeps its full address: on its cards, and in the live list
    # from which a later day's status page links the campaigns that came into it.
    records = json.loads((built_site / "data/campaigns.json").read_text(encoding="utf-8"))
    day = dt.date.fromisoformat(BUILD_DATE)
    moving = min((r for r in records if _status_on(r, day) == "dang-dien-ra"), key=lambda r: r["end"])
    home = url + moving["url"].split("/thi-dua/", 1)[1]
    assert f'<a href="{home}">' in (project / "site/campaigns/index.html").read_text(encoding="utf-8")
    with new_tab(browser) as page:
        fix_clock(page, dt.date.fromisoformat(moving["end"]) + dt.timedelta(days=1))
        page.goto((project / "site/status/da-ket-thuc.html").as_uri())
        page.wait_for_function("document.documentElement.dataset.portalChecked !== undefined")
        assert page.locator(f"[data-portal-moved] a[href='{home}']").inner_text() == moving["title"]
