"""The field types of the input schema: how the loader's plain strings become values, with the editor's message.

The loader keeps every YAML scalar a string (`load.yamlload`); each type here parses it
itself (dates at their precision, true/false, ids, counts written 1.250) and says in
Vietnamese what is wrong and how to write it. The JSON Schema offered to editors comes
from the same annotations.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from builder.core.dates import DateFormatError, PartialDate, parse_partial_date

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LOCALITY_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


def _to_date(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("portal_date", "phải là một ngày viết như 2023-07-30, 2023-07, 2023-Q1 hoặc 2023")
    try:
        return parse_partial_date(value)
    except DateFormatError as err:
        raise PydanticCustomError("portal_date", str(err)) from None


def _to_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise PydanticCustomError(
        "portal_bool", "'{value}' không rõ nghĩa; hãy viết true (có) hoặc false (không)", {"value": value}
    )


def _to_text(value: Any) -> Any:
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            raise PydanticCustomError("portal_blank", "đang để trống; hãy điền nội dung hoặc xóa dòng này")
        return stripped
    if isinstance(value, dict) and len(value) == 1 and all(isinstance(v, str) or v is None for v in value.values()):
        written = ": ".join(filter(None, next(iter(value.items())))).replace('"', "'")  # `- Lưu: VT, NV.`
        raise PydanticCustomError("portal_text", "dòng này có dấu ':' và dấu cách nên YAML hiểu thành tên trường; "
                                  "hãy đặt cả đoạn văn bản trong ngoặc kép: \"{written}\"", {"written": written})
    if isinstance(value, (list, dict)):
        kind = "một danh sách" if isinstance(value, list) else "một nhóm trường"
        raise PydanticCustomError("portal_text", f"phải là một đoạn văn bản, không phải {kind}")
    return value


def _to_id(value: Any) -> Any:
    value = _to_text(value)
    if isinstance(value, str) and not ID_RE.match(value):
        from builder.core.text import slugify

        raise PydanticCustomError(
            "portal_id", "mã '{value}' chỉ được gồm chữ thường không dấu, số và dấu '-'; hãy viết {hint}",
            {"value": value, "hint": slugify(value) or "ví dụ kinh-te"},
        )
    return value


def _to_locality_id(value: Any) -> Any:
    value = _to_text(value)
    if isinstance(value, str) and not LOCALITY_ID_RE.match(value):
        from builder.core.text import slugify

        hint = "/".join(slugify(part) for part in value.split("/") if slugify(part))
        raise PydanticCustomError(
            "portal_id", "mã địa phương '{value}' phải có dạng tinh/huyen/xa bằng chữ thường không dấu; hãy viết {hint}",
            {"value": value, "hint": hint or "lang-son/chi-lang"},
        )
    return value


PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?$"  # also the form editor's check (editor/cms_config.py)
_DATE_SCHEMA = {"type": "string", "pattern": PARTIAL_DATE_PATTERN,
                "examples": ["2023-07-30", "2023-07", "2023-Q1", "2023"]}

DateField = Annotated[PartialDate, BeforeValidator(_to_date), WithJsonSchema(_DATE_SCHEMA)]
Flag = Annotated[bool, BeforeValidator(_to_bool), WithJsonSchema({"type": "boolean"})]
Text = Annotated[str, BeforeValidator(_to_text), WithJsonSchema({"type": ["string", "number"], "minLength": 1})]
Id = Annotated[str, BeforeValidator(_to_id), WithJsonSchema({"type": "string", "pattern": ID_RE.pattern})]
LocalityId = Annotated[str, BeforeValidator(_to_locality_id),
                       WithJsonSchema({"type": "string", "pattern": LOCALITY_ID_RE.pattern})]

_COUNT_RE = re.compile(r"^(0|[1-9]\d{0,2}(\.\d{3})+|[1-9]\d*)$")


def _to_count(value: Any) -> Any:
    """"12" or "1.250" (Vietnamese thousands separator) → an int; anything else is an error.

    A leading zero ("010") is refused: YAML 1.1 tools read it as octal 8, we would read 10.
    """
    value = _to_text(value)
    if isinstance(value, str):
        if re.fullmatch(r"0\d+", value):
            raise PydanticCustomError("portal_count", "'{value}' bắt đầu bằng số 0 (có công cụ đọc thành số bát phân); "
                                      "hãy viết {fixed}", {"value": value, "fixed": str(int(value))})
        if not _COUNT_RE.match(value):
            raise PydanticCustomError(
                "portal_count", "'{value}' không phải một số đếm; hãy viết số nguyên, ví dụ 12 hoặc 1.250",
                {"value": value})
        return int(value.replace(".", ""))
    return value


def _to_year(value: Any) -> Any:
    value = _to_text(value)
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}", value) or not 1900 <= int(value) <= 2200:
            raise PydanticCustomError("portal_year", "'{value}' không phải một năm; hãy viết 4 chữ số, ví dụ 2024",
                                      {"value": value})
        return int(value)
    return value


# Editors' YAML tools read `3` and `2024` as numbers (YAML 1.2); our loader keeps strings. Both are fine here.
Count = Annotated[int, BeforeValidator(_to_count), WithJsonSchema(
    {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": _COUNT_RE.pattern}]})]
Year = Annotated[int, BeforeValidator(_to_year), WithJsonSchema(
    {"anyOf": [{"type": "integer", "minimum": 1000, "maximum": 9999}, {"type": "string", "pattern": r"^\d{4}$"}]})]
