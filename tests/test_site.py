"""End-to-end: the example portal built with --strict for 2024-08-01, read as HTML."""

from __future__ import annotations

import json
import posixpath
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from builder.core.dates import normalize_date_style
from builder.core.text import normalize_tone_placement

from .conftest import REPO, SEEDS

SEED_PAGES = {
    "000_f32a211065f8d197.txt": "2023-tran-ninh-luong-van-tri",
    "001_1844cb60f03d4804.txt": "2021-duyen-hai-30-nam-tai-lap-tinh",
    "002_87e88c7bcc850968.txt": "2023-hoa-phong-thi-dua-yeu-nuoc",
    "003_3cf869b709600312.txt": "2024-chi-lang-dai-hoi-thi-dua-yeu-nuoc",
    "004_25a8ec443bc39fc5.txt": "2024-huu-lung-78-nam-dang-bo",
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def visible_text(page: BeautifulSoup) -> str:
    article = page.select_one("article.md-content__inner")
    assert article is not None
    for hidden in article.select("script, style, [aria-hidden=true], .headerlink"):
        hidden.decompose()
    return article.get_text(" ")


def squash(text: str) -> str:
    """Compare text but for whitespace, as the issue allows, and tone placement: the portal writes
    one ("Văn hóa" for the source's "Văn hoá" too), and one date style ("01/7/2025", "2023 – 2025")."""
    return re.sub(r"\s+", "", normalize_date_style(normalize_tone_placement(text)))


def source_sentences(text: str) -> list[str]:
    """The seed's sentences: emphasis markers dropped, list markers and enumerators removed."""
    text = text.replace("*", "")
    sentences = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-+]\s+|(?:\d+\.)+\s+)", "", line).strip()
        sentences += [p.strip() for p in re.split(r"(?<=[.;:!?])\s+", line) if len(squash(p)) > 3]
    return sentences


@pytest.mark.parametrize("seed, campaign_id", sorted(SEED_PAGES.items()))
def test_every_sentence_of_each_seed_is_on_its_page(built_site: Path, seed: str, campaign_id: str) -> None:
    page_text = squash(visible_text(soup(built_site / "campaigns" / f"{campaign_id}.html")))
    sentences = source_sentences((SEEDS / seed).read_text(encoding="utf-8"))
    missing = [s for s in sentences if squash(s) not in page_text]
    share = 1 - len(missing) / len(sentences)
    assert len(sentences) > 40
    assert missing == [], f"{share:.1%} of {len(sentences)} sentences present; missing: {missing[:5]}"


def statuses(page: BeautifulSoup) -> list[str]:
    return [b.select_one(".portal-status__label").get_text() for b in page.select("[data-portal-status]")]


def test_status_on_2024_08_01(built_site: Path) -> None:
    expected = {
        "2024-chi-lang-dai-hoi-thi-dua-yeu-nuoc": "Đang diễn ra",
        "2024-huu-lung-78-nam-dang-bo": "Đang diễn ra",
        "2023-tran-ninh-luong-van-tri": "Đã kết thúc",
        "2023-hoa-phong-thi-dua-yeu-nuoc": "Đã kết thúc",
        "2021-duyen-hai-30-nam-tai-lap-tinh": "Đã kết thúc",
    }
    for campaign_id, label in expected.items():
        page = soup(built_site / "campaigns" / f"{campaign_id}.html")
        assert statuses(page)[0] == label, campaign_id
    home = soup(built_site / "index.html")
    active = home.find("h2", id="h-active").find_parent("section")
    titles = [a.get_text() for a in active.select(".portal-card__title a")]
    assert len(titles) == 2 and any("Chi Lăng" in t or "Đại hội thi đua" in t for t in titles)
    assert "01/8/2024" in home.select_one(".portal-asof").get_text()


def test_home_empty_state_when_nothing_is_active(built_site_today: Path) -> None:
    home = soup(built_site_today / "index.html")
    active = home.find("h2", id="h-active").find_parent("section")
    assert active.select(".portal-card") == []
    assert "Hiện chưa có phong trào thi đua nào đang diễn ra" in active.get_text()
    assert "21/11/2026" in home.select_one(".portal-asof").get_text()


