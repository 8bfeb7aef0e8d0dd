"""What a build keeps for the next one: `.portal-cache/`, and under `portal serve` its twin in memory.

Parsed YAML documents, converted page bodies, the page store (fingerprints, bodies, search
digest), compiled templates and the installed packages' digest. `portal build` reads and
writes the folder; `portal serve` keeps the same things in memory between saves, because the
folder it rebuilds in place is never a previous site to link from. Everything here only saves
time: a missing or unreadable entry makes a build slower, never different.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from builder.incremental.digests import packages_digest, packages_stamp
from builder.incremental.store import Store, load_pickle, save_pickle
from builder.load.yamlload import ParseCache
from builder.search.index import IndexStats

STORE_NAME = "pages-v1.pickle"  # fingerprints and bodies of the last `portal build`
TEMPLATES_NAME = "jinja-v2"  # compiled templates (mkdocs_plugin/template_cache.py)
PACKAGES_NAME = "packages-v1.pickle"  # (packages_stamp(), packages_digest()) of the last build
PARSED_NAME = "parsed-v1.pickle"  # YAML documents parsed by the last build (yamlload.ParseCache)
BODIES_NAME = "bodies-v1.pickle"  # bodies converted by the last builds, by src_uri


class BuildCache:
    """One portal's cache; made once per process, so under `serve` it outlives each rebuild."""

    def __init__(self, folder: Path, serving: bool, shown: str = "") -> None:
        self.folder = folder
        self.shown = shown or folder.name  # as mkdocs.yml writes it, for messages
        self.serving = serving
        self._packages: tuple[object, bytes] = ((), b"")
        self._parsed: dict[Any, Any] = {}  # under `serve`: the last build's parsed documents
        self._bodies: dict[str, Any] = {}  # under `serve`: the converted bodies
        self._store: Store | None = None  # under `serve`: the last build's store

    @property
    def templates(self) -> Path:
        return self.folder / TEMPLATES_NAME

    def templates_cold(self) -> bool:
        """Nothing compiled yet (a cold build): the folder is made, for a child to compile into."""
        if self.templates.is_dir() and any(self.templates.iterdir()):
            return False
        self.templates.mkdir(parents=True, exist_ok=True)
        return True

    def parsed_documents(self, code: str) -> dict[Any, Any]:
        """Documents the last build parsed with this code (`code_digest()`)."""
        if self.serving:
            return self._parsed
        saved = load_pickle(self.folder / PARSED_NAME)
        if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == code and isinstance(saved[1], dict):
            return saved[1]
        return {}

    def keep_parsed(self, code: str, parsed: ParseCache) -> None:
        if self.serving:
            self._parsed = parsed.used
        elif parsed.changed:
            save_pickle(self.folder / PARSED_NAME, (code, parsed.used))

    def converted_bodies(self) -> dict[str, Any]:
        """Bodies the last builds converted (`mkdocs_plugin.planned.Converted` by src_uri)."""
        if self.serving:
            return self._bodies
        saved = load_pickle(self.folder / BODIES_NAME)
        return saved if isinstance(saved, dict) else {}

    def keep_bodies(self, known: Mapping[str, Any], made: Mapping[str, Any], current: Collection[str]) -> None:
        """The known bodies of pages that still exist, with this build's."""
        bodies = {uri: body for uri, body in known.items() if uri in current} | dict(made)
        if self.serving:
            self._bodies = bodies
        else:
            save_pickle(self.folder / BODIES_NAME, bodies)

    def packages(self) -> bytes:
        """`packages_digest()`, asked again only when a folder packages are installed in has changed.

        Remembered in memory, and in the folder for the next `portal build` (reading every
        distribution's metadata was 2% of a no-change rebuild at 1,000 pages).
        """
        stamp = packages_stamp()
        if self._packages[0] != stamp:
            path = self.folder / PACKAGES_NAME
            saved = load_pickle(path)
            if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == stamp and isinstance(saved[1], bytes):
                self._packages = saved
            else:
                self._packages = (stamp, packages_digest())
                save_pickle(path, self._packages)
        return self._packages[1]

    def store_for(self, previous: Path) -> Store | None:
        """What the build that produced `previous` left, or None when it is not known to be that build."""
        if self.serving:
            last = self._store
            return last if last is not None and last.describes(previous) else None
        return Store.load(self.folder / STORE_NAME, previous)

    def keep_store(self, store: Store, previous: Store | None) -> None:
        if self.serving:
            self._store = store
        else:
            store.save(self.folder / STORE_NAME, previous)

    def forget_store(self) -> None:
        """The preview's pages are gone or broken: its next build starts from nothing."""
        self._store = None

    def record_search(self, digest: str, stats: IndexStats) -> None:
        """The preview's search index finished after its build: the store says what it holds."""
        if self._store is not None:
            self._store.search, self._store.search_stats = digest, stats
