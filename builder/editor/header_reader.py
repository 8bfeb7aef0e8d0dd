"""The header of any administrative document: kind, number, date, place, issuer, title, basis.

Nghị định 30/2020/NĐ-CP lays every document out the same way: the issuer (under its
governing body) and "Số: 12/KH-UBND" on the left, the national motto and "<place>, ngày …
tháng … năm …" on the right, the kind in capitals (KẾ HOẠCH, QUYẾT ĐỊNH, THÔNG BÁO), the
title (trích yếu; for a letter "V/v …" under the number), then the basis ("Căn cứ …",
"Thực hiện …"). Copies lose that layout in ordinary ways: the two columns flattened into
one line or interleaved, words split over lines, the kind fused with the title, no header at
all on a web page. So this reader looks for the anchors (motto, number, date line, kind)
anywhere near the top, takes each field from its anchor, and reads the issuer from what is
left: the capitalised names of bodies, the last one being the issuer.

Never invent: a field the document does not state stays empty. A value read from a weaker
place (the body's issuing sentence, a header that holds words of the motto) is kept with a
doubt that the import report lists under "Cần kiểm tra".
"""

from __future__ import annotations

import datetime as dt
import re

from builder.editor.header import Header
from builder.editor.header_basis import BASIS_START, cited_numbers
from builder.editor.header_names import place_of_unit, split_units
from builder.editor.header_title import KIND_LABELS, kind_and_title, letter_subject
from builder.editor.plan_patterns import DOC_TYPES
from builder.editor.plan_text import fold_keeping_offsets, plain
from builder.editor.plan_wording import (
    is_upper,
    leading_capitals,
    upper_first,
)

_MOTTO = re.compile(r"dang\s+cong\s+san\s+viet\s+nam|cong\s+hoa(?:\s+xa\s+hoi)?(?:\s+chu\s+nghia)?(?:\s+viet(?:\s+nam)?)?|"
                    r"(?:xa\s+hoi\s+)?chu\s+nghia\s+viet(?:\s+nam)?|"
                    r"doc\s+lap\s*[-–—]?\s*(?:tu\s+do)?\s*[-–—]?\s*(?:hanh\s+phuc)?|tu\s+do\s*[-–—]\s*hanh\s+phuc")
_NUMBER = re.compile(r"\bso\b(?:\s*hieu)?\s*:?\s*(?=[\d/])")
_DATE_LINE = re.compile(r"([^\n|,;:]{2,60}),\s*ngay\s*(?:(\d{1,2})?[\s.…_]*thang\s*(\d{1,2})?[\s.…_]*nam\s*(\d{4})|"
                        r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))")
_ISSUING = re.compile(r"(?:^|[.;,]\s+)((?:nay\s+)?[^.;:()]{3,90}?)\s+(?:xay dung|ban hanh|phat dong|trien khai|lap)\s+"
                      r"(ke hoach|quyet dinh|chuong trinh|huong dan|phong trao|dot thi dua|thi dua)\b")


def read_header(lines: list[str], unsure: list[str] | tuple[str, ...] = ()) -> Header:
    """The header of `lines`; `unsure` are lines OCR was unsure of, which flag the fields read there."""
    header = _Reader([_tidy(plain(line)) for line in lines]).run()
    _flag_unsure(header, lines, unsure)
    return header


def _flag_unsure(header: Header, lines: list[str], unsure: list[str] | tuple[str, ...]) -> None:
    """A field is doubtful when OCR was unsure of a line it was read from, or, for a field left empty or
    short, of a line where it would be: the header for number, date and issuer, a "Căn cứ" line for basis."""
    if not unsure:
        return
    head = "\n".join(lines[header.starts_at:header.body_from])
    for row in unsure:
        where = f"chữ đọc từ ảnh không chắc ở dòng “{row[:60]}”; hãy đối chiếu với bản gốc"
        values = {"kind": header.kind, "number": header.number, "date": header.date, "place": header.place,
                  "issuer": header.issuer, "title": header.title}
        for key, value in values.items():
            pieces = re.findall(r"\S{3,}", value or "") if key != "date" else \
                ([value[:4]] if value and "ngày" in row else [])  # the date line, not the ISO value
            if (pieces and any(p in row for p in pieces[:6])) or (not value and row in head):
                header.doubts.setdefault(key, where)
        if re.search(r"\b(can cu|can|thuc hien)\b", fold_keeping_offsets(row)) or any(n[:6] in row for n in header.basis):
            header.doubts.setdefault("basis", where)


