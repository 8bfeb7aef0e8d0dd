"""Exemplar photos re-encoded clean at each width: pixels only, no metadata can survive.

A photo passed `catalog.photos.inspect_photo` (type by content, size limits, orientation);
here it is decoded, turned upright, flattened, resized and written as a new image.
"""

from __future__ import annotations

import io
import threading

from PIL import Image, ImageOps

from builder.catalog.photos import (
    FORMATS,
    ORIENTATION_TAG,
    SWAPS_AXES,
    Photo,
    PhotoError,
    Variant,
)

QUALITY = 82


ENCODER_VERSION = 2  # bump when render_photo's output changes, so cached sizes are made again


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
                turned = img.getexif().get(ORIENTATION_TAG, 1) in SWAPS_AXES
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