def test_campaign_page_shows_the_card(built_site: Path) -> None:
    page = soup(built_site / "campaigns" / "2024-chi-lang-dai-hoi-thi-dua-yeu-nuoc.html")
    text = page.get_text(" ")
    assert page.select_one("h1").get_text().startswith("Tổ chức Đại hội thi đua yêu nước")
    facts = page.select_one("dl.portal-facts").get_text(" ")
    for needle in ("Kế hoạch", "/KH-UBND", "tháng 6/2024", "Chi Lăng", "Vi Nông Trường"):
        assert needle in facts
    # timeline: period, milestones in date order, today marker inside the span
    events = [li.select_one(".portal-events__when").get_text() for li in page.select("ol.portal-events li")]
    assert events == ["tháng 6/2024 – tháng 4/2025", "tháng 11/2024", "quý I/2025", "tháng 02/2025", "tháng 4/2025"]
    assert page.select_one(".portal-timeline__today") is not None
    # tasks sorted by due date, undated last
    dues = [td.get_text(" ").strip() for td in page.select("#h-tasks ~ .portal-table td[data-label='Thời hạn']")]
    assert dues[:4] == ["tháng 11/2024"] * 3 + ["tháng 02/2025"] and dues[-1] == "Không nêu"
    # themes and movements are links to their pages
    assert page.select_one("a[href='../themes/thi-dua-khen-thuong.html']") is not None
    assert page.select_one("a[href='../movements/nguoi-tot-viec-tot.html']") is not None
    # numbered lists keep the document's own numbers, also after an interruption
    numbers = {}
    for ol in page.select(".portal-document__body ol"):
        for offset, li in enumerate(ol.find_all("li", recursive=False)):
            numbers[li.get_text(" ").strip()[:24]] = int(ol.get("start", 1)) + offset
    assert numbers["Chú trọng việc phát hiện"] == 4
    assert numbers["Căn cứ Kế hoạch này UBND"] == 1
    assert "Nơi nhận:" in text and "Lưu: VT, NV." in text


def test_basis_links_to_campaigns_on_the_portal(tmp_path: Path) -> None:
    from .conftest import VALID_CAMPAIGN, make_project, run_portal
    child = VALID_CAMPAIGN.replace("Kế hoạch mẫu", "Kế hoạch của xã") + (
        "basis:\n  - number: 1/KH-UBND\n    campaign: mau\n")
    root = make_project(tmp_path, {"campaigns/xa.yml": child})
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    page = soup(root / "site" / "campaigns" / "xa.html")
    assert page.select_one(".portal-basis a[href='mau.html']") is not None
    parent = soup(root / "site" / "campaigns" / "mau.html")
    assert parent.select_one("#h-cascade ~ .portal-cards a[href='xa.html']") is not None
    # a card without `contact` names its issuer as the place to register or propose; no `participants`, no row
    rows = {r.select_one("dt").get_text(): r.select_one("dd").get_text(" ", strip=True)
            for r in parent.select(".portal-glance__row")}
    assert rows["Đăng ký, đề xuất điển hình"].endswith("(cơ quan ban hành)") and "Đối tượng" not in rows


def test_taxonomy_pages(built_site: Path) -> None:
    theme = soup(built_site / "themes" / "thi-dua-khen-thuong.html")
    assert len(theme.select(".portal-card")) == 4
    movement = soup(built_site / "movements" / "doanh-nghiep-huu-lung.html")
    assert [a.get_text() for a in movement.select(".portal-card__title a")] == [
        "Phong trào thi đua chào mừng kỷ niệm 78 năm Ngày thành lập Đảng bộ huyện Hữu Lũng (03/11/1946 – 03/11/2024)"]
    # a movement's page: who launched it and by which document, the campaigns that answered it, their exemplars
    hcm = soup(built_site / "movements" / "hoc-tap-lam-theo-bac.html")
    facts = {dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in zip(hcm.select(".portal-facts dt"),
                                                                           hcm.select(".portal-facts dd"))}
    assert facts["Văn bản phát động"] == "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị"
    answered = len(hcm.select(".portal-card"))
    assert facts["Trên cổng"].startswith(f"{answered} phong trào thi đua hưởng ứng")
    honored = [a["href"] for a in hcm.select("#h-exemplars ~ .portal-excards .portal-excard__name a")]
    assert honored and all((built_site / "movements" / h).resolve().is_file() for h in honored)
    year = soup(built_site / "years" / "2025.html")
    assert len(year.select(".portal-card")) == 1
    active = soup(built_site / "status" / "dang-dien-ra.html")
    assert len(active.select(".portal-card")) == 2
    # a province lists its communes' campaigns; a merged province says what it became
    lang_son = soup(built_site / "localities" / "lang-son.html")
    assert len(lang_son.select(".portal-card")) == 3
    tra_vinh = soup(built_site / "localities" / "tra-vinh.html").get_text(" ")
    assert "Hợp nhất vào" in tra_vinh and "tỉnh Vĩnh Long" in tra_vinh and "30/6/2025" in tra_vinh
    # a province formed by a merger lists its predecessors' campaigns and links each predecessor
    for new_province, old_province in (("vinh-long", "tra-vinh"), ("dak-lak", "phu-yen")):
        page = soup(built_site / "localities" / f"{new_province}.html")
        before = soup(built_site / "localities" / f"{old_province}.html")
        titles = {a.get_text() for a in before.select(".portal-card__title a")}
        assert titles and titles <= {a.get_text() for a in page.select(".portal-card__title a")}, new_province
        assert page.select_one(f'.portal-facts a[href="{old_province}.html"]') is not None
    commune = " ".join(soup(built_site / "localities" / "phu-yen" / "tay-hoa" / "hoa-phong.html").get_text(" ").split())
    assert "Huyện Tây Hòa kết thúc hoạt động sau ngày 30/6/2025. Địa bàn thuộc tỉnh Đắk Lắk" in commune
    campaign = " ".join(soup(built_site / "campaigns" / "2023-hoa-phong-thi-dua-yeu-nuoc.html").get_text(" ").split())
    assert "xã Hòa Phong, huyện Tây Hòa, tỉnh Phú Yên (địa bàn nay thuộc tỉnh Đắk Lắk)" in campaign
    district = soup(built_site / "localities" / "lang-son" / "chi-lang.html").get_text(" ")
    assert "Cấp huyện kết thúc hoạt động từ ngày 01/7/2025" in district


