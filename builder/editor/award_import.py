"""`portal import` of a decision awarding honours (Quyết định khen thưởng): a `results:` block to review.

A decision is not a campaign: it sums one up. What the portal keeps of it is the campaign's
`results:` block (the award form and how many collectives and individuals received it) and the
honoured as exemplars. Article 1 ("Điều 1. Tặng … cho …") says the form, and either lists the
honoured or sends to an annex ("DANH SÁCH … kèm theo Quyết định"); a count the decision states
("cho 6 tập thể") outranks the length of the list read. The block is printed for the editor to
paste into the campaign card it belongs to, with the names for review; nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from builder.editor.header import Header
from builder.editor.plan_text import fold_keeping_offsets, plain
from builder.editor.plan_wording import looks_like_name, upper_first

_GRANT = re.compile(r"(?:tang thuong|tang|truy tang)\s+(?:danh hieu\s+)?(.+?)\s+cho\b", re.IGNORECASE)
_PERSON = re.compile(r"^(ong|ba|dong chi|anh|chi|thieu ta|trung ta|dai ta|thuong ta)\s", re.IGNORECASE)
_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[-+•])\s*(.+?)[;.]?\s*$")
AWARD_WORDS = re.compile(r"khen thuong|tang thuong|tang danh hieu|tang bang khen|tang co thi dua|"
                         r"cong nhan danh hieu|truy tang")


@dataclass
class AwardDecision:
    header: Header
    form: str = ""
    collectives: list[str] = field(default_factory=list)
    individuals: list[str] = field(default_factory=list)
    stated: dict[str, int] = field(default_factory=dict)  # counts the decision states
    notes: list[str] = field(default_factory=list)

    def block(self) -> str:
        award = {"form": self.form or "…",
                 "collectives": self.stated.get("collectives", len(self.collectives)),
                 "individuals": self.stated.get("individuals", len(self.individuals))}
        results = {"results": {"published": self.header.date or "…", "awards": [award]}}
        return yaml.safe_dump(results, allow_unicode=True, sort_keys=False, width=10**6)

    def report(self) -> str:
        h = self.header
        lines = [f"Đây là Quyết định khen thưởng{' số ' + h.number if h.number else ''}"
                 f"{' ngày ' + h.date_text() if h.date else ''} của {h.issuer or 'cơ quan chưa rõ'}: "
                 "không tạo phong trào mới. Khối sau sẵn để dán vào thẻ của phong trào được tổng kết "
                 "(campaigns/<mã>.yml), rồi chạy portal check:", "",
                 *["    " + line for line in self.block().splitlines()], ""]
        names = [("tập thể", n) for n in self.collectives] + [("cá nhân", n) for n in self.individuals]
        if names:
            lines.append("Danh sách được khen (đọc từ văn bản; điển hình nào muốn giới thiệu thì tạo bằng "
                         "portal new exemplar rồi ghi mã vào results.honorees):")
            lines += [f"  - [{kind}] {name}" for kind, name in names]
        if self.notes:
            lines.append("Cần kiểm tra:")
            lines += [f"  - {note}" for note in self.notes]
        return "\n".join(lines)


def is_award_decision(header: Header) -> bool:
    title = fold_keeping_offsets(header.title or "")
    return header.kind == "Quyết định" and bool(AWARD_WORDS.search(title)) and "ban hanh" not in title


def read_award_decision(lines: list[str], header: Header) -> AwardDecision:
    decision = AwardDecision(header)
    text = [plain(line).strip(" |") for line in lines[header.body_from:]]
    article = next((i for i, t in enumerate(text) if re.match(r"điều\s*1\b", t, re.IGNORECASE)), None)
    if article is None:
        decision.notes.append("không thấy Điều 1; hãy điền hình thức và số được khen theo văn bản")
        return decision
    first = re.sub(r"^Điều\s*1\.?\s*", "", text[article], flags=re.IGNORECASE)
    grant = _GRANT.search(fold_keeping_offsets(first))
    if grant:
        decision.form = upper_first(first[grant.start(1):grant.end(1)].strip())
        title_form = fold_keeping_offsets(header.title or "")
        if fold_keeping_offsets(decision.form) not in title_form:
            decision.notes.append(f"hình thức ở Điều 1 (“{decision.form}”) khác tên quyết định (“{header.title}”); "
                                  "đã theo Điều 1")
        rest = first[grant.end():].strip(" :")
        for count, kind in re.findall(r"(\d+)\s*(tập thể|cá nhân)", rest):
            decision.stated["collectives" if kind == "tập thể" else "individuals"] = int(count)
    else:
        decision.notes.append("không đọc được hình thức khen thưởng ở Điều 1; hãy điền results.awards[].form")
    _honoured(decision, text[article:], first)
    if not decision.collectives and not decision.individuals and not decision.stated:
        decision.notes.append("không đọc được danh sách được khen (có thể nằm trong phụ lục là ảnh); hãy điền số lượng")
    return decision


def _honoured(decision: AwardDecision, text: list[str], first: str) -> None:
    """Names listed under Article 1 or in the annex ("DANH SÁCH"), else the one named in Article 1."""
    names: list[str] = []
    listing = True  # Article 1's own lines, then the annex; not Article 2 on, nor the recipients (Nơi nhận)
    for line in text[1:]:
        folded = fold_keeping_offsets(line)
        if re.match(r"dieu\s*[2-9]|noi nhan", folded):
            listing = False
        elif folded.startswith("danh sach"):
            listing = True
        m = _ITEM.match(line) if listing else None
        if m and not re.match(r"(chủ tịch|giám đốc|chánh|trưởng|thủ trưởng|website|lưu)\b", m.group(1), re.IGNORECASE):
            names.append(m.group(1).strip())
    if not names:  # one honoured, named after "cho" or on the line under "… cho:"
        after = re.split(r"\bcho\s*:?\s*", first, maxsplit=1)
        named = after[1] if len(after) == 2 else ""
        if not named and first.rstrip().endswith(":") and len(text) > 1 and not re.match(r"điều", text[1], re.I):
            named = text[1]
        if named and not re.match(r"\d+\s*(tập thể|cá nhân)", named):
            names.append(re.split(r",\s*(?:đã|có thành tích)", named)[0].strip(" .;"))
    for name in names:
        person = _PERSON.match(fold_keeping_offsets(name)) or looks_like_name(name.split(",")[0])
        (decision.individuals if person else decision.collectives).append(name)
