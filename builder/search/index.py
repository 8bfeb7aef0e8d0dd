"""Write the Pagefind search bundles (`pagefind/`, and `pagefind-1/` for a large portal).

Pipeline step (outputs). Pagefind splits its index into small chunks by word, so a
query downloads only the chunks for its words, not the whole index; the bundle is
plain files that any static host serves.

The pinned Pagefind binary (`pagefind_install`: 1.6.0 from npm; else PyPI's
`pagefind-bin`) indexes a temporary folder holding one small document per record.
Its Python service API was tried first: it reads one reply per 0.1 s, which is 17
minutes for 10,000 records; the command line indexes the same folder in seconds.
A large portal's records are dealt to two folders, indexed one after the other
(the index is built in a background child beside page rendering, which already
keeps both cores busy; one indexer at a time keeps the machine's memory 1.2 GB
lower on 10,000 records), and the search page merges the two bundles.
`search_bundle` then fixes the order of the files Pagefind writes from hash maps,
so two builds give the same bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.search.bundle import BundleFormatError, canonicalize_bundle
from builder.search.pagefind_install import installed_path
from builder.search.records import SearchRecord

TIMEOUT = 1800  # seconds for each indexer; 10,000 records take about 15
# Pagefind's own interfaces; the portal ships its own search page (theme/portal/search.html).
UNUSED_UI = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
             "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexError(Exception):
    """Pagefind could not index or write the bundle; the message says why."""


@dataclass(frozen=True)
class IndexStats:
    records: int
    files: int
    bytes: int


def _executable() -> str:
    """The binary `pagefind_install` put beside the interpreter, else the one in `pagefind-bin`."""
    if installed_path().is_file():
        return str(installed_path())
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("thiếu gói pagefind-bin; hãy cài lại: make site") from None
    try:
        return str(get_executable())
    except FileNotFoundError as err:
        raise SearchIndexError(f"không tìm thấy chương trình Pagefind ({err}); hãy cài lại: make site") from None


def write_search_index(site_dir: Path, records: Sequence[SearchRecord], bundles: Sequence[str]) -> IndexStats:
    """Index `records` into `site_dir/<bundle>/` for each bundle, replacing what was there.

    Record i goes to bundle i mod len(bundles); the bundles are built one after the other.

    Raises:
        SearchIndexError: when the Pagefind binary is missing or fails.
    """
    finals = [(site_dir / bundle).resolve() for bundle in bundles]
    # Pagefind adds to a folder rather than replacing it; a rebuild (or `serve`) writes a fresh
    # one beside the old and swaps it in, so no stale chunk stays and a killed run leaves the old one.
    outputs = [final.with_name(f".{final.name}-new") for final in finals]
    for output in outputs:
        shutil.rmtree(output, ignore_errors=True)
    executable = _executable()
    failures = []
    with tempfile.TemporaryDirectory(prefix="portal-search-") as tmp:
        for part, output in enumerate(outputs):
            source = Path(tmp, str(part))
            for record in records[part::len(outputs)]:
                path = source / record.path
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(record.document(), encoding="utf-8")
            cmd = [executable, "--site", str(source), "--output-path", str(output), "--force-language", "vi", "--quiet"]
            try:  # subprocess.run kills the indexer if the timeout passes
                done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT)
            except OSError as err:
                raise SearchIndexError(f"không chạy được Pagefind: {err}") from None
            except subprocess.TimeoutExpired:
                raise SearchIndexError(f"Pagefind chạy quá {TIMEOUT // 60} phút; đã dừng") from None
            if done.returncode != 0:
                failures.append(" / ".join(done.stdout.strip().splitlines()[-5:]))
    if failures:
        raise SearchIndexError("Pagefind không tạo được chỉ mục tìm kiếm: " + " / ".join(failures))
    files: list[Path] = []
    for output in outputs:
        for name in UNUSED_UI:
            (output / name).unlink(missing_ok=True)
        try:
            canonicalize_bundle(output)
        except (BundleFormatError, OSError, ValueError, KeyError) as err:
            raise SearchIndexError(f"không sắp xếp lại được chỉ mục Pagefind ({err}); phiên bản Pagefind đã đổi?") from None
    for output, final in zip(outputs, finals):
        shutil.rmtree(final, ignore_errors=True)
        os.replace(output, final)
        files += [p for p in final.rglob("*") if p.is_file()]
    return IndexStats(len(records), len(files), sum(p.stat().st_size for p in files))
