"""Build the example portal with MkDocs and with ProperDocs (the maintained MkDocs 1.x fork) and compare.

`make engine-check` runs this in a virtual environment of its own (`.venv-properdocs/`, the
project's pinned packages plus ProperDocs), so the project's `.venv/` is never touched. Both
builds use the same build date; the two sites must be equal file for file, except the
`<meta name="generator">` line, which names the engine. Prints what differs and exits 1 if
anything else does. See docs/platform.md.
"""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(engine: str, python: str, out: Path) -> None:
    env = {**os.environ, "PORTAL_TODAY": "2024-08-01", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([python, "-m", engine, "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
                   cwd=REPO, env=env, check=True, capture_output=True)


def differences(a: Path, b: Path) -> list[str]:
    names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()} | {p.relative_to(b) for p in b.rglob("*")
                                                                      if p.is_file()}
    out = []
    for name in sorted(names):
        left, right = a / name, b / name
        if not left.is_file() or not right.is_file():
            out.append(f"{name}: only in {'ProperDocs' if right.is_file() else 'MkDocs'}'s site")
        elif not filecmp.cmp(left, right, shallow=False) and \
                GENERATOR.sub(b"", left.read_bytes()) != GENERATOR.sub(b"", right.read_bytes()):
            out.append(f"{name}: differs")
    return out


def main() -> int:
    mkdocs_python, properdocs_python = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        build("mkdocs", mkdocs_python, Path(tmp) / "mkdocs")
        build("properdocs", properdocs_python, Path(tmp) / "properdocs")
        found = differences(Path(tmp) / "mkdocs", Path(tmp) / "properdocs")
        pages = sum(1 for _ in (Path(tmp) / "mkdocs").rglob("*.html"))
    print("\n".join(found) if found else f"ProperDocs builds the example as MkDocs does: {pages} pages, every file "
                                          "equal but the generator line.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
