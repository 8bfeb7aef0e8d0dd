"""Taking files from the previous site instead of making them again (hard links).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from builder.incremental.digests import code_digest, data_digest, tree_files
from builder.outputs.files import OutputFile
from builder.outputs.writer import write_outputs


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


def outputs_digest(outputs: Iterable[OutputFile], made_from: object) -> str:
    """What the outputs are a function of: their addresses, the code that renders them and
    `made_from` (the adapter passes the catalog, the site, the feeds, the page count and the
    installed packages' digest)."""
    return data_digest((code_digest(), [(o.url, o.cache_key) for o in outputs], made_from))


def write_or_keep_outputs(outputs: list[OutputFile], folder: Path, cache: Path | None,
                          digest_of: Callable[[], str] | None, previous: Path | None,
                          previous_digest: str) -> tuple[int, bool, str]:
    """`write_outputs`, unless the outputs are made from what the previous site's were: then its files
    are linked into `folder`. Returns (taken from the cache, linked, the digest: "" without `digest_of`).

    A rebuild that changed nothing made feeds, open data and calendars again: the last thing a
    1,000-page no-change rebuild waited for. `previous` must be a site no one writes to during
    the build (`portal build`'s previous site, not the folder `portal serve` rebuilds in place).
    """
    digest = digest_of() if digest_of is not None else ""
    if previous is not None and previous_digest and digest == previous_digest:
        if all(reuse_file(previous / output.url, folder / output.url) for output in outputs):
            return 0, True, digest
        # One is missing: nothing may be written through a link into the previous site.
        shutil.rmtree(folder, ignore_errors=True)
    return write_outputs(outputs, folder, cache), False, digest


def empty_folder(folder: Path, keep: str = "") -> None:
    """Remove everything inside `folder` (the preview's) but `keep`, keeping the folder the server serves."""
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.name == keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
