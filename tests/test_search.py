"""Search, as built: the Pagefind bundle, the records it indexes, and the box on every page.

What a reader gets from a query is tested in a real browser (test_search_browser.py);
here the built files and the records are read directly.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import platform
from pathlib import Path

from bs4 import BeautifulSoup

from builder.catalog.load import load_catalog
from builder.search import pagefind_install
from builder.search.index import UNUSED_UI
from builder.search.records import (
    TYPE_CAMPAIGN,
    TYPE_EXEMPLAR,
    TYPE_PLACE,
    TYPE_RESULTS,
    plan_search_records,
)
from builder.search.text import (
    Block,
    exact_token,
    exact_tokens,
    html_blocks,
    index_text,
    unmarked,
)

from .conftest import REPO, make_project, run_portal


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def fragments(site: Path, bundle: str = "pagefind") -> list[dict]:
    """Pagefind's per-result fragments: gzip, a signature, then JSON."""
    out = []
    for path in (site / bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        out.append(json.loads(data[len(b"pagefind_dcd"):]))
    return out


def test_bundle_replaces_lunr(built_site: Path) -> None:
    bundle = built_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list((bundle / "index").iterdir()) and list((bundle / "filter").iterdir())
    assert not any((bundle / name).exists() for name in UNUSED_UI)
    assert not (built_site / "search").exists()  # Material's lunr index
    home = html(built_site / "index.html")
    assert home.select_one("[data-md-component=search]") is None
    assert not any("lunr" in (s.get("src") or "") for s in home.select("script"))


def test_every_page_has_a_labelled_search_box(built_site: Path) -> None:
    for rel, action in (("index.html", "search.html"), ("campaigns/2024-huu-lung-78-nam-dang-bo.html", "../search.html"),
                        ("exemplars/kind/ca-nhan.html", "../../search.html"), ("about.html", "search.html")):
        form = html(built_site / rel).select_one("header form[role=search]")
        assert form is not None and form["action"] == action and form["method"] == "get", rel
        box = form.select_one("input[type=search][name=q]")
        label = form.select_one(f"label[for={box['id']}]")
        assert label is not None and label.get_text(strip=True) == "Tìm kiếm trên cổng"
        assert form.select_one("button[type=submit]")["aria-label"] == "Tìm"


def test_search_page(built_site: Path) -> None:
    page = html(built_site / "search.html")
    form = page.select_one("form[data-portal-search]")
    assert form["data-bundle"] == "pagefind/pagefind.js"
    assert page.select_one("label[for=portal-q]").get_text() == "Từ khóa"
    status = page.select_one("[data-portal-search-status]")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    assert [d["data-facet"] for d in page.select("[data-facet]")] == [
        "type", "status", "year", "province", "locality", "theme", "movement"]
    offline = page.select_one("[data-portal-search-offline]")
    assert offline.has_attr("hidden") and "file://" in offline.get_text()
    assert "Tìm kiếm cần JavaScript" in page.select_one("noscript").get_text()


def test_one_fragment_per_public_item(built_site: Path) -> None:
    """Campaigns, their published results, public exemplars, theme/movement hubs and content pages."""
    frags = fragments(built_site)
    by_type: dict[str, list[str]] = {}
    for f in frags:
        by_type.setdefault(f["filters"]["type"][0], []).append(f["meta"]["href"])
    campaigns = {p.stem for p in (REPO / "campaigns").glob("*.yml") if not p.stem.startswith("_")}
    assert sorted(by_type[TYPE_CAMPAIGN]) == sorted(f"campaigns/{c}.html" for c in campaigns)
    # built for 2024-08-01: only Duyên Hải's results (published 2022) are out
    assert by_type[TYPE_RESULTS] == ["campaigns/2021-duyen-hai-30-nam-tai-lap-tinh.html#h-results"]
    public = [p.stem for p in (built_site / "exemplars").glob("*.html") if p.stem != "index" and ".p" not in p.stem]
    assert sorted(by_type[TYPE_EXEMPLAR]) == sorted(f"exemplars/{e}.html" for e in public)
    assert "about.html" in by_type["Trang thông tin"] and "movements/nguoi-tot-viec-tot.html" in by_type["Trang thông tin"]
    # page chrome is not indexed: no navigation labels, no permalink signs
    for f in frags:
        assert "¶" not in f["content"] and "Theo năm" not in f["content"]


def test_every_place_has_a_result_that_says_what_it_became(built_site: Path) -> None:
    """A unit typed by name leads to its page; a unit merged away says where, so old documents still lead on."""
    places = {f["meta"]["href"]: f for f in fragments(built_site) if f["filters"]["type"] == [TYPE_PLACE]}
    pages = {str(p.relative_to(built_site)) for p in (built_site / "localities").rglob("*.html") if p.name != "index.html"}
    assert set(places) == pages
    hoa_phong = places["localities/phu-yen/tay-hoa/hoa-phong.html"]
    assert hoa_phong["meta"]["title"] == "Xã Hòa Phong" and "Địa bàn nay thuộc tỉnh Đắk Lắk" in hoa_phong["meta"]["text"]
    assert hoa_phong["filters"]["province"] == ["Tỉnh Phú Yên", "Tỉnh Đắk Lắk"]
    assert "Hợp nhất vào tỉnh Đắk Lắk" in places["localities/phu-yen.html"]["meta"]["text"]


def test_fragments_search_folded_text_and_show_the_original(built_site: Path) -> None:
    frag = next(f for f in fragments(built_site) if f["meta"]["href"] == "campaigns/2023-tran-ninh-luong-van-tri.html")
    assert "Đảng" in frag["meta"]["title"] and "Đảng" in frag["meta"]["text"]
    assert "Dang" in frag["content"] and "Đảng" not in frag["content"]
    assert exact_token("Đảng") in frag["content"].split()
    filters = frag["filters"]
    assert filters["status"] == ["Đã kết thúc"] and filters["province"] == ["Tỉnh Lạng Sơn"]
    assert set(filters["locality"]) == {"Huyện Văn Quan", "Xã Trấn Ninh"}
    assert "5757-CV/VPTW" in frag["content"] and "298/KH-UBND" in frag["content"]


def test_shown_text_is_word_for_word_the_indexed_text(built_site: Path) -> None:
    """The search page cuts excerpts from meta.text at Pagefind's word positions: they must line up."""
    for frag in fragments(built_site):
        indexed = frag["content"].split()
        shown = frag["meta"]["text"].split(" ")
        assert len(shown) <= len(indexed), frag["url"]
        for position, word in enumerate(shown):
            assert indexed[position] in (unmarked(word), unmarked(word) + "."), (frag["url"], position, word)


def test_merged_province_is_a_filter_value_too() -> None:
    """A unit of a province merged in 2025 is found under the old and the new province."""
    catalog = load_catalog(REPO, dt.date(2024, 8, 1))
    records = plan_search_records(catalog, {})
    duyen_hai = next(r for r in records if r.url == "campaigns/2021-duyen-hai-30-nam-tai-lap-tinh.html")
    provinces = [v for k, v in duyen_hai.filters if k == "province"]
    assert provinces[0] == "Tỉnh Trà Vinh" and len(provinces) == 2 and provinces[1] != provinces[0]


def test_folding_and_exact_tokens() -> None:
    assert unmarked("Đại hội thi đua, người tốt") == "Dai hoi thi dua, nguoi tot"
    assert unmarked("Hoà") == unmarked("Hòa") == unmarked("Ho\u0300a") == "Hoa"
    assert exact_token("Hoà") == exact_token("Hòa") == exact_token("Ho\u0300a")  # both tone placements
    assert exact_token("bán") not in (exact_token("bạn"), exact_token("bàn"))
    assert not exact_token("bánh").startswith(exact_token("bán"))  # Pagefind also matches prefixes
    assert exact_token("Đồng") == exact_token("đồng") and exact_token("đồng") != exact_token("dòng")
    assert exact_tokens("Ban chỉ đạo bán hàng, ban hành, bán") == [
        exact_token(w) for w in ("chỉ", "đạo", "bán", "hàng", "hành")]


def test_index_text_keeps_order_then_each_new_word_once() -> None:
    blocks = [Block("Tiêu đề", 7), *html_blocks('<h2 id="muc-dich">Mục đích<a class="headerlink">¶</a></h2>'
                                                 "<p>Thi đua yêu nước</p><p>Thi đua bán hàng. Bán hàng rong</p>")]
    text = index_text(blocks, 8)
    assert text.shown == "Tiêu đề Mục đích Thi đua yêu nước"
    assert text.sections == {"muc-dich": "Mục đích"}
    assert '<h2 id="muc-dich">Muc dich</h2>' in text.html and "¶" not in text.html
    tail = text.html.split("<p>")[-2]
    assert tail == "ban hang rong</p>"  # past the limit: words not seen yet, once each
    # exact tokens for the positional words only: the opening is what ranks an exact spelling first
    assert text.html.split("<p>")[-1].split() == [*exact_tokens("Tiêu đề Mục đích Thi đua yêu"),
                                                  exact_token("nước") + "</p>"]
    assert exact_token("bán") not in text.html


def test_records_escape_content(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"campaigns/mau.md": "Nội dung &lt;script&gt;alert(1) & <b>đậm</b>\n"})
    project.joinpath("campaigns/mau.yml").write_text(
        project.joinpath("campaigns/mau.yml").read_text(encoding="utf-8").replace(
            "title: Kế hoạch mẫu", 'title: "Kế hoạch <b>mẫu</b> & \\"số 1\\""'), encoding="utf-8")
    out = tmp_path / "out"
    result = run_portal(["build", "-d", str(out)], cwd=project)
    assert result.returncode == 0, result.stderr
    frag = next(f for f in fragments(out) if f["meta"]["href"] == "campaigns/mau.html")
    assert frag["meta"]["title"] == 'Kế hoạch <b>mẫu</b> & "số 1"'
    # Typed as text, it stays text: had the record not escaped it, Pagefind would have parsed
    # and dropped a <script> element. search.js inserts it with textContent.
    assert "<script>alert(1)" in frag["content"]