def test_a_listing_folds_its_filters_and_counts_its_own_campaigns(built_site: Path) -> None:
    """The cards come first; "Lọc" is one folded form, counted within the listing, that the search page answers."""
    text = (built_site / "campaigns/filters.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.portalCampaignFilters = ").rstrip().removesuffix(";"))
    values, campaigns = data["values"], data["campaigns"]
    assert len(campaigns) == len(soup(built_site / "campaigns/index.html").select(".portal-card"))
    for path, own in (("campaigns/index.html", set()), ("themes/kinh-te.html", {("theme", "Kinh tế, sản xuất kinh doanh")}),
                      ("localities/lang-son/van-quan/tran-ninh.html",
                       {("province", "Tỉnh Lạng Sơn"), ("locality", "Xã Trấn Ninh")})):
        page = soup(built_site / path)
        panel = page.select_one("details.portal-filter")
        assert panel is not None and not panel.has_attr("open"), path
        assert page.select(".portal-card") and not page.select_one(".portal-filters"), path
        form = panel.select_one("form")
        assert (built_site / path).parent.joinpath(form["action"]).resolve() == (built_site / "search.html").resolve()
        assert form.select_one("input[type=hidden][name='f.type']")["value"] == "Phong trào thi đua"
        checked = {(i["name"][2:], i["value"]) for i in form.select("input[type=checkbox][checked]")}
        assert checked == own, path
        cards = len(page.select(".portal-card"))
        status_counts = [int(c.get_text()) for c in form.select("[data-portal-count]")]
        assert sum(status_counts) == cards, (path, status_counts)  # every campaign has one status, counted here
        on = panel.select_one(".portal-filter__on")
        assert (on.get_text(strip=True) if on else "") == (f"· {len(own)} đang chọn" if own else ""), path
        # The data the panel recounts from (campaigns/filters.js) holds the listing's own campaigns under its values.
        wanted = [values.index(list(pair)) for pair in own]
        assert sum(all(i in c[3] for i in wanted) for c in campaigns) == cards, path


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_internal_links_resolve_from_disk(built_site: Path) -> None:
    broken = []
    # 404.html is served by the host for any missing path, so MkDocs writes it with
    # root-relative URLs; serving it under a sub-path needs site_url (publishing issue).
    for path in [p for p in html_files(built_site) if p.name != "404.html"]:
        page = soup(path)
        for tag in page.select("[href], [src]"):
            url = tag.get("href") or tag.get("src")
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")) or not parts.path:
                continue
            assert not url.startswith("/"), f"{path}: absolute path {url} breaks under a sub-path"
            target = (path.parent / unquote(parts.path)).resolve()
            if target.is_dir() or not target.exists():
                broken.append(f"{path.relative_to(built_site)} → {url}")
    assert broken == []


def test_no_third_party_requests(built_site: Path) -> None:
    offenders = []
    for path in html_files(built_site):
        page = soup(path)
        for tag in page.select("script[src], link[href], img[src], iframe[src], source[src], video[src], audio[src]"):
            url = tag.get("src") or tag.get("href")
            if tag.name == "link" and {"alternate", "canonical"} & set(tag.get("rel") or []):
                continue  # links to pages, not resources the browser fetches
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                offenders.append(f"{path.name}: {url}")
    for path in list(built_site.rglob("*.css")) + list(built_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"(?:@import\s+|url\()\s*['\"]?((?:https?:)?//[^'\")\s]+)", text):
            offenders.append(f"{path.name}: {url}")
        for host in ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net", "unpkg.com", "cdnjs"):
            if host in text:
                offenders.append(f"{path.name}: {host}")
    assert offenders == []


