"""A typed text → the Word file, text PDF and scan an office would send of it (tests and the import bench).

Lines holding ` | ` (a flattened header table) become a two-column table in Word and two
columns in the PDF, as offices lay out the issuer and the national motto; every other line
is a paragraph. The PDF is typeset with fpdf2 in DejaVu Serif (Debian `fonts-dejavu-core`),
and the scan is its pages rendered at 200 dpi in grey, turned by 0.8°, with noise and JPEG
compression, as a desk scanner returns a stamped page.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

FORMATS = ("txt", "docx", "pdf", "scan")
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


def make_version(source: Path, fmt: str, folder: Path) -> Path:
    """`source` (UTF-8 text) as `fmt`, written in `folder`; the `.txt` itself for "txt"."""
    if fmt == "txt":
        return source
    lines = source.read_text(encoding="utf-8").split("\n")
    target = folder / f"{source.stem}.{'pdf' if fmt in ('pdf', 'scan') else fmt}"
    if fmt == "docx":
        write_docx(lines, target)
    else:
        write_pdf(lines, target)
        if fmt == "scan":
            target = scan_pdf(target, folder / f"{source.stem}.scan.pdf")
    return target


def write_docx(lines: list[str], target: Path) -> None:
    from docx import Document

    document = Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
            rows.clear()

    for line in lines:
        if " | " in line.strip(" |"):
            rows.append([c.strip() for c in line.strip().strip("|").split(" | ")])
            continue
        flush()
        if line.strip():
            document.add_paragraph(line.strip())
    flush()
    document.save(str(target))


def _font(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise SystemExit(f"{name} not found: install Debian's fonts-dejavu-core")


def write_pdf(lines: list[str], target: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.add_font("serif", "", str(_font("DejaVuSerif.ttf")))
    pdf.set_font("serif", size=12)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for line in lines:
        text = line.strip()
        if " | " in text.strip(" |"):
            cells = [c.strip() for c in text.strip("|").split(" | ")]
            left, right = cells[0], " ".join(cells[1:])
            y = pdf.get_y()
            pdf.multi_cell(width * 0.4, 6, left, new_x="LMARGIN", new_y="NEXT", align="C")
            bottom = pdf.get_y()
            pdf.set_xy(pdf.l_margin + width * 0.45, y)
            pdf.multi_cell(width * 0.55, 6, right, new_x="LMARGIN", new_y="NEXT", align="C")
            pdf.set_y(max(bottom, pdf.get_y()))
        elif text:
            pdf.multi_cell(width, 6, text, new_x="LMARGIN", new_y="NEXT", align="J")
            pdf.ln(2)
        else:
            pdf.ln(2)
    pdf.output(str(target))


def scan_pdf(source: Path, target: Path, seed: int = 1) -> Path:
    """The pages of `source` as a scanner's images in a PDF without a text layer."""
    import pypdfium2
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    images = []
    for page in pypdfium2.PdfDocument(str(source)):
        image = page.render(scale=200 / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(0.8, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
        noise = Image.effect_noise(image.size, 18).filter(ImageFilter.GaussianBlur(0.6))
        image = Image.blend(image, noise, 0.12)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=int(60 + rng.random() * 15))
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    images[0].save(str(target), "PDF", resolution=200, save_all=True, append_images=images[1:])
    return target
