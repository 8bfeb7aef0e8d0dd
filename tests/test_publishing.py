"""Publishing outputs of the example portal: determinism, sub-path, build.json, feeds,
calendars, open data, JSON-LD and share tags, and the CI files that publish them.

Each output is read back with an independent parser (feedparser, icalendar,
jsonschema, csv, json), not with the code that wrote it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from icalendar import Calendar

from .conftest import (
    BUILD_DATE,
    REPO,
    VALID_CAMPAIGN,
    copy_example,
    make_project,
    run_portal,
    snapshot,
)

SITE_URL = "https://example.org/thi-dua/"  # the example mkdocs.yml's site_url, a sub-path on purpose


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def local(site: Path, address: str) -> Path:
    """The file in site/ that an absolute portal address points to."""
    assert address.startswith(SITE_URL), address
    return site / urlsplit(address).path[len(urlsplit(SITE_URL).path):]


def test_two_builds_are_byte_identical_in_any_time_zone(built_site: Path, tmp_path: Path) -> None:
    """Another copy, another time zone, a cold cache: the same bytes."""
    env = {**os.environ, "PORTAL_TODAY": BUILD_DATE, "TZ": "America/Los_Angeles"}
    env.pop("SOURCE_DATE_EPOCH", None)
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(out)], cwd=copy_example(tmp_path / "p"),
                            env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    first, second = snapshot(built_site), snapshot(out)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert any(name.startswith("pagefind/filter/") for name in first)  # the files Pagefind orders at random


def test_sitemap_uses_the_sub_path_and_content_dates(built_site: Path) -> None:
    text = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", text))
    html_pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")} - {"404.html"}
    assert {urlsplit(u).path.removeprefix("/thi-dua/") for u in entries} == html_pages
    assert all(u.startswith(SITE_URL) for u in entries)
    # Never the clock: every lastmod is a day on or before the build date.
    assert all(day <= BUILD_DATE for day in entries.values())
    campaign = SITE_URL + "campaigns/2024-huu-lung-78-nam-dang-bo.html"
    assert entries[campaign] <= BUILD_DATE and len(set(entries.values())) > 1


def test_canonical_links_and_404_assets_use_the_sub_path(built_site: Path) -> None:
    page = soup(built_site / "campaigns" / "2023-tran-ninh-luong-van-tri.html")
    assert page.find("link", rel="canonical")["href"] == SITE_URL + "campaigns/2023-tran-ninh-luong-van-tri.html"
    # The 404 page stands alone (inline styles, no file of the site needed) and links from site_url's path.
    missing = soup(built_site / "404.html")
    assert not missing.select("link[rel=stylesheet], script[src]") and missing.select_one("style")
    links = [a["href"] for a in missing.select("a[href]") if not a["href"].startswith("#")]
    assert links and all(a.startswith("/thi-dua/") for a in links)
    for link in links:
        assert (built_site / link.removeprefix("/thi-dua/")).is_file(), link


def test_build_report_counts_and_next_change(built_site: Path) -> None:
    report = json.loads((built_site / "build.json").read_text(encoding="utf-8"))
    data = json.loads((built_site / "data" / "campaigns.json").read_text(encoding="utf-8"))
    assert report["build_date"] == BUILD_DATE and report["site_url"] == SITE_URL
    assert report["counts"]["campaigns"] == len(data)
    assert sum(report["counts"]["campaigns_by_status"].values()) == len(data)
    assert report["next_change"] > BUILD_DATE


def test_next_change_is_the_day_an_embargo_lifts_and_the_rebuild_publishes(tmp_path: Path) -> None:
    later = VALID_CAMPAIGN.replace("Kế hoạch mẫu", "Kế hoạch hẹn giờ") + "publish_on: 2024-09-15\n"
    root = make_project(tmp_path, {"campaigns/hen-gio.yml": later})
    assert run_portal(["build"], cwd=root).returncode == 0
    report = json.loads((root / "site" / "build.json").read_text(encoding="utf-8"))
    assert report["next_change"] == "2024-09-15"  # before the sample's end (2025-04-30)
    assert not (root / "site" / "campaigns" / "hen-gio.html").exists()
    assert run_portal(["build"], cwd=root, today="2024-09-15").returncode == 0
    report = json.loads((root / "site" / "build.json").read_text(encoding="utf-8"))
    assert (root / "site" / "campaigns" / "hen-gio.html").exists() and report["next_change"] == "2025-05-01"
    assert report["counts"]["campaigns_by_status"]["dang-dien-ra"] == 2


def test_feeds_are_valid_atom_and_linked_from_their_pages(built_site: Path) -> None:
    feeds = sorted((built_site / "feeds").rglob("*.xml"))
    assert len(feeds) > 10
    campaigns = {c["url"] for c in json.loads((built_site / "data" / "campaigns.json").read_text(encoding="utf-8"))}
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10" and parsed.feed.title and parsed.feed.updated
        assert parsed.feed.id.startswith("urn:uuid:")
        for entry in parsed.entries:
            assert entry.id.startswith("urn:uuid:") and entry.title and entry.updated and entry.author
            assert local(built_site, entry.link.split("#")[0]).is_file()
    main = feedparser.parse((built_site / "feeds" / "all.xml").read_bytes())
    links = {e.link for e in main.entries}
    assert campaigns <= links
    assert any(e.link.endswith("#h-results") for e in main.entries)
    assert any("/exemplars/" in e.link for e in main.entries)
    dates = [e.updated for e in main.entries]
    assert dates == sorted(dates, reverse=True)
    # Each topic page offers its own feed; the feed holds that topic only.
    theme = soup(built_site / "themes" / "kinh-te.html")
    alternate = theme.find("link", rel="alternate", type="application/atom+xml")
    assert alternate["href"] == "../feeds/themes/kinh-te.xml"
    kinh_te = feedparser.parse((built_site / "feeds" / "themes" / "kinh-te.xml").read_bytes())
    listed = {a["href"] for a in theme.select(".portal-card__title a")}
    assert {e.link.rsplit("/", 1)[1] for e in kinh_te.entries if "/campaigns/" in e.link and "#" not in e.link} \
        == {href.rsplit("/", 1)[1] for href in listed}
    home = soup(built_site / "index.html")
    assert home.find("link", rel="alternate", type="application/atom+xml")["href"] == "feeds/all.xml"


def test_calendars_are_valid_icalendar_with_links_back(built_site: Path) -> None:
    files = sorted((built_site / "campaigns").glob("*.ics"))
    assert len(files) == len(list((built_site / "campaigns").glob("2*.html")))
    uids = set()
    for path in files:
        raw = path.read_bytes()
        assert raw.endswith(b"\r\n") and all(len(line) <= 75 for line in raw.split(b"\r\n"))  # RFC 5545 folding
        cal = Calendar.from_ical(raw)
        assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
        events = cal.walk("VEVENT")
        assert events
        page = SITE_URL + "campaigns/" + path.stem + ".html"
        for event in events:
            assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(event.keys())
            assert str(event["URL"]) == page and page in str(event["DESCRIPTION"])
            assert event.decoded("DTEND") > event.decoded("DTSTART")
            uids.add(str(event["UID"]))
    assert len(uids) == sum(len(Calendar.from_ical(p.read_bytes()).walk("VEVENT")) for p in files)
    # Chi Lăng's plan: its quarter milestone spans the quarter, a task deadline is one day.
    chi_lang = Calendar.from_ical((built_site / "campaigns" / "2024-chi-lang-dai-hoi-thi-dua-yeu-nuoc.ics").read_bytes())
    spans = {(e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat()) for e in chi_lang.walk("VEVENT")}
    assert ("2025-01-01", "2025-04-01") in spans
    page = soup(built_site / "campaigns" / "2024-chi-lang-dai-hoi-thi-dua-yeu-nuoc.html")
    assert page.find("a", href="2024-chi-lang-dai-hoi-thi-dua-yeu-nuoc.ics")
    portal = Calendar.from_ical((built_site / "calendar.ics").read_bytes())
    assert portal.walk("VEVENT")  # campaigns running on the build date are in the portal calendar


@pytest.mark.parametrize("name", ["campaigns", "exemplars", "results"])
def test_open_data_matches_its_schema_and_its_csv_twin(built_site: Path, name: str) -> None:
    records = json.loads((built_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(records, schema)
    assert records
    raw = (built_site / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(records)
    item = schema["items"]
    if "$ref" in item:
        item = schema["$defs"][item["$ref"].rsplit("/", 1)[1]]
    assert list(rows[0]) == list(item["properties"])
    key = "campaign_id" if name == "results" else "id"
    assert [r[key] for r in rows] == [r[key] for r in records]
    for record in records:
        assert local(built_site, record["url"].split("#")[0]).is_file()
    page = soup(built_site / "data" / "index.html")
    documented = {code.get_text() for code in page.select(f"#h-{name} ~ div th code, section:has(#h-{name}) th code")}
    assert set(item["properties"]) <= documented


def test_every_page_has_json_ld_and_share_tags(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")):
        if path.name == "404.html":
            continue
        page = soup(path)
        (script,) = page.find_all("script", type="application/ld+json")
        graph = json.loads(script.get_text())["@graph"]
        assert graph[0]["@type"] == "WebSite", path
        image = page.find("meta", property="og:image")["content"]
        assert local(built_site, image).is_file(), path
        assert page.find("meta", property="og:title")["content"], path
        assert page.find("meta", property="og:url")["content"] == page.find("link", rel="canonical")["href"]
    campaign = soup(built_site / "campaigns" / "2023-hoa-phong-thi-dua-yeu-nuoc.html")
    graph = json.loads(campaign.find("script", type="application/ld+json").get_text())["@graph"]
    types = {node["@type"]: node for node in graph}
    assert types["Event"]["endDate"] and types["Event"]["organizer"]["@id"] == types["GovernmentOrganization"]["@id"]
    assert campaign.find("meta", property="og:type")["content"] == "article"
    exemplars = [p for p in (built_site / "exemplars").glob("*.html") if p.stem != "index" and ".p" not in p.stem]
    people = 0
    for path in exemplars:
        graph = json.loads(soup(path).find("script", type="application/ld+json").get_text())["@graph"]
        node = graph[-1]
        assert node["@type"] in ("Person", "Organization") and node["name"]
        assert isinstance(node["award"], list)
        people += node["@type"] == "Person"
    assert people and people < len(exemplars)


def test_campaign_prints_with_a_qr_code_of_its_address(built_site: Path) -> None:
    page = soup(built_site / "campaigns" / "2024-huu-lung-78-nam-dang-bo.html")
    head = page.select_one(".portal-print-only.portal-print-head")
    assert head is not None and head.select_one("svg.portal-qr path")
    assert SITE_URL + "campaigns/2024-huu-lung-78-nam-dang-bo.html" in head.get_text()
    css = (built_site / "assets" / "portal.css").read_text(encoding="utf-8")
    block = css[css.index("@media print"):]
    for hidden in (".md-header", ".md-tabs", ".md-sidebar", ".portal-timeline,", ".md-footer"):
        assert hidden in block.split("display: none")[0]
    assert "size: A4" in block


def test_ci_files_run_the_readme_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ci_run.strip().splitlines()[-1] == "make test"
    github = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = github.get("on", github.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "schedule"} <= set(triggers)
    steps = [step for job in github["jobs"].values() for step in job.get("steps", [])]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "bash .ci/run" in commands and "make site" in commands
    assert "SOURCE_DATE_EPOCH" in commands
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps)
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    scripts = "\n".join(line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", []))
    assert "bash .ci/run" in scripts and "make site" in scripts
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    # Both keep the plugin's cache between runs, or every run re-encodes every photo.
    from builder.mkdocs_plugin.settings import PortalConfig

    cache_dir = PortalConfig.cache_dir.default
    cached = [step["with"]["path"] for step in steps if step.get("uses", "").startswith("actions/cache@")]
    assert cached == [cache_dir]
    assert [path.rstrip("/") for path in gitlab["pages"]["cache"]["paths"]] == [cache_dir]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^site:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_every_page_of_a_listing_maps_back_to_its_first_page() -> None:
    from builder.core import urls

    for url in ("themes/kinh-te.html", "exemplars/localities/lang-son/chi-lang.html", "index.html"):
        assert [urls.first_page(urls.paged(url, n)) for n in (1, 2, 13)] == [url] * 3
    assert urls.first_page("campaigns/2024-xa-p2-1.html") == "campaigns/2024-xa-p2-1.html"


def test_a_renamed_theme_keeps_its_old_id_valid_and_its_old_address_redirects(built_site: Path, tmp_path: Path) -> None:
    """Theme ids became Vietnamese (economy → kinh-te): a card with the old id still builds, with a
    warning naming the new one, and the old address sends readers to the new page."""
    moved = (built_site / "themes" / "economy.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=kinh-te.html">' in moved and 'name="robots" content="noindex"' in moved
    facet = (built_site / "exemplars" / "themes" / "economy.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=kinh-te.html">' in facet
    old_feed, new_feed = (feedparser.parse((built_site / "feeds" / "themes" / f"{key}.xml").read_bytes())
                          for key in ("economy", "kinh-te"))
    assert [e.link for e in old_feed.entries] == [e.link for e in new_feed.entries] and new_feed.entries
    root = make_project(tmp_path / "p", {"campaigns/mau.yml": VALID_CAMPAIGN.replace("- kinh-te", "- economy")})
    check = run_portal(["check"], root)
    assert check.returncode == 0
    assert "'economy' là mã cũ của lĩnh vực 'kinh-te'; hãy đổi thành kinh-te" in check.stdout, check.stdout
