"""Checks across files: honorees that must be published, and links that would reveal unpublished items.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from pathlib import Path

from builder.catalog.checks import (
    check_body,
    close_ids,
)
from builder.catalog.exemplars import (
    EXEMPLARS_DIR,
)
from builder.core.problems import Problems
from builder.load.sources import (
    is_ignored,
    read_text,
)
from builder.load.yamlload import Located


def check_honorees(path: str, honorees: list[str], located: Located, exemplar_hidden: dict[str, str],
                    problems: Problems) -> None:
    """`results.honorees` must name published exemplars: a public page never links to a hidden one."""
    for i, exemplar_id in enumerate(honorees):
        where = (path, *located.position(("results", "honorees", i)), f"results.honorees[{i + 1}]")
        if exemplar_id not in exemplar_hidden:
            hint = close_ids(exemplar_id, exemplar_hidden, fallback="mã là tên tệp trong content/exemplars/ (không có .md)")
            problems.add(*where, f"chưa có điển hình mã '{exemplar_id}'; {hint}")
        elif exemplar_hidden[exemplar_id]:
            problems.add(*where, f"điển hình '{exemplar_id}' chưa được công bố: {exemplar_hidden[exemplar_id]}; "
                         "trang công khai không được nhắc tới, hãy xóa dòng này cho đến khi điển hình được công bố")


_EXEMPLAR_LINK = re.compile(r"exemplars/([a-z0-9]+(?:-[a-z0-9]+)*)\.(?:md|html)\b")


# A public text as the link checks read it: (source path, the page's folder in the site, Markdown, the file's
# line the Markdown starts on: an exemplar's story comes after its front matter).
Text = tuple[str, str, str, int]
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|\bhref\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


_CAMPAIGN_PAGE = re.compile(r"campaigns/([a-z0-9]+(?:-[a-z0-9]+)*)\.(?:md|html)")


def content_pages(root: Path, content: Path, problems: Problems) -> list[Text]:
    """(path, folder in the site, text, 1) of every Markdown page editors write in content/, exemplars aside.

    These pages are rendered by the engine, not planned here; they get the same body checks
    (unsafe links, code) as campaign texts, because they reach the same citizens.
    """
    pages = []
    exemplar_dir = content / EXEMPLARS_DIR
    for folder, dirs, names in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not is_ignored(d))
        if Path(folder) == exemplar_dir:
            continue  # exemplar stories are checked with their front matter
        for name in sorted(names):
            if name.endswith(".md") and not is_ignored(name):
                source = read_text(root, Path(folder) / name, problems)
                if source is not None:
                    check_body(source, problems, header_block=True)
                    pages.append((source.path, Path(folder).relative_to(content).as_posix().strip("."), source.text, 1))
    return pages


def check_links_to_hidden(texts: list[Text], hidden_exemplars: set[str],
                           hidden_campaigns: dict[str, str], problems: Problems) -> None:
    """A link to an unpublished exemplar or campaign would reveal that it exists: that is a build error.

    Args:
        texts: (path, the page's folder in the site, Markdown, its first line in the file) of every public text.
        hidden_campaigns: id → why the campaign is not published.
    """
    if not hidden_exemplars and not hidden_campaigns:
        return
    for path, folder, text, first in texts:
        if "exemplars/" not in text and "](" not in text and "=" not in text:
            continue  # no pattern below can match: spares splitting 10,000 bodies into lines
        for number, line in enumerate(text.split("\n"), start=first):
            for match in _EXEMPLAR_LINK.finditer(line):
                if match.group(1) in hidden_exemplars:
                    problems.add(path, number, match.start() + 1, "",
                                 f"liên kết tới điển hình '{match.group(1)}' chưa được công bố; "
                                 "hãy xóa liên kết cho đến khi điển hình được công bố")
            for match in _LINK_TARGET.finditer(line):
                target = (match.group(1) or match.group(2)).split("#")[0].split("?")[0]
                if ":" in target or not target:
                    continue  # another site, mailto:, or an anchor on the same page
                resolved = posixpath.normpath(posixpath.join(folder, target))
                page = _CAMPAIGN_PAGE.fullmatch(resolved)
                if page and page.group(1) in hidden_campaigns:
                    problems.add(path, number, match.start() + 1, "",
                                 f"liên kết tới phong trào '{page.group(1)}' chưa được công bố: "
                                 f"{hidden_campaigns[page.group(1)]}; hãy xóa liên kết cho đến khi văn bản được công bố")


def check_missing_links(texts: tuple[Text, ...], known: set[str], problems: Problems) -> None:
    """A link to a page of the portal that does not exist: the engine would only warn, in English and
    without a line, and publish a dead link. `known` holds every page's source (.md) and address (.html)
    and every file the site will have, relative to the site's root."""
    pages = sorted(p for p in known if p.endswith((".md", ".html")))
    for path, folder, text, first in texts:
        if "](" not in text and "href" not in text:
            continue
        for number, line in enumerate(text.split("\n"), start=first):
            for match in _LINK_TARGET.finditer(line):
                raw = match.group(1) or match.group(2)
                target = raw.split("#")[0].split("?")[0]
                if ":" in target or not target or target.startswith("/") or not target.endswith((".md", ".html", "/")):
                    continue  # another site, an anchor, a site-root address, or a file (photos, PDFs)
                resolved = posixpath.normpath(posixpath.join(folder, target + ("index.html" if target.endswith("/") else "")))
                if resolved in known:
                    continue
                same_kind = [p for p in pages if p.rsplit(".", 1)[-1] == resolved.rsplit(".", 1)[-1]]
                near = difflib.get_close_matches(resolved, same_kind, n=2, cutoff=0.6)
                hint = f"có phải {' hoặc '.join(posixpath.relpath(n, folder or '.') for n in near)}?" if near else \
                    "hãy sửa đường dẫn hoặc xóa liên kết"
                problems.add(path, number, match.start() + 1, "",
                             f"liên kết tới '{raw}' dẫn đến trang không có trên cổng ({resolved}); {hint}")
