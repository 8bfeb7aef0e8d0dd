"""The rebuild decision: which pages of the previous site a build keeps as they are.

A page is kept when its fingerprint (what every page shares, its source, the digest of its
planned data and meta) is the one the previous build recorded for it, and its file could be
linked into the new site. The engine adapter gathers the inputs and marks the kept pages;
the decision is here, where it can be tested without an engine (see DEVELOPING.md, "Rebuilds").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from builder.incremental.digests import (
    files_digest,
    page_fingerprint,
    shared_digest,
    tree_files,
)
from builder.incremental.reuse import reuse_file
from builder.incremental.store import Store


def shared_inputs_digest(*, code: str, theme: Path | None, config_file: Path, packages: bytes, today: str,
                         site_url: str, source_date_epoch: str, src_uris: Iterable[str], root: Path,
                         untitled_sources: Iterable[bytes]) -> bytes:
    """What every page of a build depends on: a change in any of these re-renders every page.

    Args:
        untitled_sources: the sources of navigation entries without a label, whose page title
            every page shows.
    """
    return shared_digest(code, files_digest(tree_files(theme), theme) if theme else b"", config_file.read_bytes(),
                         packages, today, site_url, source_date_epoch, "\n".join(sorted(src_uris)), str(root),
                         *untitled_sources)


class Fingerprints:
    """Each page's fingerprint in this build, made once; `source` is read only the first time."""

    def __init__(self, shared: bytes, digests: Mapping[str, str]) -> None:
        self.shared = shared
        self.digests = digests  # url → digest of the page's facts (`PageFacts.digests`)
        self.made: dict[str, str] = {}  # src_uri → fingerprint

    def of(self, src_uri: str, url: str, source: Callable[[], bytes]) -> str:
        known = self.made.get(src_uri)
        if known is None:
            known = self.made[src_uri] = page_fingerprint(self.shared, source(), self.digests.get(url, ""))
        return known


class Candidate(NamedTuple):
    """A page of this build, as the rebuild decision needs it."""

    src_uri: str
    url: str
    dest_uri: str
    dest_path: Path
    source: Callable[[], bytes]


def keep_unchanged(pages: list[Candidate], fingerprints: Fingerprints, store: Store, must_read: set[str],
                   previous: Path, site_dir: Path) -> tuple[set[str], bool]:
    """The src_uris of pages kept from `previous` (linked into `site_dir` unless it is the same
    folder), and whether every page's fingerprint is as in that build (then so are the search
    records, which only hold what pages show).

    Args:
        must_read: pages the engine must read even when unchanged (their title or front matter
            shows on other pages).
    """
    now = {page.src_uri: fingerprints.of(page.src_uri, page.url, page.source) for page in pages}
    kept = set()
    for page in pages:
        if page.src_uri in must_read or store.pages.get(page.src_uri) != now[page.src_uri]:
            continue
        if previous != site_dir and not reuse_file(previous / page.dest_uri, page.dest_path):
            continue
        kept.add(page.src_uri)
    return kept, store.pages == now
