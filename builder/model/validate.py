"""Turn pydantic's validation errors into editor-facing problems at the YAML line.

pydantic reports a `loc` key path and an English message; editors need the file line,
the field in their own words and the fix. The key path maps to a line through the
loader's position table, and each error type gets a Vietnamese message with a
suggestion ("did you mean", the allowed values, the missing line to add).
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from builder.core.problems import Problems
from builder.load.yamlload import Located, Path, dotted

M = TypeVar("M", bound=BaseModel)


def _unwrap(annotation: Any) -> Any:
    """The model class behind `X | None`, `list[X]` and `Annotated[X, ...]`, if any."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


def _model_at(model: type[BaseModel], loc: Path) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _clean_loc(loc: tuple[Any, ...]) -> Path:
    # pydantic inserts the names of union members and validator functions into loc.
    return tuple(p for p in loc if isinstance(p, int) or not str(p).startswith(("function-", "lax-", "strict-"))
                 and str(p) not in ("str", "bool", "PartialDate", "list[...]", "is-instance[PartialDate]"))


def _message(err: dict[str, Any], model: type[BaseModel], loc: Path) -> tuple[Path, str]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind.startswith("portal_"):
        return loc, err["msg"]
    if kind == "missing":
        parent = _model_at(model, loc[:-1])
        name = str(loc[-1])
        desc = ""
        if parent is not None and name in parent.model_fields:
            desc = parent.model_fields[name].description or ""
        what = f" ({desc})" if desc else ""
        return loc[:-1] + (name,), f"thiếu trường bắt buộc{what}; hãy thêm dòng `{name}: ...`"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        name = str(loc[-1])
        known = sorted(parent.model_fields) if parent is not None else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        if close:
            return loc, f"trường không có trong mẫu; có phải ý bạn là `{close[0]}`?"
        return loc, "trường không có trong mẫu; các trường được dùng: " + ", ".join(known)
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        value = err.get("input")
        close = difflib.get_close_matches(str(value), [e.strip() for e in expected.replace(" or ", ",").split(",")], n=1)
        hint = f"; có phải ý bạn là `{close[0]}`?" if close else ""
        return loc, f"giá trị '{value}' không hợp lệ; chọn một trong: {expected}{hint}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        got = err.get("input")
        if got is None:
            return loc, "đang để trống; hãy điền các trường con của mục này"
        return loc, "phải là một nhóm trường (mỗi dòng `tên: giá trị`, thụt lề 2 dấu cách)"
    if kind == "list_type":
        if err.get("input") is None:
            return loc, "đang để trống; hãy điền danh sách hoặc xóa dòng này"
        return loc, "phải là một danh sách, mỗi mục một dòng bắt đầu bằng `- `"
    if kind in ("string_type", "bool_type"):
        if err.get("input") is None:
            return loc, "đang để trống; hãy điền nội dung hoặc xóa dòng này"
        return loc, "phải là một đoạn văn bản, không phải danh sách hay nhóm trường"
    return loc, f"giá trị không hợp lệ ({err.get('msg')})"


def validate_document(located: Located, model: type[M], problems: Problems, prefix: Path = ()) -> M | None:
    """Validate one loaded document (or a part of it at `prefix`) against `model`."""
    key = (f"{model.__module__}.{model.__qualname__}", tuple(prefix))
    known = located.valid.get(key)
    if known is not None:
        return known  # type: ignore[no-any-return]
    data = located.data
    for part in prefix:
        data = data[part]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        line, col = located.position(prefix)
        problems.add(located.path, line, col, dotted(prefix),
                     "phải là một nhóm trường (mỗi dòng `tên: giá trị`), không phải danh sách hay văn bản")
        return None
    try:
        valid = model.model_validate(data)
    except ValidationError as exc:
        seen: set[tuple[Path, str]] = set()
        for err in exc.errors():
            loc = _clean_loc(tuple(err["loc"]))
            loc, message = _message(err, model, loc)
            if (loc, message) in seen:
                continue
            seen.add((loc, message))
            full = prefix + loc
            line, col = located.position(full)
            problems.add(located.path, line, col, dotted(full), message)
        return None
    located.valid[key] = valid
    return valid
