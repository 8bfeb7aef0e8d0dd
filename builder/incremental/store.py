"""What a build leaves in `.portal-cache/` for the next one: page fingerprints, bodies, digests.

A page's HTML is a function of its planned data, its Markdown source, its meta
(JSON-LD, QR code), and things every page shares: the code, the theme, mkdocs.yml,
the installed packages, the build date and the list of files. A fingerprint hashes
exactly those inputs (`digests.py`), so a rebuild re-renders only pages whose fingerprint
changed and takes the others from the previous site; this store is where the last build's
fingerprints are kept, trusted only for the site folder that build wrote.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.render.structured_data import PageMeta
from builder.search.index import IndexStats

VERSION = 2  # bump when the fingerprint recipe changes: every store written before is then ignored


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
    metas_code: str = ""  # the code that made `metas`: another code may make other metas from the same data
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


