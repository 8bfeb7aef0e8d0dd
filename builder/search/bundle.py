"""Make Pagefind's bundle byte-identical between two builds of the same content.

Pipeline step (outputs), run right after the Pagefind binary. Pagefind 1.5 writes its
word index and fragments deterministically, but it serializes each filter's values
from a hash map, so their order (and with it the filter files' content-hash names,
the `pf_meta` file that lists them and `pagefind-entry.json`) changes from run to
run (Pagefind/pagefind#638: "other files will still change, such as the
filter/metadata indexes"). A deploy would then re-upload them, and
`diff -r` of two builds would never be empty.

The fix reads the files back with the same format Pagefind writes (gzip of
`pagefind_dcd` + CBOR), sorts the filter values and the filter list, and writes
them again under names hashed from the canonical bytes. The layouts read here are
Pagefind's `FilterIndex` (`[filter, [[value, [pages]]...]]`) and `MetaIndex`, whose
fourth field lists `[filter, file-hash]`; an unexpected layout raises rather than
guessing, so a Pagefind upgrade fails the build instead of shipping a broken index.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
FILTERS_FIELD = 3  # MetaIndex: version, pages, stops, index chunks, filters, sorts, meta keys


class BundleFormatError(Exception):
    """The bundle is not laid out as this Pagefind version writes it."""


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise BundleFormatError(f"{path.name}: thiếu chữ ký {SIGNATURE.decode()}")
    return cbor2.loads(raw[len(SIGNATURE):])


def _write(folder: Path, prefix: str, digits: int, suffix: str, value: Any) -> str:
    """Write `value` under a name hashed from its bytes; returns the hash part of the name."""
    payload = cbor2.dumps(value)
    name = f"{prefix}{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(SIGNATURE + payload, compresslevel=9, mtime=0))
    return name


def canonicalize_bundle(bundle: Path) -> None:
    """Rewrite the filter files, `pf_meta` and `pagefind-entry.json` of `bundle` in a stable order.

    Raises:
        BundleFormatError: when a file does not have the layout described above.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) > FILTERS_FIELD and isinstance(meta[FILTERS_FIELD], list)):
            raise BundleFormatError(f"{meta_path.name}: không đúng cấu trúc MetaIndex")
        filters = []
        for name, old_hash in meta[FILTERS_FIELD]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            index = _read(old_path)
            if not (isinstance(index, list) and len(index) == 2 and index[0] == name):
                raise BundleFormatError(f"{old_path.name}: không đúng cấu trúc FilterIndex")
            values = sorted([value, sorted(pages)] for value, pages in index[1])
            old_path.unlink()
            filters.append([name, _write(bundle / "filter", f"{language}_", 7, ".pf_filter", [name, values])])
        meta[FILTERS_FIELD] = sorted(filters)
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}_", 10, ".pf_meta", meta)[len("pagefind."):]
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
