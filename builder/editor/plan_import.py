"""`portal import`: a Vietnamese administrative plan → a draft campaign card, its body, and a report.

Built for the genre, not for particular files. A plan (kế hoạch, phát động, chỉ thị...)
is laid out by convention (Nghị định 30/2020/NĐ-CP): an issuer block and "Số: .../KH-..."
on the left, the national motto and "<place>, ngày ... tháng ... năm ..." on the right,
the kind in capitals, the title (trích yếu), a preamble citing basis documents
("Căn cứ...", "Thực hiện..."), sections I., II. with items 1., a), -, then the
recipients (Nơi nhận) and the signature block (TM./KT., position, name).

The rule everywhere: never invent. A field the text does not state stays empty and
the report says so; a value derived rather than read (a period from the issue date
and the last deadline) is marked as such in the report for a human to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.core.text import slugify
from builder.editor.award_import import is_award_decision
from builder.editor.draft_files import CardDumper, fields_read
from builder.editor.header import Header
from builder.editor.header_reader import read_header
from builder.editor.plan_body_fields import BodyFields
from builder.editor.plan_markdown import body_markdown
from builder.editor.plan_patterns import (
    CITATION,
    POSITIONS,
    ROMAN_HEADING,
    SIGN_AUTHORITY,
    TITLE_VERBS,
)
from builder.editor.plan_registry import Registry
from builder.editor.plan_text import (
    ImportError_,
    find_dates,
    fold_keeping_offsets,
    plain,
)
from builder.editor.plan_wording import (
    is_upper,
    looks_like_name,
    name_case,
    upper_first,
)
from builder.editor.reading import Document, as_document
from builder.editor.registry_entries import (
    entries_yaml,
    locality_entries,
    movement_entries,
)
from builder.model.schema import CAMPAIGN_KINDS

__all__ = ["ImportError_", "PlanImport", "import_document"]


@dataclass
class PlanImport:
    """What the importer read, what it could not, and the files to write."""

    fields: dict[str, Any]
    body: str
    notes: list[str] = field(default_factory=list)  # what a human must check, in Vietnamese
    missing: list[str] = field(default_factory=list)  # fields the document does not state
    new_movements: list[str] = field(default_factory=list)
    source: str = ""
    # Registry entries for what the registries lack: file name → entries (`portal import --add-registry` adds them).
    registry_entries: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def suggested_id(self) -> str:
        title = self.fields.get("title") or self.source
        year = str(self.fields.get("issued") or (self.fields.get("period") or {}).get("end") or "")[:4]
        words = slugify(title).split("-")
        stop = {"ke", "hoach", "phat", "dong", "phong", "trao", "thi", "dua", "ve", "viec", "to", "chuc", "cua", "va",
                "cac", "nam", "voi", "chu", "de", "nhan", "dip"}
        core = [w for w in words if w not in stop][:6] or words[:6]
        return "-".join(([year] if year.isdigit() else []) + core)[:60].strip("-") or "ke-hoach-moi"

    def card_yaml(self, campaign_id: str) -> str:
        header = (f"# Nhập tự động từ {self.source} bằng `portal import`: hãy đối chiếu với văn bản gốc.\n"
                  "# Trường văn bản không ghi thì để trống (xem báo cáo khi nhập); điền summary, themes,\n"
                  "# issuer.locality nếu còn thiếu, chạy `portal check`, rồi xóa dòng draft: true để công bố.\n")
        data = {k: v for k, v in self.fields.items() if v not in (None, "", [], {})}
        data["draft"] = "true"
        text = yaml.dump(data, Dumper=CardDumper, allow_unicode=True, sort_keys=False, width=10**6,
                         default_flow_style=False)
        return header + text

    def report(self) -> str:
        lines = ["Đã đọc được:", *fields_read(self.fields)]
        if self.missing:
            lines.append("Văn bản không ghi (để trống, cần người điền nếu có): " + ", ".join(self.missing))
        for name, entries in self.registry_entries.items():
            lines.append(f"Chưa có trong {name}; mục sau sẵn để thêm (hoặc nhập lại với --add-registry):")
            lines += ["    " + line for line in entries_yaml(entries).splitlines()]
        if self.notes:
            lines.append("Cần kiểm tra:")
            lines += [f"  - {note}" for note in self.notes]
        return "\n".join(lines)


def import_document(source: Path | Document, campaigns_dir: Path | None = None) -> PlanImport:
    """Read `source` and extract a campaign; raises ImportError_ with an editor's message."""
    document = as_document(source)
    registry = Registry.load(campaigns_dir)
    result = _Extractor(document.lines, registry, document.source, document.unsure).run()
    result.notes[:0] = document.doubts
    return result


