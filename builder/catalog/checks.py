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
from builder.model.fields import ID_RE

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


_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_HEADER_LINE = re.compile(r"^(?:[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)|[ \t]+\S|[ \t]*$)")


def check_header_block(source: SourceFile, problems: Problems, allowed: bool) -> None:
    """A block of `key: value` lines between `---` lines: the engine reads it only when it starts on line 1
    and is closed; otherwise it is printed as text on the page (with the page's settings lost). A campaign's
    or notice's full text has no such block at all: its card (.yml) holds the fields."""
    lines = source.text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---" or len(lines) <= first + 1 or \
            not re.match(r"^[A-Za-z_][\w-]*[ \t]*:", lines[first + 1]):
        return  # no block: a line of dashes here is a rule
    run = first + 1
    while run < len(lines) and _HEADER_LINE.match(lines[run]) and not _FENCE.match(lines[run]):
        run += 1
    if run >= len(lines) or not _FENCE.match(lines[run]):
        last = max(i for i in range(first + 1, run) if lines[i].strip())
        problems.add(source.path, first + 1, 1, "", f"khối đầu trang mở bằng '---' ở dòng {first + 1} nhưng không "
                     f"có dòng '---' đóng lại, nên cả khối hiện thành chữ trên trang; hãy thêm một dòng '---' "
                     f"ngay sau dòng {last + 1}")
    elif not allowed:
        problems.add(source.path, first + 1, 1, "", f"toàn văn không có khối đầu trang (dòng {first + 1} đến "
                     f"{run + 1}); thông tin của văn bản ghi trong tệp .yml cùng tên: hãy xóa các dòng này")
    elif first > 0:
        problems.add(source.path, first + 1, 1, "", f"khối đầu trang phải bắt đầu ở dòng 1, nếu không nó hiện thành "
                     f"chữ trên trang; hãy xóa {first} dòng trống phía trên")


def check_body(source: SourceFile, problems: Problems, header_block: bool | None = False) -> None:
    """Markdown may hold raw HTML; code in it must stop the build, not reach a citizen (content is data).

    Args:
        header_block: the file may open with a `---` block of page settings (content/ pages); None when
            the caller reads the block itself (an exemplar's profile).
    """
    if header_block is not None:
        check_header_block(source, problems, header_block)
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
