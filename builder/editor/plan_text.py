"""A plan document as clean lines of text, whatever it came in: .txt, .md or .docx.

Staff receive plans as Word files, as text copied out of a PDF, or pasted from a web
page. Everything downstream works on one shape: NFC lines, tables flattened to
`cell | cell`, with emphasis markers kept (the body keeps them; field extraction
strips them). Vietnamese dates are read here too, at the precision the text gives.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # a plan is a few pages; anything larger is not one


class ImportError_(Exception):  # noqa: N801 - `ImportError` is Python's own
    """The file cannot be read as a plan; `str()` is the Vietnamese message for the editor."""


def read_lines(path: Path) -> list[str]:
    """The document's lines (NFC, no trailing spaces), tables as `a | b` rows."""
    if not path.is_file():
        raise ImportError_("không tìm thấy tệp; hãy kiểm tra tên và đường dẫn")
    size = path.stat().st_size
    if size == 0:
        raise ImportError_("tệp rỗng; hãy chọn tệp có nội dung văn bản")
    if size > MAX_BYTES:
        raise ImportError_(f"tệp lớn {size // 1024 // 1024} MB, không phải một văn bản kế hoạch; hãy kiểm tra lại tệp")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        lines = _docx_lines(path)
    elif suffix in (".txt", ".md", ".markdown", ".text", ""):
        lines = _decode(path.read_bytes()).split("\n")
    elif suffix == ".doc":
        raise ImportError_("tệp .doc (Word 97-2003) chưa đọc được; hãy mở bằng Word và lưu thành .docx")
    else:
        raise ImportError_(f"không đọc được tệp {suffix}; hãy dùng .docx, .txt hoặc .md")
    clean = [_clean(line) for line in lines]
    if not any(line.strip() for line in clean):
        raise ImportError_("tệp không có chữ nào; hãy chọn tệp có nội dung văn bản")
    return clean


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportError_("đây là tệp nhị phân, không phải văn bản; hãy dùng .docx, .txt hoặc .md")
    # Notepad saves "Unicode" as UTF-16 with a byte-order mark; everything else here is UTF-8.
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        pass
    raise ImportError_("tệp không phải văn bản UTF-8 (có thể là mã TCVN3/VNI cũ hoặc tệp nhị phân); "
                       "hãy mở tệp và lưu lại với mã Unicode UTF-8, hoặc dùng bản .docx")


def _docx_lines(path: Path) -> list[str]:
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


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("\u200b", "").replace("\t", "    ")
    return line.rstrip()


def fold_keeping_offsets(text: str) -> str:
    """Lowercase without tones, `đ` → `d`, one character for one: offsets stay valid in the original."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append("d" if base in "đ" else base)
    return "".join(out)


def plain(text: str) -> str:
    """Text without Markdown emphasis (`**`, `*`, `_`) and without surrounding spaces."""
    return re.sub(r"(\*{1,3}|(?<!\w)_{1,2}|_{1,2}(?!\w))", "", text).strip()


# ---- dates as plans write them -------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# Each pattern runs on folded text; groups are numbers.
DAY_MONTH_YEAR = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_PATTERNS = [
    ("dmy", re.compile(r"(?:ngay\s*)?" + DAY_MONTH_YEAR)),
    ("dmy", re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|/)\s*(\d{4})")),
    ("q", re.compile(r"quy\s*(iv|iii|ii|i|[1-4])\s*(?:nam|/)\s*(\d{4})")),
    ("my", re.compile(r"thang\s*(\d{1,2})\s*(?:nam|/)\s*(\d{4})")),
    ("my", re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{4})(?![\d/])")),
    ("y", re.compile(r"(?:cuoi\s*)?nam\s*(\d{4})")),
]


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO partial date) of every date phrase in `text`, left to right, no overlaps."""
    folded = fold_keeping_offsets(text)
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _iso(kind, m.groups())
            if value:
                found.append((m.start(), m.end(), value))
                taken.append((m.start(), m.end()))
    return sorted(found)


def _iso(kind: str, groups: tuple[str, ...]) -> str:
    try:
        if kind == "dmy":
            day, month, year = int(groups[0]), int(groups[1]), int(groups[2])
            return dt.date(year, month, day).isoformat()
        if kind == "q":
            quarter = _ROMAN.get(groups[0]) or int(groups[0])
            return f"{int(groups[1]):04d}-Q{quarter}"
        if kind == "my":
            month, year = int(groups[0]), int(groups[1])
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1900 <= year <= 2100 else ""
        year = int(groups[0])
        return f"{year:04d}" if 1900 <= year <= 2100 else ""
    except ValueError:
        return ""
