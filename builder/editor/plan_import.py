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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.core.text import slugify
from builder.editor.draft_files import CardDumper, fields_read
from builder.editor.plan_body_fields import BodyFields
from builder.editor.plan_markdown import body_markdown
from builder.editor.plan_patterns import (
    CITATION,
    KINDS,
    LEVEL_RE,
    LEVELS,
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
    read_lines,
)
from builder.editor.plan_wording import (
    is_upper,
    leading_capitals,
    looks_like_name,
    name_case,
    sentence_case,
    upper_first,
)

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
        if self.new_movements:
            lines.append("Phong trào chưa có trong _movements.yml (thêm vào danh mục nếu cần):")
            lines += [f"  - {name}" for name in self.new_movements]
        if self.notes:
            lines.append("Cần kiểm tra:")
            lines += [f"  - {note}" for note in self.notes]
        return "\n".join(lines)


def import_document(path: Path, campaigns_dir: Path | None = None) -> PlanImport:
    """Read `path` and extract a campaign; raises ImportError_ with an editor's message."""
    lines = read_lines(path)
    registry = Registry.load(campaigns_dir)
    return _Extractor(lines, registry, path.name).run()


class _Extractor(BodyFields):
    """Reads the header, preamble and closing; `BodyFields` reads the body."""

    def __init__(self, lines: list[str], registry: Registry, source: str) -> None:
        self.lines = lines
        self.registry = registry
        self.source = source
        self.notes: list[str] = []
        self.text = "\n".join(plain(line) for line in lines)

    # ---- layout ------------------------------------------------------------------------

    def run(self) -> PlanImport:
        kind_at, kind, title_rest = self._kind_heading()
        if kind_at is None and "thi dua" not in fold_keeping_offsets(self.text):
            raise ImportError_("không nhận ra văn bản phát động thi đua: không có dòng KẾ HOẠCH, PHÁT ĐỘNG, CHỈ THỊ... "
                               "và không nhắc đến thi đua; hãy kiểm tra đúng tệp chưa")
        header_from = self._header_start(kind_at if kind_at is not None else 0)
        clutter = [line for line in self.lines[:header_from] if line.strip()]
        if clutter:
            self.notes.append(f"bỏ {len(clutter)} dòng trước phần đầu văn bản (chữ của trang web, ghi chú): "
                              f"“{plain(clutter[0])[:60]}”...")
        header = self.lines[header_from:kind_at] if kind_at is not None else []
        title, body_from = self._title(kind_at, title_rest)
        body_to, closing = self._closing(body_from)
        body_lines = self.lines[body_from:body_to]
        preamble = self._preamble(body_lines)

        fields: dict[str, Any] = {"title": title, "kind": kind}
        fields.update(self._number_date_place(header))
        fields["issuer"] = self._issuer(header, preamble, fields.get("place"))
        fields["signer"] = self._signer(closing)
        fields["basis"] = self._basis(preamble)
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
        if not fields["issuer"].get("locality"):
            self.notes.append("chưa xác định được mã địa phương (issuer.locality) trong _localities.yml; hãy điền")
        self.notes.append("summary (tóm tắt) và themes (lĩnh vực) do người biên tập viết; văn bản không có sẵn")
        labels = {"number": "số văn bản", "issued": "ngày ban hành", "place": "địa danh", "slogan": "chủ đề",
                  "basis": "văn bản căn cứ", "occasion": "dịp kỷ niệm", "signer": "người ký",
                  "recipients": "nơi nhận", "awards": "hình thức khen thưởng", "tasks": "tổ chức thực hiện",
                  "phases": "các đợt", "milestones": "các mốc thời gian", "movements": "phong trào"}
        missing = [f"{key} ({label})" for key, label in labels.items() if fields.get(key) in (None, "", [], {})]
        return PlanImport(fields, body_markdown(body_lines), self.notes, missing, new, self.source)

    def _kind_heading(self) -> tuple[int | None, str, str]:
        """(line index, kind, title text on the same line) of "KẾ HOẠCH" / "PHÁT ĐỘNG"..."""
        for i, line in enumerate(self.lines[:200]):
            for part in plain(line).split("|"):
                text = part.strip().strip("*").strip()
                folded = fold_keeping_offsets(text)
                for label, kind in KINDS.items():
                    if folded == label and is_upper(text):
                        return i, kind, ""
                    if folded.startswith(label + " ") and is_upper(text[:len(label)]) and \
                            not is_upper(text[len(label):]):
                        return i, kind, text[len(label):].strip(" :.-")
        return None, "", ""

    def _header_start(self, kind_at: int) -> int:
        cue = re.compile(r"(uy ban nhan dan|ubnd|cong hoa xa hoi|doc lap|^so\s*:|\bso\s*:\s*[\d/]|, ngay|"
                         r"hoi dong|dang uy|so noi vu|ban thi dua)")
        start = kind_at
        for i in range(kind_at - 1, max(-1, kind_at - 25), -1):
            if cue.search(fold_keeping_offsets(plain(self.lines[i]))):
                start = i
        return start

    def _title(self, kind_at: int | None, rest: str) -> tuple[str, int]:
        if kind_at is None:
            for i, line in enumerate(self.lines):
                if "thi dua" in fold_keeping_offsets(line) and len(line) < 300:
                    self.notes.append("không thấy dòng loại văn bản; đã lấy dòng đầu nhắc đến thi đua làm tên")
                    return plain(line), i + 1
            return "", 0
        parts = [rest] if rest else []
        i = kind_at + 1
        while i < len(self.lines) and not self.lines[i].strip() and not parts:
            i += 1
        stop = re.compile(r"^(can cu|thuc hien|de |nham |phat huy|trien khai|[ivx]+\s*[.:]|-{3,}|_{3,}|\*{3,})")
        while i < len(self.lines) and self.lines[i].strip() and len(parts) < 6:
            text = plain(self.lines[i])
            if stop.match(fold_keeping_offsets(text)) or set(text) <= set("-_=*. "):
                break
            parts.append(text.strip(" *"))
            i += 1
        title = " ".join(" ".join(parts).split()).strip(" .")
        if is_upper(title):
            title = sentence_case(title, self.text)
            self.notes.append("tên văn bản viết hoa toàn bộ; đã chuyển sang chữ thường, giữ hoa tên riêng: hãy đọc lại")
        return title, i

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

    def _number_date_place(self, header: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        text = "\n".join(plain(c) for line in header for c in line.split("|"))
        folded = fold_keeping_offsets(text)
        m = re.search(r"\bso\s*:\s*([0-9]*\s*/\s*[\w\-]+(?:\s*/\s*[\w\-]+)*|[0-9]+-[\w\-/]+)?", folded)
        if m and m.group(1):
            out["number"] = re.sub(r"\s+", "", text[m.start(1):m.end(1)])
            if out["number"].startswith("/"):
                self.notes.append(f"văn bản để trống số (“Số: {out['number']}”): giữ như bản gốc")
        m = re.search(r"([^\n|,]{2,60}),\s*ngay\s*(\d{1,2})?[\s.…_]*thang\s*(\d{1,2})?[\s.…_]*nam\s*(\d{4})", folded)
        if m:
            place = text[m.start(1):m.end(1)].strip(" -–")
            if place and not re.search(r"\d", place):
                out["place"] = place
            day, month, year = m.group(2), m.group(3), m.group(4)
            if day and month:
                out["issued"] = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
            elif month:
                out["issued"] = f"{int(year):04d}-{int(month):02d}"
                self.notes.append("dòng ngày tháng để trống ngày: ghi ngày ban hành theo tháng")
            else:
                out["issued"] = year
        return out

    def _issuer(self, header: list[str], preamble: list[str], place: str | None) -> dict[str, str]:
        level, name, organ = "", "", ""
        left = [plain(line.split("|")[0]).strip(" *") for line in header]
        left = [t for t in left if t and not re.match(r"(cong hoa|doc lap|so\s*:|-{2,}|_{2,})", fold_keeping_offsets(t))
                and ", ngay" not in fold_keeping_offsets(t)]
        block = " ".join(left)
        block = re.sub(r"(?i)CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM.*", "", block).strip()
        if block:
            m = re.search(rf"\b(?:uy ban nhan dan|ubnd)\s+({LEVEL_RE})\s+(.+)$", fold_keeping_offsets(block))
            if m:
                level, name = block[m.start(1):m.end(1)], block[m.start(2):m.end(2)]
            else:
                organ = block
        if not name:
            for para in preamble + self.text.split("\n"):
                # The issuing sentence opens a paragraph or a sentence ("... 2023. UBND huyện X phát động");
                # "của Ủy ban nhân dân tỉnh ..." inside a citation is someone else.
                m = re.search(rf"(?:^|[.;:]\s+)(?:uy ban nhan dan|ubnd)\s+({LEVEL_RE})\s*(.*?)\s*"
                              r"(ban hanh|xay dung|phat dong|to chuc|trien khai|de ra)\b", fold_keeping_offsets(para))
                if m:
                    level = level or para[m.start(1):m.end(1)]
                    candidate = para[m.start(2):m.end(2)].strip()
                    if candidate and all(w[:1].isupper() for w in candidate.split()):
                        name = candidate
                    break
        if level and not name and place:
            name = place
        if level and not name:
            names = Counter(" ".join(leading_capitals(m.group(1))) for m in re.finditer(
                rf"\b{re.escape(level)}\s+((?:\w+ ?){{1,4}})", self.text))
            names.pop("", None)
            if names:
                name = names.most_common(1)[0][0].strip()
                self.notes.append(f"tên cơ quan ban hành suy ra từ “{level} {name}” trong văn bản; hãy kiểm tra")
        if organ and not level:
            return {"name": name_case(organ)}
        if not level:
            return {}
        level = dict(LEVELS).get(fold_keeping_offsets(level), level.lower())  # "HUYỆN", "huyen" → "huyện"
        name = name_case(name.strip(" .,:;"))
        entry, candidates = self.registry.find_locality(level, name, self.text) if name else (None, [])
        issuer = {"name": f"UBND {level} {entry['name'] if entry else name}".strip()}
        if entry:
            issuer["locality"] = entry["id"]
            if fold_keeping_offsets(entry["name"]) == fold_keeping_offsets(name) and entry["name"] != name:
                self.notes.append(f"tên địa phương “{name}” ghi theo danh mục: “{entry['name']}”")
        elif candidates:
            self.notes.append(f"nhiều địa phương tên “{name}” trong danh mục ({', '.join(candidates)}); hãy chọn một")
        return issuer

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

    def _basis(self, preamble: list[str]) -> list[dict[str, str]]:
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

