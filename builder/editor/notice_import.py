"""`portal import` of a nominee notice (lấy ý kiến nhân dân): a draft notice and a list to review.

Offices publish these as short news items, not as formatted documents: a headline with "lấy ý
kiến (Nhân dân)", often the web page's time stamp, the rule they follow ("khoản 10 Điều 45 Nghị
định số 91/2017/NĐ-CP"), the award, the nominees as numbered lines (or one "… cho <unit>" in a
sentence, or an image), and where comments go ("gửi về …, địa chỉ: …", "trước ngày 24/9/2019",
"trong 10 ngày làm việc"). As for plans, nothing is invented: a field the text does not state
stays empty and the report says so; a value read indirectly (the posting time as the day
published, "trước ngày" as the day before) is named in the report for a human to confirm.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.core.text import slugify
from builder.editor.draft_files import CardDumper, fields_read
from builder.editor.header_reader import read_header
from builder.editor.plan_patterns import LEVEL_RE
from builder.editor.plan_registry import Registry
from builder.editor.plan_text import find_dates, fold_keeping_offsets, plain
from builder.editor.plan_wording import looks_like_name
from builder.editor.reading import Document, as_document

_HEAD_LINES = 25  # the headline is near the top, after a site's clutter
_STAMP = re.compile(r"^\D{0,12}(?:\d{1,2}:\d{2},?\s*)?\d{1,2}/\d{1,2}/\d{4}(?:\s*[-–]?\s*\d{1,2}:\d{2})?\s*(?:SA|CH|AM|PM)?"
                    r"\s*(?:\[GMT\+7\])?\s*$")
_ISSUER = re.compile(r"((?:Thường trực |Ban Thường vụ )?(?:Hội đồng|Ban|Sở|Bộ|Ủy ban nhân dân|UBND)\b[^.;:()“”\"',]{2,90}?)"
                     r"\s+(?:trân trọng thông báo|thông báo|lấy ý kiến|nhận được)")
_BASIS = re.compile(r"khoản\s*\d+,?\s*Điều\s*\d+,?\s*(?:của\s*)?Nghị định\s*(?:số\s*)?\d+/\d{4}/NĐ-CP", re.IGNORECASE)
_DECREE = re.compile(r"Nghị định\s*(?:số\s*)?\d+/\d{4}/NĐ-CP")
_AWARD = re.compile(r"(Huân chương [^\W\d][\w ]*? (?:hạng (?:Nhất|Nhì|Ba)|các hạng)|danh hiệu\s*[“\"][^”\"]+[”\"])",
                    re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.+)$")
_HONORIFIC = re.compile(r"^(?:Ông|Bà|Đồng chí|Anh|Chị)\s+")
_IMAGE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp)$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:điện thoại|ĐT)\s*:?\s*([\d][\d .]{7,14}\d)", re.IGNORECASE)


def is_notice(lines: list[str]) -> bool:
    """Whether the document is a notice for comment: "lấy (xin) ý kiến" with "nhân dân" in a headline near the top."""
    return _title_index(lines) is not None


def _title_index(lines: list[str]) -> int | None:
    for i, line in enumerate(lines[:_HEAD_LINES]):
        folded = fold_keeping_offsets(line)
        if (("lay y kien" in folded or "xin y kien" in folded) and "nhan dan" in folded and len(line) < 250
                and not folded.lstrip().startswith(("can cu", "thuc hien"))):
            return i
    return None


@dataclass
class NoticeImport:
    fields: dict[str, Any]
    body: str
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def suggested_id(self) -> str:
        year = str(self.fields.get("opened") or self.fields.get("until") or "")[:4]
        words = [w for w in slugify(self.fields.get("title") or self.source).split("-")
                 if w not in {"lay", "y", "kien", "nhan", "dan", "doi", "voi", "ve", "viec", "cua", "cac", "de", "nghi",
                              "ca", "tap", "the", "tang", "thuong", "danh", "hieu"}]
        return "-".join(([year] if year.isdigit() else []) + ["lay-y-kien"] + words[:5])[:60].strip("-")

    def card_yaml(self) -> str:
        header = (f"# Nhập tự động từ {self.source} bằng `portal import`: hãy đối chiếu với thông báo gốc,\n"
                  "# nhất là danh sách người được đề nghị. Trường văn bản không ghi thì để trống (xem báo cáo);\n"
                  "# điền cho đủ, chạy `portal check`, rồi xóa dòng draft: true để công bố.\n")
        data = {k: ({kk: vv for kk, vv in v.items() if vv} if isinstance(v, dict) else v)
                for k, v in self.fields.items() if v not in (None, "", [], {})}
        data["draft"] = "true"
        return header + yaml.dump(data, Dumper=CardDumper, allow_unicode=True, sort_keys=False, width=10**6)

    def report(self) -> str:
        lines = ["Đã nhận ra một thông báo lấy ý kiến nhân dân. Đã đọc được:", *fields_read(self.fields)]
        if self.missing:
            lines.append("Thông báo không ghi (để trống, cần người điền nếu có): " + ", ".join(self.missing))
        lines.append("Cần kiểm tra:")
        lines += [f"  - {note}" for note in self.notes]
        return "\n".join(lines)


def import_notice(source: Path | Document, campaigns_dir: Path | None = None) -> NoticeImport | None:
    """The draft notice in `source`, or None when it is not a notice (then it is read as a plan)."""
    document = as_document(source)
    lines = [plain(line) for line in document.lines]
    start = _title_index(lines)
    if start is None:
        return None
    notice = _read(lines, start, Registry.load(campaigns_dir), document.source)
    header = read_header(document.lines, document.unsure)
    if header.number:
        notice.fields = {"title": notice.fields["title"], "number": re.sub(r"\s+", "", header.number),
                         **{k: v for k, v in notice.fields.items() if k != "title"}}
    issuer = (notice.fields.get("issuer") or {}).get("name") or ""
    if fold_keeping_offsets(issuer).rsplit(" ", 1)[-1] in ("tinh", "huyen", "xa", "phuong", "pho"):
        notice.notes.append(f"issuer: “{issuer}” không ghi tên địa phương; hãy thêm tên (văn bản không ghi)")
    notice.notes[:0] = document.doubts
    return notice


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _full_dates(text: str) -> list[str]:
    return [iso for _, _, iso in find_dates(text) if len(iso) == 10]


def _read(lines: list[str], start: int, registry: Registry, source: str) -> NoticeImport:
    notes: list[str] = []
    rest = [line for line in lines[start + 1:] if line.strip()]
    text = "\n".join(rest)
    fields: dict[str, Any] = {"title": lines[start].strip()}

    # The issuer may head the page ("Sở Nội vụ tỉnh … thông báo:") or act in the text ("… lấy ý kiến").
    issuer = next((m.group(1).strip() for m in _ISSUER.finditer("\n".join([*lines[:start], text]))), None)
    if issuer:
        issuer = re.sub(r"^Ủy ban nhân dân\b", "UBND", issuer)
        fields["issuer"] = {"name": issuer, "locality": _locality(issuer, registry, text, notes)}
    basis = _BASIS.search(text) or _DECREE.search(text)
    fields["basis"] = (basis.group(0)[0].lower() + basis.group(0)[1:]) if basis else None
    prose = [line for line in rest if "Nghị định" not in line]  # the rule's own quotation names awards too
    awards: dict[str, str] = {}  # the same award with other quotation marks is one award
    for line in [lines[start], *prose]:
        for m in _AWARD.finditer(line):
            awards.setdefault(re.sub(r"[“”\"]", "", fold_keeping_offsets(m.group(1))), m.group(1))
    fields["award"] = "; ".join(awards.values()) or None

    stamp = next((line for line in lines[:start + 4] + rest[:4] if _STAMP.match(line)), None)
    if stamp and (days := _full_dates(stamp)):
        fields["opened"] = days[0]
        notes.append(f"opened: lấy từ thời điểm trang web đăng tin ({stamp.strip()}); hãy đối chiếu với ngày đăng thông báo")
    _window(text, fields, notes)
    fields["summary"] = None
    fields["nominees"] = _nominees(rest, lines[start], notes)
    fields["comment"] = _comment(text)
    if fields["nominees"] and fields["award"]:
        fields["summary"] = (f"Lấy ý kiến Nhân dân về {len(fields['nominees'])} tập thể, cá nhân được đề nghị "
                             f"{fields['award']}.")
        notes.append("summary: viết từ số người được đề nghị và hình thức khen thưởng; hãy sửa nếu cần")
    missing = [k for k in ("issuer", "basis", "award", "opened", "nominees", "comment") if not fields.get(k)]
    if "working_days" not in fields and "until" not in fields:
        missing.append("working_days hoặc until")
    if fields.get("issuer") and not fields["issuer"]["locality"] and not any(n.startswith("issuer:") for n in notes):
        notes.append("issuer.locality: chưa tìm được mã địa phương của cơ quan; hãy điền mã trong _localities.yml")
    if fields["nominees"]:
        notes.append("nominees: danh sách đọc từ thông báo; hãy đối chiếu từng người (tên, chức vụ, đơn vị) với bản gốc")
    body = "\n\n".join(line.strip() for line in rest)
    return NoticeImport(fields, body + "\n", notes, missing, source)


def _locality(issuer: str, registry: Registry, text: str, notes: list[str]) -> str | None:
    m = re.search(rf"\b({LEVEL_RE})\s+([^\W\d][\w ]+)$", fold_keeping_offsets(issuer))
    if not m:
        notes.append(f"issuer: '{issuer}' không ghi tên địa phương; hãy ghi đầy đủ, ví dụ '… tỉnh Phú Thọ'")
        return None
    entry, _ = registry.find_locality(issuer[m.start(1):m.end(1)], issuer[m.start(2):m.end(2)], text)
    return entry.get("id") if entry else None


def _window(text: str, fields: dict[str, Any], notes: list[str]) -> None:
    folded = fold_keeping_offsets(text)
    if m := re.search(r"(\d+)\s*ngay lam viec", folded):
        fields["working_days"] = str(int(m.group(1)))
        return
    if m := re.search(r"tu ngay\s*(\S+)\s*(?:[-–]|den(?: het)?(?: ngay)?)\s*(?:ngay\s*)?(\d{1,2}/\d{1,2}/\d{4})", folded):
        if days := _full_dates(text[m.start(2):m.end(2)]):
            fields["until"] = days[0]
            return
    if m := re.search(r"truoc ngay\s*(\d{1,2}/\d{1,2}/\d{4})", folded):
        if days := _full_dates(text[m.start(1):m.end(1)]):
            fields["until"] = (_day(days[0]) - dt.timedelta(days=1)).isoformat()
            notes.append(f"until: thông báo ghi 'trước ngày {text[m.start(1):m.end(1)]}', nên ngày cuối nhận ý kiến "
                         "là ngày liền trước; hãy kiểm tra")


def _nominees(rest: list[str], title: str, notes: list[str]) -> list[dict[str, str]]:
    found = [_nominee(m.group(1)) for line in rest if (m := _NUMBERED.match(line))]
    if not found:  # one recipient in a sentence: "… tặng thưởng <award> cho <unit> có thành tích …"
        for line in rest:
            m = re.search(r"\bcho\s+(?!\d+\s)(.+?)(?:\s+(có thành tích.+?))?[.:;]?$", line)
            if m and _AWARD.search(line) and "Nghị định" not in line:
                found = [{"kind": "tap-the", "name": m.group(1).strip(), "achievements": (m.group(2) or "").strip()}]
                break
    if images := [line.strip() for line in rest if _IMAGE.match(line.strip())]:
        notes.append(f"danh sách người được đề nghị là ảnh ({', '.join(images)}): trên cổng danh sách phải là chữ; "
                     "hãy gõ lại từ văn bản gốc")
    elif not found:
        notes.append("không tìm thấy danh sách người được đề nghị; hãy gõ lại từ văn bản gốc")
    return [{k: v for k, v in n.items() if v} for n in found]


def _nominee(text: str) -> dict[str, str]:
    text = text.strip().rstrip(".;")
    if (award := _AWARD.match(text)) and (to := re.match(r"\s*cho\s*", text[award.end():])):
        text = text[award.end() + to.end():]  # "Huân chương … hạng Ba cho Trường …" (or "choTrường", as typed)
    achievements = ""
    if m := re.search(r"\s+(có (?:thành tích|con).+)$", text):
        text, achievements = text[:m.start()], m.group(1)
    person = bool(_HONORIFIC.match(text))
    text = _HONORIFIC.sub("", text)
    parts = re.split(r",|\s+-\s+", text, maxsplit=1)  # "Trần Văn A, Phó Giám đốc Sở …" / "Trường … - xã …"
    name, detail = parts[0].strip(), (parts[1].strip(" ,-") if len(parts) > 1 else "")
    kind = "ca-nhan" if person or looks_like_name(name) else "tap-the"
    position, unit = (detail.split(",", 1) + [""])[:2] if kind == "ca-nhan" else ("", detail)
    return {"kind": kind, "name": name, "position": position.strip(), "unit": unit.strip(),
            "achievements": achievements}


def _comment(text: str) -> dict[str, str] | None:
    m = re.search(r"gửi về\s+(.+?)(?:\s+(?:trước ngày|trong thời hạn|trong vòng|trong \d+|để)\b.*)?(?:\./\.|\.)?$", text,
                  re.MULTILINE)
    if not m:
        return None
    office, address = m.group(1).strip(), ""
    if a := re.search(r"\s*\(\s*[Đđ]ịa chỉ\s*:?\s*([^)]+)\)", office):  # "… (địa chỉ: số 6, …)"
        office, address = (office[:a.start()] + office[a.end():]).strip(" ,"), a.group(1).strip()
    elif a := re.search(r"\s*,\s*[Đđ]ịa chỉ\s*:?\s*(.+)$", office):  # "…, địa chỉ: số 6, …"
        office, address = office[:a.start()].strip(), a.group(1).strip()
    comment = {"office": office, "address": address}
    if email := _EMAIL.search(text):
        comment["email"] = email.group(0)
    if phone := _PHONE.search(text):
        comment["phone"] = phone.group(1).strip()
    return {k: v for k, v in comment.items() if v}
