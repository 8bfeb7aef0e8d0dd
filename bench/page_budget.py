"""What a citizen's phone downloads and waits for, per page type. Prints numbers; asserts nothing.

    .venv/bin/python -m bench.page_budget [--site site/] [--json out.json] [--runs 3]

Builds the example portal (or takes a built one), serves it as a static host does
(tests/static_host.py: under its site_url path, text gzipped) and opens each page
type (tests/pages.py) cold, in a fresh browser profile, in Debian's Chromium as a
360×800 phone at device scale 2, under Chrome DevTools' "Slow 4G" preset:

- 562.5 ms round trip, 1.6 Mbit/s down and 750 kbit/s up, each ×0.9 as DevTools
  applies them (180,000 and 84,375 bytes/s), and the CPU slowed 4×, as Lighthouse
  does for a mid-range phone.

For each page type it reports:
- transfer: bytes on the wire (headers and compressed bodies) of HTML, CSS, JS, fonts
  and data (Pagefind's index, fetched by its worker), from the browser's own network
  log as Playwright reports it, images apart;
- LCP: the largest contentful paint, read from the page's PerformanceObserver,
  the median over --runs cold loads;
- axe: axe-core's violations on the loaded page, serious+critical / all.

The budget: a page transfers at most 150 KB and paints its largest content within
2.5 s on this profile ("over budget" marks a page that does not).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from tests import axe
from tests.pages import PAGE_TYPES, axe_violations, settle, transfer_log
from tests.static_host import serving

from .synthetic import REPO

SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
CPU_SLOWDOWN = 4
BUDGET_BYTES = 150 * 1024
BUDGET_LCP_MS = 2500
LCP_WATCH = """new PerformanceObserver(list => { const all = list.getEntries();
    window.__lcp = all[all.length - 1].startTime; }).observe({type: 'largest-contentful-paint', buffered: true});"""


def build_example(out: Path) -> Path:
    """The example portal as `make site` builds it, into `out`."""
    result = subprocess.run([sys.executable, "-m", "builder", "build", "-d", str(out)], cwd=REPO,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(result.stderr[-3000:])
    return out


@dataclass
class Load:
    """One cold visit of one page."""

    lcp_ms: float
    bytes_by_type: dict[str, int]  # Playwright's resource type ("document", "script", "image", …) → bytes
    requests: int
    violations: list[dict[str, object]] = field(default_factory=list)

    @property
    def transfer(self) -> int:
        return sum(n for kind, n in self.bytes_by_type.items() if kind != "image")


def cold_load(browser: Browser, url: str, ready: str, axe_source: str = "") -> Load:
    """One first visit in a profile with an empty cache; axe runs afterwards, unthrottled, if given."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, bypass_csp=True)
    page = context.new_page()
    finished = transfer_log(context)  # the context's log: Pagefind's worker fetches count too
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.add_init_script(LCP_WATCH)
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    if ready:
        page.locator(ready).first.wait_for(timeout=120_000)
    load = Load(lcp_ms=float(page.evaluate("window.__lcp || 0")), bytes_by_type={}, requests=len(finished))
    for kind, size in finished:
        load.bytes_by_type[kind] = load.bytes_by_type.get(kind, 0) + size
    if axe_source:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        settle(page)
        load.violations = axe_violations(page, axe_source)
    context.close()
    return load


def measure(site: Path, runs: int) -> list[dict[str, object]]:
    source = axe.script()
    rows: list[dict[str, object]] = []
    with serving(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for kind, (path, ready) in PAGE_TYPES.items():
            loads = [cold_load(browser, base + path, ready, source if run == 0 else "") for run in range(runs)]
            first = loads[0]
            rows.append({
                "page_type": kind, "path": path, "transfer_bytes": first.transfer,
                "image_bytes": first.bytes_by_type.get("image", 0), "bytes_by_type": first.bytes_by_type,
                "requests": first.requests, "lcp_ms": round(statistics.median(x.lcp_ms for x in loads)),
                "lcp_runs_ms": [round(x.lcp_ms) for x in loads],
                "axe_serious": sum(1 for v in first.violations if v["impact"] in ("serious", "critical")),
                "axe_all": len(first.violations), "axe_ids": sorted(str(v["id"]) for v in first.violations),
            })
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build the example portal afresh)")
    parser.add_argument("--runs", type=int, default=3, help="cold loads per page type; LCP is their median")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-budget-") as tmp:
        site = args.site or build_example(Path(tmp) / "site")
        rows = measure(site, args.runs)
    print(f"Slow 4G (DevTools preset: {SLOW_4G['latency']} ms, {SLOW_4G['downloadThroughput'] * 8 / 1e6:.2f} Mbit/s down), "
          f"CPU {CPU_SLOWDOWN}× slower, 360×800 phone, cold cache; LCP median of {args.runs}")
    print("| page type | transfer (HTML+CSS+JS+fonts) | images | requests | LCP | axe serious+critical / all |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        transfer, lcp = r["transfer_bytes"], r["lcp_ms"]
        assert isinstance(transfer, int) and isinstance(lcp, int) and isinstance(r["image_bytes"], int)
        over = " over budget" if transfer > BUDGET_BYTES or lcp > BUDGET_LCP_MS else ""
        print(f"| {r['page_type']} | {transfer / 1024:.1f} KB | {r['image_bytes'] / 1024:.1f} KB | {r['requests']} | "
              f"{lcp / 1000:.2f} s{over} | {r['axe_serious']} / {r['axe_all']} |")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
