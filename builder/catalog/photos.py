"""Exemplar photos, as the catalog checks them: type by content, size limits, orientation.

A phone photo carries EXIF (often the GPS position of someone's home), XMP, IPTC,
comments and an orientation flag. Nothing from the original file is copied: the
pixels are decoded, rotated upright, resized, and written into a new JPEG with no
metadata at all. `inspect_photo` only reads the header, so the catalog can check
every photo cheaply; `outputs.photo_sizes.render_photo` decodes and re-encodes each published
size at output time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

FORMATS = ("JPEG", "PNG", "WEBP")
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: any phone photo, not a decompression bomb
WIDTHS = (320, 640, 960)
ORIENTATION_TAG = 0x0112
GPS_IFD = 0x8825  # the EXIF pointer to a photo's GPS position
SWAPS_AXES = {5, 6, 7, 8}  # EXIF orientations that rotate by 90°


class PhotoError(ValueError):
    """A photo we refuse to publish; the message is for the editor, in Vietnamese."""


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    url: str  # site-relative, e.g. exemplars/photos/nguyen-van-a-640-1a2b3c4d.jpg


@dataclass(frozen=True)
class Photo:
    source: Path
    alt: str
    width: int  # upright size of the original
    height: int
    variants: tuple[Variant, ...]  # smallest first
    located: bool = False  # the file in the project still holds a GPS position (published sizes never do)

    @property
    def default(self) -> Variant:
        """The `src` for browsers without srcset: the middle size."""
        return self.variants[min(1, len(self.variants) - 1)]

    @property
    def srcset(self) -> tuple[tuple[str, int], ...]:
        return tuple((v.url, v.width) for v in self.variants)


def inspect_photo(path: Path, alt: str, url_stem: str) -> Photo:
    """Check type, size and pixel count from the header and plan the published sizes.

    Args:
        url_stem: where the variants go, without width and extension
            (e.g. `exemplars/photos/nguyen-van-a`).

    Raises:
        PhotoError: not a JPEG/PNG/WebP by content, too large, or unreadable.
    """
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise PhotoError(f"ảnh nặng {size / 1024 / 1024:.1f} MB, quá giới hạn {MAX_BYTES // 1024 // 1024} MB; "
                         "hãy thu nhỏ ảnh trước khi đưa lên")
    try:
        with Image.open(path, formats=FORMATS) as img:
            width, height = img.size
            if width * height > MAX_PIXELS:  # before anything reads past the header
                raise PhotoError(f"ảnh {width}×{height} điểm ảnh, quá giới hạn {MAX_PIXELS // 1_000_000} triệu "
                                 "điểm ảnh; hãy thu nhỏ ảnh")
            exif = img.getexif()
            orientation = exif.get(ORIENTATION_TAG, 1)
            located = GPS_IFD in exif
    except Image.DecompressionBombError:
        raise PhotoError(f"ảnh quá lớn (trên {MAX_PIXELS // 1_000_000} triệu điểm ảnh); hãy thu nhỏ ảnh") from None
    except UnidentifiedImageError:
        raise PhotoError("tệp không phải ảnh JPEG, PNG hay WebP (kiểm tra theo nội dung tệp, không theo đuôi tên); "
                         "hãy lưu lại ảnh dưới dạng JPEG") from None
    except OSError as err:
        raise PhotoError(f"không đọc được ảnh ({err}); hãy lưu lại ảnh dưới dạng JPEG") from None
    if orientation in SWAPS_AXES:
        width, height = height, width
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    widths = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    variants = tuple(
        Variant(w, max(1, round(height * w / width)), f"{url_stem}-{w}-{digest}.jpg")
        for w in sorted(set(widths))
    )
    return Photo(path, alt, width, height, variants, located)


