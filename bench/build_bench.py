"""Build synthetic portals at several sizes and compare with bare mkdocs-material.

Not a test: it prints numbers (a table, then one JSON line per size). A size is a
number of pages, as the targets count them. For each it generates a portal of about
that many pages with `bench.synthetic.generate_pages` (a registry that grows with the
portal; records 60% campaigns with full cards and bodies, 5% of them with results,
40% exemplars, a quarter with photos), runs
`portal build` as a child under `/usr/bin/time -v` (wall time, peak RSS of the
largest process: Python, a forked child or Pagefind; and, sampled every 0.1 s, the
peak of the machine's memory in use above what it used before the build, which
counts every process at once and each shared page once), builds it again with
nothing changed (the rebuild), once more without its site but with `.portal-cache/`
(a CI clone that restored the cache: "cached"), and then builds the same number of plain
Markdown pages, made of the same sentences, with bare mkdocs-material (small
navigation, no search plugin) for the ratio, and once more with Material's own search
plugin, as Material builds with nothing configured (MkDocs enables `search` when
mkdocs.yml names no plugins): our build always makes a search index, so that is the
second baseline, printed beside the first ("ours/bare+search"). Our build includes everything: pages,
photos, feeds, calendars, open data and the Pagefind index.

Each cold build's core-seconds (user plus system time of every process it waited for) are
reported beside its wall time: they vary less, and they bound the wall time. Bare Material
renders on one core; ours keeps both busy (children beside rendering), so at the same
wall time ours may spend up to twice bare Material's core-seconds, and no more.

The ratio is taken over `--rounds` rounds (default 3) that alternate the cold builds
(ours, bare, bare with search in odd rounds; the reverse order in even ones), each from an emptied site
folder (and, for ours, no `.portal-cache/`): the machine's speed drifts over minutes and
a site deleted just before slows the next build's file creation, so one run of each,
always in the same order, can be off by a quarter either way. The table shows medians;
the JSON line also has every round's seconds.

    .venv/bin/python -m bench.build_bench --sizes 100 1000 10000
    .venv/bin/python -m bench.build_bench --sizes 1000 --photo-size 4032x3024   # phone photos
    .venv/bin/python -m bench.build_bench --sizes 10000 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from .synthetic import BUILD_DATE, _sentences, generate_pages, phone_photos


def _used_mb() -> int:
    """Memory in use on the machine (MemTotal - MemAvailable), in MB."""
    info = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
    return (int(info["MemTotal"].split()[0]) - int(info["MemAvailable"].split()[0])) // 1024


def _machine_peak(done: threading.Event, peak: list[int]) -> None:
    while not done.wait(0.1):
        peak[0] = max(peak[0], _used_mb())


def _timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, str, int]:
    """(wall seconds, peak RSS in MB, stderr, machine peak above baseline in MB) of `cmd`, measured by GNU time."""
    baseline, done = _used_mb(), threading.Event()
    peak = [baseline]
    sampler = threading.Thread(target=_machine_peak, args=(done, peak), daemon=True)
    sampler.start()
    try:
        result = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    finally:
        done.set()
        sampler.join()
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{result.stderr[-3000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)", result.stderr)
    assert wall is not None
    hours, minutes, seconds = int(wall[1] or 0), int(wall[2]), float(wall[3])
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    assert rss is not None
    return hours * 3600 + minutes * 60 + seconds, int(rss[1]) // 1024, result.stderr, peak[0] - baseline


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _median_bytes(files: list[Path]) -> int:
    return int(statistics.median(p.stat().st_size for p in files)) if files else 0


SEARCH_CONFIG = "mkdocs-search.yml"  # the same bare site with Material's search plugin


def _bare_material(root: Path, pages: int, seed: int) -> Path:
    """`pages` plain Markdown pages of the same Vietnamese text, with a four-entry navigation."""
    rng = random.Random(seed)
    plans, _ = _sentences()
    docs = root / "docs"
    for n in range(pages):
        folder = docs / f"muc-{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(f"## Mục {k}\n\n" + "\n\n".join(rng.sample(plans, rng.randint(6, 14))) for k in range(3))
        (folder / f"trang-{n}.md").write_text(f"# Trang {n}\n\n{body}\n", encoding="utf-8")
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    config = ("site_name: Bare Material\nuse_directory_urls: false\ntheme:\n  name: material\n  language: vi\n"
              "plugins: []\nnav:\n  - Trang chủ: index.md\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / SEARCH_CONFIG).write_text(config.replace("plugins: []", "plugins: [search]"), encoding="utf-8")
    return root


def _cpu_seconds(time_log: str) -> float:
    """User plus system seconds from GNU time's report: the command and every child it waited for
    (MkDocs' forked children, Pagefind), so all the cores a build used."""
    found = dict(re.findall(r"(User|System) time \(seconds\): ([\d.]+)", time_log))
    return float(found["User"]) + float(found["System"])


def _cold(cmd: list[str], cwd: Path, env: dict[str, str], emptied: list[Path]) -> tuple[float, int, str, int]:
    for folder in emptied:
        shutil.rmtree(folder, ignore_errors=True)
    return _timed(cmd, cwd, env)


def run(size: int, work: Path, seed: int, photo_size: tuple[int, int] | None = None,
        rounds: int = 3) -> dict[str, object]:
    project = work / f"portal-{size}"
    campaigns, exemplars, _ = generate_pages(project, size, seed)
    if photo_size is not None:
        phone_photos(project, photo_size, seed)
    env = {**os.environ, "PORTAL_TODAY": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    out = project / "site"
    ours_cmd = [sys.executable, "-m", "builder", "build", "-d", str(out)]
    seconds, rss, log, machine = _cold(ours_cmd, project, env, [out, project / ".portal-cache"])
    index = re.search(r"Chỉ mục tìm kiếm: (\d+) mục, (\d+) tệp, (\d+) KB, ([\d.]+) s", log)
    html_pages = list(out.rglob("*.html"))
    campaign_pages = [p for p in (out / "campaigns").glob("*.html") if p.stem != "index" and ".p" not in p.stem]
    exemplar_pages = [p for p in (out / "exemplars").glob("*.html") if p.stem != "index" and ".p" not in p.stem]
    facts = {"html_pages": len(html_pages), "output_mb": round(_size(out) / 1e6, 1),
             "campaign_page_bytes": _median_bytes(campaign_pages), "exemplar_page_bytes": _median_bytes(exemplar_pages)}
    rebuild, _, _, _ = _timed(ours_cmd, project, env)
    # A fresh CI clone that restored .portal-cache/ (as the CI files do): no site, every page rendered.
    cached, _, _, _ = _cold(ours_cmd, project, env, [out])

    bare = _bare_material(work / f"bare-{size}", len(html_pages), seed)
    bare_cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(bare / "site")]
    search_cmd = [*bare_cmd, "-f", str(bare / SEARCH_CONFIG)]
    builds = {"ours": (ours_cmd, project, [out, project / ".portal-cache"]), "bare": (bare_cmd, bare, [bare / "site"]),
              "bare_search": (search_cmd, bare, [bare / "site"])}
    walls: dict[str, list[float]] = {"ours": [seconds], "bare": [], "bare_search": []}
    cpu: dict[str, list[float]] = {"ours": [_cpu_seconds(log)], "bare": [], "bare_search": []}
    bare_rss = 0
    for n in range(rounds):
        # ours, bare, bare+search | bare+search, bare, ours | …: round 1's own build is above
        order = ["ours", "bare", "bare_search"] if n % 2 == 0 else ["bare_search", "bare", "ours"]
        for name in order if n > 0 else order[1:]:
            cmd, cwd, emptied = builds[name]
            wall, peak, time_log, _ = _cold(cmd, cwd, env, emptied)
            walls[name].append(wall)
            cpu[name].append(_cpu_seconds(time_log))
            if name == "bare":
                bare_rss = peak
    ours_runs, bare_runs, search_runs = walls["ours"], walls["bare"], walls["bare_search"]
    seconds, bare_seconds = statistics.median(ours_runs), statistics.median(bare_runs)
    search_seconds = statistics.median(search_runs)
    result = {
        "size": size, "campaigns": campaigns, "exemplars": exemplars, **facts,
        "seconds": round(seconds, 1), "pages_per_second": round(len(html_pages) / seconds, 1),
        "peak_rss_mb": rss, "machine_peak_mb": machine,
        "search_seconds": float(index[4]) if index else None, "search_kb": int(index[3]) if index else None,
        "rebuild_seconds": round(rebuild, 1), "rebuild_share": round(rebuild / seconds, 2),
        "cached_seconds": round(cached, 1), "photo_size": "x".join(map(str, photo_size)) if photo_size else "800x600",
        "bare_material_seconds": round(bare_seconds, 1), "bare_material_rss_mb": bare_rss,
        "ratio": round(seconds / bare_seconds, 2), "cached_ratio": round(cached / bare_seconds, 2),
        "bare_search_seconds": round(search_seconds, 1), "search_ratio": round(seconds / search_seconds, 2),
        # Core-seconds (user + system, every process of the build): steadier than wall time, and what
        # bounds it. Bare Material runs on one core; ours fills two, so ours/bare wall ≥ about half this ratio.
        "cpu_seconds": round(statistics.median(cpu["ours"]), 1),
        "bare_cpu_seconds": round(statistics.median(cpu["bare"]), 1),
        "cpu_ratio": round(statistics.median(cpu["ours"]) / statistics.median(cpu["bare"]), 2),
        "search_cpu_ratio": round(statistics.median(cpu["ours"]) / statistics.median(cpu["bare_search"]), 2),
        "rounds": {"ours": [round(s, 1) for s in ours_runs], "bare": [round(s, 1) for s in bare_runs],
                   "bare_search": [round(s, 1) for s in search_runs],
                   "ratios": [round(a / b, 2) for a, b in zip(ours_runs, bare_runs)],
                   "search_ratios": [round(a / b, 2) for a, b in zip(ours_runs, search_runs)],
                   "cpu": {name: [round(c, 1) for c in runs] for name, runs in cpu.items()}},
    }
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(bare, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="cold builds of each, alternating (medians shown)")
    parser.add_argument("--photo-size", help="exemplar photos at this size, e.g. 4032x3024 as a phone takes them "
                        "(default: the generator's 800x600, comparable across rounds)")
    args = parser.parse_args()
    photo_size = tuple(int(n) for n in args.photo_size.split("x")) if args.photo_size else None
    rows = []
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        for size in args.sizes:
            rows.append(run(size, Path(tmp), args.seed, photo_size, args.rounds))  # type: ignore[arg-type]
            print(json.dumps(rows[-1]), flush=True)
    head = ("pages asked", "pages", "campaigns", "exemplars", "ours s", "pages/s", "peak MB", "machine MB", "out MB",
            "campaign B", "exemplar B",
            "search s", "search KB", "rebuild s", "rebuild/cold", "bare s", "bare MB", "ours/bare",
            "cached s", "cached/bare", "bare+search s", "ours/bare+search", "ours CPU s", "bare CPU s",
            "CPU ours/bare", "CPU ours/bare+search")
    keys = ("size", "html_pages", "campaigns", "exemplars", "seconds", "pages_per_second", "peak_rss_mb",
            "machine_peak_mb", "output_mb",
            "campaign_page_bytes", "exemplar_page_bytes", "search_seconds", "search_kb", "rebuild_seconds",
            "rebuild_share", "bare_material_seconds", "bare_material_rss_mb", "ratio", "cached_seconds", "cached_ratio",
            "bare_search_seconds", "search_ratio", "cpu_seconds", "bare_cpu_seconds", "cpu_ratio", "search_cpu_ratio")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()
