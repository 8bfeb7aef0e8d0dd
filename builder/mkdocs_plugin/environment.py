"""The Jinja environment as the adapter sets it up: our filters, the template cache, per-build globals."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig

from builder.catalog.status import ALL_STATUSES
from builder.mkdocs_plugin.relative_urls import relative_url_filter
from builder.mkdocs_plugin.template_cache import ThemeBytecodeCache, precompile
from builder.mkdocs_plugin.translations import Translations
from builder.render import template_filters
from builder.render.fragments import FragmentCache


def add_filters(env: Environment) -> None:
    """Ours, and MkDocs' `url` remembering its answers (relative_urls.py): the same in the build and the child."""
    template_filters.register(env)
    env.filters["url"] = relative_url_filter()


def prepare_env(env: Environment, config: MkDocsConfig, compiled: Path) -> Environment:
    """This build's environment: filters, compiled templates kept in `compiled`, and per-build globals."""
    add_filters(env)
    # MkDocs makes a new environment every build: without this, every preview rebuild compiles
    # Material's and our 45 templates again (0.6 s). Jinja checks each entry against the source.
    compiled.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = ThemeBytecodeCache(compiled, env)
    env.globals["portal_fragment"] = FragmentCache()  # per build: a rebuild under `serve` starts empty
    env.globals["portal_t"] = Translations(env, config.theme["language"])
    env.globals["portal_statuses"] = {s.key: [s.label, s.symbol] for s in ALL_STATUSES}
    return env


def precompile_theme(config: MkDocsConfig, directory: Path) -> int:
    """The theme's templates compiled into `directory`, by an environment made as MkDocs makes it.

    With our filters, as `on_env` adds them; whatever other plugins add is missing, and then
    the compile signatures differ and the build compiles its own (template_cache.py).
    """
    env = config.theme.get_env()
    add_filters(env)
    env.bytecode_cache = ThemeBytecodeCache(directory, env)
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    ours = sorted(path.relative_to(custom).as_posix() for path in custom.rglob("*.html")) if custom else []
    return precompile(env, [*sorted(config.theme.static_templates), "main.html", *ours])
