"""Write the Pagefind search bundle (`pagefind/`) for a list of search records.

Pipeline step (outputs). Pagefind splits its index into small chunks by word, so a
query downloads only the chunks for its words, not the whole index; the bundle is
plain files that any static host serves.

The pinned Pagefind binary (PyPI `pagefind-bin`) indexes a temporary folder holding
one small document per record. Its Python service API was tried first: it reads one
reply per 0.1 s, which is 17 minutes for 10,000 records; the command line indexes
the same folder in parallel in seconds. `search_bundle` then fixes the order of the
files Pagefind writes from hash maps, so two builds give the same bytes.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .search_bundle import BundleFormatError, canonicalize_bundle
from .search_records import SearchRecord

BUNDLE_DIR = "pagefind"
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
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("thiếu gói pagefind-bin; hãy cài lại: make site") from None
    try:
        return str(get_executable())
    except FileNotFoundError as err:
        raise SearchIndexError(f"không tìm thấy chương trình Pagefind ({err}); hãy cài lại: make site") from None


def write_search_index(site_dir: Path, records: Sequence[SearchRecord]) -> IndexStats:
    """Index `records` into `site_dir/pagefind/`, replacing what was there.

    Raises:
        SearchIndexError: when the Pagefind binary is missing or fails.
    """
    output = (site_dir / BUNDLE_DIR).resolve()
    with tempfile.TemporaryDirectory(prefix="portal-search-") as tmp:
        for record in records:
            path = Path(tmp, record.path)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record.document(), encoding="utf-8")
        cmd = [_executable(), "--site", tmp, "--output-path", str(output), "--force-language", "vi", "--quiet"]
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        except OSError as err:
            raise SearchIndexError(f"không chạy được Pagefind: {err}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("Pagefind không tạo được chỉ mục tìm kiếm: " + " / ".join(detail))
    for name in UNUSED_UI:
        (output / name).unlink(missing_ok=True)
    try:
        canonicalize_bundle(output)
    except (BundleFormatError, OSError, ValueError, KeyError) as err:
        raise SearchIndexError(f"không sắp xếp lại được chỉ mục Pagefind ({err}); phiên bản Pagefind đã đổi?") from None
    files = [p for p in output.rglob("*") if p.is_file()]
    return IndexStats(len(records), len(files), sum(p.stat().st_size for p in files))
