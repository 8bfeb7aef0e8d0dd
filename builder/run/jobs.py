"""The children of one build: compiled templates, page facts, produced outputs, the search index.

Each starts as soon as its inputs exist (`background.Background`) and is collected when the
build needs it. Under `portal serve` an edit's search index starts only once its pages are
written and runs on after the build (`pending`): the next build collects it first, or stops
it when the editor saved again before it finished.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from builder.catalog.catalog import Catalog
from builder.core.site import Site
from builder.incremental.page_facts import PageFacts, page_facts
from builder.plan.listing import PageSpec
from builder.render.structured_data import PageMeta
from builder.run.advice_log import LOGGER
from builder.run.background import Background
from builder.run.cache import BuildCache
from builder.search.index import IndexStats

log = logging.getLogger(LOGGER)

SearchResult = tuple[IndexStats, float | None, str]  # stats, seconds (None: kept as it was), records' digest
OutputsResult = tuple[int, bool, str]  # photo sizes from the cache, outputs linked, their digest


class BuildJobs:
    """The jobs of the build under way, and the preview's search index left running after the last."""

    def __init__(self) -> None:
        self.templates: Background[int] | None = None
        self.facts_jobs: list[Background[PageFacts]] = []
        self.facts: PageFacts | None = None
        self.outputs: Background[OutputsResult] | None = None
        self.search: Background[SearchResult] | None = None
        self.deferred: Callable[[], SearchResult] | None = None  # this preview build's index, until pages are out
        self.pending: Background[SearchResult] | None = None  # the last preview build's index, still running

    def start_templates(self, work: Callable[[], int]) -> None:
        self.templates = Background(work, "templates")

    def start_facts(self, pages: Sequence[PageSpec], catalog: Catalog, site: Site, feeds: Mapping[str, Any],
                    updates: Mapping[str, str], known: Mapping[str, PageMeta], rebuild: bool) -> None:
        """Meta and digest of every planned page (`page_facts`).

        A cold build collects them while it renders, when both cores are already busy: one child.
        A rebuild waits for them before it can decide anything, with the second core idle: two.
        """
        parts = [pages[: len(pages) // 2], pages[len(pages) // 2:]] if rebuild else [pages]
        self.facts = None
        self.facts_jobs = [Background(partial(page_facts, part, catalog, site, feeds, updates, known), "page-facts")
                           for part in parts]

    def collect_facts(self) -> PageFacts | None:
        if self.facts is None and self.facts_jobs:
            self.facts = PageFacts.merge(job.result() for job in self.facts_jobs)
        return self.facts

    def start_outputs(self, work: Callable[[], OutputsResult]) -> None:
        self.outputs = Background(work, "outputs")

    def start_search(self, work: Callable[[], SearchResult], defer: bool) -> None:
        """Now, beside the rendering; or, for a preview edit, once the pages are written (`release_search`),
        so Pagefind's threads do not compete with them."""
        self.search, self.deferred = (None, work) if defer else (Background(work, "search"), None)

    def finish(self) -> tuple[SearchResult | None, OutputsResult]:
        """Wait for this build's children; every one is stopped whatever happens."""
        assert self.outputs is not None
        try:
            search = self.search.result() if self.search is not None else None
            outputs = self.outputs.result()
            self.collect_facts()
            return search, outputs
        finally:
            self.stop()

    def release_search(self) -> None:
        if self.deferred is not None:
            self.pending, self.deferred = Background(self.deferred, "search"), None

    def collect_pending_search(self, cache: BuildCache) -> None:
        """First thing in a preview build: the last one's index would compete with it."""
        if (found := self.finish_pending_search()) is not None:
            cache.record_search(found[2], found[0])

    def finish_pending_search(self) -> SearchResult | None:
        """The last preview's search index, which ran on after its pages were shown.

        Still running means the editor saved again within seconds: it is stopped, and this
        build indexes the newer content instead of waiting for the older.
        """
        job, self.pending = self.pending, None
        if job is None:
            return None
        if not job.ready():
            job.cancel()
            return None
        try:
            result = job.result()
        except Exception as err:  # noqa: BLE001 - the preview goes on; the next build indexes again
            log.error("Tìm kiếm (xem trước): %s", err)
            return None
        log.info("Chỉ mục tìm kiếm (xem trước): %d mục, %.1f s", result[0].records, result[1] or 0.0)
        return result

    def stop(self) -> None:
        """Stop this build's children (a build stopped half-way leaves them running otherwise)."""
        for job in (self.outputs, self.search, *self.facts_jobs, self.templates):
            if job is not None:
                job.cancel()

    def abandon(self) -> None:
        """A failed build: its deferred search never starts."""
        self.deferred = None
        self.stop()

    def shut_down(self) -> None:
        if self.pending is not None:
            self.pending.cancel()
        self.stop()
