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

from ..schema import CAMPAIGN_KINDS, LOCALITY_LEVELS
from ..text import slugify
from .plan_text import ImportError_, find_dates, fold, plain, read_lines

__all__ = ["ImportError_", "PlanImport", "import_document"]

KINDS = {fold(label): kind for kind, label in CAMPAIGN_KINDS.items()}  # "ke hoach" → "ke-hoach"
LEVELS = sorted({fold(v): v for v in LOCALITY_LEVELS.values()}.items(), key=lambda kv: -len(kv[0]))
LEVEL_KEYS = {fold(v): k for k, v in LOCALITY_LEVELS.items()}
_LEVEL_RE = "|".join(re.escape(k) for k, _ in LEVELS) + "|quan"
DOC_TYPES = (r"ke hoach|chi thi|cong van|quyet dinh|nghi quyet|huong dan|thong tu|nghi dinh|luat|chuong trinh"
             r"(?: hanh dong)?|thong bao|ket luan|de an|phat dong|to trinh|bao cao")
_NUMBER = r"\d+[\w\-]*(?:\s*/\s*[\w\-]+)+|\d+-[\w\-]+(?:/[\w\-]+)*"
_CITATION = re.compile(rf"\b({DOC_TYPES})\s+(?:so\s+)?({_NUMBER})", re.IGNORECASE)
_TITLE_VERBS = (r"ve viec|v/v|ve|phat dong|trien khai|to chuc|thuc hien|huong dan|ban hanh|quy dinh|tiep tuc|"
                r"day manh|cong nhan")
