"""A province over many members: its build time and memory, and what one search across them downloads.

    .venv/bin/python -m bench.federation_bench [--members 100 --campaigns 100] [--exemplars 0] [--work /tmp/federation-bench]

Prints numbers; asserts nothing.

1. Makes N synthetic member portals of M campaigns (and E exemplars) each (bench/synthetic.py, one seed each) and
   publishes what a province reads of them: `data/` (the manifest and the datasets, from the same
   code a build runs) and the Pagefind bundle. Their pages are not rendered: a province never
   reads them, and rendering 100 portals would only time the members.
2. Builds the example portal as the province (`portal build`, a child process: its wall time and
   peak memory) with the N members listed in its mkdocs.yml.
3. Prints the weight of the province's heaviest listings, which carry the members' campaigns, and of
   the lists its scripts fetch.
4. Serves the province with the members in sub-folders and drives Debian's Chromium: a fresh
   profile opens the search page (every member's index merged), types a query, waits for the
   results; the bytes come from the browser's network log, headers included, gzipped as static
   hosts serve them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import markdown
import yaml

from builder.catalog.load import load_catalog
from builder.core.site import Site
from builder.core.urls import campaign, exemplar
from builder.outputs.files import plan_outputs
from builder.search.index import write_search_index
from builder.search.records import plan_search_records, search_bundles
from tests.static_host import serving

from .synthetic import REPO, generate

TODAY = dt.date(2026, 11, 21)
BASE = "https://example.org/thi-dua/"


def publish_member(project: Path, site: Path, key: str) -> int:
    """What a member's build publishes for a province: data/ and the search bundle. Returns its campaigns."""
    catalog = load_catalog(project, TODAY)
    member_site = Site(f"Cổng {key}", f"{BASE}{key}/")
    bundles = search_bundles(catalog)
    for output in plan_outputs(catalog, member_site, bundles=bundles):
        if output.url.startswith("data/") and output.produce is not None:
            data = output.produce()
            (site / output.url).parent.mkdir(parents=True, exist_ok=True)
            (site / output.url).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    render = functools.partial(markdown.markdown, extensions=["toc", "tables", "sane_lists"])
    bodies = {campaign(c.id): render(c.body) for c in catalog.campaigns}
    bodies.update({exemplar(e.id): render(e.story) for e in catalog.exemplars})
    write_search_index(site, plan_search_records(catalog, bodies), bundles)
    return len(catalog.campaigns)


def make_members(work: Path, members: int, campaigns: int, reuse: bool = False,
                 exemplars: int = 0) -> list[dict[str, str]]:
    listed = []
    started = time.perf_counter()
    for i in range(members):
        key = f"xa-{i:03d}"
        project, site = work / "projects" / key, work / "members" / key
        if not (reuse and (site / "data" / "portal.json").is_file()):
            generate(project, campaigns, exemplars, seed=1000 + i, commune_count=10)
            shutil.rmtree(site, ignore_errors=True)
            publish_member(project, site, key)
            shutil.rmtree(project)
        listed.append({"name": f"Xã thành viên {i + 1}", "locality": f"tinh-thu/{key}", "url": f"{BASE}{key}/",
                       "source": str(site)})
    print(f"{members} members of {campaigns} campaigns and {exemplars} exemplars published (or reused) in "
          f"{time.perf_counter() - started:.0f} s")
    return listed


