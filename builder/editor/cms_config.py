"""The form editor's configuration (Decap CMS `config.yml`), made from the same models as the JSON Schema.

Every field of `CampaignInput`, `ExemplarInput` and the notices' model becomes a form field, so a
field added to the schema appears in the form (a test walks the models and fails on drift). Types
map to widgets: a date field is text checked against the partial-date pattern (2024, 2024-03,
2024-Q1, 2024-03-19), a flag a switch, a fixed choice or a registry id a select list whose labels
are the registry's names, a group of fields an object and a list of groups a list. Labels are
the fields' Vietnamese descriptions up to the example; the full description is the hint.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from builder.model.fields import PARTIAL_DATE_PATTERN
from builder.model.schema import (
    CAMPAIGN_KINDS,
    EXEMPLAR_KINDS,
    LOCALITY_LEVELS,
    WORK_STATUSES,
    CampaignInput,
    ExemplarInput,
    LocalityInput,
    MovementInput,
    NoticeInput,
    ThemeInput,
)

# Field names whose list of ids or single id is chosen from a registry (the key in `Options`).
_CHOICES = {"themes": "themes", "movements": "movements", "locality": "localities", "parent": "localities",
            "merged_into": "localities", "campaigns": "campaigns",
            "campaign": "campaigns", "honorees": "exemplars", "exemplars": "exemplars"}
_LABELS = {"themes": "Lĩnh vực", "movements": "Phong trào hưởng ứng", "locality": "Địa phương",
           "campaigns": "Phong trào", "campaign": "Phong trào trên cổng", "honorees": "Điển hình được tuyên dương",
           "exemplars": "Điển hình", "draft": "Bản nháp (không công bố)", "consent": "Đã đồng ý công bố",
           "sample": "Dữ liệu minh họa", "publish_on": "Công bố từ ngày", "body": "Toàn văn", "photo": "Ảnh",
           "photo_alt": "Mô tả ảnh"}
_VALUE_LABELS = {**CAMPAIGN_KINDS, **LOCALITY_LEVELS, **WORK_STATUSES, **EXEMPLAR_KINDS, "cancelled": "Đã hủy", "postponed": "Tạm hoãn"}
_LONG_TEXT = {"summary", "description", "participants", "criteria", "targets"}
DATE_HINT = "viết 2024-03-19, 2024-03 (tháng), 2024-Q1 (quý) hoặc 2024 (năm), đúng như văn bản ghi"

Options = dict[str, list[tuple[str, str]]]  # registry → (value, label)


def registry_options(root: Path, campaigns_dir: str, content_dir: str) -> Options:
    """The select lists' entries, read leniently from the registries and file names (the form never fails)."""
    base = root / campaigns_dir

    def entries(name: str) -> list[tuple[str, str]]:
        try:
            data = yaml.safe_load((base / name).read_text(encoding="utf-8")) or []
        except (OSError, yaml.YAMLError):
            return []
        return [(str(d["id"]), f"{d.get('name', d['id'])} ({d['id']})") for d in data if isinstance(d, dict) and "id" in d]

    def stems(folder: Path, suffix: str) -> list[tuple[str, str]]:
        return [(p.stem, p.stem) for p in sorted(folder.glob(f"*{suffix}")) if not p.name.startswith("_")]

    return {"themes": entries("_themes.yml"), "movements": entries("_movements.yml"),
            "localities": entries("_localities.yml"), "campaigns": stems(base, ".yml"),
            "exemplars": stems(root / content_dir / "exemplars", ".md")}


