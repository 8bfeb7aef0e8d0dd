"""Build behaviour: atomic output, clean failures, visibility, escaping, flat page size."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup
from icalendar import Calendar

from builder.render.sanitize import sanitize_html

from .conftest import VALID_CAMPAIGN, make_project, run_portal


def test_failed_build_leaves_site_as_it_was(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"campaigns/hong.yml": VALID_CAMPAIGN.replace("end: 2025-04", "end: 30/4/2025")})
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("bản cũ", encoding="utf-8")
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 1
    assert "campaigns/hong.yml:8:3: period.end: ngày '30/4/2025' không đúng dạng; hãy viết 2025-04-30" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert (site / "index.html").read_text(encoding="utf-8") == "bản cũ"
    # MkDocs started beside the check and was stopped: no temporary folder is left (the lock file stays).
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site-")) == []


def test_engine_failure_also_leaves_site(tmp_path: Path) -> None:
    """A failure inside MkDocs (here: a page colliding with a generated one) keeps site/ too."""
    root = make_project(tmp_path, {"content/campaigns/mau.md": "# Trang trùng địa chỉ\n"})
    site = root / "site"
    site.mkdir()
    (site / "marker").write_text("x", encoding="utf-8")
    result = run_portal(["build"], cwd=root)
    assert result.returncode != 0
    assert "content/campaigns/mau.md: trùng địa chỉ với trang campaigns/mau.html" in result.stderr
    assert (site / "marker").exists()


def test_successful_build_replaces_site(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "site").mkdir()
    (root / "site" / "stale.html").write_text("cũ", encoding="utf-8")
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    assert not (root / "site" / "stale.html").exists()
    assert (root / "site" / "campaigns" / "mau.html").is_file()


def test_plain_mkdocs_build_reports_content_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"campaigns/hong.yml": VALID_CAMPAIGN + "themes: []\n"})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PORTAL_TODAY": "2024-08-01"})
    assert result.returncode == 1
    assert "campaigns/hong.yml:12:1: themes: khóa bị lặp" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_date_option_and_environment(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("# today: 2024-08-01", "today: 2024-05-01"),
                      encoding="utf-8")
    assert run_portal(["build"], cwd=root, today=None).returncode == 0
    page = BeautifulSoup((root / "site" / "campaigns" / "mau.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".portal-status__label").get_text() == "Sắp diễn ra"
    assert run_portal(["build"], cwd=root, today="2025-05-01").returncode == 0
    page = BeautifulSoup((root / "site" / "campaigns" / "mau.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".portal-status__label").get_text() == "Đã kết thúc"
    bad = run_portal(["build"], cwd=root, today="1/8/2024")
    assert bad.returncode == 1 and "PORTAL_TODAY: ngày '1/8/2024' không đúng dạng; hãy viết 2024-08-01" in bad.stderr


def test_unpublished_campaigns_appear_nowhere(tmp_path: Path) -> None:
    root = make_project(tmp_path, {
        "campaigns/nhap.yml": VALID_CAMPAIGN.replace("Kế hoạch mẫu", "Bản nháp bí mật") + "draft: true\n",
        "campaigns/hen-gio.yml": VALID_CAMPAIGN.replace("Kế hoạch mẫu", "Chưa đến ngày") + "publish_on: 2024-09-01\n",
        "campaigns/tuong-lai.yml": VALID_CAMPAIGN.replace("Kế hoạch mẫu", "Ban hành sau") + "issued: 2024-08-02\n",
    })
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Không công bố campaigns/nhap.yml: bản nháp (draft: true)" in result.stderr
    for path in (root / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js", ".ics", ".csv"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("Bản nháp bí mật", "Chưa đến ngày", "Ban hành sau", "nhap.html", "hen-gio", "tuong-lai"):
                assert secret not in text, f"{secret} leaked into {path}"


def test_hostile_content_is_escaped_or_removed(tmp_path: Path) -> None:
    hostile = '"><img src=x onerror=alert(1)> {{ config }}'
    root = make_project(tmp_path, {
        "campaigns/mau.yml": VALID_CAMPAIGN.replace("title: Kế hoạch mẫu", f"title: '{hostile}'")
        + "slogan: <script>alert(2)</script>\n",
        # Code in the text is a build error (golden case raw-html-in-text); what remains is
        # harmless HTML, and the sanitizer below still strips code as a second line of defence.
        "campaigns/mau.md": "Đoạn văn.\n\n<div>Nội dung</div>\n\n<p style=\"color:red\">đỏ</p>\n",
    })
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "campaigns" / "mau.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    handlers = [(tag.name, attr) for tag in page.find_all(True) for attr in tag.attrs if attr.startswith("on")]
    assert handlers == []
    code = [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]
    assert [s for s in code if "alert" in s.get_text()] == []
    # JSON-LD is data: the hostile text is there, escaped so it cannot close the element.
    (ld,) = page.find_all("script", type="application/ld+json")
    assert "<" not in ld.get_text() and ">" not in ld.get_text()
    graph = json.loads(ld.get_text())["@graph"]
    assert {"name": hostile, "alternateName": "<script>alert(2)</script>"}.items() <= graph[-1].items()
    assert page.find("meta", property="og:title")["content"] == hostile
    assert page.find_all("iframe") == [] and page.find("img", src="x") is None
    assert page.select(".portal-document__body [style]") == []
    assert page.title.get_text().startswith(hostile)
    assert page.select_one("h1").get_text() == hostile  # shown literally, template syntax not evaluated
    assert "Nội dung" in page.get_text()
    cleaned = sanitize_html('<script>alert(3)</script><div onclick="alert(4)">x</div><iframe src="https://a.vn"></iframe>'
                            '<a href="javascript:alert(5)">y</a>')
    assert "<script" not in cleaned and "onclick" not in cleaned and "<iframe" not in cleaned
    assert "javascript:" not in cleaned
    listing = (root / "site" / "campaigns" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in listing and "&lt;img src=x" in listing
    # Feeds, calendars and open data carry the title as text, escaped by their own format.
    feed = ElementTree.parse(root / "site" / "feeds" / "all.xml").getroot()
    titles = [t.text for t in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert hostile in titles and "<img" not in (root / "site" / "feeds" / "all.xml").read_text(encoding="utf-8")
    calendar = Calendar.from_ical((root / "site" / "campaigns" / "mau.ics").read_bytes())
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == hostile
    data = json.loads((root / "site" / "data" / "campaigns.json").read_text(encoding="utf-8"))
    assert data[0]["title"] == hostile and data[0]["slogan"] == "<script>alert(2)</script>"


def _campaign_page_size(root: Path, extra: int) -> int:
    files = {f"campaigns/them-{i}.yml": VALID_CAMPAIGN.replace("Kế hoạch mẫu", f"Kế hoạch thêm {i}")
             for i in range(extra)}
    make_project(root, files)
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    return (root / "site" / "campaigns" / "mau.html").stat().st_size


def test_page_size_does_not_grow_with_the_number_of_campaigns(tmp_path: Path) -> None:
    small = _campaign_page_size(tmp_path / "small", 2)
    large = _campaign_page_size(tmp_path / "large", 120)
    assert abs(large - small) / small < 0.02, (small, large)


def test_symlink_out_of_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "ngoai.yml"
    outside.write_text(VALID_CAMPAIGN, encoding="utf-8")
    root = make_project(tmp_path / "portal")
    (root / "campaigns" / "lien-ket.yml").symlink_to(outside)
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 1
    assert ("campaigns/lien-ket.yml: tệp là liên kết trỏ ra ngoài thư mục dự án; hãy chép tệp thật vào đây"
            in result.stderr)


def test_attachments_are_published_and_linked(tmp_path: Path) -> None:
    root = make_project(tmp_path, {
        "campaigns/mau.yml": VALID_CAMPAIGN + "attachments:\n  - file: files/ke-hoach-mau.pdf\n"
                                              "    title: Văn bản gốc (PDF)\n",
        "campaigns/files/ke-hoach-mau.pdf": b"%PDF-1.4\n" + b"0" * 3000,
    })
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    published = root / "site" / "campaigns" / "files" / "ke-hoach-mau.pdf"
    assert published.read_bytes().startswith(b"%PDF-1.4")
    page = BeautifulSoup((root / "site" / "campaigns" / "mau.html").read_text(encoding="utf-8"), "html.parser")
    link = page.select_one("#h-files ~ ul a")
    assert link["href"] == "files/ke-hoach-mau.pdf" and link.get_text() == "Văn bản gốc (PDF)"
    assert "3 KB" in link.parent.get_text()