_CAMPAIGN_KIND = {label: kind for kind, label in CAMPAIGN_KINDS.items()}
_LABELS = {"kind": "loại văn bản", "title": "tên văn bản", "issuer": "cơ quan ban hành", "date": "ngày ban hành",
           "number": "số văn bản", "place": "địa danh", "basis": "văn bản căn cứ"}


def _refuse_other_genres(header: Header) -> None:
    """A decision awarding honours or a letter is not a plan: say what it is instead of drafting a wrong campaign."""
    what = " ".join(filter(None, [header.kind, f"số {header.number}" if header.number else "",
                                  f"ngày {header.date_text()}" if header.date else ""]))
    if is_award_decision(header):
        raise ImportError_(f"đây là {what} khen thưởng (“{header.title}”), không phải kế hoạch phát động; "
                           "`portal import` in ra khối results để dán vào thẻ phong trào được tổng kết")
    issues_plan = re.search(r"ke hoach|phat dong|phong trao", fold_keeping_offsets(header.title or ""))
    if header.kind in ("Công văn", "Báo cáo", "Tờ trình", "Giấy mời", "Quy chế") or \
            (header.kind in ("Quyết định", "Nghị quyết") and not issues_plan):
        raise ImportError_(f"đây là {what} (“{header.title or ''}”), không phải kế hoạch phát động thi đua; "
                           "hãy nhập văn bản kế hoạch")


