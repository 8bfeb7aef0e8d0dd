"""A saved web page (.html) → the document's lines, the portal's chrome around it dropped.

Offices copy plans from other offices' portals: the page carries menus, banners, share
buttons and footers around the document, and often lays the document's own header out
as a two-column table. Scripts, styles and navigation elements are dropped; the content
is the smallest element that still holds most of the page's text that is not links (menus
are links, a document is sentences); tables become `cell | cell` rows as Word tables do.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from builder.editor.document import ImportError_

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button",
         "select", "template", "head", "object", "video", "audio", "canvas", "map")
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
          "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "tbody", "thead"}
_CONTENT_SHARE = 0.8  # the content root holds at least this share of the page's non-link text


def html_lines(data: bytes) -> list[str]:
    try:
        root = lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(encoding=_encoding(data)))
    except (etree.ParserError, ValueError, LookupError):
        raise ImportError_("tệp .html không đọc được (trang rỗng hoặc hỏng); hãy lưu lại trang web "
                           "(Ctrl+S, “Chỉ HTML”) hoặc chép chữ vào tệp .txt") from None
    for element in list(root.iter(*_DROP)):  # listed first: dropping while iterating skips elements
        if element.getparent() is not None:
            element.drop_tree()
    etree.strip_elements(root, etree.Comment, with_tail=False)
    body = root.find("body")
    content = _content_root(body if body is not None else root)
    lines = _lines(content)
    out: list[str] = []
    for line in lines:  # no runs of blank lines
        if line or (out and out[-1]):
            out.append(line)
    return out


def _encoding(data: bytes) -> str:
    """The page's declared charset; else UTF-8 when it decodes (a page saved without a declaration)."""
    declared = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.IGNORECASE)
    if declared:
        return declared.group(1).decode("ascii").lower()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "windows-1252"
    return "utf-8"


def _own_text(element: etree._Element) -> int:
    """Characters of text in `element` outside links."""
    total = len(" ".join(element.text_content().split()))
    links = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return total - links


def _content_root(body: etree._Element) -> etree._Element:
    whole = _own_text(body)
    best = body
    for element in body.iter("div", "article", "main", "section", "td", "table"):
        if _own_text(element) >= _CONTENT_SHARE * whole and len(element.text_content()) < len(best.text_content()):
            best = element
    return best


def _lines(element: etree._Element) -> list[str]:
    """The element's text as lines: a block starts a line, `br` breaks one, tables are rows."""
    lines = [""]

    def add(text: str | None) -> None:
        if text:
            lines[-1] += text  # spacing is collapsed when the line ends

    def block_break(blank: bool) -> None:
        lines[-1] = " ".join(lines[-1].split())
        if lines[-1]:
            lines.append("")
        if blank and lines[-1] == "" and len(lines) > 1 and lines[-2] != "":
            lines.append("")

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "table":
            block_break(False)
            if lines[-1] == "":
                lines.pop()
            lines.extend(_table_rows(node))
            lines.append("")
            lines.append("")
        else:
            if tag in _BLOCK:
                block_break(False)
            if tag == "br":
                block_break(False)
            add(node.text)
            for child in node:
                walk(child)
                add(child.tail)
            if tag in _BLOCK:
                block_break(tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "div"))

    walk(element)
    return [" ".join(line.split()) for line in lines]


def _table_rows(table: etree._Element) -> list[str]:
    """Rows as `cell | cell`; cells of several lines (a header block) are zipped line by line."""
    out: list[str] = []
    for tr in table.iter("tr"):
        if tr.getparent() is not None and _nearest_table(tr) is not table:
            continue
        cells = [[line for line in _lines(td) if line] for td in tr if td.tag in ("td", "th")]
        filled = [c for c in cells if c]
        if len(filled) <= 1:  # a layout table's cell holding the page: its lines as they are
            out.extend(filled[0] if filled else [])
            continue
        height = max(len(c) for c in cells)
        for i in range(height):
            out.append(" | ".join(c[i] if i < len(c) else "" for c in cells).strip(" |"))
    return out


def _nearest_table(node: etree._Element) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent
