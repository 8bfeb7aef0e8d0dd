"""The shape every reader gives: a document's lines and what the reader doubts; the importer's error."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[str], None]


class ImportError_(Exception):  # `ImportError` is Python's own
    """The file cannot be read as a document; `str()` is the Vietnamese message for the editor."""


@dataclass
class Document:
    """A file's text as lines, and notes on what may be misread (OCR below its confidence threshold)."""

    lines: list[str]
    source: str
    format: str  # "text", "word", "web", "pdf", "scan"
    unsure: list[str] = field(default_factory=list)  # lines OCR read a word of below its confidence threshold

    @property
    def doubts(self) -> list[str]:
        return [f"đọc chữ trong ảnh không chắc ở dòng “{row[:80]}”" for row in self.unsure]