def cms_config(options: Options, campaigns_dir: str = "campaigns", content_dir: str = "content",
               backend: dict[str, Any] | None = None, site_url: str = "") -> dict[str, Any]:
    """The whole `config.yml`: the local backend unless `backend` is given (an office's Git host).

    A card's page is the portal's own: "Xem bản hoàn chỉnh" opens it in the live preview (`site_url`,
    `preview_path`), so Decap's side pane, which would only list the card's raw values, is off for
    cards, notices and registries and kept for the texts, where it shows the Markdown as it reads."""
    return {
        "backend": backend or {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"},
        "locale": "vi",
        "site_url": site_url,
        "publish_mode": "simple",
        "media_folder": f"{content_dir}/exemplars/photos",
        "public_folder": "photos",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {"name": "campaigns", "label": "Phong trào thi đua", "label_singular": "phong trào",
             "folder": campaigns_dir, "extension": "yml", "format": "yml", "create": True,
             "slug": "{{year}}-{{slug}}", "identifier_field": "title", "summary": "{{title}}",
             "preview_path": "campaigns/{{slug}}.html", "editor": {"preview": False},
             "description": "Thẻ thông tin của mỗi văn bản phát động; toàn văn ở tệp .md cùng tên.",
             "fields": model_fields(CampaignInput, options)},
            {"name": "texts", "label": "Toàn văn phong trào", "label_singular": "toàn văn",
             "folder": campaigns_dir, "extension": "md", "format": "frontmatter", "create": True,
             "slug": "{{fields.campaign}}", "identifier_field": "campaign", "summary": "{{slug}}",
             "description": "Toàn văn của mỗi văn bản: tệp .md cạnh thẻ .yml cùng tên.",
             "fields": [{"name": "campaign", "label": "Phong trào", "widget": "select", "required": False,
                         "hint": "chọn khi thêm toàn văn cho một phong trào mới; tên tệp theo mã phong trào",
                         "options": [{"label": label, "value": value} for value, label in options.get("campaigns", [])]},
                        {"name": "body", "label": "Toàn văn", "widget": "markdown",
                         "hint": "dán nguyên văn; đề mục I., 1., a) viết ## I. …, ### 1. …"}]},
            {"name": "exemplars", "label": "Điển hình tiên tiến", "label_singular": "điển hình",
             "folder": f"{content_dir}/exemplars", "extension": "md", "format": "frontmatter", "create": True,
             "slug": "{{slug}}", "identifier_field": "name", "summary": "{{name}}",
             "preview_path": "exemplars/{{slug}}.html",
             "fields": [*model_fields(ExemplarInput, options),
                        {"name": "body", "label": "Câu chuyện", "widget": "markdown", "required": False,
                         "hint": "vì sao được tuyên dương, việc đã làm; viết cho người dân đọc"}]},
            registries_collection(campaigns_dir, options),
            {"name": "notices", "label": "Thông báo lấy ý kiến", "label_singular": "thông báo",
             "folder": f"{campaigns_dir}/notices", "extension": "yml", "format": "yml", "create": True,
             "slug": "{{slug}}", "identifier_field": "title", "summary": "{{title}}", "editor": {"preview": False},
             "fields": model_fields(NoticeInput, options)},
        ],
    }


REGISTRIES = (("_themes.yml", "Lĩnh vực thi đua", "lĩnh vực", ThemeInput),
              ("_movements.yml", "Phong trào, cuộc vận động được hưởng ứng", "phong trào", MovementInput),
              ("_localities.yml", "Địa phương (tỉnh, xã, phường)", "địa phương", LocalityInput))


def registries_collection(campaigns_dir: str, options: Options) -> dict[str, Any]:
    """The registries, one form each: a list of entries (the page's `registry` format reads the file's top-level
    list into `entries` and keeps its comment block in the hidden `header`)."""
    return {"name": "registries", "label": "Danh mục", "label_singular": "danh mục", "format": "registry",
            "editor": {"preview": False},
            "description": "Lĩnh vực, phong trào và địa phương mà thẻ phong trào chọn trong danh sách.",
            "files": [{"name": file.removeprefix("_").removesuffix(".yml"), "label": label,
                       "file": f"{campaigns_dir}/{file}",
                       "fields": [{"name": "header", "widget": "hidden", "required": False},
                                  {"name": "entries", "label": label, "label_singular": singular, "widget": "list",
                                   "summary": "{{fields.name}} ({{fields.id}})", "collapsed": True,
                                   "fields": model_fields(model, options)}]}
                      for file, label, singular, model in REGISTRIES]}


def model_fields(model: type[BaseModel], options: Options) -> list[dict[str, Any]]:
    return [_field(name, info.annotation, info, options) for name, info in model.model_fields.items()]


