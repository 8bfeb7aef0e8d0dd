"""Digests of what pages are made from: template data, files, the code, the installed packages.

Hashing `repr(data)` was measured at 192 s for 10,000 records: page data holds catalog
objects, and the home page alone repeats them to 105 MB of text. `DataDigest` hashes
each object once per build and reuses its digest wherever the object appears again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import os
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel

CODE_DIR = Path(__file__).resolve().parent.parent


_ATOMS = (int, float, bool, type(None))


def hash_parts(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


class DataDigest:
    """Digests of template data, each object hashed once (its digest is kept by identity).

    Objects are kept alive with their digest, so an id is never reused for another
    object while this instance lives. An unknown type is an error, never a guess:
    a digest that missed a field would keep a page that should have changed.
    """

    def __init__(self) -> None:
        self._seen: dict[int, tuple[Any, bytes]] = {}

    def __call__(self, value: Any) -> bytes:
        kind = type(value)
        if kind is str:  # the parent hashes it, with its length: no hash object per string
            return b"s" + value.encode("utf-8", "surrogatepass")
        if kind in _ATOMS:
            return kind.__name__.encode() + repr(value).encode()
        known = self._seen.get(id(value))
        if known is not None:
            return known[1]
        digest = self._compound(value)
        self._seen[id(value)] = (value, digest)
        return digest

    def _compound(self, value: Any) -> bytes:
        name = type(value).__qualname__.encode()
        if isinstance(value, str):  # Markup and other str subclasses
            return hash_parts(name, value.encode("utf-8", "surrogatepass"))
        if isinstance(value, (list, tuple)):
            return hash_parts(name, *(self(item) for item in value))
        if isinstance(value, Mapping):
            return hash_parts(name, *(part for key, item in value.items() for part in (self(key), self(item))))
        if isinstance(value, (set, frozenset)):
            return hash_parts(name, *sorted(self(item) for item in value))
        if isinstance(value, (dt.date, dt.datetime)):
            return hash_parts(name, value.isoformat().encode())
        if isinstance(value, enum.Enum):
            return hash_parts(name, value.name.encode(), self(value.value))
        if isinstance(value, PurePath):
            return hash_parts(name, os.fsencode(value))
        if isinstance(value, BaseModel):
            return hash_parts(name, *(self(getattr(value, key)) for key in type(value).model_fields))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return hash_parts(name, *(self(getattr(value, f.name)) for f in dataclasses.fields(value)
                                 if f.compare or f.repr))
        raise TypeError(f"fingerprints: cannot hash a {type(value).__qualname__}; teach DataDigest this type")


def data_digest(value: Any) -> str:
    return DataDigest()(value).hex()


def files_digest(paths: Iterable[Path], root: Path) -> bytes:
    """Names and bytes of files (the theme, the code): any edit changes every page's fingerprint."""
    parts = []
    for path in sorted(paths):
        parts += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return hash_parts(*parts)


def tree_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def code_digest() -> str:
    """This package's source: a change to how anything is rendered changes every fingerprint."""
    return files_digest(tree_files(CODE_DIR), CODE_DIR).hex()


def packages_digest() -> bytes:
    """Every installed distribution and its version: MkDocs, Material, Markdown extensions..."""
    names = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    return hash_parts(*(n.encode() for n in names))


def packages_stamp() -> tuple[tuple[str, int], ...]:
    """The modification time of every folder on `sys.path` that packages are installed in:
    installing, removing or upgrading a distribution adds or removes a `*.dist-info` folder
    there. Lets a build skip `packages_digest()` (25-60 ms) when nothing was installed since
    the last one. Not the other folders on `sys.path`: the project's own (the working folder
    of `python -m mkdocs`) changes with every build's new site folder."""
    stamp = []
    for folder in sys.path:
        if Path(folder).name not in ("site-packages", "dist-packages"):
            continue
        try:
            stamp.append((folder, os.stat(folder).st_mtime_ns))
        except OSError:
            continue
    return tuple(stamp)


def page_fingerprint(shared: bytes, source: bytes, data: str) -> str:
    return hash_parts(shared, source, data.encode()).hex()


def shared_digest(*parts: bytes | str) -> bytes:
    return hash_parts(*(p.encode() if isinstance(p, str) else p for p in parts))
