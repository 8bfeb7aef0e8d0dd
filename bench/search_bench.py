"""Search at scale: index build time and what a reader downloads per query. Prints numbers; asserts nothing.

    .venv/bin/python -m bench.search_bench [--campaigns 6000 --exemplars 4000] [--work /tmp/portal-bench]

1. Generates a synthetic portal (bench/synthetic.py) and loads its catalog.
2. Makes the search records (bodies rendered with Markdown, as MkDocs would) and
   times the index build (writing each record's folded document, then the Pagefind
   CLI), with the indexer's peak memory.
3. Builds the example portal for its search page and swaps in the large index, serves
   it on 127.0.0.1 and drives Debian's Chromium: for each query, a fresh browser
   profile opens the search page, types the query and waits for the results; then a
   second query in the same tab. Bytes come from the browser's own network log
   (Playwright sees the Pagefind worker's requests too), headers included; the server
   gzips text files as static hosts do. "+facets" is the filter files that the page
   loads after the first results, for the facet counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import markdown

from builder.catalog.load import load_catalog
from builder.core.urls import campaign, exemplar
from builder.search.index import write_search_index
from builder.search.records import plan_search_records, search_bundles
from tests.static_host import serving

from .synthetic import REPO, generate

TODAY = dt.date(2026, 11, 21)


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def build_index(project: Path, site: Path) -> None:
    t0 = time.perf_counter()
    catalog = load_catalog(project, TODAY)
    t1 = time.perf_counter()
    render = functools.partial(markdown.markdown, extensions=["toc", "tables", "sane_lists"])
    bodies = {campaign(c.id): render(c.body) for c in catalog.campaigns}
    bodies.update({exemplar(e.id): render(e.story) for e in catalog.exemplars})
    records = plan_search_records(catalog, bodies)
    t2 = time.perf_counter()
    bundles = search_bundles(catalog)
    for bundle in bundles:
        shutil.rmtree(site / bundle, ignore_errors=True)
    stats = write_search_index(site, records, bundles)
    # The search page was built for the example portal's one bundle: point it at these.
    page = site / "search.html"
    merge = " ".join(f"{b}/" for b in bundles[1:])
    page.write_text(page.read_text(encoding="utf-8").replace('data-merge=""', f'data-merge="{merge}"'), encoding="utf-8")
    t3 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size = lambda folder: sum(p.stat().st_size for b in bundles for p in (site / b / folder).iterdir())  # noqa: E731
    print(f"catalog: {len(catalog.campaigns)} campaigns, {len(catalog.exemplars)} exemplars, "
          f"{len(catalog.localities)} localities; loaded in {t1 - t0:.1f} s")
    print(f"records: {stats.records} ({sum(len(r.document()) for r in records) / 2**20:.0f} MB of HTML), "
          f"made in {t2 - t1:.1f} s")
    print(f"index build (documents + Pagefind CLI, {len(bundles)} bundles): {t3 - t2:.1f} s, "
          f"peak memory of one indexer {peak:,.0f} MB")
    print(f"bundle: {_kb(stats.bytes)} in {stats.files} files; word index {_kb(size('index'))}, "
          f"fragments {_kb(size('fragment'))}, filters {_kb(size('filter'))}")


def measure(site: Path, queries: list[tuple[str, str]]) -> None:
    from playwright.sync_api import sync_playwright

    done = """() => { const s = document.querySelector('[data-portal-search-status]').textContent;
        return (s.startsWith('Có ') || s.startsWith('Không có'))
            && !document.querySelector('[data-portal-search-results]').hasAttribute('aria-busy'); }"""
    facets = "() => !document.querySelector('[data-portal-search-facets]').hidden"
    print(f"\n{'query':<34}{'load':>9}{'1st query':>11}{'+facets':>10}{'time':>8}{'2nd query':>11}{'time':>8}  results")
    with serving(site) as url, sync_playwright() as p:
        base = url + "search.html"
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for label, (first, second) in queries:
            # Playwright's waiting helpers evaluate strings, which the pages' CSP forbids.
            context = browser.new_context(bypass_csp=True)
            log: list[tuple[str, int]] = []

            def finished(request: object, log: list[tuple[str, int]] = log) -> None:
                sizes = request.sizes()  # type: ignore[attr-defined]
                log.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))  # type: ignore[attr-defined]

            def total(entries: list[tuple[str, int]], facets: bool) -> int:
                # Facet counts load every filter file after the first results: counted apart.
                return sum(n for url, n in entries if bool(re.search(r"/pagefind(-\d+)?/filter/", url)) == facets)

            context.on("requestfinished", finished)
            page = context.new_page()
            page.goto(base)
            page.wait_for_function("document.documentElement.dataset.portalSearch === 'ready'")
            page.wait_for_timeout(300)
            load = total(log, False)
            mark = len(log)

            def run(query: str) -> float:
                page.fill("#portal-q", query)
                start = time.perf_counter()
                page.press("#portal-q", "Enter")
                page.wait_for_function(done, polling=10)
                return time.perf_counter() - start

            t1 = run(first)
            count = page.inner_text("[data-portal-search-status]").split(" ")[1]
            page.wait_for_function(facets)
            page.wait_for_timeout(500)
            q1, f1 = total(log[mark:], False), total(log[mark:], True)
            mark = len(log)
            t2 = run(second)
            page.wait_for_timeout(300)
            q2 = total(log[mark:], False)
            print(f"{label:<34}{_kb(load):>9}{_kb(q1):>11}{_kb(f1):>10}{t1:>7.2f}s{_kb(q2):>11}{t2:>7.2f}s  {count}")
            context.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--campaigns", type=int, default=6000)
    parser.add_argument("--exemplars", type=int, default=4000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/portal-bench"))
    args = parser.parse_args()
    project, site = args.work / "project", args.work / "site"
    generate(project, args.campaigns, args.exemplars)
    shutil.rmtree(site, ignore_errors=True)
    built = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(site), "--today", TODAY.isoformat()],
                           cwd=REPO, capture_output=True, text=True)
    if built.returncode != 0:
        sys.exit(built.stderr)
    build_index(project, site)
    # A rare name (one commune), the most common words of the genre, and a common phrase.
    catalog_commune = next(line.split(": ", 1)[1] for line in
                           (project / "campaigns/_localities.yml").read_text(encoding="utf-8").splitlines()
                           if line.startswith("  name: ")).strip()
    measure(site, [
        (f"rare: {catalog_commune}", (catalog_commune, "Nguyễn Văn An")),
        ("common: thi dua", ("thi dua", "phong trào")),
        ("common, accented: thi đua", ("thi đua", "nguoi tot viec tot")),
        ("common: phong trào thi đua", ("phong trào thi đua", "UBND")),
        ("document number: 12/KH-UBND", ("12/KH-UBND", "ke hoach")),
    ])


if __name__ == "__main__":
    main()
