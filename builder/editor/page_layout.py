"""Words placed on a page → the importer's lines, for PDFs and scans alike.

A PDF's text layer and Tesseract's output are words with boxes, not lines: the two header
columns (issuer and number on the left, the national motto and the date on the right) share
a height, and body paragraphs are hard-wrapped at the margin. The importer reads one shape
(the one `.docx` tables give): a row of columns as `left | right`, a paragraph as one line,
a blank line between blocks. Words are grouped into rows by height, a row is cut into
columns where the gap is wider than two letters' height, and a row that fills the text
width continues on the next one unless that starts an item ("-", "1.", "a)", "II.").
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

_ITEM = re.compile(r"^([-+•*–]|\d{1,2}[.)]|[a-zđ]\)|[IVX]{1,4}[.:]|Điều\s+\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float = 100.0  # Tesseract's 0-100; a text layer is certain

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Row:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return statistics.median(w.height for w in self.words)

    def cells(self) -> list[list[Word]]:
        words = sorted(self.words, key=lambda w: w.x0)
        cells = [[words[0]]]
        for previous, word in itertools.pairwise(words):
            if word.x0 - previous.x1 > 2 * self.height:
                cells.append([])
            cells[-1].append(word)
        return cells

    def text(self) -> str:
        return " | ".join(" ".join(w.text for w in cell) for cell in self.cells())


def rows_of(words: list[Word]) -> list[Row]:
    """Words grouped into rows: a word joins the row whose middle is within half its height."""
    rows: list[Row] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        middle = (word.top + word.bottom) / 2
        row = rows[-1] if rows else None
        if row is not None and abs(middle - (row.top + row.bottom) / 2) < max(row.height, word.height) / 2:
            row.words.append(word)
        else:
            rows.append(Row([word]))
    return rows


def page_lines(words: list[Word]) -> list[str]:
    """The page as lines: columns joined by ` | `, wrapped paragraphs joined, blocks apart."""
    rows = [r for r in rows_of([w for w in words if w.text.strip()]) if r.words]
    if not rows:
        return []
    single = [r for r in rows if len(r.cells()) == 1] or rows
    right = max(w.x1 for r in single for w in r.words)
    left = min(w.x0 for r in rows for w in r.words)
    lines: list[str] = []
    previous: Row | None = None
    for row in rows:
        text = row.text()
        if previous is not None:
            gap = row.top - previous.bottom
            full = max(w.x1 for w in previous.words) >= left + 0.85 * (right - left)
            at_margin = min(w.x0 for w in row.words) <= left + 0.1 * (right - left)  # not a centred heading
            heading = text.upper() == text and max(w.x1 for w in row.words) < left + 0.6 * (right - left)
            if gap < 0.8 * row.height and full and at_margin and not heading and len(previous.cells()) == 1 and len(row.cells()) == 1 \
                    and not _ITEM.match(text) and lines and lines[-1]:
                lines[-1] += " " + text
                previous = row
                continue
            if gap >= 0.8 * row.height:
                lines.append("")
        lines.append(text)
        previous = row
    return lines


def doubtful_rows(words: list[Word], threshold: float) -> list[str]:
    """Rows holding a word read with confidence below `threshold`, as text (for the report)."""
    return [r.text() for r in rows_of(words) if any(w.confidence < threshold for w in r.words)]
