"""What makes a rebuild a rebuild: pages MkDocs may skip, and a search index kept as it is.

Used by the adapter under `--dirty` (`portal build`, `portal serve`); the fingerprints
themselves are core (`builder/fingerprints.py`). See DEVELOPING.md, "Rebuilds".
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import NamedTuple

from mkdocs.structure.files import File

from ..fingerprints import code_digest, data_digest, reuse_tree
from ..portal import Portal
from ..search_index import IndexStats, write_search_index
from ..search_records import plan_search_records


class PortalFile(File):
    """A page that a dirty build (`portal build`, `portal serve`) re-renders only if its fingerprint changed.

    MkDocs' `--dirty` asks `is_modified()`, which by default compares file times and says
    "modified" for every generated page; ours answers from the fingerprints (fingerprints.py).
    """

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class Placeholder(File):
    """A file the outputs child produces: MkDocs knows it (a Markdown link to it is valid) but does
    not write it under `--dirty`, which both `portal build` and `portal serve` use; `on_post_build`
    moves the real file into place. Writing thousands of empty files first only to replace them
    cost 0.1 s of every preview rebuild."""

    def is_modified(self) -> bool:
        return False


class DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build leaves navigation stale.

    Ours does not: a page is kept only when its fingerprint, which covers the file list,
    mkdocs.yml, the theme and the code, is unchanged. Left in, the warning would fail
    every `--strict` rebuild.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def as_portal_file(file: File) -> File:
    """A page from content/ as a PortalFile (same paths), so dirty builds ask its fingerprint too."""
    if not file.is_documentation_page() or file.generated_by is not None:
        return file
    return PortalFile(file.src_path, file.src_dir, file.dest_dir, file.use_directory_urls,
                      dest_uri=file.dest_uri, inclusion=file.inclusion)


def empty_folder(folder: Path, keep: str = "") -> None:
    """Remove everything inside `folder` (the preview's) but `keep`, keeping the folder the server serves."""
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.name == keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


class SearchReuse(NamedTuple):
    """What the previous build's search index was made from, for `index_search`."""

    previous: Path  # the site holding it
    digest: str  # of its records ("" when unknown: a preview that did not wait for its index)
    stats: IndexStats | None
    unchanged: bool  # every page's fingerprint is as in that build


def index_search(site_dir: Path, portal: Portal, bodies: dict[str, str], content_pages: list[tuple[str, str, str]],
                 reuse: SearchReuse | None) -> tuple[IndexStats, float | None, str]:
    """The search index, how long it took (None: kept from the previous site), and its records' digest.

    Run in a child: the time is the child's. Records that hash the same as the previous
    build's give the same bundle, so it is taken as it is rather than indexed again; when
    no page changed at all they are not even planned.
    """
    started = time.perf_counter()

    def keep(previous: Path) -> bool:
        return previous == site_dir or all(reuse_tree(previous / bundle, site_dir / bundle)
                                           for bundle in portal.search_bundles)

    if reuse is not None and reuse.unchanged and reuse.digest and reuse.stats is not None and keep(reuse.previous):
        return reuse.stats, None, reuse.digest
    records = plan_search_records(portal.catalog, bodies, content_pages)
    digest = data_digest((records, code_digest()))
    if reuse is not None and reuse.digest == digest and reuse.stats is not None and keep(reuse.previous):
        return reuse.stats, None, digest
    stats = write_search_index(site_dir, records, portal.search_bundles)
    return stats, time.perf_counter() - started, digest
