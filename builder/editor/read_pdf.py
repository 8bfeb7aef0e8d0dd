"""A PDF → lines: its text layer in reading order, or, for a scan, its pages through OCR.

Signed plans travel as PDFs: exported from Word (a text layer) or scanned after stamping
(only images). pdfplumber gives each word of the text layer with its box, and
`page_layout` turns the boxes into the importer's lines, keeping the two header columns
as two columns, which plain text extraction runs together. A page with next to no text is
a scan: it is rendered (pypdfium2, which pdfplumber already uses) and read by `read_scan`.
"""

from __future__ import annotations

from pathlib import Path

from builder.editor.document import ImportError_, Progress
from builder.editor.page_layout import Word, page_lines

MAX_PAGES = 60  # a plan with its annexes; a 300-page file is a book, a gazette or a scan batch
SCAN_DPI = 300
_MIN_TEXT = 20  # characters on a page below which the page is taken as a scan


def pdf_lines(path: Path, progress: Progress) -> tuple[list[str], list[str], bool]:
    """(lines, unsure OCR rows, scanned?) of the PDF at `path`."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect, PDFEncryptionError, ValueError) as err:
        if "password" in repr(err).lower() or isinstance(getattr(err, "args", [None])[0], PDFPasswordIncorrect):
            raise ImportError_("tệp PDF có mật khẩu; hãy mở bằng mật khẩu rồi lưu bản không mật khẩu "
                               "(In → Lưu thành PDF) và nhập lại") from None
        raise ImportError_("tệp PDF bị hỏng hoặc không phải PDF; hãy tải lại tệp hoặc in lại thành PDF") from None
    with pdf:
        count = len(pdf.pages)
        if count == 0:
            raise ImportError_("tệp PDF không có trang nào; hãy kiểm tra lại tệp")
        if count > MAX_PAGES:
            raise ImportError_(f"tệp PDF có {count} trang, quá dài cho một văn bản (tối đa {MAX_PAGES}); "
                               "hãy tách riêng các trang của văn bản cần nhập rồi nhập lại")
        lines: list[str] = []
        unsure: list[str] = []
        scanned = False
        for number, page in enumerate(pdf.pages, start=1):
            if count > 2:
                progress(f"Đang đọc trang {number}/{count}...")
            try:
                words = page.extract_words(use_text_flow=False, keep_blank_chars=False)
            except Exception:  # noqa: BLE001 - pdfminer raises many kinds on a damaged page
                raise ImportError_(f"trang {number} của tệp PDF bị hỏng; hãy in lại thành PDF rồi nhập lại") from None
            if sum(len(w["text"]) for w in words) < _MIN_TEXT:
                page_text, page_unsure = _ocr_page(path, number - 1)
                scanned = True
                lines += page_text
                unsure += page_unsure
            else:
                lines += page_lines([Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in words])
            lines.append("")
    return lines, unsure, scanned


def _ocr_page(path: Path, index: int) -> tuple[list[str], list[str]]:
    import pypdfium2

    from builder.editor.read_scan import ocr_image

    try:
        document = pypdfium2.PdfDocument(str(path))
        image = document[index].render(scale=SCAN_DPI / 72, grayscale=True).to_pil()
    except pypdfium2.PdfiumError:
        raise ImportError_(f"không hiển thị được trang {index + 1} của tệp PDF để đọc chữ; "
                           "hãy in lại thành PDF rồi nhập lại") from None
    return ocr_image(image)
