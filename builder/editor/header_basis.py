"""The basis of a document: the numbered documents it cites as what it rests on.

"Căn cứ …", "Thực hiện …" open the clauses that cite; a clause that starts with a document
word ("Kế hoạch số 890/KH-UBND …") goes on citing, while "Xét đề nghị …" (a proposal, and
its Tờ trình number) does not. Numbers are document symbols ("121/2005/NĐ-CP", "19-CT/TU"),
also when a line break split one at its "/" or "-".
"""

from __future__ import annotations

import re

from builder.editor.plan_text import fold_keeping_offsets

BASIS_START = re.compile(r"^(can cu|can\s|thuc hien|tiep tuc thuc hien|trien khai|thi hanh|theo quy dinh|"
                          r"theo|tiep theo)\b")
_DOC_WORD = re.compile(r"^(luat|bo luat|nghi dinh|nghi quyet|quyet dinh|chi thi|thong tu|ke hoach|cong van|"
                       r"huong dan|thong bao|ket luan|chuong trinh|de an)\b")
SYMBOL = r"\d+[\w.\-]*(?:\s*/\s*[\w.\-&]+)+|\d+-[A-ZĐa-z][\w\-]*(?:/[\w\-]+)+"
SYMBOL_RE = re.compile(rf"(?<![\w/])({SYMBOL})")
_HEADING = re.compile(r"^((?:phan\s+)?[ivx]+\s*[.:/-]|\d+\s*[.)]|dieu\s+\d|quyet dinh\s*:|chuong\s+[ivx\d])")


def cited_numbers(lines: list[str], start: int, sections: bool) -> list[str]:
    """Numbered documents cited where the text says what it rests on ("Căn cứ …", "Thực hiện …")."""
    found: list[str] = []
    joined: list[str] = []
    for line in lines[start:start + 80]:  # a number broken at "/" or "-", or after "số", goes on on the next line
        if joined and line.strip() and (re.search(r"\d+[\w.]*[/\-]\s*$|[/\-][A-ZĐ]+[/\-]\s*$", joined[-1]) or (
                re.search(r"\b(số|Số)\s*:?\s*$", joined[-1]) and re.match(r"\s*\d", line))):
            glue = "" if re.search(r"[/\-]\s*$", joined[-1]) else " "
            joined[-1] = joined[-1].rstrip() + glue + line.strip()
        else:
            joined.append(line)
    for line in joined:
        folded = fold_keeping_offsets(line.strip())
        if sections and _HEADING.match(folded) and found:
            break
        citing = False
        for clause, fclause in _clauses(line.strip(), folded):
            if fclause.startswith(("xet de nghi", "theo de nghi", "theo do")):
                citing = False
                continue
            if BASIS_START.match(fclause):
                citing = True
            elif not _DOC_WORD.match(fclause):
                citing = False
            if citing:
                clean = re.sub(r"\((?:[^()]*?to trinh|[^()]*?tờ trình)[^()]*\)", "", clause, flags=re.IGNORECASE)
                for m in SYMBOL_RE.finditer(clean):
                    number = re.sub(r"\s+", "", m.group(1)).rstrip(".")
                    if re.search(r"[A-Za-zĐđ]", number) and number not in found and \
                            not re.fullmatch(r"[\d/.\-]+", number):
                        found.append(number)
    return found


def _clauses(line: str, folded: str) -> list[tuple[str, str]]:
    """A paragraph cut at ";" and sentence ends, each clause with its folded text."""
    out, start = [], 0
    for m in re.finditer(r";\s+|\.\s+(?=[A-ZĐÀ-Ỹ])|,\s+(?=(?:căn cứ|thực hiện|Căn cứ|Thực hiện)\b)", line):
        out.append((line[start:m.start()], folded[start:m.start()].strip()))
        start = m.end()
    out.append((line[start:], folded[start:].strip()))
    return [(c, re.sub(r"^\w+\s+[-–]\s+", "", f)) for c, f in out]  # "PhuthoPortal - Căn cứ …": a byline
