"""Checks shared by every kind of content file: ids, "did you mean" hints, unsafe links.

Campaigns and exemplars are validated by different modules with the same rules and
the same wording, so the wording lives here once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from builder.catalog.links import find_active_html, find_unsafe_links, position
from builder.core.dates import PartialDate
from builder.core.problems import Problems
from builder.core.text import match_key, slugify
from builder.load.sources import SourceFile, read_text
from builder.model.schema import ID_RE

RESERVED_IDS = {"index"}
# Python-Markdown looks for the end of every "[" it meets, so unclosed brackets cost time
# quadratically: 50,000 of them take four minutes. Real plans hold a handful; 2,000
# cost about a second at worst.
MAX_BRACKETS = 2000


def close_ids(value: str, known: Iterable[str], names: dict[str, str] | None = None,
              fallback: str = "chưa có mã nào gần giống; hãy thêm mục mới vào tệp danh mục") -> str:
    """"các mã gần giống: ..." for an unknown id: close spellings, then names containing it."""
    known = list(known)
    matches = difflib.get_close_matches(value, known, n=3, cutoff=0.5)
    if names:
        folded = match_key(value).replace("-", " ")
        matches += [k for k, n in names.items() if folded and folded in match_key(n) and k not in matches]
    matches = matches[:3]
    if matches:
        return "các mã gần giống: " + ", ".join(matches)
    return fallback


def check_id(stem: str, rel: str, problems: Problems, suffix: str = ".yml") -> bool:
    """The file stem becomes the page URL: lowercase ASCII words joined by '-', not a reserved name."""
    if not ID_RE.match(stem):
        problems.add(rel, 0, 0, "", f"tên tệp '{stem}' không dùng được làm địa chỉ trang; "
                     f"hãy đổi tên thành {slugify(stem) or 'ten-tep'}{suffix} (chữ thường không dấu, nối bằng '-')")
        return False
    if stem in RESERVED_IDS:
        problems.add(rel, 0, 0, "", f"tên tệp '{stem}' trùng tên một trang của cổng; hãy đặt tên khác")
        return False
    return True


def read_body(root: Path, card: Path, problems: Problems) -> str:
    """The full text beside a card (`<id>.md` next to `<id>.yml`), checked; "" when there is none."""
    body_path = card.with_suffix(".md")
    if not body_path.exists() or (source := read_text(root, body_path, problems)) is None:
        return ""
    check_body(source, problems)
    return source.text


def check_body(source: SourceFile, problems: Problems) -> None:
    """Markdown may hold raw HTML; code in it must stop the build, not reach a citizen (content is data)."""
    for line, col, url in find_unsafe_links(source.text):
        problems.add(source.path, line, col, "", f"liên kết '{url[:40]}' không an toàn (javascript:, data:, vbscript:); "
                     "hãy dùng liên kết http(s) hoặc xóa nó")
    brackets = source.text.count("[")
    if brackets > MAX_BRACKETS:
        first_too_many = next(itertools.islice(re.finditer(r"\[", source.text), MAX_BRACKETS, None)).start()
        problems.add(source.path, *position(source.text, first_too_many), "",
                     f"văn bản có {brackets} dấu '[' (tối đa {MAX_BRACKETS}), thường do dán nhầm hoặc tệp hỏng; "
                     "hãy xóa các dấu '[' thừa")
        return  # the other scans would only repeat what this says
    for line, col, what in find_active_html(source.text):
        if what.startswith("<"):
            problems.add(source.path, line, col, "", f"thẻ {what} không được dùng trong nội dung (cổng không chạy mã "
                         "hay nhúng trang khác); hãy xóa thẻ này, muốn dẫn tới trang khác thì dùng liên kết [tên](https://...)")
        else:
            problems.add(source.path, line, col, "", f"thuộc tính '{what}' chạy mã khi người đọc thao tác; "
                         "hãy xóa thuộc tính này")


Report = Callable[[tuple[str | int, ...], str, str], None]  # (key path, field, message)


def check_id_list(err: Report, field: str, values: list[str], known: Collection[str], unknown: str,
                  names: dict[str, str] | None = None, fallback: str | None = None) -> None:
    """Every id of a list field must exist and appear once: `themes`, `movements`, `campaigns`.

    Args:
        unknown: the message start for an unknown id, with `{id}` (e.g. "lĩnh vực '{id}' chưa có ...").
    """
    for i, value in enumerate(values):
        if value not in known:
            hint = close_ids(value, known, names, fallback) if fallback else close_ids(value, known, names)
            err((field, i), f"{field}[{i + 1}]", f"{unknown.format(id=value)}; {hint}")
        elif value in values[:i]:
            err((field, i), f"{field}[{i + 1}]", f"'{value}' được ghi hai lần; hãy xóa một dòng")


def is_draft(data: object) -> bool:
    """Whether a loaded card says `draft: true`, read before validation (so a broken draft is known as one)."""
    return isinstance(data, dict) and data.get("draft") == "true"


def embargo_reason(draft: bool, publish_on: PartialDate | None, today: dt.date) -> str:
    """The publication rules every content kind shares: drafts and `publish_on` in the future."""
    if draft:
        return "bản nháp (draft: true)"
    if publish_on and publish_on.first_day() > today:
        return f"chưa đến ngày công bố {publish_on.display()}"
    return ""
