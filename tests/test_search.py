"""Search, as built: the Pagefind bundle, the records it indexes, and the box on every page.

What a reader gets from a query is tested in a real browser (test_search_browser.py);
here the built files and the records are read directly.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import unicodedata
from pathlib import Path

from bs4 import BeautifulSoup

from builder.catalog import load_catalog
from builder.search_index import UNUSED_UI
from builder.search_records import STROKE, TYPE_CAMPAIGN, TYPE_EXEMPLAR, TYPE_RESULTS, index_text, plan_search_records

from .conftest import REPO, make_project, run_portal


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def fragments(site: Path) -> list[dict]:
    """Pagefind's per-result fragments: gzip, a signature, then JSON."""
    out = []
    for path in (site / "pagefind" / "fragment").iterdir():
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


def test_fragments_keep_real_text_where_shown(built_site: Path) -> None:
    frag = next(f for f in fragments(built_site) if f["meta"]["href"] == "campaigns/2023-tran-ninh-luong-van-tri.html")
    assert "Đảng" in frag["meta"]["title"] and STROKE not in frag["meta"]["title"]
    assert f"D{STROKE}ảng" in frag["content"] and "Đảng" not in frag["content"]
    filters = frag["filters"]
    assert filters["status"] == ["Đã kết thúc"] and filters["province"] == ["Tỉnh Lạng Sơn"]
    assert set(filters["locality"]) == {"Huyện Văn Quan", "Xã Trấn Ninh"}
    assert "5757-CV/VPTW" in frag["content"] and "298/KH-UBND" in frag["content"]


def test_merged_province_is_a_filter_value_too() -> None:
    """A unit of a province merged in 2025 is found under the old and the new province."""
    catalog = load_catalog(REPO, dt.date(2024, 8, 1))
    records = plan_search_records(catalog, {})
    duyen_hai = next(r for r in records if r.url == "campaigns/2021-duyen-hai-30-nam-tai-lap-tinh.html")
    provinces = [v for k, v in duyen_hai.filters if k == "province"]
    assert provinces[0] == "Tỉnh Trà Vinh" and len(provinces) == 2 and provinces[1] != provinces[0]


def test_index_text_strokes_only_d() -> None:
    assert index_text("Đại hội thi đua") == f"D{STROKE}ại hội thi d{STROKE}ua"
    assert index_text("người tốt") == "người tốt"
    # NFD folding of the stroke is what makes "dua" find it
    assert "".join(c for c in unicodedata.normalize("NFD", index_text("đua")) if not unicodedata.combining(c)) == "dua"


def test_records_escape_content(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"campaigns/mau.md": "Nội dung <script>alert(1)</script> & <b>đậm</b>\n"})
    project.joinpath("campaigns/mau.yml").write_text(
        project.joinpath("campaigns/mau.yml").read_text(encoding="utf-8").replace(
            "title: Kế hoạch mẫu", 'title: "Kế hoạch <b>mẫu</b> & \\"số 1\\""'), encoding="utf-8")
    out = tmp_path / "out"
    result = run_portal(["build", "-d", str(out)], cwd=project)
    assert result.returncode == 0, result.stderr
    frag = next(f for f in fragments(out) if f["meta"]["href"] == "campaigns/mau.html")
    assert frag["meta"]["title"] == 'Kế hoạch <b>mẫu</b> & "số 1"'
    assert "<script>" not in frag["content"] and "alert(1)" not in frag["content"]
