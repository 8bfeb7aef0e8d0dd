"""What the importer looks for: the words and patterns of the genre, matched on folded text."""

from __future__ import annotations

import re

from builder.editor.plan_text import fold_keeping_offsets
from builder.model.schema import LOCALITY_LEVELS

LEVELS = sorted({fold_keeping_offsets(v): v for v in LOCALITY_LEVELS.values()}.items(), key=lambda kv: -len(kv[0]))
LEVEL_KEYS = {fold_keeping_offsets(v): k for k, v in LOCALITY_LEVELS.items()}
LEVEL_RE = "|".join(re.escape(k) for k, _ in LEVELS) + "|quan"
DOC_TYPES = (r"ke hoach|chi thi|cong van|quyet dinh|nghi quyet|huong dan|thong tu|nghi dinh|luat|chuong trinh"
             r"(?: hanh dong)?|thong bao|ket luan|de an|phat dong|to trinh|bao cao")
NUMBER = r"\d+[\w\-]*(?:\s*/\s*[\w\-]+)+|\d+-[\w\-]+(?:/[\w\-]+)*"
CITATION = re.compile(rf"\b({DOC_TYPES})\s+(?:so\s+)?({NUMBER})", re.IGNORECASE)
TITLE_VERBS = (r"ve viec|v/v|ve|phat dong|trien khai|to chuc|thuc hien|huong dan|ban hanh|quy dinh|tiep tuc|"
                r"day manh|cong nhan")
ROMAN_HEADING = re.compile(r"^(?:phan\s+)?([ivx]+)\s*[.:/-]\s*\S")
SIGN_AUTHORITY = re.compile(r"^(tm|kt|tl|tuq|q)\s*\.\s*\S")
POSITIONS = ("chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ban", "pho truong ban", "bi thu",
              "pho bi thu", "truong phong", "chanh van phong", "thu truong", "tong giam doc", "hieu truong",
              "truong", "chu nhiem", "uy vien")
