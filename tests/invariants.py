"""Whole-output invariants, checked after every successful test build.

Whatever the content, a built site must hold: no script but ours and Material's, no
`on...=` handler, no `javascript:` URL, no resource from another origin, no image
metadata, every internal link and anchor resolving, and no trace of what must not be
published. A streaming stdlib parser keeps this to milliseconds per page, so every
build in the suite can afford it.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image

# Inline scripts Material writes on every page (their text varies only by the page's depth).
MATERIAL_INLINE = ("__md_scope=new URL(", "var palette=__md_get(", "var target=document.getElementById(location.hash",
                   "/* portal-404: ")  # and the 404 page's own (theme/404.html)
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")
OUR_SCRIPTS = re.compile(r"^(assets/(javascripts/bundle\.[0-9a-f]+\.min|portal|search|exemplars|filter-panel)\.js|exemplars/data\.js)$")
RESOURCE_ATTRS = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
                  ("iframe", "src"), ("embed", "src"), ("object", "data"), ("video", "src"), ("video", "poster"),
                  ("audio", "src"), ("form", "action")}
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "background"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []  # (tag, url)
        self.scripts: list[tuple[str | None, str | None, str]] = []  # (src, type, inline text)
        self.problems: list[str] = []
        self._script: tuple[str | None, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRS and re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in <{tag} {name}>")
            if (tag, name) in RESOURCE_ATTRS:
                self.resources += [(tag, part.strip().split(" ")[0]) for part in value.split(",")] \
                    if name == "srcset" else [(tag, value)]
        if tag == "link" and values.get("rel", "") in ("stylesheet", "icon", "preload", "modulepreload"):
            self.resources.append((tag, values.get("href", "")))
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag == "script":
            self._script, self._text = (values.get("src"), values.get("type")), []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((*self._script, "".join(self._text)))
            self._script = None


def _parse(path: Path) -> _Page:
    return _parse_text(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=8192)
def _parse_text(text: str) -> _Page:
    """A page's facts, remembered by its text: most builds of a test run write pages another build
    already wrote (a rebuild, the clean build it is compared with), and parsing in pure Python was
    a tenth of the suite. The facts are only read."""
    page = _Page()
    page.feed(text)
    return page


def check_site(site: Path, site_url: str = "", excluded: Iterable[str] = ()) -> list[str]:
    """Every invariant broken in `site`, as readable lines; empty when the output is clean."""
    problems: list[str] = []
    base_path = urlsplit(site_url).path or "/"
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url)) if site_url else ""
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}

    def resolve(page: str, url: str) -> str | None:
        """The site-relative file a URL points to, or None when it leaves the site."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if origin and url.startswith(origin + base_path):
                return unquote(urlsplit(url).path[len(base_path):])
            return None
        if parts.path.startswith("/"):
            return unquote(parts.path[len(base_path):]) if parts.path.startswith(base_path) else "\0outside"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) if parts.path else page
        return target

    for name, page in pages.items():
        problems += [f"{name}: {p}" for p in page.problems]
        for src, kind, text in page.scripts:
            if src:
                target = resolve(name, src)
                if target is None or not OUR_SCRIPTS.match(target):
                    problems.append(f"{name}: script not ours: {src}")
            elif kind not in DATA_SCRIPT_TYPES and not text.startswith(MATERIAL_INLINE):
                problems.append(f"{name}: inline script not on the allowlist: {text[:60]!r}")
            elif kind == "application/ld+json" and "<" in text:
                problems.append(f"{name}: '<' inside JSON-LD")
        for tag, url in page.resources:
            if url.startswith("data:") and tag in ("img", "source"):
                continue
            target = resolve(name, url)
            if target is None:
                problems.append(f"{name}: third-party resource in <{tag}>: {url}")
            elif not (site / target).is_file():
                problems.append(f"{name}: missing resource {url}")
        for url in page.links:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel") or (parts.scheme in ("http", "https") and not url.startswith(origin or "\0")):
                continue
            target = resolve(name, url)
            if target is None:
                continue
            if target.endswith("/") or target == ".":
                target = posixpath.join(target, "index.html").lstrip("./")
            if not (site / target).is_file():
                problems.append(f"{name}: broken link {url}")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                problems.append(f"{name}: missing anchor {url}")
    for image in [p for p in site.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp")]:
        with Image.open(image) as img:
            meta = set(img.info) & {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment"}
            if len(img.getexif()) or meta:
                problems.append(f"{image.relative_to(site)}: image metadata {sorted(meta) or 'EXIF'}")
    needles = [n for n in excluded if n]
    if needles:
        for path in site.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js", ".ics", ".csv", ".txt"):
                text = path.read_text(encoding="utf-8", errors="ignore")
                problems += [f"{path.relative_to(site)}: mentions excluded {n!r}" for n in needles if n in text]
    return problems
