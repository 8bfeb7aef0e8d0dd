"""`portal schema`: JSON Schema for the files editors write, from the same models the build validates with.

Editors get completion, the Vietnamese field descriptions on hover and red underlines
while typing (VS Code's YAML extension), so most mistakes never reach `portal check`.
Generated, never hand-written: a field added to `schema.py` appears here on the next run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from builder.model.schema import (
    CampaignInput,
    ExemplarInput,
    LocalityInput,
    MovementInput,
    NoticeInput,
    ThemeInput,
    WorkdayInput,
)

SCHEMA_DIR = "schema"

_DOCUMENTS: dict[str, tuple[Any, str]] = {
    "campaign": (CampaignInput, "Thẻ thông tin phong trào (campaigns/<mã>.yml)"),
    "exemplar": (ExemplarInput, "Phần đầu hồ sơ điển hình (content/exemplars/<mã>.md, giữa hai dòng ---)"),
    "themes": (list[ThemeInput], "Danh mục lĩnh vực (campaigns/_themes.yml)"),
    "movements": (list[MovementInput], "Danh mục phong trào, cuộc vận động (campaigns/_movements.yml)"),
    "localities": (list[LocalityInput], "Danh mục địa phương (campaigns/_localities.yml)"),
    "notice": (NoticeInput, "Thông báo lấy ý kiến nhân dân về khen thưởng (campaigns/notices/<mã>.yml)"),
    "workdays": (list[WorkdayInput], "Ngày nghỉ, ngày làm bù Chính phủ công bố thêm (campaigns/_workdays.yml)"),
}


def schemas() -> dict[str, str]:
    """File name → JSON text, deterministic (sorted keys) so the committed copies can be compared."""
    out = {}
    for name, (model, title) in _DOCUMENTS.items():
        schema = TypeAdapter(model).json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
