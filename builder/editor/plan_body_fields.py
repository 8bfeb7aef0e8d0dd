"""Fields the importer reads from a plan's body: occasion, slogan, phases, deadlines, period,
movements, awards and tasks (Tổ chức thực hiện)."""

from __future__ import annotations

import re

from builder.editor.plan_registry import Registry
from builder.editor.plan_text import find_dates, fold_keeping_offsets, plain
from builder.editor.plan_wording import sort_key, split_unit, upper_first


class BodyFields:
    """The body-reading half of the importer's extractor (`plan_import._Extractor`).

    Kept apart from the header and closing readers so each stays readable; both halves share
    the document's `lines`, folded `text`, `registry` and `notes`, which `_Extractor` sets.
    """

    lines: list[str]
    text: str
    registry: Registry
    notes: list[str]

    def _occasion(self, title: str) -> dict[str, str]:
        for source in (title, self.text):
            folded = fold_keeping_offsets(source)
            m = re.search(r"(ky niem\s+\d+\s+nam\s+[^(;\n]+?)\s*\(([^)]{6,40})\)", folded)
            if m:
                occasion = {"name": upper_first(source[m.start(1):m.end(1)].strip(" ,."))}
                dates = find_dates(source[m.start(2):m.end(2)])
                if len(dates) == 2:
                    occasion["start"], occasion["end"] = dates[0][2], dates[1][2]
                return occasion
            m = re.search(r"nhan dip\s+(.+)$", folded) if source is title else None
            if m:
                return {"name": upper_first(source[m.start(1):m.end(1)].strip(" ,."))}
        return {}

    def _slogan(self) -> str | None:
        folded = fold_keeping_offsets(self.text)
        for m in re.finditer(r"chu de(?:\s+thi dua)?\s*:?\s*[“\"]([^”\"]{10,600})[”\"]", folded):
            return " ".join(self.text[m.start(1):m.end(1)].split()).strip(" .")
        return None

    # ---- time ----------------------------------------------------------------------------

    def _phases(self, body: list[str]) -> list[dict[str, str]]:
        phases = []
        for line in body:
            text = plain(line).lstrip("-+• ")
            m = re.match(r"(dot\s+(?:\d+|[ivx]+|mot|hai|ba))\s*[:.\-–)]\s*(.*)", fold_keeping_offsets(text))
            if not m:
                continue
            span = text[m.start(2):]
            dates = find_dates(span)
            if "tu" in fold_keeping_offsets(span)[:12] and len(dates) >= 2:
                phases.append({"name": upper_first(text[m.start(1):m.end(1)]), "start": dates[0][2],
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
            if len(text) < 120 and re.match(r"^([ivx]+|\d+|[a-zđ])\s*[.)]\s*\S", fold_keeping_offsets(text)) and not text.endswith("."):
                heading = re.sub(r"^\S+\s*", "", text).strip(" :")
            for start, _, value in find_dates(text):
                before = fold_keeping_offsets(text[max(0, start - 40):start])
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
            folded = fold_keeping_offsets(text)
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
        ends = sorted((d for d, _ in deadlines), key=sort_key)
        year = re.search(r"nam\s+(\d{4})\b", fold_keeping_offsets(title))
        end = ends[-1] if ends else (year.group(1) + "-12" if year else "")
        if end:
            self.notes.append("văn bản không ghi thời gian thi đua; period suy ra từ ngày ban hành và "
                              + ("hạn cuối cùng trong văn bản" if ends else "năm trong tên văn bản") + ": hãy kiểm tra")
            return {"start": issued, "end": end} if issued else {"end": end}
        return {}

    # ---- lists --------------------------------------------------------------------------

    def _movements(self) -> tuple[list[str], list[str]]:
        """Registry movements named in quotes anywhere; quoted names after "phong trào" that it lacks are new."""
        known = {fold_keeping_offsets(m.get("name", "")): m.get("id", "") for m in self.registry.movements}
        ids, new = [], []
        folded = fold_keeping_offsets(self.text)
        for m in re.finditer(r"[“\"]([^”\"]{6,200})[”\"]", folded):
            name = self.text[m.start(1):m.end(1)].strip(" *")
            key = fold_keeping_offsets(name).strip(" *")
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
                         fold_keeping_offsets(text))
            if not m:
                continue
            form = text[:m.end(2)].strip(" ,")
            if fold_keeping_offsets(form) in seen:
                continue
            seen.add(fold_keeping_offsets(form))
            award = {"form": form}
            rest = text[m.end(2):].strip(" :;.")
            if rest:
                award["criteria"] = rest
            awards.append(award)
        return awards

    def _tasks(self, body: list[str], deadlines: list[tuple[str, str]]) -> list[dict[str, str]]:
        start = None
        for i, line in enumerate(body):
            if re.match(r"^([ivx]+\s*[.:]\s*)?to chuc thuc hien", fold_keeping_offsets(plain(line)).strip()):
                start = i + 1
        if start is None:
            return []
        tasks: list[dict[str, str]] = []
        for line in body[start:]:
            text = plain(line).strip()
            m = re.match(r"^(\d+|[a-zđ])\s*[.)]\s*(.+)", text)
            if m:
                item = m.group(2).strip()
                unit, task = split_unit(item)
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