def build_province(work: Path, listed: list[dict[str, str]]) -> Path:
    province = work / "province"
    shutil.rmtree(province, ignore_errors=True)
    for name in ("campaigns", "content", "theme"):
        shutil.copytree(REPO / name, province / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    block = yaml.safe_dump({"members": listed}, allow_unicode=True, sort_keys=False)
    config = config.replace("  - portal:\n", "  - portal:\n" + "".join(f"      {line}\n" for line in block.splitlines()), 1)
    (province / "mkdocs.yml").write_text(config, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    built = subprocess.run([sys.executable, "-m", "builder", "build", "--today", TODAY.isoformat()], cwd=province,
                           capture_output=True, text=True)
    took = time.perf_counter() - started
    if built.returncode != 0:
        sys.exit(built.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    warnings = sum("dùng bản đọc được lần trước" in line or "tạm không có dữ liệu" in line
                   for line in built.stderr.splitlines())
    print(f"province build over {len(listed)} members: {took:.1f} s, peak memory {max(peak, before) / 1024:,.0f} MB, "
          f"{warnings} members unreadable")
    for member in listed:  # served as one host serves them: the members in sub-folders of the province
        key = member["url"].rstrip("/").rsplit("/", 1)[1]
        (province / "site" / key).symlink_to(member["source"], target_is_directory=True)
    return province / "site"


def page_weights(site: Path) -> None:
    """The province's listings now carry its members' campaigns: pages, and what a reader downloads of the
    heaviest ones and of the lists the scripts fetch (gzipped, as static hosts serve them)."""
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"\n{pages:,} pages in the province's site")
    print(f"{'file':<32}{'raw':>10}{'gzipped':>10}")
    for url in ("index.html", "campaigns/index.html", "status/dang-dien-ra.html", "status/da-ket-thuc.html",
                "themes/index.html", "members/index.html", "exemplars/index.html",
                "exemplars/data.js",  # fetched when a reader first combines the exemplar facets
                "campaigns/live.js",  # fetched only on a day after the build's
                "campaigns/filters.js"):  # fetched when a reader first ticks a "Lọc" option
        data = (site / url).read_bytes()
        print(f"{url:<32}{len(data) / 1024:>8,.0f} KB{len(gzip.compress(data)) / 1024:>8,.0f} KB")


def first_query(site: Path, queries: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    done = """() => { const s = document.querySelector('[data-portal-search-status]').textContent;
        return (s.startsWith('Có ') || s.startsWith('Không có'))
            && !document.querySelector('[data-portal-search-results]').hasAttribute('aria-busy'); }"""
    print(f"\n{'query':<28}{'page load':>11}{'1st query':>11}{'time':>8}  results")
    with serving(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for query in queries:
            context = browser.new_context(bypass_csp=True)
            log: list[tuple[str, int]] = []

            def finished(request: object, log: list[tuple[str, int]] = log) -> None:
                sizes = request.sizes()  # type: ignore[attr-defined]
                log.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))  # type: ignore[attr-defined]

            context.on("requestfinished", finished)
            page = context.new_page()
            page.goto(url + "search.html")
            page.wait_for_function("document.documentElement.dataset.portalSearch === 'ready'", timeout=120_000)
            page.wait_for_timeout(300)
            loaded, mark = sum(n for _, n in log), len(log)
            page.fill("#portal-q", query)
            start = time.perf_counter()
            page.press("#portal-q", "Enter")
            page.wait_for_function(done, polling=10, timeout=120_000)
            took = time.perf_counter() - start
            queried = sum(n for u, n in log[mark:] if not re.search(r"/filter/", u))
            count = page.inner_text("[data-portal-search-status]").split(" ")[1]
            print(f"{query:<28}{loaded / 1024:>9,.0f} KB{queried / 1024:>9,.0f} KB{took:>7.2f}s  {count}")
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--campaigns", type=int, default=100)
    parser.add_argument("--work", type=Path, default=Path("/tmp/federation-bench"))
    parser.add_argument("--exemplars", type=int, default=0,
                        help="exemplars per member (they join the province's exemplar index and facets)")
    parser.add_argument("--reuse", action="store_true", help="keep members already published in --work")
    args = parser.parse_args()
    listed = make_members(args.work, args.members, args.campaigns, args.reuse, args.exemplars)
    site = build_province(args.work, listed)
    page_weights(site)
    first_query(site, ["thi dua", "người tốt việc tốt", "Xã thành viên 7"])


if __name__ == "__main__":
    main()
