"""A plan's body lines as Markdown: headings, numbered items, lists and paragraphs kept verbatim."""

from __future__ import annotations

import re

from builder.editor.plan_patterns import ROMAN_HEADING
from builder.editor.plan_text import fold_keeping_offsets, plain
from builder.editor.plan_wording import is_upper


def body_markdown(lines: list[str]) -> str:
    """The body as Markdown: headings for I./1./a) lines that are headings, lines joined where a sentence was broken."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        text = line.strip()
        # A line starts a new block after a blank line, at a numbered or bulleted item, or after a
        # line that ended a sentence; otherwise it continues a sentence the conversion broke.
        starts = bool(re.match(r"^([ivx]+|\d+(\.\d+)*|[a-zđ])\s*[.)]\s|^[-+•|]", fold_keeping_offsets(plain(text))))
        ended = bool(current) and plain(current[-1]).endswith((".", ":", ";", "!", "?", "”", "\"", ")")) \
            and not text[:1].islower()
        after_heading = len(current) == 1 and text[:1].isupper() and len(current[0]) < 120 and (
            is_upper(plain(current[0])) or re.match(r"^([ivx]+|\d+|[a-zđ])\s*[.)]\s", fold_keeping_offsets(plain(current[0]))))
        if current and (not text or starts or ended or after_heading):
            paragraphs.append(" ".join(current) if not _is_list_block(current) else "\n".join(current))
            current = []
        if text:
            current.append(text)
    out: list[str] = []
    for para in paragraphs:
        text = plain(para)
        folded = fold_keeping_offsets(text)
        if out and _heading_goes_on(out[-1], text):  # "## I. MỤC ĐÍCH," then "YÊU CẦU": one heading
            out[-1] = out[-1] + " " + para.strip()
            continue
        # A heading is short; a numbered line that ends a sentence is a list item, except I., II.
        short = len(text) < 160
        heading = short and (not text.endswith((".", ";", ",", ":")) or bool(ROMAN_HEADING.match(folded)))
        if ROMAN_HEADING.match(folded) and heading:
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


def _heading_goes_on(previous: str, text: str) -> bool:
    """A heading in capitals broken over lines: the rest is a few capitalised words, not an item."""
    if not previous.startswith("#") or not text or not is_upper(text) or len(text.split()) > 8:
        return False
    if re.match(r"^([ivx]+|\d+|[a-zđ])\s*[.)]", fold_keeping_offsets(text)):
        return False
    head = plain(previous.lstrip("# "))
    return is_upper(head) and (head.endswith((",", "-", "–", "VÀ", "CỦA")) or len(text.split()) <= 3)


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
    if re.match(r"^(\d+|[ivx]+|[a-zđ])\s*[.)]\s", fold_keeping_offsets(nxt)) or nxt.startswith(("-", "+", "•", "|")):
        return False
    return nxt[:1].islower() or nxt[:1] in "“\"" or prev.endswith(",") or prev[-1:].isalpha()
