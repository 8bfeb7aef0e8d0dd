"""Photos as the project keeps them: upright and without metadata (`portal strip-photos`, the form editor).

A phone writes where and with what a photo was taken (EXIF: GPS position, serial number,
time) into the file. The published sizes are re-encoded from pixels and hold none of it
(`outputs/photo_sizes.py`), but the original in `content/exemplars/photos/` reaches the office's
Git host, and anyone who can read the repository, when it is pushed. The form editor saves
uploads through `without_metadata`; `portal strip-photos` does the same to files copied in by
hand, which `portal check` names in a warning.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def without_metadata(data: bytes) -> bytes:
    """The photo turned upright and saved again from its pixels alone; `data` itself when Pillow cannot
    read it (`portal check` then names the file)."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format or "JPEG"
            pixels = ImageOps.exif_transpose(img).convert("RGB" if fmt == "JPEG" else "RGBA")
            clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
            out = io.BytesIO()
            clean.save(out, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
            return out.getvalue()
    except (OSError, ValueError, Image.DecompressionBombError):
        return data


def has_metadata(path: Path) -> bool:
    try:
        with Image.open(path) as img:
            return bool(img.getexif()) or any(k in img.info for k in ("exif", "xmp", "comment", "icc_profile"))
    except (OSError, ValueError, Image.DecompressionBombError):
        return False


def strip_folder(folder: Path) -> list[Path]:
    """Rewrite every photo under `folder` that holds metadata; the ones rewritten."""
    done = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.suffix.lower() in PHOTO_SUFFIXES and path.is_file() and has_metadata(path):
            cleaned = without_metadata(path.read_bytes())
            partial = path.with_name(f".{path.name}.part")
            partial.write_bytes(cleaned)
            partial.replace(path)
            done.append(path)
    return done
