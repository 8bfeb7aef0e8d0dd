"""MkDocs adapter: MkDocs' events call the pipeline; what is decided, kept or scheduled lives in the core.

Thin on purpose (DESIGN.md): each hook translates MkDocs' objects into the plain values
`run.build.PortalBuild` asks for, and its answers back. No monkeypatching, no private MkDocs
imports; all state is per build, on the plugin instance (a `PortalBuild`), except the cache,
the children and the tuning, which outlive a build under `serve`.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import sys
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from builder.catalog.exemplars import EXEMPLARS_DIR
from builder.core import urls
from builder.core.problems import ContentError, Problem, format_preview_report
from builder.core.site import Site
from builder.incremental.rebuild import Candidate
from builder.incremental.reuse import empty_folder
from builder.load.sources import in_portal_style
from builder.mkdocs_plugin.environment import precompile_theme, prepare_env
from builder.mkdocs_plugin.planned import (
    BodyConverter,
    PlannedPage,
    named_in_nav,
    page_source,
)
from builder.mkdocs_plugin.rebuild import (
    DirtyWarning,
    Placeholder,
    PortalFile,
    as_portal_file,
)
from builder.mkdocs_plugin.settings import PortalConfig
from builder.outputs.writer import OutputError
from builder.render.csp import with_policy
from builder.render.error_page import render_error_page
from builder.render.sanitize import sanitize_html
from builder.run import handoff
from builder.run.advice_log import LOGGER, AdviceLog
from builder.run.build import STAGING, EngineInputs, Options, PortalBuild
from builder.run.cache import BuildCache
from builder.run.jobs import BuildJobs
from builder.run.process import ProcessTuning
from builder.run.project import build_inputs
from builder.search.index import SearchIndexError

log = logging.getLogger(LOGGER)


class PortalPlugin(BasePlugin[PortalConfig]):
    """`plugins: [portal]` in mkdocs.yml."""

    def __init__(self) -> None:
        self.serving = self.dirty = False  # under `mkdocs serve`: content errors become a page, not a stop
        self.build: PortalBuild | None = None  # None: the content has errors (only while serving)
        self.errors: list[Problem] = []
        self.site = Site("")
        self.cache: BuildCache | None = None
        self.advice = AdviceLog(False)
        self.jobs, self.tuning, self.dirty_filter = BuildJobs(), ProcessTuning(), DirtyWarning()
        self.sources: dict[str, bytes] = {}  # src_uri → bytes of each page from content/, read in on_nav
        self.converter: BodyConverter | None = None
        self.doc_files: list[File] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `serve` rebuilds (MkDocs ≥ 1.4).
        self.serving, self.dirty, self.advice = command == "serve", dirty, AdviceLog(command == "serve")
        self.tuning.start(self.serving)
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(self.dirty_filter)

    def on_shutdown(self) -> None:
        self.tuning.stop()
        logging.getLogger("mkdocs.commands.build").removeFilter(self.dirty_filter)
        self.jobs.shut_down()  # a build stopped half-way (Ctrl+C, SIGTERM) leaves its children running

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when campaign files change, even if mkdocs.yml's `watch:` forgot the folder."""
        server.watch(str(Path(config.config_file_path).resolve().parent / self.config.campaigns_dir))
        return server

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.use_directory_urls:
            raise PluginError("mkdocs.yml: use_directory_urls: phải là false để trang mở được trực tiếp từ ổ đĩa")
        root = Path(config.config_file_path).resolve().parent
        if self.cache is None or self.cache.folder != root / self.config.cache_dir:
            self.cache = BuildCache(root / self.config.cache_dir, self.serving, self.config.cache_dir)
        if self.serving:
            self.jobs.collect_pending_search(self.cache)
        if self.cache.templates_cold():  # compiled on the other core while the content loads
            self.jobs.start_templates(partial(precompile_theme, config, self.cache.templates))
        docs = Path(config.docs_dir).resolve()
        if not docs.is_relative_to(root):
            raise PluginError("mkdocs.yml: docs_dir: phải là một thư mục bên trong dự án, ví dụ content")
        self.site = Site(config.site_name, config.site_url or "", config.site_description or "")
        options = Options(root, self.config.campaigns_dir, docs.relative_to(root).as_posix(), self.site,
                          self.config.search_split_at, self.config.notice_retention_days, self.config.members,
                          self.config.cache_dir)
        try:
            today, previous, epoch = build_inputs(os.environ, self.config.today, Path(config.site_dir), self.serving,
                                                  self.dirty)
            self.build = PortalBuild.start(self.cache, self.jobs, self.advice, options, today, Path(config.site_dir),
                                           previous, epoch)
        except ContentError as err:
            handoff.tell(str(err))
            if not self.serving:
                raise PluginError("\n" + str(err)) from None
            # The preview keeps running and every address falls through to the report (404.html):
            # a dirty build does not empty the folder, so the last good build's pages go here.
            self.build, self.errors = None, list(err.problems)
            empty_folder(Path(config.site_dir))
            print(format_preview_report(self.errors), file=sys.stderr, flush=True)
            config.nav = None
            return config
        self.errors = []
        handoff.tell(None)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build, cache = self.build, self.cache
        if build is None or cache is None:  # serving with content errors: no page until they are fixed
            return Files([f for f in files if not f.is_documentation_page()])
        # content/exemplars/ is source, never output: stories come back as planned pages and photos
        # as clean re-encoded sizes. Collisions with content/ were refused by `build_portal`.
        files = Files([as_portal_file(f) for f in files if not f.src_uri.startswith(EXEMPLARS_DIR + "/")])
        for output in build.portal.outputs:  # a produced one is a placeholder: the outputs child writes it
            files.append(File.generated(config, output.url, abs_src_path=str(output.source)) if output.source
                         else Placeholder.generated(config, output.url, content=b""))
        build.start_outputs()  # before the pages: in a small rebuild it is what the build waits for
        planned = [(PortalFile.generated(config, page.src_uri, content=page_source(page)), page)
                   for page in build.portal.pages if page.generated]
        for file, _ in planned:
            files.append(file)
        in_nav = named_in_nav(config, files)
        context = build.body_context((config["markdown_extensions"], config["mdx_configs"]))
        self.converter = BodyConverter(config, context, cache.converted_bodies)
        for file, page in planned:
            if file.src_uri not in in_nav:
                PlannedPage(file, config, page, self.converter)
        return files

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        """Ask the core which pages a dirty build keeps from the previous site (it links them into place)."""
        build, cache = self.build, self.cache
        if build is None or cache is None:
            return nav
        # Pages from content/ are hashed now, as close to MkDocs' read as possible: a file saved during
        # the build must not be recorded as built while the site holds the version before.
        self.sources = {f.src_uri: f.content_bytes for f in files.documentation_pages()
                        if isinstance(f, PortalFile) and f.generated_by is None}
        must_read = {page.file.src_uri for page in nav.pages if page.title is None or page.file.generated_by is None}
        pages = [f for f in files.documentation_pages() if isinstance(f, PortalFile)]
        engine = EngineInputs(Path(config.config_file_path), Path(config.theme.custom_dir) if config.theme.custom_dir
                              else None, Path(config.config_file_path).resolve().parent, [f.src_uri for f in files],
                              [page.file.content_bytes for page in nav.pages if page.title is None])
        kept = build.decide_kept(engine, [self._candidate(f) for f in pages], must_read)
        for file in pages:
            file.changed = file.src_uri not in kept
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        if self.build is not None:
            self.doc_files = files.documentation_pages()
            for file in self.doc_files:
                assert file.page is not None
                # The sitemap's <lastmod> comes from the content's own dates. Set here, not when a page
                # is read, because kept pages are not read.
                file.page.update_date = self.build.updates.get(file.page.url, self.build.default_update)
                if file.src_uri in self.build.kept:
                    self.build.take_kept(file.page.url)
            self.build.start_search(len(self.doc_files))  # every body is converted by now
        assert self.cache is not None
        return prepare_env(env, config, self.cache.templates)

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        if self.build is None:
            return context
        spec, meta = self.build.page_meta(page.url, page.file.src_uri, page.title or "")
        context["portal_today"] = self.build.portal.catalog.today
        if spec is not None:
            context["portal"], context["portal_title"] = spec.data, spec.title
        context["portal_meta"] = meta
        if meta.description and not page.meta.get("description"):
            page.meta["description"] = html.escape(meta.description)  # Material prints it unescaped
        context["portal_feed"] = self.build.feeds.get(urls.first_page(page.url))  # a listing's pages offer its feed
        return context

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return in_portal_style(markdown)  # content/'s pages in the style campaigns are read in

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        clean = sanitize_html(html)
        if self.build is not None:
            self.build.keep_body(page.file.src_uri in self.build.by_src, page.url, page.title or "", clean)
        return clean

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return with_policy(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.build is None:
            for name in ("index.html", "404.html"):
                (Path(config.site_dir) / name).write_text(render_error_page(self.errors), encoding="utf-8")
            return
        converter = self.converter
        try:
            self.build.finish([self._candidate(f) for f in self.doc_files if isinstance(f, PortalFile)], self.dirty,
                              (converter.known, converter.made) if converter and converter.new else None,
                              (f.src_uri for f in self.doc_files))
        except SearchIndexError as err:
            raise PluginError(f"Tìm kiếm: {err}") from None
        except OutputError as err:
            raise PluginError(str(err)) from None

    def on_build_error(self, *, error: Exception) -> None:
        if self.cache is not None:
            self.cache.forget_store()
        self.jobs.abandon()
        if self.build is not None:
            shutil.rmtree(self.build.site_dir / STAGING, ignore_errors=True)

    def _candidate(self, file: File) -> Candidate:
        source = self.sources.get(file.src_uri)
        return Candidate(file.src_uri, file.url, file.dest_uri, Path(file.abs_dest_path),
                         (lambda: source) if source is not None else (lambda: file.content_bytes))