class _Extractor(BodyFields):
    """Reads the header, preamble and closing; `BodyFields` reads the body."""

    def __init__(self, lines: list[str], registry: Registry, source: str, unsure: list[str] | None = None) -> None:
        self.lines = lines
        self.unsure = unsure or []
        self.registry = registry
        self.source = source
        self.notes: list[str] = []
        self.text = "\n".join(plain(line) for line in lines)
        self._ambiguous = False  # the issuer's name matches several registry entries: propose none

    # ---- layout ------------------------------------------------------------------------

    def run(self) -> PlanImport:
        header = read_header(self.lines, self.unsure)
        kind = _CAMPAIGN_KIND.get(header.kind or "", "")
        if header.kind is None and "thi dua" not in fold_keeping_offsets(self.text):
            raise ImportError_("không nhận ra văn bản phát động thi đua: không có dòng KẾ HOẠCH, PHÁT ĐỘNG, CHỈ THỊ... "
                               "và không nhắc đến thi đua; hãy kiểm tra đúng tệp chưa")
        _refuse_other_genres(header)
        clutter = [line for line in self.lines[:header.starts_at] if line.strip()]
        if clutter:
            self.notes.append(f"bỏ {len(clutter)} dòng trước phần đầu văn bản (chữ của trang web, ghi chú): "
                              f"“{plain(clutter[0])[:60]}”...")
        title, body_from = header.title or "", header.body_from
        if not title:
            self.notes.append("văn bản không có dòng tên (trích yếu) sau tên loại; hãy điền title theo câu mở đầu")
        if header.kind and not kind:
            self.notes.append(f"văn bản là {header.kind}, không phải kế hoạch phát động; kind để trống, hãy kiểm tra")
        body_to, closing = self._closing(body_from)
        body_lines = self.lines[body_from:body_to]
        preamble = self._preamble(body_lines)

        fields: dict[str, Any] = {"title": title, "kind": kind}
        number = re.sub(r"\s+", "", header.number or header.symbol or "")  # a blank numeral keeps its symbol
        fields.update({k: v for k, v in (("number", number), ("issued", header.date), ("place", header.place)) if v})
        fields["issuer"] = self._issuer(header)
        fields["signer"] = self._signer(closing)
        fields["basis"] = self._basis(preamble, header.basis)
        for name, doubt in header.doubts.items():
            self.notes.append(f"{_LABELS.get(name, name)}: {doubt}")
        self.notes += header.notes
        fields["occasion"] = self._occasion(title)
        phases = self._phases(body_lines)
        deadlines = self._deadlines(body_lines)
        fields["period"] = self._period(body_lines, phases, deadlines, fields.get("issued"), title)
        fields["phases"] = phases
        fields["milestones"] = [{"date": d, "label": label} for d, label in deadlines]
        fields["slogan"] = self._slogan()
        movements, new = self._movements()
        fields["movements"] = movements
        fields["awards"] = self._awards(body_lines)
        fields["tasks"] = self._tasks(body_lines, deadlines)
        fields["recipients"] = self._recipients(closing)
        if not kind:
            self.notes.append("không thấy dòng loại văn bản (KẾ HOẠCH, PHÁT ĐỘNG...); hãy điền kind")
        registry_entries = {}
        if not fields["issuer"].get("locality"):
            places = locality_entries(header, self.registry, self.text) if not self._ambiguous else []
            if places:
                registry_entries["_localities.yml"] = places
                self.notes.append(f"issuer.locality: “{places[-1]['name']}” chưa có trong danh mục; mục đề xuất "
                                  f"({places[-1]['id']}, cấp {header.level}) đoán từ văn bản: hãy kiểm tra trước khi thêm")
            else:
                self.notes.append("chưa xác định được mã địa phương (issuer.locality) trong _localities.yml; hãy điền")
        if new:
            registry_entries["_movements.yml"] = movement_entries(new, self.registry)
        self.notes.append("summary (tóm tắt) và themes (lĩnh vực) do người biên tập viết; văn bản không có sẵn")
        labels = {"number": "số văn bản", "issued": "ngày ban hành", "place": "địa danh", "slogan": "chủ đề",
                  "basis": "văn bản căn cứ", "occasion": "dịp kỷ niệm", "signer": "người ký",
                  "recipients": "nơi nhận", "awards": "hình thức khen thưởng", "tasks": "tổ chức thực hiện",
                  "phases": "các đợt", "milestones": "các mốc thời gian", "movements": "phong trào"}
        missing = [f"{key} ({label})" for key, label in labels.items() if fields.get(key) in (None, "", [], {})]
        return PlanImport(fields, body_markdown(body_lines), self.notes, missing, new, self.source, registry_entries)

    def _closing(self, body_from: int) -> tuple[int, list[str]]:
        """Where the body ends (Nơi nhận or the signature block) and the closing lines, columns split."""
        end = len(self.lines)
        tail_start = max(body_from, len(self.lines) - 60)
        for i in range(tail_start, len(self.lines)):
            first = fold_keeping_offsets(plain(re.split(r"\||\s{3,}", self.lines[i].strip())[0])).strip(" *")
            whole = fold_keeping_offsets(plain(self.lines[i])).strip(" *")
            if first.startswith("noi nhan") or whole.startswith("noi nhan") or SIGN_AUTHORITY.match(whole) or (
                    whole in POSITIONS and is_upper(plain(self.lines[i]))):
                end = i
                break
        left, right = [], []
        for line in self.lines[end:]:
            # Two columns (recipients | signature) flattened with `|` or aligned with runs of spaces.
            cells = [plain(c).strip(" *") for c in re.split(r"\s*\|\s*|\s{3,}", line.strip())]
            left.append(cells[0])
            right += cells[1:]
        return end, left + right

    def _preamble(self, body: list[str]) -> list[str]:
        paragraphs = []
        for line in body:
            if ROMAN_HEADING.match(fold_keeping_offsets(plain(line))):
                break
            if line.strip():
                paragraphs.append(plain(line))
        return paragraphs

    # ---- header fields -------------------------------------------------------------------

    def _issuer(self, header: Header) -> dict[str, str]:
        """The header's issuer, with its locality id when it is a people's committee in the registry."""
        if not header.issuer:
            return {}
        issuer = {"name": header.issuer}
        if not (header.level and header.locality_name):
            return issuer
        entry, candidates = self.registry.find_locality(header.level, header.locality_name, self.text)
        if entry:
            issuer["locality"] = entry["id"]
            self._check_place(entry, header)
            if header.issuer.startswith("UBND "):
                issuer["name"] = f"UBND {header.level} {entry['name']}"
            if fold_keeping_offsets(entry["name"]) == fold_keeping_offsets(header.locality_name) and \
                    entry["name"] != header.locality_name:
                self.notes.append(f"tên địa phương “{header.locality_name}” ghi theo danh mục: “{entry['name']}”")
        elif candidates:
            self._ambiguous = True
            self.notes.append(f"nhiều địa phương tên “{header.locality_name}” trong danh mục ({', '.join(candidates)}); "
                              "hãy chọn một")
        return issuer

    def _check_place(self, entry: dict[str, str], header: Header) -> None:
        """A registry entry found by name alone: say so when the text names another province, or when the
        entry had ended before the document was issued (another unit of the same name)."""
        folded = fold_keeping_offsets(self.text)
        parents = [p for p in self.registry.parents(entry) if p.get("level") in ("tinh", "thanh-pho")]
        named = {m.group(1) for m in re.finditer(r"\b(?:tinh|thanh pho)\s+(\w+(?: \w+)?)", folded)}
        if parents and not any(fold_keeping_offsets(p.get("name", "")) in folded for p in parents) and named:
            self.notes.append(f"issuer.locality: “{entry['name']}” trong danh mục thuộc {parents[0].get('name')}, "
                              "nhưng văn bản không nhắc tỉnh này: hãy kiểm tra đúng địa phương chưa")
        if entry.get("until") and header.date and header.date > entry["until"]:
            self.notes.append(f"issuer.locality: “{entry['name']}” trong danh mục chỉ tồn tại đến {entry['until']}, "
                              f"văn bản ban hành {header.date_text()}: hãy kiểm tra")

    def _signer(self, closing: list[str]) -> dict[str, str]:
        signer: dict[str, str] = {}
        lines = [t for t in closing if t]
        for text in lines:
            folded = fold_keeping_offsets(text)
            if SIGN_AUTHORITY.match(folded) and "on_behalf" not in signer:
                signer["on_behalf"] = text
            elif folded in POSITIONS and is_upper(text) and "position" not in signer:
                signer["position"] = text
        names = [t for t in lines if looks_like_name(t)]
        if names:
            signer["name"] = name_case(names[-1])
        return signer

    def _recipients(self, closing: list[str]) -> list[str]:
        out, inside = [], False
        for text in closing:
            folded = fold_keeping_offsets(text)
            if folded.startswith("noi nhan"):
                inside = True
                rest = text.split(":", 1)[1].strip() if ":" in text else ""
                if rest.startswith(("-", "+", "•")):
                    out.append(rest.lstrip("-+• ").strip())
                continue
            if inside and text.startswith(("-", "+", "•")):
                out.append(text.lstrip("-+• ").strip())
            elif inside and text and out:
                inside = False
        return out

    # ---- preamble -----------------------------------------------------------------------

    def _basis(self, preamble: list[str], numbers: list[str]) -> list[dict[str, str]]:
        """The documents the header reader found cited, with date, issuer and subject where the preamble says."""
        details = {d["number"]: d for d in self._basis_details(preamble)}
        return [details.get(number) or {"number": number} for number in numbers]

    def _basis_details(self, preamble: list[str]) -> list[dict[str, str]]:
        docs: list[dict[str, str]] = []
        for para in preamble:
            if not re.match(r"(can cu|thuc hien|trien khai|thi hanh|theo)\b", fold_keeping_offsets(para)):
                continue
            folded = fold_keeping_offsets(para)
            cites = list(CITATION.finditer(folded))
            pending: list[dict[str, str]] = []  # cited without a subject of their own: "X và Y về việc Z"
            for j, m in enumerate(cites):
                chunk_end = cites[j + 1].start() if j + 1 < len(cites) else len(para)
                chunk, fchunk = para[m.end(2):chunk_end], folded[m.end(2):chunk_end]
                doc = {"number": re.sub(r"\s+", "", para[m.start(2):m.end(2)])}
                rest, frest = chunk, fchunk
                dates = [d for d in find_dates(rest) if d[0] < 40 and len(d[2]) == 10]
                if dates:
                    doc["date"] = dates[0][2]
                    rest, frest = rest[dates[0][1]:], frest[dates[0][1]:]
                issuer_m = re.match(rf"\s*cua\s+(.+?)(?=\s+(?:{TITLE_VERBS})\b|[;,]|\.\s|\s+va\s*$|$)", frest)
                if issuer_m:
                    doc["issuer"] = rest[issuer_m.start(1):issuer_m.end(1)].strip()
                    rest, frest = rest[issuer_m.end(1):], frest[issuer_m.end(1):]
                subject = re.split(r";|\.\s+(?=[A-ZĐÀ-Ỹ])|\s+va\s*$", rest.strip())[0]
                clause = re.search(r",\s+(?:uy ban nhan dan|ubnd)\s.*(?:ban hanh|xay dung|phat dong)", fold_keeping_offsets(subject))
                subject = subject[:clause.start()] if clause else subject
                subject = re.sub(r"\s+va$", "", subject.strip(" ,;.")).strip()
                docs.append(doc)
                if fold_keeping_offsets(subject) in ("", "va") or len(subject) < 8:
                    pending.append(doc)
                    continue
                doc["title"] = upper_first(subject)
                for earlier in pending:  # "Kế hoạch số 01... và Hướng dẫn số 2823... về việc X": X is both
                    earlier["title"] = doc["title"]
                pending = []
        seen, unique = set(), []
        for doc in docs:
            if doc["number"] not in seen:
                seen.add(doc["number"])
                unique.append(doc)
        return unique

