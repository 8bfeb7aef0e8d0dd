"""How the importer restores wording: letter case of capitalised headers, units and names."""

from __future__ import annotations

import re
from collections import Counter

from builder.editor.plan_patterns import POSITIONS, SIGN_AUTHORITY
from builder.editor.plan_text import fold_keeping_offsets


def sentence_case(text: str, context: str) -> str:
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
        elif core and len(core) > 1 and not re.search(r"[aeiouy]", fold_keeping_offsets(core)):
            out.append(word.upper())  # an acronym: UBND, THCS, HĐND
        elif i == 0 or word[:1] in "“\"«" or (core and capital[core] > lower[core]):  # a quoted name opens capitalised
            lead = len(word) - len(word.lstrip("“\"«"))
            out.append(word[:lead] + word[lead:lead + 1].upper() + word[lead + 1:])
        else:
            out.append(word)
    return " ".join(out)


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def name_case(text: str) -> str:
    """"HÒA PHONG" → "Hòa Phong"; a name already in mixed case is kept."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split()) if is_upper(text) else text


def split_unit(item: str) -> tuple[str, str]:
    """"Phòng Nội vụ: Chủ trì..." or "Giao Phòng Nội vụ theo dõi..." → (unit, task)."""
    item = re.sub(r"^(Giao|Đề nghị)\s+", "", item.strip(" *"))
    head, _, rest = item.partition(":")
    if rest and len(head) < 160:
        return head.strip(" *"), upper_first(rest.strip())
    folded = fold_keeping_offsets(item)
    # Not "tổ chức"/"thực hiện": they are also nouns inside unit names ("các tổ chức xã hội").
    verbs = (r"(chu tri|phoi hop|theo doi|can cu|xay dung|tham muu|chi dao|co trach nhiem|tuyen truyen|"
             r"huong dan|trien khai|kiem tra)")
    m = re.match(r"(?:giao|de nghi)?\s*(.{4,160}?)\s+" + verbs + r"\b", folded)
    if m and len(item) > 40:
        unit = item[m.start(1):m.end(1)]
        return unit.strip(" ,*"), upper_first(item[m.start(2):].strip())
    return item.strip(" *"), ""


def leading_capitals(text: str) -> list[str]:
    """"Duyên Hải đạt được" → ["Duyên", "Hải"]: a proper name ends at the first lowercase word."""
    words = []
    for word in text.split():
        if not word[:1].isupper():
            break
        words.append(word)
    return words


def looks_like_name(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= 6 and all(w[:1].isupper() and w.isalpha() for w in words)
            and not SIGN_AUTHORITY.match(fold_keeping_offsets(text)) and fold_keeping_offsets(text) not in POSITIONS
            and not any(fold_keeping_offsets(w) in ("ubnd", "uy", "ban", "nhan", "dan", "noi", "nhan", "luu") for w in words[:1]))


def sort_key(value: str) -> str:
    """Partial dates compare by their last day: 2025-Q1 after 2025-02, 2025 after 2025-11."""
    if "-Q" in value:
        year, q = value.split("-Q")
        return f"{year}-{int(q) * 3:02d}-32"
    return value + "-99" * (2 - value.count("-"))
