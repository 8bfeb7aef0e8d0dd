"""How many header fields `portal import` reads right, per field and per format. Prints numbers.

    .venv/bin/python -m bench.import_accuracy ../shared/corpus
    .venv/bin/python -m bench.import_accuracy ../shared/corpus --formats txt pdf -v
    .venv/bin/python -m bench.import_accuracy ../shared/corpus --formats txt --speed

Reads the corpus (`docs/*.txt` and `expected.json`) from where it is, never copying it. Each
text is imported as it is (`txt`) and as the Word file, text PDF and scan this script makes of
it with the project's own code (`bench.document_versions`), in a temporary folder. Seven header
fields are scored per document: kind, number, date, place, issuer, title and the basis numbers
(as a set). A field the document does not state must stay empty: a value there is a miss. A
miss the import report flags ("Cần kiểm tra") is counted apart from a silent one, which is the
worst outcome. Titles are compared without case (a heading in capitals is re-cased by
judgement), everything else as written, spacing aside.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

from builder.editor.header_reader import read_header
from builder.editor.notice_import import import_notice
from builder.editor.plan_import import ImportError_, import_document
from builder.editor.reading import read_document
from tests.document_versions import FORMATS, make_version, scan_pdf, write_pdf

from .synthetic import REPO

FIELDS = ("kind", "number", "date", "place", "issuer", "title", "basis")


def _norm(value: Any) -> str:
    text = unicodedata.normalize("NFC", str(value or "")).casefold()
    text = text.replace("“", '"').replace("”", '"').replace("–", "-")
    return " ".join(text.split()).strip(' .;:"')


def _number(value: Any) -> str:
    return re.sub(r"\s+", "", str(value or "")).casefold()


def read_fields(path: Path) -> tuple[dict[str, Any], set[str]]:
    """The header `portal import` reads from `path` (the keys of expected.json), and the fields its report
    asks a human to check ("Cần kiểm tra")."""
    document = read_document(path, progress=lambda _: None)
    header = read_header(document.lines, document.unsure)
    got = header.expected_shape()
    notice = import_notice(document, REPO / "campaigns")
    if notice is not None:  # the notice importer reads a notice's headline and issuer
        got["title"] = notice.fields.get("title")
        got["issuer"] = (notice.fields.get("issuer") or {}).get("name")
    return got, set(header.doubts) | {note.split(":")[0] for note in (notice.notes if notice else [])}


def score(got: dict[str, Any], want: dict[str, Any]) -> dict[str, bool]:
    out = {}
    for key in FIELDS:
        if key == "basis":
            out[key] = {_number(n) for n in got.get(key) or []} == {_number(n) for n in want.get(key) or []}
        elif key == "number":
            out[key] = (got.get(key) is None) == (want.get(key) is None) and _number(got.get(key)) == _number(want.get(key))
        else:
            out[key] = _norm(got.get(key)) == _norm(want.get(key))
    return out


def speed(corpus: Path, folder: Path) -> None:
    """Seconds to import a 10-page text PDF and a one-page scan, as `portal import` reads them."""
    import pypdfium2

    text = (corpus / "docs" / sorted(json.loads((corpus / "expected.json").read_text(encoding="utf-8")))[1])
    lines = text.read_text(encoding="utf-8").split("\n")
    long = list(lines)
    while len(pypdfium2.PdfDocument(str(_pdf(long, folder / "long.pdf")))) < 10:
        long += lines
    one = _pdf(lines[:40], folder / "one.pdf")
    scan = scan_pdf(one, folder / "one.scan.pdf")
    for label, path in (("10-page text PDF", folder / "long.pdf"), ("1 scanned page", scan)):
        started = time.perf_counter()
        import_document(read_document(path, progress=lambda _: None), REPO / "campaigns")
        pages = len(pypdfium2.PdfDocument(str(path)))
        print(f"{label}: {pages} pages, {time.perf_counter() - started:.2f} s")


def _pdf(lines: list[str], path: Path) -> Path:
    write_pdf(lines, path)
    return path


def main() -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # as `portal import` runs Tesseract
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="the corpus folder (docs/ and expected.json)")
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    parser.add_argument("--speed", action="store_true", help="also time a 10-page text PDF and a scanned page")
    args = parser.parse_args()
    expected = json.loads((args.corpus / "expected.json").read_text(encoding="utf-8"))
    table: dict[str, dict[str, int]] = {}
    silent: dict[str, int] = {}
    seconds: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="import-accuracy-") as tmp:
        for fmt in args.formats:
            right = dict.fromkeys(FIELDS, 0)
            silent[fmt] = 0
            seconds[fmt] = []
            for name, want in sorted(expected.items()):
                source = make_version(args.corpus / "docs" / name, fmt, Path(tmp))
                started = time.perf_counter()
                try:
                    got, flagged = read_fields(source)
                except ImportError_ as err:
                    got, flagged = {}, set()
                    print(f"{fmt} {name[:40]}: {err}")
                seconds[fmt].append(time.perf_counter() - started)
                for key, ok in score(got, want).items():
                    right[key] += ok
                    silent[fmt] += (not ok) and key not in flagged
                    if not ok and args.verbose:
                        print(f"{fmt} {name[:40]} {key}: read {got.get(key)!r}, expected {want.get(key)!r}"
                              f"{'  (flagged)' if key in flagged else '  (NOT FLAGGED)'}")
            table[fmt] = right
    n = len(expected)
    print(f"\n{n} documents, {len(FIELDS)} header fields each\n")
    print("| format | " + " | ".join(FIELDS) + " | all | silent misses | s per document (median, max) |")
    print("|---" * (len(FIELDS) + 4) + "|")
    for fmt, right in table.items():
        total = sum(right.values())
        print(f"| {fmt} | " + " | ".join(f"{right[k]}/{n}" for k in FIELDS)
              + f" | {100 * total / (n * len(FIELDS)):.0f}% | {silent[fmt]} | "
              f"{statistics.median(seconds[fmt]):.2f}, {max(seconds[fmt]):.2f} |")
    if args.speed:
        with tempfile.TemporaryDirectory(prefix="import-speed-") as tmp:
            print()
            speed(args.corpus, Path(tmp))


if __name__ == "__main__":
    main()