def _tidy(line: str) -> str:
    line = re.sub(r"^\s*Trang\s+\d+\s*(?:\*+)?\s*", "", line)  # a document site's page marker glued on
    return line


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.header = Header()

    def run(self) -> Header:
        h = self.header
        kind_and_title(self.lines, h)
        start, end = self._header_zone()
        h.starts_at = start
        zone = "\n".join(self.lines[start:end])
        if h.kind_line is None:  # a flattened header runs on into "Kính gửi" or the first "Căn cứ"
            cut = re.search(r"Kính gửi|\bCăn cứ\b|\bThực hiện\b", zone)
            zone = zone[:cut.start()] if cut else zone
        used = self._number(zone) + self._date(zone)
        if h.kind is None:
            letter_subject(zone, h)
        self._issuer(zone, used)
        h.basis = cited_numbers(self.lines, h.body_from if h.kind_line is not None else 0, h.kind_line is not None)
        if h.kind is None:
            self._self_named_notice()
        if h.kind is None:
            self._kind_from_issuing_sentence()
        return h

    def _kind_from_issuing_sentence(self) -> None:
        """No heading: "… ban hành Kế hoạch …" still says what the document is."""
        for line in self.lines[:60]:
            m = _ISSUING.search(fold_keeping_offsets(line))
            if m:
                if m.group(2) not in KIND_LABELS:
                    continue
                self.header.kind = KIND_LABELS[m.group(2)]
                self.header.doubts["kind"] = f"không có dòng tên loại văn bản; loại lấy từ câu “{line.strip()[:60]}…”"
                return

    # ---- kind and title -------------------------------------------------------------------

    def _self_named_notice(self) -> None:
        """A notice without a heading still names itself: a "Thông báo" label or "… thông báo:"."""
        for line in self.lines[:40]:
            folded = fold_keeping_offsets(line.strip())
            if folded == "thong bao" or re.search(r"\b(tran trong )?thong bao\s*(:|va xin y kien)", folded):
                self.header.kind = "Thông báo"
                return

    # ---- the header zone ------------------------------------------------------------------

    def _header_zone(self) -> tuple[int, int]:
        """Lines from the first header cue to the kind heading (or the first basis line)."""
        h = self.header
        end = h.kind_line if h.kind_line is not None else None
        if end is None:
            end = next((i for i, line in enumerate(self.lines[:80])
                        if BASIS_START.match(fold_keeping_offsets(line.strip())) or "Kính gửi" in line), 0)
            end = end or min(len(self.lines), 30)
            h.body_from = end
        cue = re.compile(r"(cong hoa xa hoi|chu nghia viet|doc lap|\bso\s*:|\bso\s+\d|, ngay\s*\d|, ngay\s+thang|"
                         r"^(?:uy ban nhan dan|ubnd)\b)")
        start = end
        for i in range(end, max(-1, end - 30), -1):
            text = self.lines[i].strip() if i < len(self.lines) else ""
            if cue.search(fold_keeping_offsets(text)) or (is_upper(text) and split_units(text)):
                start = i
        above = start
        while above > 0 and above > end - 30 and (is_upper(self.lines[above - 1])
                                                  or set(self.lines[above - 1].strip()) <= set("|-_* ")):
            above -= 1  # a body's name broken over lines above the first cue ("HỘI ĐỒNG THI / ĐUA - …")
            if is_upper(self.lines[above]):
                start = above
        return start, end + 1

    def _number(self, zone: str) -> list[tuple[int, int]]:
        folded = fold_keeping_offsets(zone)
        candidates = []
        for m in _NUMBER.finditer(folded):
            if not zone[m.start()].isupper() or re.search(rf"\b({DOC_TYPES})\s*$", folded[max(0, m.start() - 20):m.start()]):
                continue  # "Nghị định số 91/…" cites another document
            tokens, pos = [], m.end()
            for t in re.finditer(r"\S+", zone[m.end():m.end() + 60]):
                if "\n" in zone[pos:m.end() + t.start()] and tokens:
                    break
                word = t.group(0).strip("|")
                if fold_keeping_offsets(word) == "v/v":
                    break
                if not word or not re.fullmatch(r"[\w./&\-–]+", word) or (
                        re.search(r"[a-zà-ỹđ]", word) and not re.search(r"[/\-]", word)) or \
                        (tokens and re.match(r"\d", word) and not tokens[-1].endswith(("/", "-"))):
                    break
                tokens.append(word)
                pos = m.end() + t.end()
                if t.group(0).endswith("|"):
                    break
            written = " ".join(tokens)
            if re.search(r"[/\-]", written) and re.search(r"[A-ZĐ]", written):
                candidates.append((0 if "/" in written else 1, -len(re.findall(r"[/\-]", written)), written.count(" "), m.start(), pos,
                                   written))
        if not candidates:
            return []
        *_, written = min(candidates)
        h = self.header
        h.symbol = written
        numeral = re.match(r"\d+", written)
        h.number = written if numeral else ""
        if not numeral:
            h.notes.append(f"văn bản để trống số, chỉ có ký hiệu (“Số: {written}”): ghi số khi văn bản có số")
        # Nothing after a number in its cell names the issuer (a flattened header runs on into the motto).
        return [(c[3], _cell_end(zone, c[4])) for c in candidates]

    def _date(self, zone: str) -> list[tuple[int, int]]:
        folded = fold_keeping_offsets(zone)
        m = next((m for m in _DATE_LINE.finditer(folded) if m.group(4) or _named_place(zone[m.start(1):m.end(1)])), None)
        if not m:  # a date in figures counts only after a place's name ("Thứ 2, ngày 28/10/2024" is a site's)
            return []
        h = self.header
        words = zone[m.start(1):m.end(1)].split()
        place: list[str] = []
        for word in reversed(words):  # the place is the capitalised words just before ", ngày"
            if re.fullmatch(r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\.?", word) or (not place and re.fullmatch(r"[A-ZĐ]", word)):
                place.insert(0, word)
            else:
                break
        h.place = " ".join(place) or None
        day, month, year = (m.group(2), m.group(3), m.group(4)) if m.group(4) else (m.group(5), m.group(6), m.group(7))
        if day and month:
            try:
                h.date = dt.date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                h.date = year
                h.doubts["date"] = f"ngày {day} tháng {month} không có thật; chỉ giữ năm {year}"
        elif month:
            h.date = f"{int(year):04d}-{int(month):02d}"
            h.doubts["date"] = "dòng ngày tháng để trống ngày: chỉ giữ tháng và năm"
        else:
            h.date = year
            h.doubts["date"] = "dòng ngày tháng để trống ngày hoặc tháng: chỉ giữ năm"
        start = m.start(1) + len(zone[m.start(1):m.end(1)]) - len(" ".join(place)) if place else m.end(1)
        return [(start, m.end())]

    # ---- issuer ---------------------------------------------------------------------------

    def _issuer(self, zone: str, used: list[tuple[int, int]]) -> None:
        """The last body named in the header's capitals; its governing body above it."""
        h = self.header
        text = list(zone)
        folded = fold_keeping_offsets(zone)
        spans = [*used, *((m.start(), m.end()) for m in _MOTTO.finditer(folded))]
        if h.kind_line is not None:  # the kind heading and what follows it on the zone's last line
            last = zone.rfind("\n") + 1
            spans.append((last, len(zone)))
        vv = re.search(r"\bv/v\b", folded)
        if vv:
            spans.append((vv.start(), len(zone)))
        for start, end in spans:
            text[start:end] = " " * (end - start)
        rest = "".join(text)
        capitals = []
        for line in rest.split("\n"):
            for cell in re.split(r"\s*\|\s*|\s{3,}", line):
                run = _capital_run(cell)
                if run and fold_keeping_offsets(run) not in ("nam", "viet nam", "hanh phuc", "tu do - hanh phuc"):
                    capitals.append(run)
        units = split_units(" \n ".join(capitals))
        if units and units[-1].complete:
            last = units[-1]
            h.issuer = last.display()
            h.parent = units[-2].display() if len(units) > 1 else None
            if last.needs_place and len(units) > 1 and place_of_unit(units[-2]):
                h.issuer += " " + place_of_unit(units[-2])
            h.level, h.locality_name = last.level, last.locality
        run_on = any(re.search(r"[A-ZĐ]{2,}\s+$", re.split(r"\||\s{3,}|\n", zone[:m.start()])[-1])
                     for m in _MOTTO.finditer(folded))  # "UBND TỈNH X CHỦ NGHĨA VIỆT": one cell holds both
        if h.issuer and (run_on or any(w in fold_keeping_offsets(h.issuer)
                                       for w in ("cong hoa", "chu nghia", "doc lap", "hanh phuc"))):
            h.doubts["issuer"] = "dòng cơ quan ban hành lẫn chữ của quốc hiệu, tiêu ngữ; hãy sửa lại"
        if h.issuer:
            return
        self._issuer_from_body(bool(units and units[-1].is_committee))

    def _issuer_from_body(self, committee: bool) -> None:
        """No header, or "ỦY BAN NHÂN DÂN" without its place: the body's issuing sentence says who."""
        h = self.header
        for line in self.lines[h.body_from:h.body_from + 40] if h.kind_line is not None else self.lines[:60]:
            folded = fold_keeping_offsets(line)
            for m in _ISSUING.finditer(folded):
                subject = line[m.start(1):m.end(1)].strip(" ,")
                fsubject = fold_keeping_offsets(subject)
                if BASIS_START.match(fsubject) or re.search(r"\bcua\b|\d\s*/", fsubject):
                    continue  # "Thực hiện Quyết định … của Thủ tướng … ban hành Kế hoạch": someone else's act
                subject = upper_first(re.sub(r"^(Nay|Vì vậy|Do đó|BCH|Ban Chấp hành|Ban chấp hành),?\s+", "", subject,
                                             flags=re.IGNORECASE))
                if len(subject.split()) > 12:
                    continue
                self._issuer_from_subject(subject, line)
                return
        if committee:
            h.issuer = "UBND"
            h.doubts["issuer"] = "phần đầu chỉ ghi “ỦY BAN NHÂN DÂN”, không ghi cấp và tên địa phương; hãy điền"

    def _issuer_from_subject(self, subject: str, line: str) -> None:
        h = self.header
        units = split_units(subject)
        where = f"cơ quan ban hành lấy từ câu “{line.strip()[:70]}…”; hãy kiểm tra"
        if len(units) == 1 and units[0].is_committee and units[0].level and \
                (name := units[0].locality or h.place or self._named_most(units[0].level)):
            h.issuer, h.level, h.locality_name = f"UBND {units[0].level} {name}", units[0].level, name
            if not units[0].locality and not h.place:
                where = f"tên địa phương “{name}” suy ra từ “{units[0].level} {name}” trong văn bản; hãy kiểm tra"
            elif not units[0].locality:
                where = f"tên địa phương của cơ quan ban hành lấy từ dòng ngày tháng (“{h.place}”); hãy kiểm tra"
        elif len(units) == 1 and subject.split()[0].lower() == units[0].body.split()[0].lower():
            h.issuer = units[0].display()
        else:
            h.issuer = subject
        h.doubts["issuer"] = where

    def _named_most(self, level: str) -> str | None:
        """The place the text names most often at `level` ("thị xã Duyên Hải"), for "UBND thị xã" alone."""
        counts: dict[str, int] = {}
        for m in re.finditer(rf"\b{re.escape(level)}\s+((?:\w+ ?){{1,4}})", "\n".join(self.lines)):
            name = " ".join(leading_capitals(m.group(1)))
            if not name:
                continue
            counts[name] = counts.get(name, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else None

    # ---- basis ----------------------------------------------------------------------------

def _named_place(text: str) -> bool:
    words = text.split()
    last = words[-1] if words else ""
    return last[:1].isupper() and last[1:].rstrip(".").isalpha() and last[1:].rstrip(".").islower() and \
        fold_keeping_offsets(words[-2] if len(words) > 1 else "") != "thu"


def _cell_end(zone: str, at: int) -> int:
    m = re.compile(r"\||\n|\s{3,}").search(zone, at)
    return m.start() if m else len(zone)


def _capital_run(cell: str) -> str:
    """The words of `cell` up to its first word in lower or mixed case (organs are written in capitals)."""
    words = []
    for word in cell.split():
        letters = [c for c in word if c.isalpha()]
        if letters and not all(c.isupper() for c in letters) and not (
                words and fold_keeping_offsets(word) in ("tinh", "huyen", "xa", "phuong", "quan", "thanh", "pho", "thi")):
            break
        words.append(word)
    run = " ".join(words).strip(" -–*_|.,")
    return run if any(c.isalpha() for c in run) else ""
