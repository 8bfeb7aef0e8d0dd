"""What `portal check`, `new`, `schema` and `import` print and write; `cli` only dispatches here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

from builder.core.problems import Problem
from builder.editor.award_import import is_award_decision, read_award_decision
from builder.editor.header_reader import read_header
from builder.editor.json_schema import write_schemas
from builder.editor.notice_import import NoticeImport, import_notice
from builder.editor.plan_import import ImportError_, import_document
from builder.editor.reading import read_document
from builder.editor.registry_entries import append_entries
from builder.editor.templates import (
    NewFile,
    campaign_files,
    exemplar_files,
    existing,
    make_id,
    notice_files,
)


def report(fmt: str, errors: list[Problem], portal: Any) -> int:
    """Print `portal check`'s findings; 1 when there are errors.

    Errors mean the build would refuse the content; warnings never fail a check.
    """
    catalog = portal.catalog if portal is not None else None
    warnings = [*catalog.warnings, *portal.warnings] if catalog is not None else []  # a province's members too
    if fmt == "json":
        print(json.dumps({
            "ok": not errors,
            "errors": [_as_dict(p) for p in errors],
            "warnings": [_as_dict(p) for p in warnings],
            "hidden": [{"path": path, "reason": reason} for path, reason in catalog.hidden] if catalog else [],
            "counts": ({"campaigns": len(catalog.campaigns), "exemplars": len(catalog.exemplars),
                        "pages": len(portal.pages)} if catalog else {}),
        }, ensure_ascii=False, indent=2))
    elif fmt == "github":
        for problem in [*errors, *warnings]:
            level = "error" if problem.severity == "error" else "warning"
            where = f"file={problem.path}" + (f",line={problem.line},col={problem.column}" if problem.line else "")
            text = problem.format().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::{level} {where}::{text}")
    elif errors:
        for problem in errors:
            print(problem.format(), file=sys.stderr)
        print(f"Nội dung có {len(errors)} lỗi: trang sẽ không được tạo cho đến khi sửa xong.", file=sys.stderr)
    else:
        for problem in warnings:
            print(problem.format())
        for path, reason in catalog.hidden:
            print(f"{path}: không công bố: {reason}")
        print(f"Nội dung hợp lệ: {len(catalog.campaigns)} phong trào, {len(catalog.exemplars)} điển hình công bố, "
              f"{len(catalog.hidden)} tệp chưa công bố, {len(portal.pages)} trang, {len(warnings)} cảnh báo; "
              f"ngày tạo trang {catalog.today.isoformat()}.")
    return 1 if errors else 0


def _as_dict(problem: Problem) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "column": problem.column, "field": problem.field,
            "message": problem.message, "severity": problem.severity, "text": problem.format()}


def new(root: Path, campaigns_dir: str, content_dir: str, kind: str, title: str, file_id: str | None) -> int:
    """`portal new campaign|exemplar|notice "<title>"`: write the template files, never over an existing one."""
    title = " ".join(title.split())
    chosen = file_id or make_id(title)
    if not title or not chosen:
        print("Tên trống hoặc không có chữ nào dùng làm mã được; hãy ghi tên, ví dụ "
              'portal new campaign "Phát động phong trào thi đua năm 2025"', file=sys.stderr)
        return 2
    if not _valid_id(chosen):
        return 2
    files = {"campaign": lambda: campaign_files(root, campaigns_dir, title, chosen),
             "exemplar": lambda: exemplar_files(root, content_dir, title, chosen),
             "notice": lambda: notice_files(root, campaigns_dir, title, chosen)}[kind]()
    code = _write_new(root, files)
    if code == 0:
        print("Tệp mới là bản nháp (draft: true). Điền các trường, chạy `portal check`, rồi xóa dòng draft để công bố.")
    return code


REGISTRIES = {"theme": "_themes.yml", "movement": "_movements.yml", "locality": "_localities.yml"}


def new_registry_entry(root: Path, campaigns_dir: str, kind: str, name: str, file_id: str | None, level: str | None,
                       parent: str | None) -> int:
    """`portal new theme|movement|locality "<name>"`: one entry appended to its registry, its id from the name."""
    name = " ".join(name.split())
    registry = root / campaigns_dir / REGISTRIES[kind]
    entries = yaml.safe_load(registry.read_text(encoding="utf-8")) if registry.is_file() else []
    ids = {str(e.get("id")) for e in entries or [] if isinstance(e, dict)}
    own = file_id or make_id(name)
    if not name or not own or not _valid_id(own):
        print('Tên trống; hãy ghi tên, ví dụ portal new theme "Kinh tế"', file=sys.stderr)
        return 2
    entry: dict[str, str] = {"id": own, "name": name}
    if kind == "locality":
        if not level:
            print("Địa phương cần --level (tinh, thanh-pho, huyen, thi-xa, xa, phuong, thi-tran)", file=sys.stderr)
            return 2
        if parent and parent not in ids:
            print(f"--parent: chưa có địa phương mã '{parent}' trong {REGISTRIES[kind]}; hãy thêm đơn vị cấp trên trước",
                  file=sys.stderr)
            return 2
        entry = {"id": f"{parent}/{own}" if parent else own, "name": name, "level": level}
    if entry["id"] in ids:
        print(f"{campaigns_dir}/{REGISTRIES[kind]}: đã có mã '{entry['id']}'; hãy chọn mã khác: --id <mã>", file=sys.stderr)
        return 1
    append_entries(registry, [entry])
    print(f"Đã thêm '{entry['id']}' ({name}) vào {campaigns_dir}/{REGISTRIES[kind]}; chạy portal check để kiểm tra")
    return 0


def schema(folder: Path) -> int:
    for path in write_schemas(folder):
        print(f"Đã ghi {path}")
    return 0


def import_plan(root: Path, campaigns_dir: str, source: Path, file_id: str | None, add_registry: bool = False) -> int:
    """`portal import <file>`: a draft campaign from a plan document (or a draft notice from a notice
    for public comment), and a report of what needs a human."""
    try:
        document = read_document(source)
        notice = import_notice(document, root / campaigns_dir)
        if notice is not None:
            return _write_notice(root, campaigns_dir, notice, file_id)
        header = read_header(document.lines, document.unsure)
        if is_award_decision(header):  # sums a campaign up: a results block to paste, no new campaign
            print(read_award_decision(document.lines, header).report())
            return 0
        result = import_document(document, root / campaigns_dir)
    except ImportError_ as err:
        print(f"{source}: {err}", file=sys.stderr)
        return 1
    chosen = file_id or result.suggested_id
    if not _valid_id(chosen):
        return 2
    base = root / campaigns_dir
    added = result.registry_entries if add_registry else {}
    if "_localities.yml" in added:  # the card names the entry it adds
        result.fields["issuer"]["locality"] = added["_localities.yml"][-1]["id"]
    code = _write_new(root, [NewFile(base / f"{chosen}.yml", result.card_yaml(chosen)),
                             NewFile(base / f"{chosen}.md", result.body)])
    if code != 0:
        return code
    for name, entries in added.items():
        append_entries(base / name, entries)
        print(f"Đã thêm {len(entries)} mục vào {campaigns_dir}/{name} (bản nháp, hãy kiểm tra): "
              + ", ".join(e["id"] for e in entries))
    if added:
        result.registry_entries = {}
    print(result.report())
    return code


def _write_notice(root: Path, campaigns_dir: str, notice: NoticeImport, file_id: str | None) -> int:
    chosen = file_id or notice.suggested_id
    if not _valid_id(chosen):
        return 2
    base = root / campaigns_dir / "notices"
    code = _write_new(root, [NewFile(base / f"{chosen}.yml", notice.card_yaml()), NewFile(base / f"{chosen}.md", notice.body)])
    if code == 0:
        print(notice.report())
    return code


def _valid_id(chosen: str) -> bool:
    if chosen == make_id(chosen):
        return True
    print(f"--id: '{chosen}' không dùng được làm mã; hãy dùng chữ thường không dấu, số và dấu '-', "
          f"ví dụ {make_id(chosen) or '2025-thi-dua'}", file=sys.stderr)
    return False


def _write_new(root: Path, files: list[NewFile]) -> int:
    """Write `files`, or none of them when any exists (also under another case or spelling of its id)."""
    taken = existing(files)
    for path in taken:
        print(f"{path.relative_to(root).as_posix()}: đã có tệp này; không ghi đè. Hãy chọn mã khác: --id <mã>",
              file=sys.stderr)
    if taken:
        return 1
    for new_file in files:
        new_file.path.parent.mkdir(parents=True, exist_ok=True)
        new_file.path.write_text(new_file.text, encoding="utf-8")
        print(f"Đã tạo {new_file.path.relative_to(root).as_posix()}")
    return 0
