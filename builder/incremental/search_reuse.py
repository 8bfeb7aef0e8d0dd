"""The search index of a build, or the previous build's when its records did not change."""

from __future__ import annotations

import time
from pathlib import Path
from typing import NamedTuple

from builder.catalog.catalog import Catalog
from builder.incremental.digests import code_digest, data_digest
from builder.incremental.reuse import reuse_tree
from builder.search.index import IndexStats, write_search_index
from builder.search.records import SearchRecord, plan_search_records


class SearchReuse(NamedTuple):
    """What the previous build's search index was made from, for `index_search`."""

    previous: Path  # the site holding it
    digest: str  # of its records ("" when unknown: a preview that did not wait for its index)
    stats: IndexStats | None
    unchanged: bool  # every page's fingerprint is as in that build


def index_search(site_dir: Path, catalog: Catalog, bundles: tuple[str, ...], bodies: dict[str, str],
                 content_pages: list[tuple[str, str, str]], reuse: SearchReuse | None,
                 more: tuple[SearchRecord, ...] = ()) -> tuple[IndexStats, float | None, str]:
    """The search index, how long it took (None: kept from the previous site), and its records' digest.

    Run in a child: the time is the child's. Records that hash the same as the previous
    build's give the same bundle, so it is taken as it is rather than indexed again; when
    no page changed at all they are not even planned.
    """
    started = time.perf_counter()

    def keep(previous: Path) -> bool:
        return previous == site_dir or all(reuse_tree(previous / bundle, site_dir / bundle)
                                           for bundle in bundles)

    if reuse is not None and reuse.unchanged and reuse.digest and reuse.stats is not None and keep(reuse.previous):
        return reuse.stats, None, reuse.digest
    records = plan_search_records(catalog, bodies, content_pages, more)
    digest = data_digest((records, code_digest()))
    if reuse is not None and reuse.digest == digest and reuse.stats is not None and keep(reuse.previous):
        return reuse.stats, None, digest
    stats = write_search_index(site_dir, records, bundles)
    return stats, time.perf_counter() - started, digest
