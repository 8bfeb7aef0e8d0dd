"""The shape of the house: stages in data-flow order, small modules, a core without MkDocs.

These read the source tree, so a module added in the wrong place, an import against the flow
or a module the developer guide forgets fails here, not in review.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from pathlib import Path

from .conftest import REPO

PACKAGE = REPO / "builder"

# The stages in the order data flows; a module may import its own stage and earlier ones only.
# `editor` (staff tools) and the MkDocs adapter come after the pipeline; the top-level modules
# (`cli`, `__main__`) are entry points and may import anything.
STAGES = ("core", "load", "model", "catalog", "plan", "render", "outputs", "search", "federation", "incremental", "run",
          "editor", "mkdocs_plugin")
ADAPTER = "mkdocs_plugin"
MAX_TOP_LEVEL = 10
MAX_LINES = 400


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (`builder.catalog.status`)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def stage_of(module: str) -> int:
    """The stage index of `builder.<stage>...`; entry points at the top rank after every stage."""
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else len(STAGES)


def builder_imports(name: str, path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of a `builder` module, relative ones resolved, lazy ones included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from builder.core import urls` imports the module builder.core.urls
            found += [(node.lineno, f"{base}.{alias.name}" if f"{base}.{alias.name}" in ALL else base)
                      for alias in node.names]
    return [(line, target) for line, target in found if target.split(".")[0] == "builder"]


ALL = modules()


def test_imports_flow_one_way() -> None:
    wrong = []
    for name, path in ALL.items():
        for line, target in builder_imports(name, path):
            if stage_of(target) > stage_of(name):
                wrong.append(f"{path.relative_to(REPO)}:{line}: {name} imports the later stage {target}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    graph = {name: {t for _, t in builder_imports(name, path) if t in ALL and t != name} for name, path in ALL.items()}
    # A package's __init__ importing nothing, its modules may all import it without a cycle.
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(trail[trail.index(nxt):] + [nxt]) if nxt in trail else f"{node} → {nxt}")
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, "\n".join(cycles)


def test_every_module_belongs_to_a_stage_and_stays_small() -> None:
    top = sorted(name for name, path in ALL.items() if name.count(".") == 1 and path.name != "__init__.py")
    assert len(top) <= MAX_TOP_LEVEL, top
    unknown = sorted({name.split(".")[1] for name, path in ALL.items()
                      if path.parent != PACKAGE and name.split(".")[1] not in STAGES})
    assert not unknown, f"subpackages outside the stages: {unknown}"
    long = [f"{path.relative_to(REPO)}: {n} lines" for path in ALL.values()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not long, long
    hooks = len((PACKAGE / ADAPTER / "plugin.py").read_text(encoding="utf-8").splitlines())
    assert hooks <= 250, f"mkdocs_plugin/plugin.py: {hooks} lines; the hooks only call the pipeline (at most 250)"


def test_one_name_for_one_fold() -> None:
    """Folding text means different things in different places; no function may just say `fold`."""
    named = [f"{path.relative_to(REPO)}:{node.lineno}" for path in ALL.values()
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.FunctionDef) and node.name == "fold"]
    assert not named, named


def test_core_never_imports_mkdocs() -> None:
    """Every module outside the adapter, imported into a clean interpreter, loads no MkDocs.

    One interpreter imports them one after the other and looks after each: the first module that
    brings MkDocs or Material in, itself or through any library, is named. (A child forked per
    module named every offender, but took 9 s; one offender fails the test all the same.) The
    libraries our modules use that are not MkDocs are imported first and checked to import none.
    """
    outside = sorted(name for name in ALL if ADAPTER not in name.split(".") and name != "builder.__main__")
    assert len(outside) > 50
    code = (
        "import sys\n"
        "import cbor2, docx, jinja2, markdown, nh3, PIL.Image, pydantic, segno, yaml\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')]\n"
        f"for name in {outside!r}:\n"
        "    __import__(name)\n"
        "    bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))\n"
        "    print(name, ' '.join(bad) or '-', flush=True)\n"
        "    if bad:\n"
        "        break\n"
    )
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120,
                         env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    assert {name: bad for name, bad in lines.items() if bad != "-"} == {}
    assert sorted(lines) == outside, out.stderr[-2000:]  # every module imported, none failed


def test_developer_guide_maps_every_module() -> None:
    guide = (REPO / "DEVELOPING.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`(builder/[\w/]+\.py)`", guide))
    files = {path.relative_to(REPO).as_posix() for path in ALL.values() if path.name != "__init__.py"}
    assert not files - listed, f"modules missing from DEVELOPING.md's module map: {sorted(files - listed)}"
    assert not listed - files, f"DEVELOPING.md names modules that do not exist: {sorted(listed - files)}"


def test_developer_guide_names_every_test_file() -> None:
    guide = (REPO / "DEVELOPING.md").read_text(encoding="utf-8")
    missing = sorted(p.name for p in (REPO / "tests").glob("test_*.py") if f"`{p.name}`" not in guide)
    assert not missing, f"test files missing from DEVELOPING.md's test table: {missing}"
