"""MkDocs adapter: hands the planned pages to MkDocs and adds their data to the templates.

Thin on purpose (DESIGN.md): it calls the pipeline in `on_config`, registers generated
files in `on_files`, puts each page's data into the template context, sanitizes HTML,
and turns content problems into one PluginError. No monkeypatching, no private
MkDocs imports; all state is per build, on the plugin instance.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import os
import shutil
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

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
from ..fragments import FragmentCache
from ..output_writer import OutputError, move_into, write_outputs
from ..portal import TODAY_ENV, Portal, build_portal, resolve_today
from ..problems import ContentError, Problem
from ..sanitize import sanitize_html
from ..search_index import IndexStats, SearchIndexError, write_search_index
from ..search_records import SPLIT_AT, plan_search_records
from ..site import Site
from ..status import ALL_STATUSES
from ..structured_data import PageMeta, page_meta, page_metas

log = logging.getLogger("mkdocs.plugins.portal")


class PortalConfig(Config):
    # YAML reads `today: 2024-08-01` as a date; accept both forms.
    today = c.Optional(c.Type((str, dt.date)))
    campaigns_dir = c.Type(str, default="campaigns")
    # Campaigns + exemplars from which the search index is built in two parts (search_records.SPLIT_AT).
    search_split_at = c.Type(int, default=SPLIT_AT)
    # Photo sizes kept between builds (relative to mkdocs.yml); safe to delete at any time.
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
        self.outputs_job: Background[int] | None = None
        self.search_job: Background[tuple[IndexStats, float]] | None = None
        self.staging: Path | None = None  # where the outputs child writes; moved into the site at the end
        self.metas_job: Background[dict[str, PageMeta]] | None = None  # JSON-LD and QR codes of planned pages
        self.metas: dict[str, PageMeta] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `serve` rebuilds (MkDocs ≥ 1.4).
        self.serving = command == "serve"

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when campaign files change, even if mkdocs.yml's `watch:` forgot the folder."""
        server.watch(str(Path(config.config_file_path).resolve().parent / self.config.campaigns_dir))
        return server

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.use_directory_urls:
            raise PluginError("mkdocs.yml: use_directory_urls: phải là false để trang mở được trực tiếp từ ổ đĩa")
        root = Path(config.config_file_path).resolve().parent
        try:
            option = self.config.today
            today = resolve_today(os.environ.get(TODAY_ENV), option.isoformat() if isinstance(option, dt.date) else option)
            docs = Path(config.docs_dir).resolve()
            if not docs.is_relative_to(root):
                raise PluginError("mkdocs.yml: docs_dir: phải là một thư mục bên trong dự án, ví dụ content")
            docs_dir = docs.relative_to(root).as_posix()
            self.site = Site(config.site_name, config.site_url or "", config.site_description or "")
            self.portal = build_portal(root, today, self.config.campaigns_dir, docs_dir, self.site,
                                       self.config.search_split_at)
        except ContentError as err:
            handoff.tell(str(err))
            if not self.serving:
                raise PluginError("\n" + str(err)) from None
            # The preview keeps running: the terminal and every page show the report.
            self.portal, self.errors = None, list(err.problems)
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
        self.metas = None
        self.metas_job = Background(partial(page_metas, self.portal.pages, catalog, self.site), "page-meta")
        self.updates = {url: day.isoformat() for url, day in page_updates(catalog).items()}
        # Pages editors write in content/ carry no date of their own: the commit time when
        # CI gives it (SOURCE_DATE_EPOCH), else the portal's latest change. Never the clock.
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        self.default_update = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
                               if epoch.isdigit() else portal_updated(catalog).isoformat())
        self.feeds = page_feeds(self.portal.feeds)
        self.bodies, self.content_pages = {}, []
        for path, reason in self.portal.catalog.hidden:
            log.info("Không công bố %s: %s", path, reason)
        # Warnings never fail a strict build: they are advice, printed at info level.
        for warning in self.portal.catalog.warnings:
            log.info("%s", warning.format())
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.portal is None:  # serving with content errors: no page until they are fixed
            return Files([f for f in files if not f.is_documentation_page()])
        # content/exemplars/ is source, never output: stories come back as planned pages
        # and photos as clean re-encoded sizes; unpublished files and raw photos stay out.
        for file in [f for f in files if f.src_uri.startswith(EXEMPLARS_DIR + "/")]:
            files.remove(file)
        for page in self.portal.pages:
            existing = files.get_file_from_path(page.src_uri)
            if not page.generated:
                if existing is None:
                    raise PluginError(f"content/{page.src_uri}: thiếu trang này; hãy tạo tệp (xem content/ trong mẫu)")
                continue
            if existing is not None:
                raise PluginError(f"content/{page.src_uri}: trùng địa chỉ với trang {page.url} do cổng tạo ra; "
                                  "hãy đổi tên tệp")
            files.append(File.generated(config, page.src_uri, content=_source(page)))
        produced = []
        for output in self.portal.outputs:
            if files.get_file_from_path(output.url) is not None:
                raise PluginError(f"content/{output.url}: trùng địa chỉ với tệp do cổng tạo ra; hãy đổi tên tệp")
            if output.source is not None:
                files.append(File.generated(config, output.url, abs_src_path=str(output.source)))
            else:
                # An empty placeholder, so MkDocs knows the file (a Markdown link to it is valid);
                # the real bytes come from the child and replace it in on_post_build.
                files.append(File.generated(config, output.url, content=b""))
                produced.append(output)
        self.staging = Path(config.site_dir) / ".portal-staging"
        cache = Path(config.config_file_path).resolve().parent / self.config.cache_dir
        self.outputs_job = Background(partial(write_outputs, produced, self.staging, cache), "outputs")
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # Every body is converted by now (MkDocs reads all pages before it renders any), so the
        # search index is built beside the rendering rather than after it.
        if self.portal is not None:
            self.search_job = Background(partial(_index, Path(config.site_dir), self.portal, self.bodies,
                                                 sorted(self.content_pages)), "search")
        template_filters.register(env)
        env.globals["portal_fragment"] = FragmentCache()  # per build: a rebuild under `serve` starts empty
        env.globals["portal_statuses"] = {s.key: [s.label, s.symbol] for s in ALL_STATUSES}
        return env

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        # The sitemap's <lastmod> (and the mtime inside sitemap.xml.gz) come from the
        # content's own dates, so two builds of one commit are byte-identical.
        page.update_date = self.updates.get(page.url, self.default_update)
        return page

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        if self.portal is None:
            return context
        spec = self.by_src.get(page.file.src_uri)
        context["portal_today"] = self.portal.catalog.today
        if spec is not None:
            context["portal"] = spec.data
            context["portal_title"] = spec.title
        title = spec.title if spec is not None else (page.title or "")
        if spec is not None and self.metas is None and self.metas_job is not None:
            self.metas = self.metas_job.result()  # made beside the reading of the pages; ready by now
        meta = (self.metas or {}).get(page.url) if spec is not None else None
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
        assert self.outputs_job is not None and self.search_job is not None and self.staging is not None
        try:
            stats, seconds = self.search_job.result()
            reused = self.outputs_job.result()
        except SearchIndexError as err:
            raise PluginError(f"Tìm kiếm: {err}") from None
        except OutputError as err:
            raise PluginError(str(err)) from None
        finally:
            self._stop_jobs()
        move_into(self.staging, Path(config.site_dir))
        log.info("Chỉ mục tìm kiếm: %d mục, %d tệp, %d KB, %.1f s", stats.records, stats.files, stats.bytes // 1024,
                 seconds)
        if reused:
            log.info("Dùng lại %d ảnh đã tạo ở lần trước (%s/)", reused, self.config.cache_dir)

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_jobs()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _stop_jobs(self) -> None:
        for job in (self.outputs_job, self.search_job, self.metas_job):
            if job is not None:
                job.cancel()


def _index(site_dir: Path, portal: Portal, bodies: dict[str, str],
           content_pages: list[tuple[str, str, str]]) -> tuple[IndexStats, float]:
    """The search index and how long it took (run in a child: the time is the child's)."""
    started = time.perf_counter()
    records = plan_search_records(portal.catalog, bodies, content_pages)
    stats = write_search_index(site_dir, records, portal.search_bundles)
    return stats, time.perf_counter() - started


def _source(page: Any) -> str:
    """The Markdown MkDocs reads for a generated page: front matter, then the body."""
    # The top tabs carry the navigation; the left sidebar would stay empty on these pages.
    hide = ["navigation"] if page.body else ["navigation", "toc"]
    # Material prints page.title unescaped (<title>, header); our templates use the raw
    # `portal_title` under autoescape instead.
    meta = {"template": page.template, "title": html.escape(page.title, quote=False), "hide": hide}
    front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{front}\n---\n\n{page.body}"
