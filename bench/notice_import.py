"""How well `portal import` reads real nominee notices. Prints numbers; asserts nothing.

    .venv/bin/python -m bench.notice_import ../shared/corpus

Reads the corpus's notices (its INDEX.md names them; kind token `tb`) from where they are, never
copying them, and compares what the importer read with the corpus's `expected.json`: the title,
the issuer, and the basis (a decree number the notice cites). Also prints, per notice, how many
nominees it listed and what the report asks a human to check.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from builder.core.text import match_key
from builder.editor.notice_import import import_notice

from .synthetic import REPO


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="the corpus folder (docs/ and expected.json)")
    args = parser.parse_args()
    expected = json.loads((args.corpus / "expected.json").read_text(encoding="utf-8"))
    scores = {"recognised": 0, "title": 0, "issuer": 0, "basis": 0}
    notices = sorted(name for name in expected if "_tb-" in name)
    for name in notices:
        want = expected[name]
        got = import_notice(args.corpus / "docs" / name, REPO / "campaigns")
        if got is None:
            print(f"{name}: not recognised")
            continue
        f = got.fields
        checks = {
            "recognised": True,
            "title": match_key(f.get("title") or "") == match_key(want["title"] or ""),
            "issuer": match_key((f.get("issuer") or {}).get("name") or "") == match_key(want["issuer"] or ""),
            "basis": any(number in (f.get("basis") or "") for number in want["basis"]),
        }
        for key, ok in checks.items():
            scores[key] += ok
        wrong = [k for k, ok in checks.items() if not ok]
        print(f"{name}: {len(f.get('nominees') or [])} nominees, window "
              f"{f.get('working_days') and str(f['working_days']) + ' working days' or f.get('until') or '?'}"
              f"{'; wrong: ' + ', '.join(wrong) if wrong else ''}")
        for key in wrong:
            print(f"    {key}: read {f.get(key)!r}, expected {want.get(key)!r}")
    total = len(notices)
    print("\n" + "  ".join(f"{key} {n}/{total}" for key, n in scores.items()))


if __name__ == "__main__":
    main()
