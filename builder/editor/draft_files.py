"""What every importer writes the same way: the draft card's YAML and the report's field lines."""

from __future__ import annotations

from typing import Any

import yaml


class CardDumper(yaml.SafeDumper):
    """Writes `issued: 2024-03-19`, not `'2024-03-19'`: the portal reads every scalar as text anyway."""

    yaml_implicit_resolvers: dict[str, Any] = {}


def fields_read(fields: dict[str, Any]) -> list[str]:
    """The report's "Đã đọc được" lines: each field read, a list as its length, a group on one line."""
    lines = []
    for key, value in fields.items():
        if value in (None, "", [], {}):
            continue
        shown = f"{len(value)} mục" if isinstance(value, list) else (
            ", ".join(f"{k}: {v}" for k, v in value.items() if v) if isinstance(value, dict) else str(value))
        lines.append(f"  {key}: {shown[:110]}")
    return lines
