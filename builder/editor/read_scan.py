"""A scanned page or a photo of one → lines, through Tesseract OCR with its Vietnamese data.

pytesseract drives the `tesseract` program (Debian: `tesseract-ocr tesseract-ocr-vie`).
Each word comes with its box and confidence; `page_layout` makes the lines, and rows with a
word below `CONFIDENCE` are kept as unsure: the fields read from them are flagged in the report. A page photographed sideways
or upside down is turned by Tesseract's orientation detection first. Without the program or
its Vietnamese data, the editor is told what to install; every other format still imports.
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image, ImageFilter, ImageOps

from builder.editor.document import ImportError_
from builder.editor.page_layout import Word, doubtful_rows, page_lines

CONFIDENCE = 60  # Tesseract's per-word confidence (0-100) below which a row is flagged
_UPRIGHT_BELOW = 70  # mean confidence under which the page's orientation is checked
_MIN_SIDE = 1800  # pixels: a phone photo or a 150 dpi scan is enlarged to about 200 dpi for OCR
_INSTALL = ("chưa cài chương trình đọc chữ trong ảnh (Tesseract và dữ liệu tiếng Việt); trên Debian/Ubuntu: "
            "sudo apt-get install tesseract-ocr tesseract-ocr-vie. Các tệp .docx, .pdf có chữ, .html, .txt vẫn nhập được")


def image_lines(path: Path) -> tuple[list[str], list[str]]:
    try:
        with Image.open(path) as img:
            image = ImageOps.exif_transpose(img).convert("L")
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ImportError_("ảnh bị hỏng hoặc không phải ảnh; hãy chụp hoặc quét lại trang văn bản") from None
    return ocr_image(image)


def ocr_image(image: Image.Image) -> tuple[list[str], list[str]]:
    """(lines, rows holding a word read below `CONFIDENCE`) of one page image."""
    pytesseract = _tesseract()
    image = image.convert("L")
    scale = max(1.0, _MIN_SIDE / min(image.size))  # from the whole page: a short text's crop is not small print
    sideways = image.width > image.height * 1.2  # a page is taller than wide: turn it before reading
    if sideways:
        image = _upright(pytesseract, image) or image
    image = _text_area(straighten(image))
    if scale > 1:
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    words = _words(pytesseract, image)
    if not sideways and _mean(words) < _UPRIGHT_BELOW:  # upside down reads as confident-looking noise
        turned = _upright(pytesseract, image)
        if turned is not None:
            again = _words(pytesseract, turned)
            words = again if _mean(again) > _mean(words) else words
    unsure = [_mend(row) for row in doubtful_rows(words, CONFIDENCE)]
    return _mend("\n".join(page_lines(words))).split("\n"), unsure  # a mend may span a line break


# What Tesseract's Vietnamese model gets wrong in this genre: the Icelandic Ð for Đ (doubled in
# "QĐÐ"), and "THI ĐUA" read with a tone mark ("THỊ ĐUA", "thí đua": no such phrase).
_MENDS = ((re.compile(r"ĐÐ|ÐĐ|Ð"), "Đ"), (re.compile(r"ð"), "đ"), (re.compile(r"\b([Tt])(?:HỊ|hị|HÍ|hí|HÌ|hì)(\s+)(ĐUA|đua)\b"), None))


def _mend(line: str) -> str:
    for pattern, replacement in _MENDS:
        if replacement is None:
            line = pattern.sub(lambda m: m.group(1) + ("HI" if m.group(1) == "T" and m.group(3).isupper() else "hi")
                               + m.group(2) + m.group(3), line)
        else:
            line = pattern.sub(replacement, line)
    return line


def straighten(image: Image.Image) -> Image.Image:
    """The page turned level when photographed at a slant (up to 15°).

    Rows of words and the header's two columns are found by height (`page_layout`), which a
    slant of 3° already mixes up; Tesseract itself reads nothing at 10°. The angle is the one
    whose rotation makes the ink's row profile the most uneven (text lines and the gaps between
    them line up), searched by whole degrees and then by fifths on a reduced copy.
    """
    factor = max(1, max(image.size) // 900)
    ink = image.reduce(factor).point(lambda v: 255 if v < 150 else 0)

    def unevenness(angle: float) -> float:
        rows = list(ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
                    .resize((1, ink.height), Image.Resampling.BOX).get_flattened_data())
        mean = sum(rows) / len(rows)
        return sum((v - mean) ** 2 for v in rows)

    best = max(range(-15, 16), key=unevenness)
    fine = max((best + step / 5 for step in range(-5, 6)), key=unevenness)
    if abs(fine) < 0.3:
        return image
    return image.rotate(fine, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _mean(words: list[Word]) -> float:
    return sum(w.confidence for w in words) / len(words) if words else 0.0


def _text_area(image: Image.Image) -> Image.Image:
    """The page without its blank margins: Tesseract's time grows with the pixels it is given."""
    small = image.reduce(4).filter(ImageFilter.MedianFilter(3))  # scanner speckles are not text
    box = small.point(lambda v: 255 if v < 140 else 0).getbbox()
    if not box:
        return image
    margin = 12
    left, top, right, bottom = (max(0, box[0] - margin) * 4, max(0, box[1] - margin) * 4,
                                min(small.width, box[2] + margin) * 4, min(small.height, box[3] + margin) * 4)
    return image.crop((left, top, min(right, image.width), min(bottom, image.height)))


def _tesseract():  # type: ignore[no-untyped-def]
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError):
        raise ImportError_(_INSTALL) from None
    if "vie" not in languages:
        raise ImportError_(_INSTALL)
    return pytesseract


def _words(pytesseract, image: Image.Image) -> list[Word]:  # type: ignore[no-untyped-def]
    data = pytesseract.image_to_data(image, lang="vie", config="--psm 3", output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if text.strip() and confidence >= 0:
            left, top = data["left"][i], data["top"][i]
            words.append(Word(text.strip(), left, left + data["width"][i], top, top + data["height"][i], confidence))
    return words


def _upright(pytesseract, image: Image.Image) -> Image.Image | None:  # type: ignore[no-untyped-def]
    try:
        rotate = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT)["rotate"]
    except pytesseract.TesseractError:
        return None
    return image.rotate(-rotate, expand=True) if rotate else None
