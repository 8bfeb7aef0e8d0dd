"""Read YAML the way an editor means it: every scalar stays a string, every value keeps its position.

PyYAML's default loader silently turns `2023-07-30` into a date, `no` into False,
`012345` into an octal number and `10:00` into 600; a campaign card must never change
type behind the editor's back. We only *compose* the document (nodes with marks) and
build plain Python values ourselves, recording each value's line and column under its
key path so that validation errors can point at the line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import yaml
from yaml.resolver import BaseResolver

from builder.core.problems import Problems
from builder.core.text import nfc
from builder.load.sources import read_text

Path = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class _StringResolver(BaseResolver):
    """A resolver with no implicit types: plain scalars are strings, nothing else."""


class _ComposeLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _StringResolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _StringResolver.__init__(self)

    def compose_node(self, parent: Any, index: Any) -> Any:
        # Aliases repeat content without showing it and enable "billion laughs"
        # bombs; editors never need them, so an alias is an error, not a feature.
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "found alias", event.start_mark
            )
        return super().compose_node(parent, index)


StringLoader = _ComposeLoader  # for callers that only compose (no aliases, no implicit types)


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _FastComposeLoader(CParser, _StringResolver):  # type: ignore[misc]
        """libyaml's parser and composer (C) with the same no-implicit-types resolver."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _StringResolver.__init__(self)


# A `%` that could start a token (a directive, or a plain scalar the Python loader refuses);
# "đạt 80%" cannot, and percentages in targets sent a quarter of the bench's cards to the slow path.
# A byte-order mark inside the text: libyaml accepts it where the Python loader refuses (found by fuzzing).
_SLOW_PATH = re.compile(r"[&*\t|>\ufeff]|(?:^|[\s\[{,:])%")


def _compose(text: str) -> Any:
    """The document's node tree: libyaml when it can be trusted, the pure-Python loader otherwise.

    libyaml composes about ten times faster, which matters at 10,000 cards. It cannot
    refuse aliases (it shares the node instead) and it accepts some tabs, directives
    and block-scalar headers that the Python loader refuses; a fuzz run of 20,000
    edited cards found those the only differences. So any text with such characters
    (a `%` only where it could start a token) takes the Python loader, and so does any text libyaml rejects: every message and
    position an editor sees comes from the Python loader.
    """
    if yaml.__with_libyaml__ and not _SLOW_PATH.search(text):
        try:
            return yaml.compose(text, Loader=_FastComposeLoader)  # type: ignore[arg-type]
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_ComposeLoader)  # type: ignore[arg-type]


@dataclass
class Located:
    """A loaded document: plain values plus the position of every key path."""

    path: str
    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # (model name, key path) → the frozen model it validated to without a problem. A document
    # reused from `ParseCache` is then not validated again: pydantic was a quarter of loading.
    valid: dict[tuple[str, Path], Any] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        # Kept in memory only (the preview): unpickling pydantic models took 5 s for the 12,000
        # documents of the 10,000-record bench, against 1.4 s to validate them again.
        return {**self.__dict__, "valid": {}}

    def position(self, key_path: Path) -> tuple[int, int]:
        """Line and column of the deepest known prefix of `key_path` (1-based)."""
        probe = tuple(key_path)
        while probe not in self.positions and probe:
            probe = probe[:-1]
        return self.positions.get(probe, (1, 1))


_YAML_HINTS = {
    "found character '\\t' that cannot start any token": (
        "có ký tự tab; YAML chỉ cho phép thụt lề bằng dấu cách, hãy thay tab bằng 2 dấu cách"
    ),
    "found alias": "không dùng bí danh YAML (*tên); hãy viết lại giá trị đầy đủ",
    "expected a single document in the stream": (
        "tệp có nhiều tài liệu YAML (dấu ---); mỗi tệp chỉ chứa một tài liệu"
    ),
}


