"""Page fingerprints: which pages of the last build can be kept as they are.

A page's HTML is a function of its planned data, its Markdown source, its meta
(JSON-LD, QR code), and things every page shares: the code, the theme, mkdocs.yml,
the installed packages, the build date and the list of files. A fingerprint hashes
exactly those inputs, so a rebuild re-renders only pages whose fingerprint changed
and takes the others from the previous site (see DEVELOPING.md, "Rebuilds").

Hashing `repr(data)` was measured at 192 s for 10,000 records: page data holds catalog
objects, and the home page alone repeats them to 105 MB of text. `DataDigest` hashes
each object once per build and reuses its digest wherever the object appears again.

Pure: no MkDocs import. The adapter decides what counts as a page's source.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import os
import pickle
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel

from . import urls
from .catalog import Catalog
from .listing import PageSpec
from .search_index import IndexStats
from .site import Site
from .structured_data import PageMeta, page_meta

VERSION = 1  # bump when the fingerprint recipe changes: every store written before is then ignored

CODE_DIR = Path(__file__).resolve().parent
_ATOMS = (int, float, bool, type(None))


def _hash(*parts: bytes) -> bytes:
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
            return _hash(name, value.encode("utf-8", "surrogatepass"))
        if isinstance(value, (list, tuple)):
            return _hash(name, *(self(item) for item in value))
        if isinstance(value, Mapping):
            return _hash(name, *(part for key, item in value.items() for part in (self(key), self(item))))
        if isinstance(value, (set, frozenset)):
            return _hash(name, *sorted(self(item) for item in value))
        if isinstance(value, (dt.date, dt.datetime)):
            return _hash(name, value.isoformat().encode())
        if isinstance(value, enum.Enum):
            return _hash(name, value.name.encode(), self(value.value))
        if isinstance(value, PurePath):
            return _hash(name, os.fsencode(value))
        if isinstance(value, BaseModel):
            return _hash(name, *(self(getattr(value, key)) for key in type(value).model_fields))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return _hash(name, *(self(getattr(value, f.name)) for f in dataclasses.fields(value)
                                 if f.compare or f.repr))
        raise TypeError(f"fingerprints: cannot hash a {type(value).__qualname__}; teach DataDigest this type")


def data_digest(value: Any) -> str:
    return DataDigest()(value).hex()


@dataclass(frozen=True)
class PageFacts:
    metas: dict[str, PageMeta]  # url → meta (JSON-LD, share tags, QR code) of each planned page
    digests: dict[str, str]  # url → digest of everything its page is rendered from
    by_key: dict[str, PageMeta]  # meta by what it was made from, for the next build to reuse

    @classmethod
    def merge(cls, parts: Iterable[PageFacts]) -> PageFacts:
        merged = cls({}, {}, {})
        for part in parts:
            merged.metas.update(part.metas)
            merged.digests.update(part.digests)
            merged.by_key.update(part.by_key)
        return merged


def page_facts(pages: Iterable[PageSpec], catalog: Catalog, site: Site, feeds: Mapping[str, Any],
               updates: Mapping[str, str], known: Mapping[str, PageMeta]) -> PageFacts:
    """Meta and digest of every planned page, made in a background child while MkDocs reads pages.

    A meta depends on the page's address, title and data, the locality registry and the
    site; one whose inputs hash as in the last build is taken from `known`. The QR codes
    are most of the cost (1.2 ms each: 5.6 s for 4,500 campaigns).
    """
    digest = DataDigest()
    context = _hash(digest(catalog.localities), digest(site))
    metas, digests, by_key = {}, {}, {}
    for page in pages:
        key = _hash(context, digest(page.url), digest(page.title), digest(page.data)).hex()
        meta = known.get(key) or page_meta(page.url, page.title, page.data, catalog, site)
        metas[page.url] = by_key[key] = meta
        digests[page.url] = _hash(key.encode(), digest(page.template), digest(meta),
                                  digest(feeds.get(urls.first_page(page.url))), digest(updates.get(page.url))).hex()
    return PageFacts(metas, digests, by_key)


def files_digest(paths: Iterable[Path], root: Path) -> bytes:
    """Names and bytes of files (the theme, the code): any edit changes every page's fingerprint."""
    parts = []
    for path in sorted(paths):
        parts += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return _hash(*parts)


def tree_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def code_digest() -> str:
    """This package's source: a change to how anything is rendered changes every fingerprint."""
    return files_digest(tree_files(CODE_DIR), CODE_DIR).hex()


