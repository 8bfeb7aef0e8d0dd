"""Compiled templates: reused only by an environment like the one that compiled them, and made ahead."""

from __future__ import annotations

from pathlib import Path

from jinja2 import DictLoader, Environment, FileSystemLoader, pass_context
from mkdocs.config import load_config

from builder.mkdocs_plugin.template_cache import ThemeBytecodeCache, precompile

from .conftest import copy_example, run_portal

# Compiles without the filter (inside `if`, Jinja defers the missing filter to an error when the line runs).
GUARDED = {"page.html": "{% if shout %}{{ 'hi' | shout }}{% else %}quiet{% endif %}"}


def _env(cache: Path, *, shout: bool) -> Environment:
    env = Environment(loader=DictLoader(GUARDED))
    if shout:  # given the context, as MkDocs' `url` is: compiled code decides whether to pass it
        env.filters["shout"] = pass_context(lambda context, text: text.upper())
    env.bytecode_cache = ThemeBytecodeCache(cache, env)
    return env


def test_code_compiled_without_a_filter_is_not_run_where_the_filter_exists(tmp_path: Path) -> None:
    """Jinja keys its cache on the source alone: this code, run where the filter exists, failed on that line
    (it called the filter without the context)."""
    assert _env(tmp_path, shout=False).get_template("page.html").render(shout=False) == "quiet"
    assert _env(tmp_path, shout=True).get_template("page.html").render(shout=True) == "HI"


def test_a_moved_project_keeps_its_compiled_templates_and_an_edited_one_is_compiled_again(tmp_path: Path) -> None:
    """A cache restored into a checkout at another path (or a copied project) is used; Jinja's own key
    held the absolute path, so it was not. The source's checksum still decides whether cached code runs."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for folder in ("here", "there"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.html").write_text("{{ 1 + 1 }} {{ 'vừa' | upper }}", encoding="utf-8")

    def env(folder: str) -> Environment:
        made = Environment(loader=FileSystemLoader(str(tmp_path / folder)))
        made.bytecode_cache = ThemeBytecodeCache(cache, made)
        return made

    assert precompile(env("here"), ["page.html"]) == 1
    assert precompile(env("there"), ["page.html"]) == 0  # found under the same key, with the same source
    assert env("there").get_template("page.html").render() == "2 VỪA"
    (tmp_path / "there" / "page.html").write_text("{{ 2 + 2 }}", encoding="utf-8")
    assert precompile(env("there"), ["page.html"]) == 1  # the source changed: compiled again, not run stale
    assert env("there").get_template("page.html").render() == "4"


def test_precompile_follows_what_templates_extend_include_and_import(tmp_path: Path) -> None:
    templates = {
        "page.html": "{% extends 'base.html' %}{% block body %}{% include 'part.html' %}{% endblock %}",
        "base.html": "{% import 'macros.html' as m %}<body>{% block body %}{% endblock %}{{ m.x() }}</body>",
        "part.html": "{% include 'icon-' ~ name ~ '.svg' ignore missing %}part",  # not a constant: left alone
        "macros.html": "{% macro x() %}x{% endmacro %}",
        "broken.html": "{% if %}",
        "unused.html": "never asked for",
    }
    env = Environment(loader=DictLoader(templates))
    env.bytecode_cache = ThemeBytecodeCache(tmp_path, env)
    assert precompile(env, ["page.html", "missing.html", "broken.html"]) == 4
    again = Environment(loader=DictLoader(templates))
    again.bytecode_cache = ThemeBytecodeCache(tmp_path, again)
    for name in ("page.html", "base.html", "part.html", "macros.html"):
        assert again.bytecode_cache.get_bucket(again, name, None, templates[name]).code is not None, name
    assert again.bytecode_cache.get_bucket(again, "unused.html", None, templates["unused.html"]).code is None


def test_the_build_runs_the_code_compiled_ahead(tmp_path: Path) -> None:
    """The child's environment compiles as the build's does: the build finds the child's code under its keys."""
    from builder.mkdocs_plugin.environment import add_filters, precompile_theme

    project = copy_example(tmp_path / "portal")
    ahead = tmp_path / "ahead"
    ahead.mkdir()
    assert precompile_theme(load_config(str(project / "mkdocs.yml")), ahead) > 30

    cache = project / ".portal-cache" / "jinja-v2"
    cache.mkdir(parents=True)
    (cache / "not-empty").write_text("", encoding="utf-8")  # a cache that is not empty is not made ahead
    assert run_portal(["build"], cwd=project).returncode == 0
    by_build = {path.name for path in cache.iterdir()} - {"not-empty"}
    by_child = {path.name for path in ahead.iterdir()}
    # Name each cache file: the key of every template the theme has, in an environment made as the build's.
    config = load_config(str(project / "mkdocs.yml"))
    env = config.theme.get_env()
    add_filters(env)
    keys = ThemeBytecodeCache(ahead, env)
    assert env.loader is not None
    names = {}
    for name in env.list_templates():
        try:
            names[f"__jinja2_{keys.get_cache_key(name, env.loader.get_source(env, name)[1])}.cache"] = name
        except UnicodeDecodeError:
            continue  # an image beside the templates
    assert by_build <= set(names) and len(by_build) > 30
    # The child compiles every template the build does, but those whose names are computed while a
    # page renders: Material's icons and the language file.
    missed = sorted(names[key] for key in by_build - by_child)
    assert [name for name in missed if not name.startswith((".icons/", "partials/languages/"))] == [], missed