def _describe_yaml_error(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or ""
    for key, hint in _YAML_HINTS.items():
        if problem.startswith(key) or (err.context or "").startswith(key):
            return hint
    if "mapping values are not allowed" in problem:
        return (
            "dấu ':' đặt sai chỗ hoặc thụt lề sai; nếu giá trị chứa dấu ':', hãy đặt nó trong ngoặc kép"
        )
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "thụt lề không thẳng hàng với các dòng cùng cấp; hãy căn lề bằng dấu cách cho đều"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return "cú pháp YAML không hợp lệ; hãy viết giá trị thường, không dùng * hay ?"
    return f"cú pháp YAML không hợp lệ ({problem}); hãy kiểm tra dấu ':' và thụt lề ở dòng này"


_QUOTED_VALUE = re.compile(r"""^(\s*(?:-\s+)*(?:[^\s#'"][^:#]*:\s+(?:-\s+)*)?)(["'])""")


def _unclosed_quote(text: str, until: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of the first value that opens a quote and leaves it open on its line,
    at or before line `until`: YAML lets a quoted value run on over lines, so a forgotten quote is
    reported where the text ends or the next quote closes it, often far below."""
    for number, line in enumerate(text.split("\n")[:until], start=1):
        m = _QUOTED_VALUE.match(line)
        if not m:
            continue
        quote, rest = m.group(2), line[m.end():]
        body = rest.replace("''", "") if quote == "'" else re.sub(r'\\.', "", rest)
        if quote not in body:
            return number, m.end(), quote
    return None


def _quoted_fix(text: str, line: int) -> str:
    """The line written with its value quoted: "slogan: Thi đua: đổi mới" → 'slogan: "Thi đua: đổi mới"'."""
    source = text.split("\n")[line - 1] if 0 < line <= len(text.split("\n")) else ""
    m = re.match(r"^(\s*(?:-\s+)?[^\s:#'\"][^:#]*:\s+)(.+?)\s*$", source)
    if not m or '"' in m.group(2) or not re.search(r":(\s|$)", m.group(2)):
        return ""  # the colon at fault is not inside the value (an indentation problem, say)
    return f", ví dụ: {m.group(1).strip()} \"{m.group(2)}\""


def parse_yaml(text: str, path: str, problems: Problems, *, line_offset: int = 0) -> Located | None:
    """Compose `text` and convert it to plain values; report problems instead of raising.

    Args:
        text: the YAML source, already decoded.
        path: the project-relative path used in messages.
        problems: where problems are collected.
        line_offset: lines before `text` in its file (front matter starts after `---`).
    """
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        opened = _unclosed_quote(text, line)
        if opened is not None:  # the parser noticed where the text ran out, not where the quote opened
            quote_line, quote_col, quote = opened
            problems.add(path, quote_line + line_offset, quote_col, "",
                         f"dấu {quote} mở ở đây nhưng không đóng trên cùng dòng; hãy thêm {quote} ở cuối giá trị "
                         f"(giá trị có dấu {quote} bên trong thì dùng loại ngoặc còn lại)")
            return None
        message = _describe_yaml_error(err)
        if "mapping values are not allowed" in (err.problem or ""):
            message += _quoted_fix(text, line)
        problems.add(path, line + line_offset, col, "", message)
        return None
    except yaml.YAMLError as err:  # pragma: no cover - reader errors carry no mark
        problems.add(path, 1 + line_offset, 1, "", f"không đọc được YAML: {err}")
        return None
    located = Located(path, None)
    if node is None:
        return located
    before = len(problems.items)
    located.data = _convert(node, (), located, problems, line_offset)
    # A document with a YAML-level problem (duplicate key, forbidden tag) is not
    # validated further: its values are not what the editor meant, so every
    # follow-on message would mislead.
    return located if len(problems.items) == before else None


def load_yaml_file(root: FilePath, path: FilePath, problems: Problems, parsed: ParseCache) -> Located | None:
    """Read (`sources.read_text`: UTF-8, NFC, the portal's style) and parse one YAML file of the project."""
    source = read_text(root, path, problems)
    return parsed.parse(source.text, source.path, problems) if source is not None else None


class ParseCache:
    """Parsed documents by path and exact text, handed from one build to the next.

    Composing YAML in pure Python (it is what gives every message its line) is half of
    loading the catalog, so a rebuild, or a preview after one saved file, parses only the
    files that changed. Only documents that parsed without a problem are kept: every
    message still comes from a real parse. Documents are never modified after parsing.
    """

    def __init__(self, known: dict[tuple[str, int, bytes], Located] | None = None) -> None:
        self.known = known or {}
        self.used: dict[tuple[str, int, bytes], Located] = {}  # what this build parsed or reused: the next build's `known`

    def parse(self, text: str, path: str, problems: Problems, *, line_offset: int = 0) -> Located | None:
        key = (path, line_offset, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest())
        located = self.known.get(key)
        if located is None:
            located = parse_yaml(text, path, problems, line_offset=line_offset)
            if located is None:
                return None
        self.used[key] = located
        return located

    @property
    def changed(self) -> bool:
        """Whether the next build needs other documents than this one was handed (else: no need to save)."""
        return self.used.keys() != self.known.keys()


def _convert(node: yaml.Node, key_path: Path, out: Located, problems: Problems, offset: int) -> Any:
    line, col = node.start_mark.line + 1 + offset, node.start_mark.column + 1
    out.positions.setdefault(key_path, (line, col))
    field_name = dotted(key_path)
    if node.tag not in _PLAIN_TAGS:
        problems.add(
            out.path, line, col, field_name,
            f"thẻ YAML '{node.tag}' không được phép; hãy bỏ thẻ và viết giá trị thường",
        )
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("'", '"') and node.end_mark.line > node.start_mark.line and \
                re.search(r"(?:^|\s)[a-z_]+: ", node.value):
            # A quote closed lines below by the next value's opening quote: the lines between became text.
            problems.add(out.path, line, col, field_name,
                         f"dấu {node.style} mở ở đây chỉ đóng ở dòng {node.end_mark.line + 1 + offset}, nên các "
                         f"dòng ở giữa thành chữ của giá trị; hãy thêm {node.style} ở cuối dòng này")
            return None
        plain = not node.style  # None from the Python composer, "" from libyaml
        if plain and node.value in ("", "~", "null"):
            return None
        return nfc(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, key_path + (i,), out, problems, offset) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.add(out.path, key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1,
                         field_name, "khóa phải là một từ, không phải danh sách hay nhóm")
            continue
        key = nfc(key_node.value)
        kline, kcol = key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1
        if key in result:
            first = out.positions.get(key_path + (key,), (0, 0))[0]
            problems.add(
                out.path, kline, kcol, dotted(key_path + (key,)),
                f"khóa bị lặp (đã có ở dòng {first}); hãy giữ một khóa và xóa khóa còn lại",
            )
            continue
        out.positions[key_path + (key,)] = (kline, kcol)
        result[key] = _convert(value_node, key_path + (key,), out, problems, offset)
    return result


def dotted(key_path: Path) -> str:
    """`("phases", 1, "end")` → `phases[2].end`: list items counted from 1, as editors count."""
    text = ""
    for part in key_path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + part
    return text
