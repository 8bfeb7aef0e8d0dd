"""The kind heading (KẾ HOẠCH, QUYẾT ĐỊNH…) and the title under it; a letter's "V/v" subject.

The kind is a cell in capitals, alone ("KẾ HOẠCH") or before the title ("KẾ HOẠCH Tổ chức…",
"KẾ HOẠCH PHÁT ĐỘNG…"); a heading alone outranks one fused with its title, which outranks a
site's page title in capitals. The title runs on over lines, and over paragraphs when a Word
copy typed one line a paragraph, until the basis, a rule or the signing authority.
"""

from __future__ import annotations

import re

from builder.editor.header import Header
from builder.editor.header_basis import SYMBOL_RE
from builder.editor.plan_patterns import POSITIONS
from builder.editor.plan_text import fold_keeping_offsets
from builder.editor.plan_wording import is_upper, sentence_case, upper_first

# Kind headings, folded → label. Longer first: "ke hoach lien tich" before "ke hoach".
KIND_LABELS = {
    "ke hoach lien tich": "Kế hoạch liên tịch", "ke hoach": "Kế hoạch", "quyet dinh": "Quyết định",
    "thong bao": "Thông báo", "chi thi": "Chỉ thị", "huong dan": "Hướng dẫn", "bao cao": "Báo cáo",
    "to trinh": "Tờ trình", "nghi quyet": "Nghị quyết", "chuong trinh": "Chương trình", "phat dong": "Phát động",
    "cong van": "Công văn", "giay moi": "Giấy mời", "quy che": "Quy chế", "ket luan": "Kết luận",
}
_STOP_TITLE = re.compile(r"^(can cu|can\s|thuc hien|kinh gui|xet de nghi|theo de nghi|de |nham |nay |"
                         r"(?:phan\s+)?[ivx]+\s*[.:]\s|\d+\s*[.)]\s|dieu\s+\d)")


def kind_and_title(lines: list[str], header: Header) -> None:
    """The kind heading: a cell that is the kind in capitals, alone or before the title."""
    best: tuple[int, int, str, str] | None = None  # (rank, line, kind, rest)
    for i, line in enumerate(lines[:150]):
        for cell in re.split(r"\s*\|\s*|\s{3,}", line.strip()):
            cell = cell.strip(" *")
            folded = fold_keeping_offsets(cell)
            for label, kind in KIND_LABELS.items():
                if folded == label and is_upper(cell):
                    rank, rest = 0, ""
                elif folded.startswith(label + " ") and is_upper(cell[:len(label)]):
                    rest = cell[len(label):].strip(" :.-")
                    rank = 2 if is_upper(rest) else 1
                else:
                    continue
                if best is None or rank < best[0]:
                    best = (rank, i, kind, rest)
                break
        if best is not None and best[0] == 0:
            break
    if best is None:
        return
    _, at, kind, rest = best
    h = header
    h.kind, h.kind_line = kind, at
    parts = [rest] if rest else []
    i, gaps = at + 1, 0
    while i < len(lines) and len(parts) < 6:
        text = lines[i].strip(" *")
        if not text:
            i += 1
            gaps += 1
            if gaps > 2:
                break
            continue
        folded = fold_keeping_offsets(text)
        # A title may start "Thực hiện …" ("Thực hiện phong trào thi đua …"); a basis sentence cites a number.
        title_verb = not parts and folded.startswith(("thuc hien", "trien khai")) and not SYMBOL_RE.search(text) \
            and not text.rstrip().endswith((";", ",", ":"))
        if not title_verb and (_STOP_TITLE.match(folded) or set(text) <= set("-_=*.| ") or
                               (parts and is_upper(text) and (not is_upper(" ".join(parts)) or _authority(folded)))):
            break  # the basis, a rule, or the signing authority ("THỦ TƯỚNG CHÍNH PHỦ") under a title
        if parts and gaps and not _continues(" ".join(parts), text):
            break  # a title typed one line a paragraph goes on; a new paragraph does not
        parts.append(text.strip(" |"))
        i += 1
        gaps = 0
    h.body_from = i
    title = " ".join(" ".join(parts).split()).strip(" .")
    title = re.sub(r'^[“"](.*)[”"]$', r"\1", title).strip()
    if title and is_upper(title):
        title = sentence_case(title, "\n".join(lines))
        h.doubts["title"] = "tên văn bản viết hoa toàn bộ; đã chuyển sang chữ thường, giữ hoa tên riêng: hãy đọc lại"
    h.title = title or None


def letter_subject(zone: str, header: Header) -> None:
    """A letter (công văn) has no kind heading: its subject is "V/v …" under the number."""
    found = [m for m in re.finditer(r"\bV/v\b\.?\s*(.+?)(?=\s*(?:\||Kính gửi|CỘNG H[OÒ]A|$))", zone, re.MULTILINE)]
    if not found:
        return
    m = found[-1]  # a site's preview of the header comes before the header itself
    header.kind = "Công văn"
    header.title = upper_first(m.group(1).strip(" .;"))


def _continues(title: str, text: str) -> bool:
    """Whether the paragraph `text` after a blank line still belongs to the title read so far."""
    opened = title.count("“") + title.count("(") > title.count("”") + title.count(")") or title.count('"') % 2 == 1
    return opened or (is_upper(title) and is_upper(text)) or text[:1].islower() or text.startswith(("(", "“", "-", "–"))


def _authority(folded: str) -> bool:
    """"THỦ TƯỚNG CHÍNH PHỦ", "HIỆU TRƯỞNG TRƯỜNG …": who decides, written under a decision's title."""
    return folded.startswith(("thu tuong", "bo truong", "chu tich", "hieu truong", "giam doc", "truong ban")) or \
        any(folded == p or folded.startswith(p + " ") for p in POSITIONS)
