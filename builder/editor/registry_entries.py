"""Registry entries the importer proposes for a locality or a movement the registries lack.

An office importing its first plan usually finds its own commune missing from
`_localities.yml`. Instead of a note saying so, the import report prints the entry ready to
paste, and `portal import --add-registry` appends it (marked as a draft to check). A locality's
id is its parent's id and its own name ("lang-son/hoa-phong"), so the parent is guessed: the
governing body the header names above the issuer, else the province the text names most; for
a commune in a document issued before 1 July 2025, the district the text names. A parent not
in the registry is proposed too, so the entries pass `portal check` as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import yaml

from builder.core.text import slugify
from builder.editor.header import Header
from builder.editor.plan_patterns import LEVEL_KEYS
from builder.editor.plan_registry import Registry
from builder.editor.plan_text import fold_keeping_offsets
from builder.editor.plan_wording import leading_capitals

TWO_LEVELS = dt.date(2025, 7, 1)  # districts ended: a commune's parent is its province
_PROVINCE = ("tỉnh", "thành phố")
_DISTRICT = ("huyện", "quận", "thị xã", "thành phố")
DRAFT_COMMENT = "# Thêm bởi portal import --add-registry hoặc portal new: hãy kiểm tra tên, cấp và đơn vị cấp trên.\n"


def locality_entries(header: Header, registry: Registry, text: str) -> list[dict[str, str]]:
    """Entries to add so the issuer's locality exists (its parent first when that is missing too)."""
    if not (header.level and header.locality_name) or fold_keeping_offsets(header.level) not in LEVEL_KEYS:
        return []
    chain = _parents(header, text)
    entries: list[dict[str, str]] = []
    parent_id = ""
    for level, name in chain:
        found, _ = registry.find_locality(level, name, text)
        if found:
            parent_id = found["id"]
            continue
        entry_id = "/".join(filter(None, [parent_id, slugify(name)]))
        entries.append({"id": entry_id, "name": name, "level": LEVEL_KEYS[fold_keeping_offsets(level)]})
        parent_id = entry_id
    own_id = "/".join(filter(None, [parent_id, slugify(header.locality_name)]))
    entries.append({"id": own_id, "name": header.locality_name, "level": LEVEL_KEYS[fold_keeping_offsets(header.level)]})
    return entries


def _parents(header: Header, text: str) -> list[tuple[str, str]]:
    """(level, name) of the issuer's parents, province first; empty for a province."""
    if header.level in _PROVINCE and not (header.parent or "").startswith("UBND"):
        return []
    named = _named(text, _PROVINCE, header.locality_name)
    province = _from_parent(header.parent, _PROVINCE) or (named.most_common(1)[0][0] if named else None)
    chain = [province] if province else []
    before_2025 = header.date is not None and header.date[:10] < TWO_LEVELS.isoformat()
    if header.level in ("xã", "phường", "thị trấn") and before_2025:
        district = _from_parent(header.parent, _DISTRICT) or \
            next(iter(c for c, _ in _named(text, _DISTRICT, header.locality_name).most_common(1)), None)
        if district and district != province:
            chain.append(district)
    return chain


def _from_parent(parent: str | None, levels: tuple[str, ...]) -> tuple[str, str] | None:
    m = re.match(rf"UBND ({'|'.join(levels)}) (.+)$", parent or "")
    return (m.group(1), m.group(2)) if m else None


def _named(text: str, levels: tuple[str, ...], own: str | None) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for m in re.finditer(rf"\b({'|'.join(levels)})\s+((?:\w+ ?){{1,4}})", text):
        name = " ".join(leading_capitals(m.group(2)))
        if name and fold_keeping_offsets(name) != fold_keeping_offsets(own or ""):
            counts[(m.group(1), name)] += 1
    return counts


def movement_entries(names: list[str], registry: Registry) -> list[dict[str, str]]:
    taken = {m.get("id", "") for m in registry.movements}
    out = []
    for name in names:
        base = "-".join(slugify(name).split("-")[:6]) or "phong-trao"
        entry_id, n = base, 2
        while entry_id in taken:
            entry_id, n = f"{base}-{n}", n + 1
        taken.add(entry_id)
        out.append({"id": entry_id, "name": name})
    return out


def entries_yaml(entries: list[dict[str, str]]) -> str:
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=10**6)


def append_entries(path: Path, entries: list[dict[str, str]]) -> None:
    """Append `entries` to a registry file, after a comment that says where they came from."""
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    lead = "" if not existing or existing.endswith("\n") else "\n"
    path.write_text(existing + lead + DRAFT_COMMENT + entries_yaml(entries), encoding="utf-8")
