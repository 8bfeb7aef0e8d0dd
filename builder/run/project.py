"""What the command line reads before MkDocs runs, and what it hands to the plugin.

mkdocs.yml's portal options, the build date and the environment variables between
`portal build` and the plugin. Kept apart from the pipeline so that `portal build` and
`portal serve`, which only start MkDocs and wait, do not import it: that took 0.5 s of
every build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from builder.core.dates import DateFormatError, parse_build_date, today_in_vietnam
from builder.core.problems import ContentError, Problem
from builder.load.yamlload import StringLoader

# The engine `portal build` and `portal serve` run (`python -m ENGINE`); docs/platform.md says what
# else a move to "properdocs" involves.
ENGINE = "mkdocs"
TODAY_ENV = "PORTAL_TODAY"
SITE_DIR_ENV = "PORTAL_SITE_DIR"  # set by `portal build`: the folder this build replaces, whose pages it may keep

# glibc's malloc for MkDocs and the children it forks. By default, in a process holding a large
# catalog, every decoded photo's buffers were handed back to the kernel when freed and faulted in
# again for the next: 5.3 million page faults and a third of the photos' time on the 10,000-record
# bench (2,319 sizes: 29 s, of which 8 s in the kernel; with these 21 s). Buffers up to 4 MiB come
# from the heap, and up to 32 MiB of freed heap is kept for the next. Other C libraries ignore it.
MALLOC_TUNABLES = "glibc.malloc.mmap_threshold=4194304:glibc.malloc.trim_threshold=33554432"


def mkdocs_env(environ: Mapping[str, str], today: str | None = None) -> dict[str, str]:
    """The environment `portal build` and `portal serve` run MkDocs in; what the user set wins."""
    env = dict(environ)
    # Material's end-of-life banner is for developers, not for the editors running this.
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("GLIBC_TUNABLES", MALLOC_TUNABLES)
    if today:
        env[TODAY_ENV] = today
    return env


def read_config(config_file: Path) -> tuple[dict[str, str], str]:
    """(`plugins: - portal: {...}` options, `docs_dir`) from mkdocs.yml, without evaluating any tag.

    The command line needs the build date and content folders before MkDocs runs;
    mkdocs.yml may hold Python tags for other plugins, so it is only composed.
    """
    portal, docs_dir = _portal_node(config_file)
    if portal is None:
        return {}, docs_dir
    return {k.value: v.value for k, v in portal.value if isinstance(v, yaml.ScalarNode)}, docs_dir


def portal_setting(config_file: Path, name: str) -> Any:
    """One option of the portal plugin as plain values (lists, mappings, text), e.g. `members`; None if absent."""
    portal, _ = _portal_node(config_file)
    found = [v for k, v in portal.value if k.value == name] if portal is not None else []
    return _plain(found[0]) if found else None


def _plain(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return {k.value: _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    return node.value


def _portal_node(config_file: Path) -> tuple[yaml.MappingNode | None, str]:
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=StringLoader)  # type: ignore[arg-type]
    except yaml.YAMLError:
        return None, "docs"  # MkDocs itself will report the syntax error with its position
    if not isinstance(node, yaml.MappingNode):
        return None, "docs"
    top = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    docs = top.get("docs_dir")
    docs_dir = docs.value if isinstance(docs, yaml.ScalarNode) and docs.value else "docs"
    items = top["plugins"].value if isinstance(top.get("plugins"), yaml.SequenceNode) else []
    for item in items:
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if key.value == "portal" and isinstance(value, yaml.MappingNode):
                    return value, docs_dir
    return None, docs_dir


def resolve_today(env_value: str | None, option: str | None, now: dt.datetime | None = None) -> dt.date:
    """The build date: `PORTAL_TODAY`, else the plugin option, else today in Asia/Ho_Chi_Minh.

    Raises:
        ContentError: when the given value is not a full date.
    """
    for source, value in ((TODAY_ENV, env_value), ("plugins.portal.today", option)):
        if value:
            try:
                return parse_build_date(value)
            except DateFormatError as err:
                raise ContentError([Problem(source, 0, 0, "", str(err))]) from None
    return today_in_vietnam(now)


def build_inputs(environ: Mapping[str, str], today_option: str | dt.date | None, site_dir: Path, serving: bool,
                 dirty: bool) -> tuple[dt.date, Path | None, str]:
    """(build date, the previous site a dirty build may keep pages from, SOURCE_DATE_EPOCH) for the plugin.

    Under `serve` the previous site is the folder being rebuilt; under `portal build` it is the
    `site/` the new folder will replace (`PORTAL_SITE_DIR`); a plain `mkdocs build` has none.

    Raises:
        ContentError: when the given build date is not a full date.
    """
    given = today_option.isoformat() if isinstance(today_option, dt.date) else today_option
    previous = (site_dir if serving else Path(environ[SITE_DIR_ENV]) if environ.get(SITE_DIR_ENV) else None)
    return resolve_today(environ.get(TODAY_ENV), given), previous if dirty else None, environ.get("SOURCE_DATE_EPOCH", "")
