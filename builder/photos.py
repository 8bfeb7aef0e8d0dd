"""Exemplar photos: checked by content, then re-encoded clean at a few widths.

A phone photo carries EXIF (often the GPS position of someone's home), XMP, IPTC,
comments and an orientation flag. Nothing from the original file is copied: the
pixels are decoded, rotated upright, resized, and written into a new JPEG with no
metadata at all. `inspect_photo` only reads the header, so the catalog can check
every photo cheaply; `render_photo` decodes and re-encodes each published size (a `Decoder`
decodes a photo once for the sizes that need the same scale).
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = ("JPEG", "PNG", "WEBP")
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: any phone photo, not a decompression bomb
WIDTHS = (320, 640, 960)
QUALITY = 82
ENCODER_VERSION = 2  # bump when render_photo's output changes, so cached sizes are made again
_ORIENTATION_TAG = 0x0112
_SWAPS_AXES = {5, 6, 7, 8}  # EXIF orientations that rotate by 90°


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
            orientation = img.getexif().get(_ORIENTATION_TAG, 1)
    except Image.DecompressionBombError:
        raise PhotoError(f"ảnh quá lớn (trên {MAX_PIXELS // 1_000_000} triệu điểm ảnh); hãy thu nhỏ ảnh") from None
    except UnidentifiedImageError:
        raise PhotoError("tệp không phải ảnh JPEG, PNG hay WebP (kiểm tra theo nội dung tệp, không theo đuôi tên); "
                         "hãy lưu lại ảnh dưới dạng JPEG") from None
    except OSError as err:
        raise PhotoError(f"không đọc được ảnh ({err}); hãy lưu lại ảnh dưới dạng JPEG") from None
    if orientation in _SWAPS_AXES:
        width, height = height, width
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    widths = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    variants = tuple(
        Variant(w, max(1, round(height * w / width)), f"{url_stem}-{w}-{digest}.jpg")
        for w in sorted(set(widths))
    )
    return Photo(path, alt, width, height, variants)


def cache_key(variant: Variant) -> str:
    """Where a rendered size is kept between builds: its URL already holds the source's digest and width."""
    return f"photos-v{ENCODER_VERSION}-q{QUALITY}/{variant.url.rsplit('/', 1)[-1]}"


class Decoder:
    """The last decoded photo of each thread, kept for that thread's next size of the same photo.

    The sizes of one photo are made one after the other, and two of them often decode at the
    same scale: an 800-pixel photo's 640 and 800 sizes both at full scale, a phone photo's 640
    and 960 sizes both at a quarter. That scale is then decoded once. Only one photo per thread
    is held, so memory does not grow with the portal. One per build's outputs; the writer makes
    each photo's sizes in one thread (output_writer.py), several photos at once.
    """

    def __init__(self) -> None:
        self._last = threading.local()  # .key: (path, decoded size), .image
        self._count = threading.Lock()
        self.decodes = 0  # how many times a file was decoded

    def upright(self, photo: Photo, variant: Variant) -> Image.Image:
        """RGB pixels, upright, decoded at the smallest scale that covers `variant`.

        Raises:
            PhotoError: the file is damaged (it passed the header check but does not decode).
        """
        try:
            with Image.open(photo.source, formats=FORMATS) as img:
                # JPEG: decode at 1/2, 1/4 or 1/8 scale when that still covers the variant on both axes,
                # as Pillow's thumbnail() does. The variant's size as the file stores it, before EXIF turns
                # it upright: a square box of its long side would decode a 12-megapixel photo's 960-pixel
                # size at 2000×1500 instead of 1000×750.
                turned = img.getexif().get(_ORIENTATION_TAG, 1) in _SWAPS_AXES
                img.draft("RGB", (variant.height, variant.width) if turned else (variant.width, variant.height))
                key = (photo.source, img.size)  # the scale the decoder will use
                last = self._last
                image = last.image if getattr(last, "key", None) == key else None
                if image is None:
                    last.key, last.image = None, None  # let the last photo go before decoding the next
                    image = _flatten(ImageOps.exif_transpose(img))
                    last.key, last.image = key, image
                    with self._count:
                        self.decodes += 1
        except (OSError, ValueError, Image.DecompressionBombError) as err:
            raise PhotoError(f"ảnh bị hỏng, không giải mã được ({err}); hãy lưu lại ảnh dưới dạng JPEG") from None
        return image


def render_photo(photo: Photo, variant: Variant, decoder: Decoder | None = None) -> bytes:
    """A new JPEG of `variant`'s size holding only pixels: no EXIF, XMP, ICC or comment.

    Args:
        decoder: keeps the decoded pixels for the photo's next size (else a fresh one).

    Raises:
        PhotoError: the file is damaged (it passed the header check but does not decode).
    """
    rgb = (decoder or Decoder()).upright(photo, variant)
    resized = rgb.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
    # A fresh image from raw pixels: `info` (comments, EXIF, ICC) cannot survive.
    clean = Image.frombytes("RGB", resized.size, resized.tobytes())
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def _flatten(img: Image.Image) -> Image.Image:
    """RGB on a white background: transparent PNG/WebP areas must not turn black."""
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")
