"""How long an editor waits under `portal serve`: from saving a campaign to the preview showing it.

Not a test: it prints numbers. It generates a synthetic portal of about `--pages` pages
(`bench.synthetic.generate_pages`),
starts `portal serve` on it, waits for the first build, then three times changes
the title of one published campaign and polls that campaign's page until the new
title is served, then three times adds a sentence to its body. The preview serves a
page only once its rebuild has finished, so this is the editor's wait. Prints the
first-build time and each edit's latency, then JSON.

    .venv/bin/python -m bench.serve_bench --pages 1000
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .build_bench import BUILD_DATE
from .synthetic import generate_pages

TIMEOUT = 300.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, since: float) -> float:
    """Seconds from `since` until `url` serves a page containing `text`."""
    while time.monotonic() - since < TIMEOUT:
        page = _get(url)
        if page is not None and text in page:
            return time.monotonic() - since
        time.sleep(0.05)
    sys.exit(f"{url} did not show {text!r} within {TIMEOUT:.0f} s")


def run(pages: int, edits: int, seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="portal-serve-bench-") as tmp:
        project = Path(tmp) / "portal"
        campaigns, exemplars, planned = generate_pages(project, pages, seed)
        port = _free_port()
        base = f"http://127.0.0.1:{port}/thi-dua/"
        env = {**os.environ, "PORTAL_TODAY": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
        started = time.monotonic()
        server = subprocess.Popen([sys.executable, "-m", "builder", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            first = _wait_for(base + "campaigns/index.html", "<h1", started)
            listing = _get(base + "campaigns/index.html") or ""
            ident = re.findall(r'href="([^"/]+)\.html"', listing)
            ident = [i for i in ident if (project / "campaigns" / f"{i}.yml").is_file()]
            card = project / "campaigns" / f"{ident[0]}.yml"
            latencies, body_latencies = [], []
            page = base + f"campaigns/{ident[0]}.html"
            for n in range(1, edits + 1):
                # A new title: every listing, facet menu and search record naming the campaign changes too.
                marker = f"Đã sửa lần {n}"
                text = card.read_text(encoding="utf-8")
                text = re.sub(r"^title: (.*?)( \(Đã sửa lần \d+\))?$", rf"title: \1 ({marker})", text, count=1,
                              flags=re.MULTILINE)
                saved = time.monotonic()
                card.write_text(text, encoding="utf-8")
                latencies.append(round(_wait_for(page, marker, saved), 2))
            body = card.with_suffix(".md")
            for n in range(1, edits + 1):
                # A sentence added to the body: its page, and the listings whose cards hold the campaign.
                marker = f"Câu bổ sung số {n}."
                saved = time.monotonic()
                body.write_text(body.read_text(encoding="utf-8") + f"\n\n{marker}\n", encoding="utf-8")
                body_latencies.append(round(_wait_for(page, marker, saved), 2))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return {"pages_asked": pages, "pages": planned, "campaigns": campaigns, "exemplars": exemplars,
            "first_build_seconds": round(first, 1), "edit_seconds": latencies,
            "median_edit_seconds": statistics.median(latencies), "body_edit_seconds": body_latencies,
            "median_body_edit_seconds": statistics.median(body_latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000, help="the portal's size in pages (about)")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    result = run(args.pages, args.edits, args.seed)
    print(f"portal serve, {result['pages']} pages ({result['campaigns']} campaigns, {result['exemplars']} exemplars): "
          f"first build {result['first_build_seconds']} s; "
          f"saved campaign shown after {', '.join(f'{s} s' for s in result['edit_seconds'])} "
          f"(median {result['median_edit_seconds']} s); a sentence added to its body after "
          f"{', '.join(f'{s} s' for s in result['body_edit_seconds'])} (median {result['median_body_edit_seconds']} s)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
