"""Compiled templates: kept between builds, and made ahead of the pages that need them.

MkDocs makes a new Jinja environment every build, so without a bytecode cache every
build, and every preview rebuild, compiled Material's and our templates again. With
one, a cold build still compiled them on the rendering process: 0.26 s of the 0.95 s
a 100-page portal took. `precompile` runs in a child forked when the build starts,
while the main process loads and plans the content on the other core, and leaves the
compiled code where the main process looks for it.

Jinja keys its cache on a template's name and source only, but compiled code also
depends on the environment that compiled it: which filters and tests exist (a missing
one compiles to an error raised when the line runs) and what they are passed, the
extensions, the gettext style. `ThemeBytecodeCache` adds those to the key, so code
compiled by the child (whose environment has our filters but not what other plugins'
`on_env` adds), or before a plugin was added to mkdocs.yml, is never run by an
environment it was not compiled for.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, TemplateError, meta

# Environment settings the code generator reads (beyond filters, tests and extensions).
_COMPILE_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                     "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                     "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                     "is_async", "newstyle_gettext")


def compile_signature(environment: Environment) -> str:
    """A digest of what Jinja's code generator reads from `environment` besides the template's source."""
    autoescape = environment.autoescape
    parts = (
        sorted((name, repr(getattr(f, "jinja_pass_arg", None))) for name, f in environment.filters.items()),
        sorted((name, repr(getattr(f, "jinja_pass_arg", None))) for name, f in environment.tests.items()),
        sorted(environment.extensions),
        [repr(getattr(environment, setting, None)) for setting in _COMPILE_SETTINGS],
        autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", "callable"),
        environment.finalize is not None,
    )
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


class ThemeBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed on a template's name and the environment's `compile_signature`.

    One per environment. The signature is taken at the first template asked for: by then
    every plugin's `on_env` has run, so it describes the environment that renders.

    Jinja's own key also holds the template's absolute path, so a project that moved (a CI
    job that restores `.portal-cache/` into a checkout at another path, a copy of a project)
    compiled its whole theme again. The path adds nothing to correctness: Jinja compares the
    source's checksum, kept in each entry, before it runs cached code, and compiles again
    when the source differs. What the path still shows: a traceback through code compiled at
    the old path names that path.
    """

    def __init__(self, directory: Path, environment: Environment) -> None:
        super().__init__(str(directory))
        self._environment = environment
        self._signature: str | None = None

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        if self._signature is None:
            self._signature = compile_signature(self._environment)
        return hashlib.sha1(f"{super().get_cache_key(name)}|{self._signature}".encode()).hexdigest()


def precompile(environment: Environment, roots: Iterable[str]) -> int:
    """Compile `roots`, and what they extend, include or import by a constant name, into the cache.

    Each template right before what it refers to, in order, so about in the order the first
    page's rendering asks for them (404.html, main.html, base.html, its partials, then the
    next root). Best effort: a template that does not load or compile here is left to the
    build, which reports it where it is used. Returns how many were compiled.
    """
    cache = environment.bytecode_cache
    assert cache is not None and environment.loader is not None
    queue, compiled = deque(roots), 0
    done: set[str] = set()
    while queue:
        name = queue.popleft()
        if name in done:
            continue
        done.add(name)
        try:
            source, filename, _ = environment.loader.get_source(environment, name)
            tree = environment.parse(source, name, filename)
            bucket = cache.get_bucket(environment, name, filename, source)
            if bucket.code is None:
                bucket.code = environment.compile(tree, name, filename)
                cache.set_bucket(bucket)
                compiled += 1
        except (TemplateError, OSError):
            continue
        queue.extendleft(reversed([found for found in meta.find_referenced_templates(tree)
                                   if found is not None and found not in done]))
    return compiled
