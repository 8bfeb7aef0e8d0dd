"""Any file an office sends → one `Document`: clean lines of text, and what the reader doubts.

Staff receive plans as Word files, signed PDFs (with a text layer, or scanned), photos of a
page, and text copied or saved from another office's portal. Everything downstream reads
one shape: NFC lines, tables and header columns flattened to `cell | cell`, emphasis
markers kept. Each format has its own reader module; this one picks it by the file's
suffix and applies the limits every format shares.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from builder.editor.document import Document, ImportError_, Progress

__all__ = ["Document", "ImportError_", "Progress", "as_document", "decode_text", "read_document"]

MAX_BYTES = 20 * 1024 * 1024  # a plan is a few pages; anything larger is not one

SCAN_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp")


def read_document(path: Path, progress: Progress | None = None) -> Document:
    """`path` read by its format. Raises ImportError_ with an editor's message."""
    if not path.is_file():
        raise ImportError_("không tìm thấy tệp; hãy kiểm tra tên và đường dẫn")
    size = path.stat().st_size
    if size == 0:
        raise ImportError_("tệp rỗng; hãy chọn tệp có nội dung văn bản")
    if size > MAX_BYTES:
        raise ImportError_(f"tệp lớn {size // 1024 // 1024} MB, không phải một văn bản kế hoạch; hãy kiểm tra lại tệp")
    report = progress or _stderr
    suffix = path.suffix.lower()
    unsure: list[str] = []
    if suffix == ".docx":
        from builder.editor.read_docx import docx_lines
        lines, fmt = docx_lines(path), "word"
    elif suffix in (".html", ".htm", ".xhtml"):
        from builder.editor.read_html import html_lines
        lines, fmt = html_lines(path.read_bytes()), "web"
    elif suffix == ".pdf":
        from builder.editor.read_pdf import pdf_lines
        lines, unsure, scanned = pdf_lines(path, report)
        fmt = "scan" if scanned else "pdf"
    elif suffix in SCAN_SUFFIXES:
        from builder.editor.read_scan import image_lines
        lines, unsure = image_lines(path)
        fmt = "scan"
    elif suffix in (".txt", ".md", ".markdown", ".text", ""):
        lines, fmt = decode_text(path.read_bytes()).split("\n"), "text"
    elif suffix == ".doc":
        raise ImportError_("tệp .doc (Word 97-2003) chưa đọc được; hãy mở bằng Word và lưu thành .docx")
    else:
        raise ImportError_(f"không đọc được tệp {suffix}; hãy dùng .docx, .pdf, .html, .txt, .md "
                           "hoặc ảnh chụp .jpg/.png")
    clean = [_clean(line) for line in lines]
    if not any(line.strip() for line in clean):
        raise ImportError_("tệp không có chữ nào; hãy chọn tệp có nội dung văn bản")
    return Document(clean, path.name, fmt, unsure)


def as_document(source: Path | Document) -> Document:
    """A document already read (the command reads a file once for every genre it tries), or read it now."""
    return source if isinstance(source, Document) else read_document(source)


def decode_text(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportError_("đây là tệp nhị phân, không phải văn bản; hãy dùng .docx, .pdf, .txt hoặc .md")
    # Notepad saves "Unicode" as UTF-16 with a byte-order mark; everything else here is UTF-8.
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        pass
    raise ImportError_("tệp không phải văn bản UTF-8 (có thể là mã TCVN3/VNI cũ hoặc tệp nhị phân); "
                       "hãy mở tệp và lưu lại với mã Unicode UTF-8, hoặc dùng bản .docx")


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("\u200b", "").replace("\t", "    ")
    return line.rstrip()


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