def test_generated_pages_are_not_in_the_navigation(built_site: Path) -> None:
    page = soup(built_site / "campaigns" / "2021-duyen-hai-30-nam-tai-lap-tinh.html")
    nav_links = [a["href"] for a in page.select("nav.md-nav--primary a[href], nav.md-tabs a[href]")]
    assert not any("2024-" in href or "themes/kinh-te" in href for href in nav_links)
    # Only the pages mkdocs.yml's nav names (tabs and the drawer list each once, and the home page).
    named = set(re.findall(r"^  - [^:]+: (\S+)\.md$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M))
    targets = {posixpath.normpath(posixpath.join("campaigns", unquote(h).split("#")[0])) for h in nav_links}
    assert {t.removesuffix(".html") for t in targets} <= named, targets
    assert len(nav_links) <= 2 * len(named) + 1


def test_heading_anchors_keep_d_and_breadcrumbs_are_links(built_site: Path) -> None:
    """"Mục tiêu thi đua" is "#i-muc-tieu-thi-dua" (Python-Markdown's own slug dropped the "đ"), and
    every step of every breadcrumb before the page itself is a link to a page that exists."""
    page = BeautifulSoup((built_site / "campaigns/2024-huu-lung-78-nam-dang-bo.html").read_text(encoding="utf-8"),
                         "html.parser")
    ids = [h["id"] for h in page.select("article h2[id], article h3[id]")]
    assert "i-muc-tieu-thi-dua" in ids and not any("thi-ua" in i for i in ids), ids
    crumbs = 0
    for path in html_files(built_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        nav = soup.select_one("nav.portal-breadcrumb")
        if nav is None:
            continue
        steps = [s.strip() for s in nav.get_text().split("›")]
        links = nav.select("a")
        # Every step is a link, except a last step naming the page itself.
        unlinked = steps[len(links):]
        assert unlinked in ([], [soup.select_one("h1").get_text(strip=True)]), (path, steps)
        for a in links:
            assert (path.parent / a["href"].split("#")[0]).resolve().is_file(), (path, a["href"])
        crumbs += 1
    assert crumbs > 20


def test_a_campaign_page_opens_with_a_glance_and_its_contents(built_site: Path) -> None:
    """Who takes part, where to register or propose, and every section a jump away; the plan's own
    headings in a folded contents list for screens without Material's sidebar."""
    page = soup(built_site / "campaigns" / "2024-huu-lung-78-nam-dang-bo.html")
    glance = page.select_one("section.portal-glance")
    rows = {r.select_one("dt").get_text(): " ".join(r.select_one("dd").get_text().split())
            for r in glance.select(".portal-glance__row")}
    assert rows["Đối tượng"].startswith("Toàn thể cán bộ, công chức, viên chức")
    assert rows["Đăng ký, đề xuất điển hình"].startswith("Phòng Nội vụ (Cơ quan Thường trực Hội đồng Thi đua")
    assert glance.select_one("[data-portal-status]") is not None  # the status line is the box's first line
    jumps = [a["href"] for a in glance.select("nav a")]
    assert {"#h-info", "#h-timeline", "#h-fulltext"} <= set(jumps)
    assert all(page.find(id=j[1:]) is not None for j in jumps), jumps
    toc = page.select_one("details.portal-doc-toc")
    assert toc is not None and not toc.has_attr("open")
    links = [a["href"] for a in toc.select("a")]
    assert len(links) >= 3 and all(page.find(id=h[1:]) is not None for h in links), links


def test_one_tone_placement_on_every_page(built_site: Path) -> None:
    """The source writes "Văn hóa" and "Văn hoá" in one sentence; the portal shows one of them everywhere."""
    for path in html_files(built_site):
        text = soup(path).get_text(" ")
        assert normalize_tone_placement(text) == unicodedata.normalize("NFC", text), path
    page = soup(built_site / "campaigns" / "2024-huu-lung-78-nam-dang-bo.html").get_text(" ")
    assert "Trung tâm Văn hóa, Thể thao và Truyền thông" in page


def test_no_table_shows_a_label_with_nothing_after_it(built_site: Path) -> None:
    """A phone stacks each row as "Label: value": a column no award fills is left out, an empty cell hidden."""
    for path in (built_site / "campaigns").glob("*.html"):
        for table in soup(path).select(".portal-table table"):
            heads = [th.get_text() for th in table.select("thead th")]
            rows = [[cell.get_text(strip=True) for cell in tr.select("th, td")] for tr in table.select("tbody tr")]
            for column, head in enumerate(heads):
                assert any(row[column] for row in rows), (path.name, head)
            for td in table.select("td[data-label]"):
                assert td.get_text(strip=True) or "portal-cell-empty" in (td.get("class") or []), (path.name, td)
