"""Planned pages as MkDocs reads them: front matter from the plan, Markdown only where there is a body.

Pipeline step (pages → render), adapter side. A generated page's source is front matter
plus its body (`page_source`); MkDocs needs that text as the file's content (links, the
fingerprint). Reading it back is wasted work, though: MkDocs parses the front matter's
YAML for every page and builds a new Python-Markdown instance with every extension even
for the half of a national portal's pages (listings) that have no body at all. A
`PlannedPage` takes its meta from the plan and skips Markdown for an empty body; MkDocs
lets a plugin set `File.page` to a `Page` subclass (Material's blog does the same). Pages
named in mkdocs.yml's `nav` are left to MkDocs, which gives them the title written there.
The pages with a body share one Python-Markdown instance per build (`BodyConverter`), which
also keeps the bodies it converted for the next build (`Converted`).
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta as front_matter

from builder.plan.listing import PageSpec


def planned_meta(page: PageSpec) -> dict[str, Any]:
    """The front matter of a generated page, as MkDocs' YAML reading of `page_source` gives it."""
    # The top tabs carry the navigation; the left sidebar would stay empty on these pages.
    hide = ["navigation"] if page.body else ["navigation", "toc"]
    # Material prints page.title unescaped (<title>, header); our templates use the raw
    # `portal_title` under autoescape instead.
    return {"template": page.template, "title": html.escape(page.title, quote=False), "hide": hide}


def page_source(page: PageSpec) -> str:
    """The Markdown MkDocs knows a generated page by: front matter, then the body."""
    # JSON is YAML, and quotes any title safely.
    lines = (f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in planned_meta(page).items())
    return "---\n" + "\n".join(lines) + f"\n---\n\n{page.body}"


class Converted(NamedTuple):
    """What converting one page's body set on the page, kept for the next build (by `src_uri`)."""

    digest: str  # of the Markdown and of what converting it depends on (`BodyConverter`'s context)
    content: str
    toc_tokens: list[dict[str, Any]]
    title: str | None
    anchors: frozenset[str]
    own_links: dict[str, str]  # links to the page's own headings (the permalinks): anchor → href


def self_contained(text: str) -> bool:
    """Whether a body can link only to its own headings: no Markdown link, image or reference
    definition, no HTML. Converting it then reads no other page and logs nothing (MkDocs warns
    about links), so its result depends on the text and the converter alone, and can be kept."""
    return "](" not in text and "]:" not in text and "<" not in text


class BodyConverter:
    """One Python-Markdown instance for every generated page of a build, reset between pages.

    MkDocs builds a new instance with every extension for every page: 4% of a national
    portal's main process. Python-Markdown is made to be reused (`Markdown.reset()`, which
    also resets every extension that keeps state). The four processors MkDocs adds per page
    are made again for each page and registered under MkDocs' names, replacing the last
    page's. This mirrors `Page.render` of MkDocs 1.6.1 (pinned), private processors
    included; `tests/test_planned_page.py` holds the two to the same results, page after page.

    Converting the bodies was a fifth of a 10,000-page build's main process, and a build whose
    date changed (the daily one) or a CI clone without the last site renders every page again.
    So a `self_contained` body's result is kept (`made`) and taken from `known` (the last build's,
    loaded at the first such body) when its digest matches: the Markdown, and `context`, which
    stands for the rest (the code, the installed packages, mkdocs.yml's extensions and options).
    An extension that reads other files into a body (an include) is not seen, as it is not by
    the page fingerprints either (fingerprints.py).
    """

    def __init__(self, config: MkDocsConfig, context: bytes = b"",
                 known: Callable[[], Mapping[str, Converted]] | None = None) -> None:
        self._config = config
        self._md: markdown.Markdown | None = None
        self._context = context
        self._load = known
        self._known: Mapping[str, Converted] | None = None
        self.made: dict[str, Converted] = {}  # this build's bodies by src_uri, converted or taken from `known`
        self.new = 0  # how many of `made` were converted in this build

    @property
    def known(self) -> Mapping[str, Converted]:
        if self._known is None:
            self._known = self._load() if self._load is not None else {}
        return self._known

    def render(self, page: Page, files: Files) -> None:
        """What `Page.render` sets: content, toc, title from an h1, anchors and links to anchors."""
        text = page.markdown or ""
        digest = None
        if self._load is not None and self_contained(text):
            digest = hashlib.blake2b(self._context + text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
            kept = self.known.get(page.file.src_uri)
            if isinstance(kept, Converted) and kept.digest == digest:
                self._apply(page, kept)
                self.made[page.file.src_uri] = kept
                return
        toc_tokens, title, own = self._convert(page, files)
        if digest is not None and page.present_anchor_ids is not None and set(own) <= {page.file}:
            self.made[page.file.src_uri] = Converted(digest, page.content or "", toc_tokens, title,
                                                     frozenset(page.present_anchor_ids), dict(own.get(page.file, {})))
            self.new += 1

    def _apply(self, page: Page, kept: Converted) -> None:
        page.content = kept.content
        page.toc = get_toc(kept.toc_tokens)
        page._title_from_render = kept.title
        page.present_anchor_ids = set(kept.anchors)
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {page.file: dict(kept.own_links)} if kept.own_links else {}

    def _convert(self, page: Page, files: Files) -> tuple[list[dict[str, Any]], str | None, dict[File, dict[str, str]]]:
        config = self._config
        if self._md is None:
            self._md = markdown.Markdown(extensions=config["markdown_extensions"],
                                         extension_configs=config["mdx_configs"] or {})
        md = self._md
        md.reset()
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown or "")
        toc_tokens = getattr(md, "toc_tokens", [])
        page.toc = get_toc(toc_tokens)
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
        return toc_tokens, title.title, relative.links_to_anchors


class PlannedPage(Page):
    """A generated page whose meta comes from its `PageSpec`; an empty body is not run through Markdown."""

    def __init__(self, file: File, config: MkDocsConfig, spec: PageSpec,
                 converter: BodyConverter | None = None) -> None:
        super().__init__(None, file, config)
        self.spec = spec
        self.converter = converter  # shared by the build's pages; None: a new Markdown instance, as MkDocs does

    def read_source(self, config: MkDocsConfig) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            self.markdown, self.meta = self.spec.body, planned_meta(self.spec)
        else:  # another plugin supplies the text: read it as MkDocs would
            self.markdown, self.meta = front_matter.get_data(source)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            if self.converter is None or self.markdown is None:
                super().render(config, files)
            else:
                self.converter.render(self, files)
            return
        # What Python-Markdown gives for an empty document, without building one.
        self.content, self.toc = "", get_toc([])
        self.present_anchor_ids, self.links_to_anchors = set(), {}


def _nav_paths(entry: Any) -> Iterator[str]:
    if isinstance(entry, str):
        yield entry.lstrip("/")
    elif isinstance(entry, dict):
        for value in entry.values():
            yield from _nav_paths(value)
    elif isinstance(entry, list):
        for value in entry:
            yield from _nav_paths(value)


def named_in_nav(config: MkDocsConfig, files: Files) -> set[str]:
    """The `src_uri`s of the files mkdocs.yml's `nav` names (with the title to show), if it has one."""
    named = (files.get_file_from_path(path) for path in _nav_paths(config.nav or []))
    return {file.src_uri for file in named if file is not None}