def test_the_pinned_pagefind_wrote_the_bundle(built_site: Path) -> None:
    """`make` installs Pagefind 1.6.0 (its search is 4x faster at 10,000 records than PyPI's 1.5.2)."""
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    if platform.system() == "Linux" and platform.machine() in ("x86_64", "aarch64"):
        assert entry["version"] == pagefind_install.VERSION
        assert pagefind_install.installed_version(pagefind_install.installed_path()) == pagefind_install.VERSION
    assert not pagefind_install._verified(b"not the tarball", next(iter(pagefind_install.PACKAGES.values()))[1])


def test_a_large_index_is_split_in_two_bundles(built_site: Path, split_site: Path) -> None:
    """Records are dealt to pagefind/ and pagefind-1/ (two indexers at once); the search page merges both."""
    whole = sorted(f["meta"]["href"] for f in fragments(built_site))
    first = [f["meta"]["href"] for f in fragments(split_site)]
    second = [f["meta"]["href"] for f in fragments(split_site, "pagefind-1")]
    assert first and second and not set(first) & set(second)
    assert sorted(first + second) == whole
    form = html(split_site / "search.html").select_one("form[data-portal-search]")
    assert form["data-bundle"] == "pagefind/pagefind.js" and form["data-merge"] == "pagefind-1/"
    assert html(built_site / "search.html").select_one("form[data-portal-search]")["data-merge"] == ""
