"""The project's registries as the importer reads them: localities and movements by name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.editor.plan_patterns import LEVEL_KEYS
from builder.editor.plan_text import fold_keeping_offsets


@dataclass
class Registry:
    """Entries of `_localities.yml` and `_movements.yml`, read leniently: the importer never fails on them."""

    localities: list[dict[str, str]]
    movements: list[dict[str, str]]

    @classmethod
    def load(cls, folder: Path | None) -> Registry:
        def read(name: str) -> list[dict[str, str]]:
            if folder is None or not (folder / name).is_file():
                return []
            try:
                data = yaml.load((folder / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            except (yaml.YAMLError, UnicodeDecodeError):
                return []
            return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []
        return cls(read("_localities.yml"), read("_movements.yml"))

    def find_locality(self, level: str, name: str, text: str) -> tuple[dict[str, str] | None, list[str]]:
        """The registry entry for `<level> <name>`; ties broken by parents the text names."""
        level_key = LEVEL_KEYS.get(fold_keeping_offsets(level), "huyen" if fold_keeping_offsets(level) == "quan" else "")
        matches = [d for d in self.localities if fold_keeping_offsets(d.get("name", "")) == fold_keeping_offsets(name)
                   and (not level_key or d.get("level") == level_key)]
        if len(matches) > 1:
            folded = fold_keeping_offsets(text)
            by_parent = [d for d in matches if all(
                fold_keeping_offsets(p.get("name", "")) in folded for p in self.parents(d))]
            if len(by_parent) == 1:
                matches = by_parent
        if len(matches) == 1:
            return matches[0], []
        return None, [d.get("id", "") for d in matches]

    def parents(self, entry: dict[str, str]) -> list[dict[str, str]]:
        parts = entry.get("id", "").split("/")
        ids = {"/".join(parts[:i]) for i in range(1, len(parts))}
        return [d for d in self.localities if d.get("id") in ids]