def _field(name: str, annotation: Any, info: FieldInfo | None, options: Options) -> dict[str, Any]:
    description = (info.description if info else "") or ""
    widget: dict[str, Any] = {"name": name, "label": _LABELS.get(name) or _label(description, name),
                              "required": bool(info and info.is_required())}
    if description and description.casefold() != widget["label"].casefold():
        widget["hint"] = description
    inner, many = _inner(annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        fields = model_fields(inner, options)
        if not many and not widget["required"]:  # Decap would demand an optional group's inner fields;
            fields = [_not_required(f) for f in fields]  # `portal check` says what a started group lacks
        return {**widget, "widget": "list", "fields": fields} if many else {**widget, "widget": "object", "fields": fields}
    if typing.get_origin(inner) is Literal:
        choices = [{"label": _VALUE_LABELS.get(v, v), "value": v} for v in typing.get_args(inner)]
        return {**widget, "widget": "select", "options": choices, "multiple": many}
    kind = _kind(inner, info)
    if name in _CHOICES and kind == "text":
        choices = [{"label": label, "value": value} for value, label in options.get(_CHOICES[name], [])]
        return {**widget, "widget": "select", "options": choices, "multiple": many}
    if many:
        return {**widget, "widget": "list", "field": {"name": "item", "label": widget["label"], "widget": "string"}}
    if name == "photo":  # uploaded into the media folder; the card names it from content/exemplars/
        return {**widget, "widget": "image", "choose_url": False}
    if kind == "date":
        return {**widget, "widget": "string", "pattern": [_optional(PARTIAL_DATE_PATTERN, widget), DATE_HINT]}
    if kind == "flag":
        return {**widget, "widget": "boolean"}  # no default: an untouched switch writes nothing
    if kind == "count":
        return {**widget, "widget": "string", "pattern": [_optional(r"^\d[\d.]*$", widget),
                                                          "viết số nguyên, ví dụ 12 hoặc 1.250"]}
    return {**widget, "widget": "text" if name in _LONG_TEXT else "string"}


def _optional(pattern: str, widget: dict[str, Any]) -> str:
    """An optional field's pattern also accepts nothing: Decap checks an empty field inside a list item too."""
    return pattern if widget["required"] or pattern.startswith("^(?:") else f"^(?:{pattern[1:-1]})?$"


def _not_required(field: dict[str, Any]) -> dict[str, Any]:
    relaxed = {**field, "required": False}
    if "pattern" in field:
        relaxed["pattern"] = [_optional(field["pattern"][0], relaxed), field["pattern"][1]]
    return relaxed


def _inner(annotation: Any) -> tuple[Any, bool]:
    """(the type under `X | None`, `list[X]`, `Annotated[X, …]`, whether it is a list)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _inner(args[0]) if len(args) == 1 else (annotation, False)
    if origin is list:
        inner, _ = _inner(typing.get_args(annotation)[0])
        return inner, True
    return annotation, False


def _kind(annotation: Any, info: FieldInfo | None = None) -> str:
    """The field type of `model.fields` (DateField, Flag, Count… or text), by its validator: pydantic keeps a
    required field's `Annotated` parts in `info.metadata`, an optional one's inside the union."""
    meta = list(info.metadata) if info is not None and typing.get_origin(annotation) is not typing.Annotated else []
    if typing.get_origin(annotation) is typing.Annotated:
        meta = list(typing.get_args(annotation)[1:])
    if meta:
        names = " ".join(m.func.__name__ for m in meta if hasattr(m, "func"))
        if "date" in names:
            return "date"
        if "bool" in names:
            return "flag"
        if "count" in names or "year" in names:
            return "count"
        return "text"
    return "flag" if annotation is bool else "text"


def _label(description: str, name: str) -> str:
    text = description.split(", ví dụ")[0].split(";")[0].split(" (")[0].split(": ")[0].strip()
    if text.startswith("true"):
        text = text.split(":", 1)[-1].strip()
    return (text[:1].upper() + text[1:]) if text else name