def packages_digest() -> bytes:
    """Every installed distribution and its version: MkDocs, Material, Markdown extensions..."""
    names = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    return _hash(*(n.encode() for n in names))


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
    return _hash(shared, source, data.encode()).hex()


def shared_digest(*parts: bytes | str) -> bytes:
    return _hash(*(p.encode() if isinstance(p, str) else p for p in parts))


def site_stamp(site_dir: Path) -> tuple[int, int] | None:
    """Identity of one build's output: its sitemap is written anew by every build.

    A store is only trusted for the folder whose stamp it recorded, so a site that was
    replaced by another build or emptied is rebuilt from scratch rather than patched.
    Not the inode: a copy that keeps times (a CI cache restoring site/) is the same site.
    """
    try:
        st = (site_dir / "sitemap.xml").stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


@dataclass
class Store:
    """What a build leaves for the next one: page fingerprints, page bodies, the search digest.

    Bodies are kept because the search index needs the rendered text of every page,
    and a rebuild does not render unchanged pages.
    """

    stamp: tuple[int, int] | None = None
    pages: dict[str, str] = field(default_factory=dict)  # src_uri → fingerprint
    bodies: dict[str, str] = field(default_factory=dict)  # url → sanitized body HTML (planned pages)
    content_pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # url → (title, HTML) of content/ pages
    search: str = ""  # digest of the search records the bundle in the site was built from
    search_stats: IndexStats | None = None
    metas: dict[str, PageMeta] = field(default_factory=dict)  # PageFacts.by_key
    outputs: str = ""  # digest of what the produced outputs were made from (output_writer.outputs_digest)
    shared: bytes = b""  # what every page of that build shared (code, theme, config, date, file list)
    version: int = VERSION

    @classmethod
    def load(cls, path: Path, site_dir: Path) -> Store | None:
        """The store of the build that produced `site_dir`, or None (never built, or not that build)."""
        stamp = site_stamp(site_dir)
        if stamp is None or load_pickle(_stamp_path(path)) != stamp:
            return None
        store = load_pickle(path)
        if not isinstance(store, cls) or store.version != VERSION:
            return None
        return dataclasses.replace(store, stamp=stamp)

    def describes(self, site_dir: Path) -> bool:
        """Whether `site_dir` is still the output of the build that left this store."""
        stamp = site_stamp(site_dir)
        return stamp is not None and stamp == self.stamp

    def save(self, path: Path, previous: Store | None = None) -> None:
        """Write the store, and its stamp beside it; only the stamp when `previous` held the same.

        Every build writes a new site, so the stamp always changes, but in a rebuild that
        changed nothing the rest is what the last build left: pickling every page's body
        again was about a tenth of a no-change rebuild at 1,000 pages. The stamp goes first,
        so a build killed between the two writes leaves no stamp, and the next build
        trusts nothing rather than pages recorded for another site.
        """
        stamp_path = _stamp_path(path)
        stamp_path.unlink(missing_ok=True)
        content = dataclasses.replace(self, stamp=None)
        if previous is None or dataclasses.replace(previous, stamp=None) != content:
            save_pickle(path, content)
        save_pickle(stamp_path, self.stamp)


def _stamp_path(store_path: Path) -> Path:
    """The stamp of the site a store describes, kept apart so an unchanged store is not written again."""
    return store_path.with_name(store_path.name + ".stamp")


def save_pickle(path: Path, value: Any) -> None:
    """Atomically: a build killed while saving leaves the previous file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def load_pickle(path: Path) -> Any:
    """What `save_pickle` wrote, or None when it is missing or unreadable (a cache is never required)."""
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None


def reuse_file(previous: Path, target: Path) -> bool:
    """Put the previous build's file at `target` (a hard link; a copy across file systems).

    A hard link is safe because a build never writes into an existing file: MkDocs writes
    only the pages it re-renders, and those were not linked.
    """
    try:
        os.link(previous, target)
    except FileNotFoundError:
        if target.parent.is_dir():
            return False  # the previous file is gone
        # The folder is made only when missing: most pages share theirs, and asking first
        # for every page cost a thousand system calls of each rebuild at 1,000 pages.
        target.parent.mkdir(parents=True, exist_ok=True)
        return reuse_file(previous, target)
    except FileExistsError:  # already there, and never to be written through
        return False
    except OSError:  # another file system: a copy
        try:
            shutil.copy2(previous, target)
        except OSError:
            return False
    return True


def reuse_tree(previous: Path, target: Path) -> bool:
    """`reuse_file` for every file of a folder (a search bundle); False if any is missing."""
    if not previous.is_dir():
        return False
    return all(reuse_file(path, target / path.relative_to(previous)) for path in tree_files(previous))
