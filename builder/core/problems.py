"""Content problems: one line each, `path:line:col: field: what is wrong; what to write`.

Every stage collects problems instead of raising on the first, so an editor sees all
of a build's mistakes in one run; the entry points turn a non-empty list into a
non-zero exit without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, positioned for an editor."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        prefix = "" if self.severity == "error" else "cảnh báo: "
        return f"{where}: {prefix}{self.field}: {self.message}" if self.field else f"{where}: {prefix}{self.message}"


@dataclass
class Problems:
    """An accumulator passed down a stage; never module-level state."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, column: int, field_name: str, message: str) -> None:
        self.items.append(Problem(path, line, column, field_name, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def as_warnings(self, note: str) -> list[Problem]:
        """These problems downgraded to warnings, each ending with `note` (why it does not stop the build)."""
        return [Problem(p.path, p.line, p.column, p.field, f"{p.message} ({note})", "warning") for p in self.items]


class ContentError(Exception):
    """Raised once per build with every problem found; `str()` is the editor's report."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(format_report(self.problems))


def format_report(problems: list[Problem]) -> str:
    lines = [p.format() for p in problems]
    count = len(problems)
    lines.append(f"Nội dung có {count} lỗi; trang chưa được tạo, thư mục site/ giữ nguyên.")
    return "\n".join(lines)


def format_preview_report(problems: list[Problem]) -> str:
    """What `portal serve` prints while the content has errors: the preview shows the same list."""
    lines = [p.format() for p in problems]
    lines.append(f"Nội dung có {len(problems)} lỗi; trang xem trước hiện danh sách lỗi. Sửa và lưu tệp để xem lại.")
    return "\n" + "\n".join(lines)
