"""Where a profiled build spent its time, from a py-spy speedscope file, as text.

The profiles quoted in DEVELOPING.md ("Performance") were taken like this (py-spy is
not a dependency; install it anywhere, e.g. a throwaway venv):

    py-spy record -r 50 -f speedscope -o build.json -- .venv/bin/python -m mkdocs build -q -d /tmp/out
    .venv/bin/python -m bench.speedscope build.json                          # self time by frame
    .venv/bin/python -m bench.speedscope build.json "build build.py:337" 2   # below one frame, 2 deep

A frame is "function file:line"; the share is of all samples of the main process.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path


def _name(frame: dict[str, object]) -> str:
    return f"{frame['name']} {str(frame.get('file', '')).rsplit('/', 1)[-1]}:{frame.get('line', '')}"


def summarize(path: Path, below: str = "", depth: int = 1, top: int = 25) -> list[tuple[float, str]]:
    """(share of samples, call path) for the paths `depth` frames below the first frame matching `below`;
    without `below`, the frame each sample was in (self time)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    frames, profile = data["shared"]["frames"], data["profiles"][0]
    shares: collections.Counter[str] = collections.Counter()
    total = 0.0
    for stack, weight in zip(profile["samples"], profile["weights"]):
        total += weight
        names = [_name(frames[f]) for f in stack]
        if not below:
            shares[names[-1] if names else "?"] += weight
            continue
        start = next((i for i, n in enumerate(names) if below in n), None)
        if start is not None:
            shares[" > ".join(names[start + 1:start + 1 + depth])] += weight
    return [(weight / total, where) for where, weight in shares.most_common(top)] if total else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profile", type=Path)
    parser.add_argument("below", nargs="?", default="", help='a frame, e.g. "build build.py:337"')
    parser.add_argument("depth", nargs="?", type=int, default=1)
    args = parser.parse_args()
    for share, where in summarize(args.profile, args.below, args.depth):
        print(f"{share:6.1%}  {where}")


if __name__ == "__main__":
    main()
