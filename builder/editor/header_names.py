"""Names of issuing bodies as headers write them, in capitals, and as a reader writes them.

A header stacks bodies: "UBND HUYỆN CAN LỘC / TRƯỜNG MN HOA HỒNG", "UBND TỈNH SƠN LA / SỞ GIÁO
DỤC VÀ ĐÀO TẠO", sometimes flattened into one line. Each body starts with a word of its kind
(ỦY BAN NHÂN DÂN, SỞ, TRƯỜNG, HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG…); the longest kind that matches
wins, so "LIÊN ĐỘI TRƯỜNG" is one body and not a "LIÊN ĐỘI" and a "TRƯỜNG". Casing follows the
names' usual written form ("Sở Giáo dục và Đào tạo"), level words in lower case, acronyms
(THCS, MN: no vowel) and Roman numerals as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.editor.plan_text import fold_keeping_offsets
from builder.editor.plan_wording import is_upper

COMMITTEE = "UBND"
# folded words → written form; `True` when the body names no place of its own (a province's department).
_BODIES: dict[str, tuple[str, bool]] = {
    "uy ban nhan dan": (COMMITTEE, False), "ubnd": (COMMITTEE, False),
    "thuong truc hoi dong thi dua - khen thuong": ("Thường trực Hội đồng Thi đua - Khen thưởng", True),
    "thuong truc hoi dong thi dua, khen thuong": ("Thường trực Hội đồng Thi đua - Khen thưởng", True),
    "thuong truc hoi dong thi dua khen thuong": ("Thường trực Hội đồng Thi đua - Khen thưởng", True),
    "hoi dong thi dua - khen thuong": ("Hội đồng Thi đua - Khen thưởng", True),
    "hoi dong thi dua, khen thuong": ("Hội đồng Thi đua - Khen thưởng", True),
    "hoi dong thi dua khen thuong": ("Hội đồng Thi đua - Khen thưởng", True),
    "ban thi dua - khen thuong": ("Ban Thi đua - Khen thưởng", True),
    "ban thi dua, khen thuong": ("Ban Thi đua - Khen thưởng", True),
    "ban thi dua khen thuong": ("Ban Thi đua - Khen thưởng", True),
    "so giao duc va dao tao": ("Sở Giáo dục và Đào tạo", True), "so gd&dt": ("Sở GD&ĐT", True),
    "so gd - dt": ("Sở GD&ĐT", True), "so gd -dt": ("Sở GD&ĐT", True), "so gd-dt": ("Sở GD&ĐT", True),
    "so gd –dt": ("Sở GD&ĐT", True), "so gd – dt": ("Sở GD&ĐT", True),
    "phong giao duc va dao tao": ("Phòng Giáo dục và Đào tạo", True), "phong gd&dt": ("Phòng GD&ĐT", True),
    "phong gd-dt": ("Phòng GD&ĐT", True), "so noi vu": ("Sở Nội vụ", True), "phong noi vu": ("Phòng Nội vụ", True),
    "so": ("Sở", True), "phong": ("Phòng", True), "bo noi vu": ("Bộ Nội vụ", False), "bo": ("Bộ", False),
    "thu tuong chinh phu": ("Thủ tướng Chính phủ", False), "chinh phu": ("Chính phủ", False),
    "van phong chinh phu": ("Văn phòng Chính phủ", False), "van phong": ("Văn phòng", True),
    "lien doi truong": ("Liên đội Trường", False), "lien doi": ("Liên đội", False),
    "doan truong": ("Đoàn trường", False), "huyen doan": ("Huyện đoàn", False), "tinh doan": ("Tỉnh đoàn", False),
    "thanh doan": ("Thành đoàn", False), "doan thanh nien": ("Đoàn Thanh niên", False),
    "doi tntp ho chi minh": ("Đội TNTP Hồ Chí Minh", False), "hoi dong doi": ("Hội đồng Đội", False),
    "truong": ("Trường", False), "dang uy": ("Đảng ủy", False), "dang bo": ("Đảng bộ", False), "ban chap hanh": ("Ban Chấp hành", False),
    "ban thuong vu": ("Ban Thường vụ", False), "uy ban mat tran to quoc viet nam": ("Ủy ban Mặt trận Tổ quốc Việt Nam", False),
    "cong doan": ("Công đoàn", False), "hoi lien hiep phu nu": ("Hội Liên hiệp Phụ nữ", False),
    "hoi nong dan": ("Hội Nông dân", False), "hoi cuu chien binh": ("Hội Cựu chiến binh", False),
    "cong an": ("Công an", False), "bo chi huy quan su": ("Bộ Chỉ huy Quân sự", False),
    "ban quan ly": ("Ban Quản lý", False), "trung tam": ("Trung tâm", False), "benh vien": ("Bệnh viện", False),
}
_KEYS = sorted(_BODIES, key=lambda k: -len(k.split()))
LEVELS = {"thanh pho": "thành phố", "thi xa": "thị xã", "thi tran": "thị trấn", "dac khu": "đặc khu", "tinh": "tỉnh",
          "huyen": "huyện", "quan": "quận", "xa": "xã", "phuong": "phường", "tp": "thành phố", "tx": "thị xã"}
_LOWER = {"số", "và", "của", "các", "cấp"}


@dataclass
class Unit:
    """One body of a header: its kind as written ("Sở Nội vụ") and the rest of its name, in capitals or not."""

    body: str
    rest: str
    needs_place: bool

    @property
    def is_committee(self) -> bool:
        return self.body == COMMITTEE

    @property
    def level(self) -> str | None:
        return _level_and_name(self.rest)[0]

    @property
    def locality(self) -> str | None:
        return _level_and_name(self.rest)[1]

    @property
    def complete(self) -> bool:
        """Names a body: "UBND" or "TRƯỜNG" alone names nobody; "Thủ tướng Chính phủ" does."""
        if self.is_committee:
            return bool(self.locality)
        return bool(self.rest) or len(self.body.split()) > 1

    def display(self) -> str:
        return " ".join(filter(None, [self.body, _case(self.rest)]))


def _level_and_name(rest: str) -> tuple[str | None, str | None]:
    words = rest.split()
    for size in (2, 1):
        key = fold_keeping_offsets(" ".join(words[:size])).strip(".")
        if len(words) >= size and key in LEVELS:
            name = _case(" ".join(words[size:]))
            return LEVELS[key], name or None
    return None, None


_GENERIC = {"so", "phong", "bo", "truong", "van phong", "cong an", "trung tam", "benh vien", "ban quan ly"}
# What follows a generic word when it starts a body in the middle of a line ("… SƠN LA SỞ TƯ PHÁP"),
# and not a place ("HÒA PHONG", "BẾN SỞ"): a department's field or a school's grade.
_FIELDS = {"giao", "noi", "y", "tai", "van", "tu", "ke", "xay", "lao", "nong", "cong", "khoa", "thong", "tn&mt",
           "gd&dt", "gd-dt", "gd", "kinh", "mam", "tieu", "trung", "dai", "cao", "thcs", "thpt", "th", "mn", "ptdt"}


def split_units(text: str) -> list[Unit]:
    """The bodies named in `text`, in order; words before the first body's kind are dropped.

    A line break in `text` separates cells: a generic kind ("SỞ", "PHÒNG", "TRƯỜNG") starts a body
    at the start of a cell, and in the middle of one only before a field or grade ("SỞ TƯ PHÁP").
    """
    words, starts = [], []
    for cell in text.split("\n"):
        for j, word in enumerate(cell.split()):
            words.append(word)
            starts.append(j == 0)
    folded = [fold_keeping_offsets(w) for w in words]
    units: list[Unit] = []
    i = 0
    while i < len(words):
        match = None
        for key in _KEYS:
            size = len(key.split())
            if " ".join(folded[i:i + size]).replace(" ,", ",") == key:
                if key in _GENERIC and not starts[i] and (i + size >= len(words) or
                                                         folded[i + size].strip(".,") not in _FIELDS):
                    continue
                match = key, size
                break
        if match is None:
            if units:
                units[-1].rest = f"{units[-1].rest} {words[i]}".strip()
            i += 1
            continue
        key, size = match
        body, needs_place = _BODIES[key]
        if body in ("Sở", "Phòng", "Bộ", "Văn phòng") and i + size < len(words):
            body = f"{body} {_case(words[i + size])}" if is_upper(words[i + size]) else f"{body} {words[i + size]}"
            size += 1
        units.append(Unit(body, "", needs_place))
        i += size
    for unit in units:
        unit.rest = unit.rest.strip(" -–,.;:|")
        if unit.needs_place and _level_and_name(unit.rest)[0]:
            unit.needs_place = False
        if fold_keeping_offsets(unit.rest) in ("trung uong",):
            unit.rest, unit.needs_place = "Trung ương", False
    return units


def place_of_unit(unit: Unit) -> str | None:
    """"tỉnh Sơn La" for "UBND TỈNH SƠN LA": what a department under it adds to its name."""
    if unit.is_committee and unit.level and unit.locality:
        return f"{unit.level} {unit.locality}"
    return None


def _case(text: str) -> str:
    """Capitals as a reader writes them: "TRƯỜNG THCS TRÀNG CÁT" → "THCS Tràng Cát"."""
    if not is_upper(text):
        return text
    out = []
    for word in text.split():
        folded = fold_keeping_offsets(word).strip(".,")
        letters = re.sub(r"[^a-z]", "", folded)
        if folded in LEVELS and not out:
            out.append(LEVELS[folded])
        elif word.lower() in _LOWER and out:
            out.append(word.lower())
        elif re.fullmatch(r"[IVX]{1,4}", word) or (letters and not re.search(r"[aeiouy]", letters)) or "&" in word:
            out.append(word)
        else:
            out.append(word[:1] + word[1:].lower())
    return " ".join(out)
