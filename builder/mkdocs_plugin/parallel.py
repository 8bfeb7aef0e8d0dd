"""Part of the pages rendered in a forked child while MkDocs renders the rest.

MkDocs renders one page at a time, and rendering is most of a large build (38 of 71 s
for 15,120 pages). Under `--dirty` MkDocs skips every page whose file says it is not
modified, so the adapter hands every second planned page to a child (`background.py`)
and marks it unmodified: the child runs the same steps as MkDocs' page loop
(`get_context`, the page's template, the `on_page_context` and `on_post_page` events,
the write), on the forked copy of the same navigation, environment and plugin state.

Only when `portal` is the only plugin: another plugin might keep per-page state that a
child's copy would lose. Warnings the child logs come back and are logged again by the
adapter, so `--strict` still counts them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

MIN_PAGES = 1000  # below this a fork is not worth its start-up


class PageRenderError(Exception):
    """A page the child rendered failed; the message names the page."""


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


def render_pages(pages: Sequence[Page], config: MkDocsConfig, nav: Any, doc_files: Sequence[Any],
                 env: Environment) -> list[tuple[int, str]]:
    """Render and write `pages`; returns the warnings logged meanwhile, as (level, message)."""
    caught = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(caught)
    try:
        for page in pages:
            page.active = True  # what MkDocs sets: the navigation marks the current page
            try:
                context = get_context(nav, doc_files, config, page)
                template = env.get_template(page.meta.get("template", "main.html"))
                context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
                output = config.plugins.on_post_page(template.render(context), page=page, config=config)
            except Exception as err:  # noqa: BLE001 - reported for this page, as MkDocs would
                raise PageRenderError(f"Error building page '{page.file.src_uri}': {err}") from None
            finally:
                page.active = False
            if output.strip():
                path = Path(page.file.abs_dest_path)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(output.encode("utf-8", errors="xmlcharrefreplace"))
    finally:
        logger.removeHandler(caught)
    return caught.records
