"""The header reader on the layouts offices' documents arrive in (fixtures/headers/layouts.yml).

Each layout is written for these tests; the corpus of real documents is measured by
`bench/import_accuracy.py`, never copied here. A wrong value the report does not flag is the
worst outcome, so a field the fixture leaves out is not checked, but a field it gives as null
must stay empty, and a field listed under `doubt` must be flagged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.editor.header_reader import read_header

LAYOUTS = yaml.safe_load((Path(__file__).parent / "fixtures" / "headers" / "layouts.yml").read_text(encoding="utf-8"))


def _norm(value: object) -> object:
    if isinstance(value, list):
        return sorted(str(v) for v in value)
    return " ".join(str(value).split()).casefold() if value is not None else None


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout["name"] for layout in LAYOUTS])
def test_header_fields_on_each_layout(layout: dict) -> None:
    header = read_header(layout["text"].split("\n"))
    got = header.expected_shape()
    wrong = {key: (got[key], want) for key, want in layout["expect"].items()
             if _norm(got[key] if key != "number" else (got[key] or "").replace(" ", "") if got[key] is not None else None)
             != _norm(want)}
    assert not wrong, wrong
    for key in layout.get("doubt", []):
        assert key in header.doubts, f"{key} is not flagged: {header.doubts}"


def test_fields_read_from_lines_ocr_was_unsure_of_are_flagged() -> None:
    lines = LAYOUTS[0]["text"].split("\n")
    sure = read_header(lines)
    assert not {"number", "basis"} & set(sure.doubts)
    unsure = read_header(lines, unsure=[lines[2], lines[6]])  # the number line and a "Căn cứ" line
    assert {"number", "date", "place", "basis"} <= set(unsure.doubts), unsure.doubts
    assert "title" not in unsure.doubts
