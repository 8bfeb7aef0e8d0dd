"""MkDocs' side of a rebuild: files MkDocs may skip, and its warning about dirty builds.

Used by the adapter under `--dirty` (`portal build`, `portal serve`); the decision which
pages to keep is core (`builder/incremental/rebuild.py`). See DEVELOPING.md, "Rebuilds".
"""

from __future__ import annotations

import logging

from mkdocs.structure.files import File


class PortalFile(File):
    """A page that a dirty build (`portal build`, `portal serve`) re-renders only if its fingerprint changed.

    MkDocs' `--dirty` asks `is_modified()`, which by default compares file times and says
    "modified" for every generated page; ours answers from the fingerprints (incremental/rebuild.py).
    """

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class Placeholder(File):
    """A file the outputs child produces: MkDocs knows it (a Markdown link to it is valid) but does
    not write it under `--dirty`, which both `portal build` and `portal serve` use; `on_post_build`
    moves the real file into place. Writing thousands of empty files first only to replace them
    cost 0.1 s of every preview rebuild."""

    def is_modified(self) -> bool:
        return False


class DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build leaves navigation stale.

    Ours does not: a page is kept only when its fingerprint, which covers the file list,
    mkdocs.yml, the theme and the code, is unchanged. Left in, the warning would fail
    every `--strict` rebuild.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def as_portal_file(file: File) -> File:
    """A page from content/ as a PortalFile (same paths), so dirty builds ask its fingerprint too."""
    if not file.is_documentation_page() or file.generated_by is not None:
        return file
    return PortalFile(file.src_path, file.src_dir, file.dest_dir, file.use_directory_urls,
                      dest_uri=file.dest_uri, inclusion=file.inclusion)