_ROMAN_HEADING = re.compile(r"^(?:phan\s+)?([ivx]+)\s*[.:/-]\s*\S")
_SIGN_AUTHORITY = re.compile(r"^(tm|kt|tl|tuq|q)\s*\.\s*\S")
_POSITIONS = ("chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ban", "pho truong ban", "bi thu",
              "pho bi thu", "truong phong", "chanh van phong", "thu truong", "tong giam doc", "hieu truong",
              "truong", "chu nhiem", "uy vien")


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
        text = yaml.dump(data, Dumper=_CardDumper, allow_unicode=True, sort_keys=False, width=10**6,
                         default_flow_style=False)
        return header + text

    def report(self) -> str:
        lines = ["Đã đọc được:"]
        for key, value in self.fields.items():
            if value in (None, "", [], {}):
                continue
            shown = f"{len(value)} mục" if isinstance(value, list) else (
                ", ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) else str(value))
            lines.append(f"  {key}: {shown[:110]}")
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
    registry = _Registry.load(campaigns_dir)
    return _Extractor(lines, registry, path.name).run()


@dataclass
class _Registry:
    localities: list[dict[str, str]]
    movements: list[dict[str, str]]

    @classmethod
    def load(cls, folder: Path | None) -> _Registry:
        def read(name: str) -> list[dict[str, str]]:
            if folder is None or not (folder / name).is_file():
                return []
            try:
                data = yaml.load((folder / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            except (yaml.YAMLError, UnicodeDecodeError):
                return []
            return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []
        return cls(read("_localities.yml"), read("_movements.yml"))

    def find_locality(self, level: str, name: str, text: str) -> tuple[dict[str, str] | None, list[str]]:
        """The registry entry for `<level> <name>`; ties broken by parents the text names."""
        level_key = LEVEL_KEYS.get(fold(level), "huyen" if fold(level) == "quan" else "")
        matches = [d for d in self.localities if fold(d.get("name", "")) == fold(name)
                   and (not level_key or d.get("level") == level_key)]
        if len(matches) > 1:
            folded = fold(text)
            by_parent = [d for d in matches if all(
                fold(p.get("name", "")) in folded for p in self._parents(d))]
            if len(by_parent) == 1:
                matches = by_parent
        if len(matches) == 1:
            return matches[0], []
        return None, [d.get("id", "") for d in matches]

    def _parents(self, entry: dict[str, str]) -> list[dict[str, str]]:
        parts = entry.get("id", "").split("/")
        ids = {"/".join(parts[:i]) for i in range(1, len(parts))}
        return [d for d in self.localities if d.get("id") in ids]


class _CardDumper(yaml.SafeDumper):
    """Writes `issued: 2024-03-19`, not `'2024-03-19'`: the portal reads every scalar as text anyway."""

    yaml_implicit_resolvers: dict[str, Any] = {}


def _sentence_case(text: str, context: str) -> str:
    """A title written in capitals, in the case the body uses for each word (proper names stay capitalised)."""
    words = text.lower().split()
    body_words = re.findall(r"\w+", context)
    capital = Counter(w.lower() for w in body_words if w[:1].isupper())
    lower = Counter(w for w in body_words if w[:1].islower())
    out = []
    for i, word in enumerate(words):
        core = re.sub(r"\W", "", word)
        if re.fullmatch(r"[ivxlc]+", core) and len(core) <= 4 and i > 0:
            out.append(word.upper())
        elif i == 0 or (core and capital[core] > lower[core]):
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
    return " ".join(out)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _name_case(text: str) -> str:
    """"HÒA PHONG" → "Hòa Phong"; a name already in mixed case is kept."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split()) if _is_upper(text) else text


class _Extractor:
    def __init__(self, lines: list[str], registry: _Registry, source: str) -> None:
        self.lines = lines
        self.registry = registry
        self.source = source
        self.notes: list[str] = []
        self.text = "\n".join(plain(line) for line in lines)

    # ---- layout ------------------------------------------------------------------------

    def run(self) -> PlanImport:
        kind_at, kind, title_rest = self._kind_heading()
        if kind_at is None and "thi dua" not in fold(self.text):
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
        return PlanImport(fields, _markdown(body_lines), self.notes, missing, new, self.source)

    def _kind_heading(self) -> tuple[int | None, str, str]:
        """(line index, kind, title text on the same line) of "KẾ HOẠCH" / "PHÁT ĐỘNG"..."""
        for i, line in enumerate(self.lines[:200]):
            for part in plain(line).split("|"):
                text = part.strip().strip("*").strip()
                folded = fold(text)
                for label, kind in KINDS.items():
                    if folded == label and _is_upper(text):
                        return i, kind, ""
                    if folded.startswith(label + " ") and _is_upper(text[:len(label)]) and \
                            not _is_upper(text[len(label):]):
                        return i, kind, text[len(label):].strip(" :.-")
        return None, "", ""

    def _header_start(self, kind_at: int) -> int:
        cue = re.compile(r"(uy ban nhan dan|ubnd|cong hoa xa hoi|doc lap|^so\s*:|\bso\s*:\s*[\d/]|, ngay|"
                         r"hoi dong|dang uy|so noi vu|ban thi dua)")
        start = kind_at
        for i in range(kind_at - 1, max(-1, kind_at - 25), -1):
            if cue.search(fold(plain(self.lines[i]))):
                start = i
        return start

    def _title(self, kind_at: int | None, rest: str) -> tuple[str, int]:
        if kind_at is None:
            for i, line in enumerate(self.lines):
                if "thi dua" in fold(line) and len(line) < 300:
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
            if stop.match(fold(text)) or set(text) <= set("-_=*. "):
                break
            parts.append(text.strip(" *"))
            i += 1
        title = " ".join(" ".join(parts).split()).strip(" .")
        if _is_upper(title):
            title = _sentence_case(title, self.text)
            self.notes.append("tên văn bản viết hoa toàn bộ; đã chuyển sang chữ thường, giữ hoa tên riêng: hãy đọc lại")
        return title, i

    def _closing(self, body_from: int) -> tuple[int, list[str]]:
        """Where the body ends (Nơi nhận or the signature block) and the closing lines, columns split."""
        end = len(self.lines)
        tail_start = max(body_from, len(self.lines) - 60)
        for i in range(tail_start, len(self.lines)):
            first = fold(plain(re.split(r"\||\s{3,}", self.lines[i].strip())[0])).strip(" *")
            whole = fold(plain(self.lines[i])).strip(" *")
            if first.startswith("noi nhan") or whole.startswith("noi nhan") or _SIGN_AUTHORITY.match(whole) or (
                    whole in _POSITIONS and _is_upper(plain(self.lines[i]))):
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
            if _ROMAN_HEADING.match(fold(plain(line))):
                break
            if line.strip():
                paragraphs.append(plain(line))
        return paragraphs

    # ---- header fields -------------------------------------------------------------------

    def _number_date_place(self, header: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        text = "\n".join(plain(c) for line in header for c in line.split("|"))
        folded = fold(text)
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
        left = [t for t in left if t and not re.match(r"(cong hoa|doc lap|so\s*:|-{2,}|_{2,})", fold(t))
                and ", ngay" not in fold(t)]
        block = " ".join(left)
        block = re.sub(r"(?i)CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM.*", "", block).strip()
        if block:
            m = re.search(rf"\b(?:uy ban nhan dan|ubnd)\s+({_LEVEL_RE})\s+(.+)$", fold(block))
            if m:
                level, name = block[m.start(1):m.end(1)], block[m.start(2):m.end(2)]
            else:
                organ = block
        if not name:
            for para in preamble + self.text.split("\n"):
                # The issuing sentence opens a paragraph or a sentence ("... 2023. UBND huyện X phát động");
                # "của Ủy ban nhân dân tỉnh ..." inside a citation is someone else.
                m = re.search(rf"(?:^|[.;:]\s+)(?:uy ban nhan dan|ubnd)\s+({_LEVEL_RE})\s*(.*?)\s*"
                              r"(ban hanh|xay dung|phat dong|to chuc|trien khai|de ra)\b", fold(para))
                if m:
                    level = level or para[m.start(1):m.end(1)]
                    candidate = para[m.start(2):m.end(2)].strip()
                    if candidate and all(w[:1].isupper() for w in candidate.split()):
                        name = candidate
                    break
        if level and not name and place:
            name = place
        if level and not name:
            names = Counter(" ".join(_leading_capitals(m.group(1))) for m in re.finditer(
                rf"\b{re.escape(level)}\s+((?:\w+ ?){{1,4}})", self.text))
            names.pop("", None)
            if names:
                name = names.most_common(1)[0][0].strip()
                self.notes.append(f"tên cơ quan ban hành suy ra từ “{level} {name}” trong văn bản; hãy kiểm tra")
        if organ and not level:
            return {"name": _name_case(organ)}
        if not level:
            return {}
        level = dict(LEVELS).get(fold(level), level.lower())  # "HUYỆN", "huyen" → "huyện"
        name = _name_case(name.strip(" .,:;"))
        entry, candidates = self.registry.find_locality(level, name, self.text) if name else (None, [])
        issuer = {"name": f"UBND {level} {entry['name'] if entry else name}".strip()}
        if entry:
            issuer["locality"] = entry["id"]
            if fold(entry["name"]) == fold(name) and entry["name"] != name:
                self.notes.append(f"tên địa phương “{name}” ghi theo danh mục: “{entry['name']}”")
        elif candidates:
            self.notes.append(f"nhiều địa phương tên “{name}” trong danh mục ({', '.join(candidates)}); hãy chọn một")
        return issuer

    def _signer(self, closing: list[str]) -> dict[str, str]:
        signer: dict[str, str] = {}
        lines = [t for t in closing if t]
        for text in lines:
            folded = fold(text)
            if _SIGN_AUTHORITY.match(folded) and "on_behalf" not in signer:
                signer["on_behalf"] = text
            elif folded in _POSITIONS and _is_upper(text) and "position" not in signer:
                signer["position"] = text
        names = [t for t in lines if _looks_like_name(t)]
        if names:
            signer["name"] = _name_case(names[-1])
        return signer

    def _recipients(self, closing: list[str]) -> list[str]:
        out, inside = [], False
        for text in closing:
            folded = fold(text)
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
            if not re.match(r"(can cu|thuc hien|trien khai|thi hanh|theo)\b", fold(para)):
                continue
            folded = fold(para)
            cites = list(_CITATION.finditer(folded))
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
                issuer_m = re.match(rf"\s*cua\s+(.+?)(?=\s+(?:{_TITLE_VERBS})\b|[;,]|\.\s|\s+va\s*$|$)", frest)
                if issuer_m:
                    doc["issuer"] = rest[issuer_m.start(1):issuer_m.end(1)].strip()
                    rest, frest = rest[issuer_m.end(1):], frest[issuer_m.end(1):]
                subject = re.split(r";|\.\s+(?=[A-ZĐÀ-Ỹ])|\s+va\s*$", rest.strip())[0]
                clause = re.search(r",\s+(?:uy ban nhan dan|ubnd)\s.*(?:ban hanh|xay dung|phat dong)", fold(subject))
                subject = subject[:clause.start()] if clause else subject
                subject = re.sub(r"\s+va$", "", subject.strip(" ,;.")).strip()
                docs.append(doc)
                if fold(subject) in ("", "va") or len(subject) < 8:
                    pending.append(doc)
                    continue
                doc["title"] = _upper_first(subject)
                for earlier in pending:  # "Kế hoạch số 01... và Hướng dẫn số 2823... về việc X": X is both
                    earlier["title"] = doc["title"]
                pending = []
        seen, unique = set(), []
        for doc in docs:
            if doc["number"] not in seen:
                seen.add(doc["number"])
                unique.append(doc)
        return unique

    def _occasion(self, title: str) -> dict[str, str]:
        for source in (title, self.text):
            folded = fold(source)
            m = re.search(r"(ky niem\s+\d+\s+nam\s+[^(;\n]+?)\s*\(([^)]{6,40})\)", folded)
            if m:
                occasion = {"name": _upper_first(source[m.start(1):m.end(1)].strip(" ,."))}
                dates = find_dates(source[m.start(2):m.end(2)])
                if len(dates) == 2:
                    occasion["start"], occasion["end"] = dates[0][2], dates[1][2]
                return occasion
            m = re.search(r"nhan dip\s+(.+)$", folded) if source is title else None
            if m:
                return {"name": _upper_first(source[m.start(1):m.end(1)].strip(" ,."))}
        return {}

    def _slogan(self) -> str | None:
        folded = fold(self.text)
        for m in re.finditer(r"chu de(?:\s+thi dua)?\s*:?\s*[“\"]([^”\"]{10,600})[”\"]", folded):
            return " ".join(self.text[m.start(1):m.end(1)].split()).strip(" .")
        return None

    # ---- time ----------------------------------------------------------------------------

    def _phases(self, body: list[str]) -> list[dict[str, str]]:
        phases = []
        for line in body:
            text = plain(line).lstrip("-+• ")
            m = re.match(r"(dot\s+(?:\d+|[ivx]+|mot|hai|ba))\s*[:.\-–)]\s*(.*)", fold(text))
            if not m:
                continue
            span = text[m.start(2):]
            dates = find_dates(span)
            if "tu" in fold(span)[:12] and len(dates) >= 2:
                phases.append({"name": _upper_first(text[m.start(1):m.end(1)]), "start": dates[0][2],
                               "end": dates[1][2]})
        return phases

    def _deadlines(self, body: list[str]) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        heading = ""
        cue = re.compile(r"(hoan thanh|truoc|cham nhat|thoi han|xong truoc|to chuc vao|dien ra vao)"
                         r"\s*(?:trong|truoc|vao|:)?\s*:?\s*(?:ngay\s*)?$")
        for line in body:
            text = plain(line).strip()
            if not text:
                continue
            if len(text) < 120 and re.match(r"^([ivx]+|\d+|[a-zđ])\s*[.)]\s*\S", fold(text)) and not text.endswith("."):
                heading = re.sub(r"^\S+\s*", "", text).strip(" :")
            for start, _, value in find_dates(text):
                before = fold(text[max(0, start - 40):start])
                if cue.search(before) and len(value) >= 6:
                    item = re.match(r"^(\d+|[a-zđ])\s*[.)]\s*(.+)", text)
                    label = (re.split(r"[:.;]", item.group(2))[0][:120] if item else heading) or text.split(".")[0][:120]
                    if (value, label) not in found:
                        found.append((value, label))
        return found

    def _period(self, body: list[str], phases: list[dict[str, str]], deadlines: list[tuple[str, str]],
                issued: str | None, title: str) -> dict[str, str]:
        if phases:
            return {"start": phases[0]["start"], "end": phases[-1]["end"]}
        label = re.compile(r"^([\divx]+\s*[.)]\s*|-\s*)?thoi gian")
        previous = ""
        for line in body:
            text = plain(line)
            folded = fold(text)
            above, previous = previous, (folded if folded.strip() else previous)
            for m in re.finditer(r"tu\s+(nay|ngay|thang)?\s*(.{0,40}?)\s*den\s+(?:het\s+|cuoi\s+)?(?:ngay\s+)?", folded):
                after = find_dates(text[m.end():m.end() + 30])
                if not after or after[0][0] > 2:
                    continue
                period = {"end": after[0][2]}
                if m.group(1) != "nay":
                    start = find_dates(text[m.start():m.end()])
                    if start:
                        period = {"start": start[0][2], **period}
                if m.group(1) == "nay" or label.match(folded) or label.match(above):
                    return period
        ends = sorted((d for d, _ in deadlines), key=_sort_key)
        year = re.search(r"nam\s+(\d{4})\b", fold(title))
        end = ends[-1] if ends else (year.group(1) + "-12" if year else "")
        if end:
            self.notes.append("văn bản không ghi thời gian thi đua; period suy ra từ ngày ban hành và "
                              + ("hạn cuối cùng trong văn bản" if ends else "năm trong tên văn bản") + ": hãy kiểm tra")
            return {"start": issued, "end": end} if issued else {"end": end}
        return {}

    # ---- lists --------------------------------------------------------------------------

    def _movements(self) -> tuple[list[str], list[str]]:
        """Registry movements named in quotes anywhere; quoted names after "phong trào" that it lacks are new."""
        known = {fold(m.get("name", "")): m.get("id", "") for m in self.registry.movements}
        ids, new = [], []
        folded = fold(self.text)
        for m in re.finditer(r"[“\"]([^”\"]{6,200})[”\"]", folded):
            name = self.text[m.start(1):m.end(1)].strip(" *")
            key = fold(name).strip(" *")
            match = next((i for k, i in known.items() if k and (k in key or key in k)), None)
            if match:
                if match not in ids:
                    ids.append(match)
            elif re.search(r"(phong trao|cuoc van dong)(\s+thi dua)?\s*:?\s*$", folded[max(0, m.start() - 30):m.start()]) \
                    and name not in new:
                new.append(name)
        return ids, new

    def _awards(self, body: list[str]) -> list[dict[str, str]]:
        awards, seen = [], set()
        for line in body:
            text = plain(line).lstrip("-+• ")
            m = re.match(r"(bang khen|giay khen|co thi dua|chien si thi dua|huan chuong|danh hieu)\b([^:;.]{0,120})",
                         fold(text))
            if not m:
                continue
            form = text[:m.end(2)].strip(" ,")
            if fold(form) in seen:
                continue
            seen.add(fold(form))
            award = {"form": form}
            rest = text[m.end(2):].strip(" :;.")
            if rest:
                award["criteria"] = rest
            awards.append(award)
        return awards

    def _tasks(self, body: list[str], deadlines: list[tuple[str, str]]) -> list[dict[str, str]]:
        start = None
        for i, line in enumerate(body):
            if re.match(r"^([ivx]+\s*[.:]\s*)?to chuc thuc hien", fold(plain(line)).strip()):
                start = i + 1
        if start is None:
            return []
        tasks: list[dict[str, str]] = []
        for line in body[start:]:
            text = plain(line).strip()
            m = re.match(r"^(\d+|[a-zđ])\s*[.)]\s*(.+)", text)
            if m:
                item = m.group(2).strip()
                unit, task = _split_unit(item)
                tasks.append({"unit": unit, "task": task})
            elif tasks and text and not text.startswith(("Phát huy", "Trên đây")) and not tasks[-1]["task"]:
                tasks[-1]["task"] = text
            elif tasks and text and len(tasks[-1]["task"]) < 600 and not re.match(r"^[A-ZĐ]{4,}", text):
                tasks[-1]["task"] = (tasks[-1]["task"] + " " + text).strip()
        for task in tasks:
            dates = [v for s, _, v in find_dates(task["task"]) if len(v) >= 6]
            due = [v for v, _ in deadlines if v in dates]
            if due:
                task["due"] = due[-1]
            if len(task["task"]) > 500:  # the full text is in the body; the card keeps whole sentences
                cut = max(task["task"].rfind(". ", 0, 500), task["task"].rfind("; ", 0, 500))
                task["task"] = task["task"][:cut + 1] if cut > 100 else task["task"][:500]
        return [t for t in tasks if t["unit"] and t["task"]]


def _split_unit(item: str) -> tuple[str, str]:
    """"Phòng Nội vụ: Chủ trì..." or "Giao Phòng Nội vụ theo dõi..." → (unit, task)."""
    item = re.sub(r"^(Giao|Đề nghị)\s+", "", item.strip(" *"))
    head, _, rest = item.partition(":")
    if rest and len(head) < 160:
        return head.strip(" *"), _upper_first(rest.strip())
    folded = fold(item)
    # Not "tổ chức"/"thực hiện": they are also nouns inside unit names ("các tổ chức xã hội").
    verbs = (r"(chu tri|phoi hop|theo doi|can cu|xay dung|tham muu|chi dao|co trach nhiem|tuyen truyen|"
             r"huong dan|trien khai|kiem tra)")
    m = re.match(r"(?:giao|de nghi)?\s*(.{4,160}?)\s+" + verbs + r"\b", folded)
    if m and len(item) > 40:
        unit = item[m.start(1):m.end(1)]
        return unit.strip(" ,*"), _upper_first(item[m.start(2):].strip())
    return item.strip(" *"), ""


def _leading_capitals(text: str) -> list[str]:
    """"Duyên Hải đạt được" → ["Duyên", "Hải"]: a proper name ends at the first lowercase word."""
    words = []
    for word in text.split():
        if not word[:1].isupper():
            break
        words.append(word)
    return words


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= 6 and all(w[:1].isupper() and w.isalpha() for w in words)
            and not _SIGN_AUTHORITY.match(fold(text)) and fold(text) not in _POSITIONS
            and not any(fold(w) in ("ubnd", "uy", "ban", "nhan", "dan", "noi", "nhan", "luu") for w in words[:1]))


def _sort_key(value: str) -> str:
    """Partial dates compare by their last day: 2025-Q1 after 2025-02, 2025 after 2025-11."""
    if "-Q" in value:
        year, q = value.split("-Q")
        return f"{year}-{int(q) * 3:02d}-32"
    return value + "-99" * (2 - value.count("-"))


def _markdown(lines: list[str]) -> str:
    """The body as Markdown: headings for I./1./a) lines that are headings, lines joined where a sentence was broken."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        text = line.strip()
        # A line starts a new block after a blank line, at a numbered or bulleted item, or after a
        # line that ended a sentence; otherwise it continues a sentence the conversion broke.
        starts = bool(re.match(r"^([ivx]+|\d+(\.\d+)*|[a-zđ])\s*[.)]\s|^[-+•|]", fold(plain(text))))
        ended = bool(current) and plain(current[-1]).endswith((".", ":", ";", "!", "?", "”", "\"", ")")) \
            and not text[:1].islower()
        after_heading = len(current) == 1 and text[:1].isupper() and len(current[0]) < 120 and (
            _is_upper(plain(current[0])) or re.match(r"^([ivx]+|\d+|[a-zđ])\s*[.)]\s", fold(plain(current[0]))))
        if current and (not text or starts or ended or after_heading):
            paragraphs.append(" ".join(current) if not _is_list_block(current) else "\n".join(current))
            current = []
        if text:
            current.append(text)
    out: list[str] = []
    for para in paragraphs:
        text = plain(para)
        folded = fold(text)
        # A heading is short; a numbered line that ends a sentence is a list item, except I., II.
        short = len(text) < 160
        heading = short and (not text.endswith((".", ";", ",", ":")) or bool(_ROMAN_HEADING.match(folded)))
        if _ROMAN_HEADING.match(folded) and heading:
            out.append("## " + para.strip())
            continue
        if re.match(r"^\d+\s*\.\s*\S", text) and heading and len(text) < 120:
            out.append("### " + para.strip())
            continue
        if re.match(r"^[a-zđ]\s*\)\s*\S", text) and heading and len(text) < 120:
            out.append("#### " + para.strip())
            continue
        if out and _continues(out[-1], para):
            out[-1] = out[-1] + " " + para.strip()
            continue
        out.append(para)
    return "\n\n".join(out).strip() + "\n"


def _is_list_block(lines: list[str]) -> bool:
    return len(lines) > 1 and all(line.lstrip().startswith(("-", "+", "*", "|")) for line in lines)


def _continues(previous: str, para: str) -> bool:
    """A paragraph split mid-sentence by the conversion: no closing punctuation before, a continuation after."""
    if previous.startswith("#") or len(previous) < 60:
        return False
    prev = plain(previous)
    nxt = plain(para)
    if not nxt or prev.endswith((".", ":", ";", "!", "?", "”", "\"", "./.", ")")):
        return False
    if re.match(r"^(\d+|[ivx]+|[a-zđ])\s*[.)]\s", fold(nxt)) or nxt.startswith(("-", "+", "•", "|")):
        return False
    return nxt[:1].islower() or nxt[:1] in "“\"" or prev.endswith(",") or prev[-1:].isalpha()
