"""One build from the engine's first event to its last, as plain data: what the adapter calls.

The adapter translates the engine's objects (MkDocs' files, pages, navigation) into the plain
values asked for here, and the answers back. Everything this decides — the pipeline run, the
sitemap dates, the previous site and its store, which children run when, which pages a
rebuild keeps, what is left for the next build — is testable without an engine.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from builder.catalog.notices import DEFAULT_RETENTION_DAYS
from builder.core.problems import ContentError
from builder.core.site import Site
from builder.incremental.digests import code_digest
from builder.incremental.rebuild import (
    Candidate,
    Fingerprints,
    keep_unchanged,
    shared_inputs_digest,
)
from builder.incremental.reuse import (
    empty_folder,
    outputs_digest,
    write_or_keep_outputs,
)
from builder.incremental.search_reuse import SearchReuse, index_search
from builder.incremental.store import Store, site_stamp
from builder.load.yamlload import ParseCache
from builder.outputs.feeds import page_feeds
from builder.outputs.files import OutputFile
from builder.outputs.writer import move_into
from builder.plan.changes import sitemap_dates
from builder.plan.listing import PageSpec
from builder.render.structured_data import PageMeta, page_meta
from builder.run.advice_log import LOGGER, AdviceLog
from builder.run.cache import BuildCache
from builder.run.jobs import BuildJobs, SearchResult
from builder.run.portal import Portal, build_portal

log = logging.getLogger(LOGGER)

STAGING = ".portal-staging"  # in the site folder: where the outputs child writes, moved into place at the end


@dataclass(frozen=True)
class Options:
    """What mkdocs.yml (or another engine's configuration) says about the portal."""

    root: Path  # the project folder
    campaigns_dir: str
    content_dir: str  # relative to root
    site: Site
    search_split_at: int
    notice_retention_days: int = DEFAULT_RETENTION_DAYS
    members: object = None  # a province's member portals, as mkdocs.yml lists them (`federation.members`)
    cache_dir: str = ".portal-cache"  # relative to root


@dataclass(frozen=True)
class EngineInputs:
    """What the engine knows that every page's fingerprint depends on (see `shared_inputs_digest`)."""

    config_file: Path
    theme: Path | None  # the theme override folder
    root: Path
    src_uris: list[str]  # every file the engine knows
    untitled_sources: list[bytes]  # sources of navigation entries without a label (their title shows everywhere)


@dataclass
class PortalBuild:
    """The state of one build. `cache` and `jobs` outlive it under `serve`; the rest is this build's."""

    cache: BuildCache
    jobs: BuildJobs
    portal: Portal
    site: Site
    code: str  # code_digest(): the parse cache, the bodies and the fingerprints depend on it
    parsed: ParseCache
    site_dir: Path
    previous: Path | None  # the site this build may keep pages from (under `serve`, site_dir itself)
    store: Store | None  # what the build of `previous` left
    by_src: dict[str, PageSpec] = field(default_factory=dict)  # src_uri → planned page
    updates: dict[str, str] = field(default_factory=dict)  # url → ISO day of its last change (sitemap)
    default_update: str = ""
    feeds: dict[str, tuple[str, str]] = field(default_factory=dict)  # page url → (feed url, title)
    shared: bytes = b""  # digest of what every page depends on (`rebuild.shared_inputs_digest`)
    fingerprints: Fingerprints | None = None
    kept: set[str] = field(default_factory=set)  # src_uris taken from the previous site
    unchanged: bool = False  # every page's fingerprint is the previous build's
    bodies: dict[str, str] = field(default_factory=dict)  # url → rendered body of a planned page
    content_pages: list[tuple[str, str, str]] = field(default_factory=list)  # (url, title, html) from content/
    outputs_made_from: str = ""
    source_date_epoch: str = ""

    @classmethod
    def start(cls, cache: BuildCache, jobs: BuildJobs, advice: AdviceLog, options: Options, today: Any,
              site_dir: Path, previous: Path | None, source_date_epoch: str = "") -> PortalBuild:
        """Run the pipeline and start the page-facts children; raises ContentError with every problem."""
        code = code_digest()
        parsed = ParseCache(cache.parsed_documents(code))
        try:
            portal = build_portal(options.root, today, options.campaigns_dir, options.content_dir, options.site,
                                  options.search_split_at, parsed, options.notice_retention_days,
                                  include_drafts=cache.serving, members=options.members, cache_dir=options.cache_dir)
        except ContentError:
            if cache.serving:
                cache.keep_parsed(code, parsed)
                cache.forget_store()
            raise
        store = cache.store_for(previous) if previous is not None else None
        build = cls(cache, jobs, portal, options.site, code, parsed, site_dir, previous, store,
                    source_date_epoch=source_date_epoch)
        build.by_src = {page.src_uri: page for page in portal.pages}
        build.updates, build.default_update = sitemap_dates(portal.catalog, source_date_epoch)
        build.feeds = page_feeds(portal.feeds)
        jobs.start_facts(portal.pages, portal.catalog, options.site, build.feeds, build.updates,
                         store.metas if store and store.metas_code == code else {}, rebuild=store is not None)
        if not options.site.url:
            log.warning("mkdocs.yml chưa có site_url: bản tin, lịch, dữ liệu mở và sitemap sẽ thiếu địa chỉ đầy đủ; "
                        "hãy thêm site_url: https://<tên miền>/<thư mục>/")
        for warning in portal.warnings:  # a member that could not be read: every build says so, at the level of
            log.info("%s", warning.format())  # the content's warnings: `strict` must not turn it into a stop
        lines, repeated = advice.lines(portal.catalog)
        for line in lines:
            log.info("%s", line)
        if repeated:
            log.info("(%d dòng cảnh báo và trang không công bố như lần trước, không in lại)", repeated)
        return build

    def body_context(self, extensions: object) -> bytes:
        """What a converted body depends on besides its text: the code, packages and Markdown extensions."""
        return b"".join([self.code.encode(), self.cache.packages(), repr(extensions).encode()])

    def keep_body(self, planned: bool, url: str, title: str, body: str) -> None:
        """A rendered body for the search records: a planned page's, or a content page's with its title."""
        if planned:
            self.bodies[url] = body
        else:
            self.content_pages.append((url, title, body))

    def start_outputs(self) -> list[OutputFile]:
        """Start making the produced outputs; returns them (the engine knows them as placeholders).

        Under `serve` the previous site is the folder being rebuilt: its outputs are never linked,
        so their digest (0.6 s at 10,000 pages) is not made either.
        """
        portal = self.portal
        produced = [o for o in portal.outputs if o.source is None]
        made_from = (portal.catalog, self.site, portal.feeds, len(portal.pages), self.cache.packages().hex())
        digest_of = None if self.cache.serving else partial(outputs_digest, produced, made_from)
        self.jobs.start_outputs(partial(write_or_keep_outputs, produced, self.site_dir / STAGING, self.cache.folder,
                                        digest_of, None if self.cache.serving else self.previous,
                                        self.store.outputs if self.store else ""))
        return produced

    def decide_kept(self, engine: EngineInputs, pages: list[Candidate], must_read: set[str]) -> set[str]:
        """The pages this rebuild keeps from the previous site (linked into place already).

        Args:
            engine: what the engine's configuration adds to what every page shares.
            must_read: pages the engine reads even when unchanged (their title or front matter
                shows on other pages).
        """
        shared = shared_inputs_digest(
            code=self.code, theme=engine.theme, config_file=engine.config_file, packages=self.cache.packages(),
            today=self.portal.catalog.today.isoformat(), site_url=self.site.url,
            source_date_epoch=self.source_date_epoch, src_uris=engine.src_uris, root=engine.root,
            untitled_sources=engine.untitled_sources)
        self.shared, self.fingerprints = shared, None
        if self.cache.serving and self.store is not None and self.store.shared != shared:
            # Every page changes, and a page that is gone must not stay reachable in the preview.
            empty_folder(self.site_dir, keep=STAGING)
            self.store = None
        if self.store is None or self.previous is None:
            return set()
        self.kept, self.unchanged = keep_unchanged(pages, self._fingerprints(), self.store, must_read,
                                                   self.previous, self.site_dir)
        return self.kept

    def take_kept(self, url: str) -> None:
        """A kept page's body, as the last build rendered it, for the search records."""
        if self.store is None:
            return
        if url in self.store.bodies:
            self.bodies[url] = self.store.bodies[url]
        elif url in self.store.content_pages:
            self.content_pages.append((url, *self.store.content_pages[url]))

    def start_search(self, page_count: int) -> None:
        """The search index beside the rendering (every body is converted by now); for a preview edit,
        after the pages are written."""
        store = self.store
        reuse = (SearchReuse(self.previous, store.search, store.search_stats, self.unchanged)
                 if store is not None and self.previous is not None else None)
        self.jobs.start_search(partial(index_search, self.site_dir, self.portal.catalog, self.portal.search_bundles,
                                       self.bodies, sorted(self.content_pages), reuse, self.portal.member_records),
                               defer=self.cache.serving and store is not None)
        if self.kept:
            log.info("Giữ %d trang không đổi từ lần tạo trước; tạo lại %d trang", len(self.kept),
                     page_count - len(self.kept))

    def page_meta(self, url: str, src_uri: str, engine_title: str) -> tuple[PageSpec | None, PageMeta]:
        """The planned page at `src_uri` (None: a page written in content/) and its meta, made beside
        the reading of the pages; a content page's is made now, with the title the engine gives it."""
        spec = self.by_src.get(src_uri)
        facts = self.jobs.collect_facts() if spec is not None else None
        meta = facts.metas.get(url) if facts is not None else None
        if meta is None:
            meta = page_meta(url, spec.title if spec else engine_title, spec.data if spec else None,
                             self.portal.catalog, self.site)
        return spec, meta

    def finish(self, pages: Iterable[Candidate], dirty: bool, bodies: tuple[Mapping[str, Any], Mapping[str, Any]]
               | None, current: Iterable[str]) -> None:
        """Collect the children, move the outputs into the site and leave for the next build what it
        can use: the store (a dirty build), the parsed documents, the converted `bodies` (known, made)
        of the pages still `current`, when this build converted any."""
        search, (reused, kept_outputs, self.outputs_made_from) = self.jobs.finish()
        move_into(self.site_dir / STAGING, self.site_dir)
        self.jobs.release_search()
        log_search(search)
        if dirty:
            fingerprints, facts = self._fingerprints(), self.jobs.facts
            stats, _, digest = search if search is not None else (None, None, "")
            made = {p.src_uri: fingerprints.of(p.src_uri, p.url, p.source) for p in pages}
            self.cache.keep_store(Store(
                stamp=site_stamp(self.site_dir), pages=made,
                bodies=dict(self.bodies), content_pages={url: (t, body) for url, t, body in self.content_pages},
                search=digest, search_stats=stats, metas=facts.by_key if facts else {}, metas_code=self.code,
                shared=self.shared,
                outputs=self.outputs_made_from), self.store)
        self.cache.keep_parsed(self.code, self.parsed)
        if bodies is not None:
            self.cache.keep_bodies(*bodies, set(current))
        if kept_outputs:
            log.info("Ảnh, lịch, nguồn tin và dữ liệu mở không đổi: giữ các tệp của lần tạo trước")
        elif reused:
            log.info("Dùng lại %d cỡ ảnh đã tạo ở lần trước (%s/)", reused, self.cache.shown)

    def _fingerprints(self) -> Fingerprints:
        if self.fingerprints is None:
            facts = self.jobs.collect_facts()
            self.fingerprints = Fingerprints(self.shared, facts.digests if facts else {})
        return self.fingerprints


def log_search(search: SearchResult | None) -> None:
    stats, seconds, _ = search if search is not None else (None, None, "")
    if stats is None:
        log.info("Chỉ mục tìm kiếm đang cập nhật, xong sau vài giây")
    elif seconds is None:
        log.info("Chỉ mục tìm kiếm không đổi: giữ bản của lần tạo trước (%d mục)", stats.records)
    else:
        log.info("Chỉ mục tìm kiếm: %d mục, %d tệp, %d KB, %.1f s", stats.records, stats.files,
                 stats.bytes // 1024, seconds)
