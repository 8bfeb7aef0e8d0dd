"""Word (.docx) → lines: paragraphs in order, soft line breaks kept, tables as `cell | cell` rows.

The usual header is a two-column table (issuer and number | motto and date); its cells hold
several lines each, which are zipped row by row so the header reads as a typed one does.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from builder.editor.document import ImportError_


def docx_lines(path: Path) -> list[str]:
    from docx import Document  # only the importer needs python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ImportError_("tệp .docx bị hỏng hoặc không phải tệp Word; hãy mở bằng Word và lưu lại") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph_text(child))
            lines.append("")
        elif tag == "tbl":
            lines += _table_lines(child)
            lines.append("")
    return lines


def _paragraph_text(p: object) -> str:
    """A paragraph's text with Word's soft line breaks kept as line breaks."""
    parts = []
    for node in p.iter():  # type: ignore[attr-defined]
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t" and node.text:
            parts.append(node.text)
        elif tag in ("br", "cr"):
            parts.append("\n")
        elif tag == "tab":
            parts.append("\t")
    return "".join(parts)


def _table_lines(tbl: object) -> list[str]:
    """Rows as `cell | cell`; a row of multi-line cells (the header block) is zipped line by line."""
    out = []
    for tr in tbl.iterchildren():  # type: ignore[attr-defined]
        if tr.tag.rsplit("}", 1)[-1] != "tr":
            continue
        cells = []
        for tc in tr.iterchildren():
            if tc.tag.rsplit("}", 1)[-1] != "tc":
                continue
            paras = [_paragraph_text(p) for p in tc.iter() if p.tag.rsplit("}", 1)[-1] == "p"]
            cells.append([line for para in paras for line in para.split("\n") if line.strip()])
        height = max((len(c) for c in cells), default=0)
        for i in range(height):
            out.append(" | ".join(c[i] if i < len(c) else "" for c in cells).strip(" |"))
    return out
