"""MkDocs adapter: hands the planned pages to MkDocs and adds their data to the templates.

Thin on purpose (DESIGN.md): it calls the pipeline in `on_config`, registers generated
files in `on_files`, puts each page's data into the template context, sanitizes HTML,
and turns content problems into one PluginError. No monkeypatching, no private
MkDocs imports; all state is per build, on the plugin instance.
"""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import html
import logging
import os
import shutil
import signal
import sys
import threading
from functools import partial
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import handoff, template_filters, urls
from ..background import Background
from ..changes import page_updates, portal_updated
from ..csp import with_policy
from ..error_page import render_error_page
from ..exemplars import EXEMPLARS_DIR
from ..feeds import page_feeds
from ..fingerprints import (
    PageFacts,
    Store,
    code_digest,
    files_digest,
    load_pickle,
    packages_digest,
    packages_stamp,
    page_facts,
    page_fingerprint,
    reuse_file,
    save_pickle,
    shared_digest,
    site_stamp,
    tree_files,
)
from ..fragments import FragmentCache
from ..output_writer import OutputError, move_into, outputs_digest, write_or_keep_outputs
from ..portal import Portal, build_portal
from ..problems import ContentError, Problem
from ..project import SITE_DIR_ENV, TODAY_ENV, resolve_today
from ..sanitize import sanitize_html
from ..search_index import IndexStats, SearchIndexError
from ..search_records import SPLIT_AT
from ..site import Site
from ..status import ALL_STATUSES
from ..structured_data import page_meta
from ..yamlload import ParseCache
from .planned import BodyConverter, Converted, PlannedPage, named_in_nav, page_source
from .rebuild import DirtyWarning, Placeholder, PortalFile, SearchReuse, as_portal_file, empty_folder, index_search
from .relative_urls import relative_url_filter
from .template_cache import ThemeBytecodeCache, precompile
from .translations import Translations

log = logging.getLogger("mkdocs.plugins.portal")

STORE_NAME = "pages-v1.pickle"  # in cache_dir: fingerprints and bodies of the last `portal build`
TEMPLATES_CACHE = "jinja-v2"  # in cache_dir: compiled templates (template_cache.py)
PACKAGES_NAME = "packages-v1.pickle"  # in cache_dir: (packages_stamp(), packages_digest()) of the last build
PARSED_NAME = "parsed-v1.pickle"  # in cache_dir: YAML documents parsed by the last build (yamlload.ParseCache)
BODIES_NAME = "bodies-v1.pickle"  # in cache_dir: bodies converted by the last builds (planned.Converted by src_uri)
# While MkDocs runs: a young collection every 50,000 allocations, the older generations after 20 and
# 100 of those (CPython's default: 700, 10, 10). See on_startup.
GC_THRESHOLD = (50_000, 20, 100)


class PortalConfig(Config):
    # YAML reads `today: 2024-08-01` as a date; accept both forms.
    today = c.Optional(c.Type((str, dt.date)))
    campaigns_dir = c.Type(str, default="campaigns")
    # Campaigns + exemplars from which the search index is built in two parts (search_records.SPLIT_AT).
    search_split_at = c.Type(int, default=SPLIT_AT)
    # Kept between builds (relative to mkdocs.yml): photo sizes, parsed files, page bodies, compiled
    # templates, the last build's page fingerprints. Safe to delete at any time.
    cache_dir = c.Type(str, default=".portal-cache")


class PortalPlugin(BasePlugin[PortalConfig]):
    """`plugins: [portal]` in mkdocs.yml."""

    def __init__(self) -> None:
        self.portal: Portal | None = None
        self.by_src: dict[str, Any] = {}
        self.bodies: dict[str, str] = {}  # url → rendered body, for the search index
        self.content_pages: list[tuple[str, str, str]] = []  # (url, title, html) of pages written in content/
        self.site = Site("")
        self.updates: dict[str, str] = {}  # url → ISO day of its last change (sitemap lastmod)
        self.default_update = ""
        self.feeds: dict[str, tuple[str, str]] = {}  # page url → (feed url, title)
        self.serving = False  # under `mkdocs serve`: content errors become a page, not a stop
        self.errors: list[Problem] = []  # this build's content errors, when serving
        # Produced outputs and the search index run in forked children beside the page rendering.
        self.outputs_job: Background[tuple[int, bool, str]] | None = None
        self.search_job: Background[tuple[IndexStats, float]] | None = None
        self.staging: Path | None = None  # where the outputs child writes; moved into the site at the end
        self.facts_jobs: list[Background[PageFacts]] = []
        self.templates_job: Background[int] | None = None  # compiles the theme while the content loads
        self.outputs_digest = ""  # what this build's produced outputs were made from (for the next build)
        self.facts: PageFacts | None = None  # JSON-LD, QR code and digest of each planned page
        # Rebuilds (`--dirty`): pages whose fingerprint is unchanged are taken from the previous site.
        self.dirty = False
        self.dirty_filter = DirtyWarning()
        self.previous: Path | None = None  # the site this build replaces (under `serve`, the same folder)
        self.store: Store | None = None  # what the build of `previous` left
        self.served_store: Store | None = None  # under `serve`: the last build's, kept in memory
        # Under `serve` a rebuild does not wait for the search index; the next build collects it.
        self.pending_search: Background[tuple[IndexStats, float | None, str]] | None = None
        # The search job of this build, until the pages are written.
        self.deferred_search: Callable[[], tuple[IndexStats, float | None, str]] | None = None
        self.shared = b""  # digest of what every page depends on
        self.kept: set[str] = set()  # src_uris taken from the previous site
        self.parsed = ParseCache()  # this build's parsed documents
        self.served_parsed: dict[Any, Any] = {}  # under `serve`: the last build's, kept in memory
        self.code = ""  # code_digest() of this build (on_config)
        self.converter: BodyConverter | None = None  # this build's (on_files)
        self.served_bodies: dict[str, Converted] = {}  # under `serve`: the converted bodies, kept in memory
        self.fingerprints: dict[str, str] = {}  # src_uri → fingerprint, this build
        self.unchanged = False  # every page's fingerprint is the previous build's
        self.sources: dict[str, bytes] = {}  # src_uri → bytes of each page from content/, read in on_nav
        self.doc_files: list[File] = []
        self.gc_threshold = gc.get_threshold()  # restored when MkDocs shuts down
        self.sigterm: Any = None  # under `serve`: the SIGTERM handler to restore
        self.told: set[str] = set()  # under `serve`: advice the terminal already shows
        self.packages: tuple[object, bytes] = ((), b"")  # (packages_stamp(), packages_digest()) of the last build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `serve` rebuilds (MkDocs ≥ 1.4).
        self.serving = command == "serve"
        self.dirty = dirty
        if self.serving and threading.current_thread() is threading.main_thread():
            # SIGTERM (a CI job, a process manager) ends the preview like Ctrl+C, so MkDocs calls
            # on_shutdown and a search index still running in its own process group is stopped too.
            self.sigterm = signal.signal(signal.SIGTERM, signal.default_int_handler)
        # A build keeps millions of objects alive (catalog, plans, MkDocs' pages; under `serve` also
        # the last build's), and CPython's default (a young collection every 700 allocations) kept
        # re-scanning them: a third of planning at 10,000 records, 0.3 s of each preview rebuild.
        # Garbage without cycles is still freed at once; cycles (MkDocs' pages) wait a little longer.
        gc.set_threshold(*GC_THRESHOLD)
        # On its way out the interpreter runs one last full collection over everything still alive,
        # though the process is ending: 0.16 s of a 1.2 s rebuild at 1,000 pages. Frozen objects are
        # left out of it. At exit only, so a process that builds again (tests) collects as usual.
        atexit.register(gc.freeze)
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(self.dirty_filter)

    def on_shutdown(self) -> None:
        gc.set_threshold(*self.gc_threshold)
        if self.sigterm is not None:
            signal.signal(signal.SIGTERM, self.sigterm)
            self.sigterm = None
        logging.getLogger("mkdocs.commands.build").removeFilter(self.dirty_filter)
        if self.pending_search is not None:
            self.pending_search.cancel()
        self._stop_jobs()  # a build stopped half-way (Ctrl+C, SIGTERM) leaves its children running

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when campaign files change, even if mkdocs.yml's `watch:` forgot the folder."""
        server.watch(str(Path(config.config_file_path).resolve().parent / self.config.campaigns_dir))
        return server

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.use_directory_urls:
            raise PluginError("mkdocs.yml: use_directory_urls: phải là false để trang mở được trực tiếp từ ổ đĩa")
        root = Path(config.config_file_path).resolve().parent
        if self.serving:
            # First thing: a search index still running from the last save would compete with this build.
            self._finish_pending_search()
        self.code = code_digest()  # read once a build: the parse cache, the bodies and the fingerprints use it
        templates = self._cache(config) / TEMPLATES_CACHE
        if not templates.is_dir() or not any(templates.iterdir()):
            # Nothing compiled yet (a cold build): compile on the other core while the content loads.
            templates.mkdir(parents=True, exist_ok=True)
            self.templates_job = Background(partial(_precompile_theme, config, templates), "templates")
        try:
            option = self.config.today
            given = option.isoformat() if isinstance(option, dt.date) else option
            today = resolve_today(os.environ.get(TODAY_ENV), given)
            docs = Path(config.docs_dir).resolve()
            if not docs.is_relative_to(root):
                raise PluginError("mkdocs.yml: docs_dir: phải là một thư mục bên trong dự án, ví dụ content")
            docs_dir = docs.relative_to(root).as_posix()
            self.site = Site(config.site_name, config.site_url or "", config.site_description or "")
            self.parsed = ParseCache(self._parsed_documents(config))
            self.portal = build_portal(root, today, self.config.campaigns_dir, docs_dir, self.site,
                                       self.config.search_split_at, self.parsed)
        except ContentError as err:
            self.served_parsed = self.parsed.used
            handoff.tell(str(err))
            if not self.serving:
                raise PluginError("\n" + str(err)) from None
            # The preview keeps running: the terminal and every page show the report. A dirty build
            # does not empty the folder, so the pages of the last good build are removed here:
            # every address then falls through to the report (404.html).
            self.portal, self.errors = None, list(err.problems)
            self.served_store = None
            empty_folder(Path(config.site_dir))
            report = "\n".join(problem.format() for problem in err.problems)
            print(f"\n{report}\nNội dung có {len(err.problems)} lỗi; trang xem trước hiện danh sách lỗi. "
                  "Sửa và lưu tệp để xem lại.", file=sys.stderr, flush=True)
            config.nav = None
            return config
        self.errors = []
        handoff.tell(None)
        if not self.site.url:
            log.warning("mkdocs.yml chưa có site_url: bản tin, lịch, dữ liệu mở và sitemap sẽ thiếu địa chỉ đầy đủ; "
                        "hãy thêm site_url: https://<tên miền>/<thư mục>/")
        catalog = self.portal.catalog
        self.by_src = {page.src_uri: page for page in self.portal.pages}
        self.updates = {url: day.isoformat() for url, day in page_updates(catalog).items()}
        # Pages editors write in content/ carry no date of their own: the commit time when
        # CI gives it (SOURCE_DATE_EPOCH), else the portal's latest change. Never the clock.
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        self.default_update = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
                               if epoch.isdigit() else portal_updated(catalog).isoformat())
        self.feeds = page_feeds(self.portal.feeds)
        self._find_previous(config)
        self.facts = None
        # A cold build collects the facts while it renders, when both cores are already busy: one child.
        # A rebuild waits for them before it can decide anything, with the second core idle: two.
        pages = self.portal.pages
        parts = [pages] if self.store is None else [pages[: len(pages) // 2], pages[len(pages) // 2:]]
        self.facts_jobs = [Background(partial(page_facts, part, catalog, self.site, self.feeds, self.updates,
                                              self.store.metas if self.store else {}), "page-facts") for part in parts]
        self.bodies, self.content_pages = {}, []
        # Warnings never fail a strict build: they are advice, printed at info level. The preview prints
        # each once, not again after every save (400 lines a save on the 1,000-record bench portal).
        advice = [f"Không công bố {path}: {reason}" for path, reason in catalog.hidden]
        advice += [warning.format() for warning in catalog.warnings]
        new = [line for line in advice if line not in self.told]
        for line in new:
            log.info("%s", line)
        if len(new) < len(advice):
            log.info("(%d dòng cảnh báo và trang không công bố như lần trước, không in lại)", len(advice) - len(new))
        if self.serving:
            self.told = set(advice)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.portal is None:  # serving with content errors: no page until they are fixed
            return Files([f for f in files if not f.is_documentation_page()])
        # content/exemplars/ is source, never output: stories come back as planned pages
        # and photos as clean re-encoded sizes; unpublished files and raw photos stay out.
        files = Files([as_portal_file(f) for f in files if not f.src_uri.startswith(EXEMPLARS_DIR + "/")])
        known = files.src_uris  # not get_file_from_path: it parses each path again (0.1 s for 4,000 pages)
        # The outputs first: their child then starts before the pages are registered, which in a
        # rebuild that changed little is what the build waits for last.
        produced = []
        for output in self.portal.outputs:
            if known.get(output.url) is not None:
                raise PluginError(f"content/{output.url}: trùng địa chỉ với tệp do cổng tạo ra; hãy đổi tên tệp")
            if output.source is not None:
                files.append(File.generated(config, output.url, abs_src_path=str(output.source)))
            else:
                # MkDocs knows the file (a Markdown link to it is valid); the real bytes come from
                # the child and are moved into place in on_post_build.
                files.append(Placeholder.generated(config, output.url, content=b""))
                produced.append(output)
        self.staging = Path(config.site_dir) / ".portal-staging"
        # Under `serve` the previous site is the folder being rebuilt (and may be emptied in on_nav):
        # its outputs are never linked, so their digest (0.6 s at 10,000 pages) is not made either.
        portal, digest_of, keep_from = self.portal, None, None
        if not self.serving:
            made_from = (portal.catalog, self.site, portal.feeds, len(portal.pages), self._packages(config).hex())
            digest_of, keep_from = partial(outputs_digest, produced, made_from), self.previous
        self.outputs_job = Background(partial(write_or_keep_outputs, produced, self.staging, self._cache(config),
                                              digest_of, keep_from, self.store.outputs if self.store else ""),
                                      "outputs")
        planned = []
        for page in self.portal.pages:
            existing = known.get(page.src_uri)
            if not page.generated:
                if existing is None:
                    raise PluginError(f"content/{page.src_uri}: thiếu trang này; hãy tạo tệp (xem content/ trong mẫu)")
                continue
            if existing is not None:
                raise PluginError(f"content/{page.src_uri}: trùng địa chỉ với trang {page.url} do cổng tạo ra; "
                                  "hãy đổi tên tệp")
            file = PortalFile.generated(config, page.src_uri, content=page_source(page))
            files.append(file)
            planned.append((file, page))
        in_nav = named_in_nav(config, files)
        # Per build: the extensions are mkdocs.yml's of this build. What a converted body depends on
        # besides its text: the code, the packages, the extensions and their options.
        context = b"".join([self.code.encode(), self._packages(config),
                            repr((config["markdown_extensions"], config["mdx_configs"])).encode()])
        self.converter = BodyConverter(config, context, partial(self._converted_bodies, config))
        for file, page in planned:
            if file.src_uri not in in_nav:
                PlannedPage(file, config, page, self.converter)
        return files

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        """Decide which pages a dirty build keeps from the previous site, and put them in place."""
        self.kept, self.fingerprints, self.unchanged = set(), {}, False
        if self.portal is None:
            return nav
        root = Path(config.config_file_path).resolve().parent
        theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        self.shared = shared_digest(
            self.code,
            files_digest(tree_files(theme), theme) if theme else b"",
            Path(config.config_file_path).read_bytes(), self._packages(config),
            self.portal.catalog.today.isoformat(), config.site_url or "", os.environ.get("SOURCE_DATE_EPOCH", ""),
            "\n".join(sorted(f.src_uri for f in files)), str(root),
            # A navigation entry without a label shows its page's own title on every page.
            *(page.file.content_bytes for page in nav.pages if page.title is None))
        # Pages from content/ are read from disk by MkDocs: hash them now, as close to that read as
        # possible, not at the end of the build, or a file saved during the build would be recorded
        # as built while the site holds the version before.
        self.sources = {f.src_uri: f.content_bytes for f in files.documentation_pages()
                        if isinstance(f, PortalFile) and f.generated_by is None}
        if self.serving and self.store is not None and self.store.shared != self.shared:
            # Every page changes; and a page or file that is gone must not stay reachable in the
            # preview, which a dirty build never empties. (The outputs child writes into staging.)
            empty_folder(Path(config.site_dir), keep=self.staging.name if self.staging else "")
            self.store = None
        if self.store is None or self.previous is None:
            return nav
        self._collect_facts()
        # A page in the navigation is read whenever other pages show what only reading it gives: the
        # title, if the navigation does not write one, or (a page from content/) the front matter
        # Material's navigation shows (icon, status). A generated page's front matter is its plan's.
        must_read = {page.file.src_uri for page in nav.pages if page.title is None or page.file.generated_by is None}
        site_dir = Path(config.site_dir)
        pages = [f for f in files.documentation_pages() if isinstance(f, PortalFile)]
        # Every page as it was: then so are the search records, which only hold what pages show.
        self.unchanged = self.store.pages == {f.src_uri: self._fingerprint(f) for f in pages}
        for file in pages:
            if file.src_uri in must_read:
                continue
            if self.store.pages.get(file.src_uri) != self._fingerprint(file):
                continue
            if self.previous != site_dir and not reuse_file(self.previous / file.dest_uri, Path(file.abs_dest_path)):
                continue
            file.changed = False
            self.kept.add(file.src_uri)
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # Every body is converted by now (MkDocs reads all pages before it renders any), so the
        # search index is built beside the rendering rather than after it.
        if self.portal is not None:
            self.doc_files = files.documentation_pages()
            for file in self.doc_files:
                assert file.page is not None
                # The sitemap's <lastmod> (and the mtime inside sitemap.xml.gz) come from the
                # content's own dates, so two builds of one commit are byte-identical. Set here,
                # not when a page is read, because kept pages are not read.
                file.page.update_date = self.updates.get(file.page.url, self.default_update)
                if file.src_uri in self.kept and self.store is not None:
                    url = file.page.url
                    if url in self.store.bodies:
                        self.bodies[url] = self.store.bodies[url]
                    elif url in self.store.content_pages:
                        self.content_pages.append((url, *self.store.content_pages[url]))
            reuse = None
            if self.store is not None and self.previous is not None:
                reuse = SearchReuse(self.previous, self.store.search, self.store.search_stats, self.unchanged)
            search = partial(index_search, Path(config.site_dir), self.portal, self.bodies, sorted(self.content_pages),
                             reuse)
            self.search_job = None
            if self.serving and self.store is not None:
                # An edit in the preview: the index starts once the pages are written, so Pagefind's
                # threads do not compete with them; the next build collects it (`pending_search`).
                self.deferred_search = search
            else:
                self.search_job = Background(search, "search")
            if self.kept:
                log.info("Giữ %d trang không đổi từ lần tạo trước; tạo lại %d trang", len(self.kept),
                         len(self.doc_files) - len(self.kept))
        _add_filters(env)
        # MkDocs makes a new environment every build: without this, every preview rebuild compiles
        # Material's and our 45 templates again (0.6 s). Jinja checks each entry against the source.
        jinja_cache = self._cache(config) / TEMPLATES_CACHE
        jinja_cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = ThemeBytecodeCache(jinja_cache, env)
        env.globals["portal_fragment"] = FragmentCache()  # per build: a rebuild under `serve` starts empty
        env.globals["portal_t"] = Translations(env, config.theme["language"])
        env.globals["portal_statuses"] = {s.key: [s.label, s.symbol] for s in ALL_STATUSES}
        return env

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        if self.portal is None:
            return context
        spec = self.by_src.get(page.file.src_uri)
        context["portal_today"] = self.portal.catalog.today
        if spec is not None:
            context["portal"] = spec.data
            context["portal_title"] = spec.title
        title = spec.title if spec is not None else (page.title or "")
        if spec is not None:
            self._collect_facts()  # made beside the reading of the pages; ready by now
        meta = self.facts.metas.get(page.url) if spec is not None and self.facts is not None else None
        if meta is None:  # pages written in content/ without a plan (their title comes from MkDocs)
            meta = page_meta(page.url, title, spec.data if spec else None, self.portal.catalog, self.site)
        context["portal_meta"] = meta
        if meta.description and not page.meta.get("description"):
            page.meta["description"] = html.escape(meta.description)  # Material prints it unescaped
        # Every page of a listing offers the listing's feed.
        context["portal_feed"] = self.feeds.get(urls.first_page(page.url))
        return context

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        clean = sanitize_html(html)
        if page.file.src_uri in self.by_src:
            self.bodies[page.url] = clean
        else:
            self.content_pages.append((page.url, page.title or "", clean))
        return clean

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return with_policy(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.portal is None:
            page = render_error_page(self.errors)
            for name in ("index.html", "404.html"):
                (Path(config.site_dir) / name).write_text(page, encoding="utf-8")
            return
        assert self.outputs_job is not None and self.staging is not None
        try:
            stats, seconds, search_digest = (self.search_job.result() if self.search_job is not None
                                             else (None, None, ""))
            reused, kept_outputs, self.outputs_digest = self.outputs_job.result()
            self._collect_facts()
        except SearchIndexError as err:
            raise PluginError(f"Tìm kiếm: {err}") from None
        except OutputError as err:
            raise PluginError(str(err)) from None
        finally:
            self._stop_jobs()
        move_into(self.staging, Path(config.site_dir))
        if self.deferred_search is not None:
            self.pending_search = Background(self.deferred_search, "search")
            self.deferred_search = None
        if stats is None:
            log.info("Chỉ mục tìm kiếm đang cập nhật, xong sau vài giây")
        elif seconds is None:
            log.info("Chỉ mục tìm kiếm không đổi: giữ bản của lần tạo trước (%d mục)", stats.records)
        else:
            log.info("Chỉ mục tìm kiếm: %d mục, %d tệp, %d KB, %.1f s", stats.records, stats.files,
                     stats.bytes // 1024, seconds)
        if self.dirty:
            self._save_store(config, stats, search_digest)
        if self.serving:
            self.served_parsed = self.parsed.used
        elif self.parsed.changed:
            save_pickle(self._cache(config) / PARSED_NAME, (self.code, self.parsed.used))
        self._save_bodies(config)
        if kept_outputs:
            log.info("Ảnh, lịch, nguồn tin và dữ liệu mở không đổi: giữ các tệp của lần tạo trước")
        elif reused:
            log.info("Dùng lại %d cỡ ảnh đã tạo ở lần trước (%s/)", reused, self.config.cache_dir)

    def on_build_error(self, *, error: Exception) -> None:
        self.served_store = None
        self.deferred_search = None
        self._stop_jobs()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _find_previous(self, config: MkDocsConfig) -> None:
        """The site this dirty build may keep pages from, and what its build left (else None)."""
        self.previous, self.store = None, None
        if not self.dirty:
            return
        if self.serving:  # the last preview's search index was collected first thing in on_config
            self.previous = Path(config.site_dir)
            last = self.served_store
            if last is not None and last.describes(self.previous):
                self.store = last
            return
        given = os.environ.get(SITE_DIR_ENV)
        if given:
            self.previous = Path(given)
            self.store = Store.load(self._store_path(config), self.previous)

    def _finish_pending_search(self) -> None:
        """The last preview's search index, which ran on after its pages were shown.

        Still running means the editor saved again within seconds: it is stopped, and this
        build indexes the newer content instead of waiting for the older.
        """
        job, self.pending_search = self.pending_search, None
        if job is None:
            return
        if not job.ready():
            job.cancel()
            return
        try:
            stats, seconds, digest = job.result()
        except Exception as err:  # noqa: BLE001 - the preview goes on; the next build indexes again
            log.error("Tìm kiếm (xem trước): %s", err)
            return
        log.info("Chỉ mục tìm kiếm (xem trước): %d mục, %.1f s", stats.records, seconds or 0.0)
        if self.served_store is not None:
            self.served_store.search, self.served_store.search_stats = digest, stats

    def _cache(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent / self.config.cache_dir

    def _store_path(self, config: MkDocsConfig) -> Path:
        return self._cache(config) / STORE_NAME

    def _parsed_documents(self, config: MkDocsConfig) -> dict[Any, Any]:
        """Documents the last build parsed: in memory under `serve`, else from the cache folder."""
        if self.serving:
            return self.served_parsed
        saved = load_pickle(self._cache(config) / PARSED_NAME)
        if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == self.code and isinstance(saved[1], dict):
            return saved[1]
        return {}

    def _converted_bodies(self, config: MkDocsConfig) -> dict[str, Converted]:
        """Bodies the last builds converted: in memory under `serve`, else from the cache folder."""
        if self.serving:
            return self.served_bodies
        saved = load_pickle(self._cache(config) / BODIES_NAME)
        return saved if isinstance(saved, dict) else {}

    def _save_bodies(self, config: MkDocsConfig) -> None:
        """The known bodies of pages that still exist, with this build's; only when it converted any."""
        converter = self.converter
        if converter is None or not converter.new:
            return
        current = {file.src_uri for file in self.doc_files}
        bodies = {uri: body for uri, body in converter.known.items() if uri in current} | converter.made
        if self.serving:
            self.served_bodies = bodies
        else:
            save_pickle(self._cache(config) / BODIES_NAME, bodies)

    def _packages(self, config: MkDocsConfig) -> bytes:
        """`packages_digest()`, asked again only when a folder packages are installed in has changed.

        Remembered in memory under `serve`, and in the cache folder for the next `portal build`
        (reading every distribution's metadata was 2% of a no-change rebuild at 1,000 pages).
        """
        stamp = packages_stamp()
        if self.packages[0] != stamp:
            path = self._cache(config) / PACKAGES_NAME
            saved = load_pickle(path)
            if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == stamp and isinstance(saved[1], bytes):
                self.packages = saved
            else:
                self.packages = (stamp, packages_digest())
                save_pickle(path, self.packages)
        return self.packages[1]

    def _collect_facts(self) -> None:
        if self.facts is None and self.facts_jobs:
            self.facts = PageFacts.merge(job.result() for job in self.facts_jobs)

    def _fingerprint(self, file: File) -> str:
        known = self.fingerprints.get(file.src_uri)
        if known is None:
            assert self.facts is not None
            source = self.sources[file.src_uri] if file.src_uri in self.sources else file.content_bytes
            known = page_fingerprint(self.shared, source, self.facts.digests.get(file.url, ""))
            self.fingerprints[file.src_uri] = known
        return known

    def _save_store(self, config: MkDocsConfig, stats: IndexStats | None, search_digest: str) -> None:
        """Fingerprints of every page as built now, for the next dirty build of this site."""
        store = Store(stamp=site_stamp(Path(config.site_dir)),
                      pages={f.src_uri: self._fingerprint(f) for f in self.doc_files if isinstance(f, PortalFile)},
                      bodies=dict(self.bodies),
                      content_pages={url: (title, body) for url, title, body in self.content_pages},
                      search=search_digest, search_stats=stats, metas=self.facts.by_key if self.facts else {},
                      shared=self.shared, outputs=self.outputs_digest)
        if self.serving:
            self.served_store = store
        else:
            store.save(self._store_path(config), self.store)

    def _stop_jobs(self) -> None:
        for job in (self.outputs_job, self.search_job, *self.facts_jobs, self.templates_job):
            if job is not None:
                job.cancel()


def _add_filters(env: Environment) -> None:
    """Ours, and MkDocs' `url` remembering its answers (relative_urls.py): the same in the build and the child."""
    template_filters.register(env)
    env.filters["url"] = relative_url_filter()


def _precompile_theme(config: MkDocsConfig, directory: Path) -> int:
    """The theme's templates compiled into `directory`, by an environment made as MkDocs makes it.

    With our filters, as `on_env` adds them; whatever other plugins add is missing, and then
    the compile signatures differ and the build compiles its own (template_cache.py).
    """
    env = config.theme.get_env()
    _add_filters(env)
    env.bytecode_cache = ThemeBytecodeCache(directory, env)
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    ours = sorted(path.relative_to(custom).as_posix() for path in custom.rglob("*.html")) if custom else []
    return precompile(env, [*sorted(config.theme.static_templates), "main.html", *ours])
