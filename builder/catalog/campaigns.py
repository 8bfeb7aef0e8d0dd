"""One campaign card resolved against the registries: ids, dates, attachments, visibility, status.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from builder.catalog.catalog import (
    AttachmentLink,
    BasisLink,
    Campaign,
    CampaignResults,
    Locality,
    Movement,
    Theme,
)
from builder.catalog.checks import (
    Report,
    check_id_list,
    close_ids,
    embargo_reason,
)
from builder.catalog.links import find_active_html, find_unsafe_links
from builder.catalog.status import compute_status
from builder.core.problems import Problems
from builder.load.sources import (
    resolve_attachment,
)
from builder.load.yamlload import Located
from builder.model.schema import (
    CampaignInput,
)


def release_days(card: CampaignInput, today: dt.date) -> list[dt.date]:
    """Days after `today` on which a campaign card, or its results, become public."""
    days = [card.publish_on and card.publish_on.first_day(), card.issued and card.issued.first_day(),
            card.results and card.results.published.first_day()]
    return [day for day in days if day and day > today]


def is_public(card: CampaignInput, today: dt.date) -> bool:
    return campaign_hidden_reason(card, today) == ""


def campaign_hidden_reason(card: CampaignInput, today: dt.date) -> str:
    if reason := embargo_reason(card.draft, card.publish_on, today):
        return reason
    if card.issued and card.issued.first_day() > today:
        return f"văn bản ban hành sau ngày tạo trang ({card.issued.display()})"
    return ""


def check_card_ids(err: Report, locality: object, theme_ids: object, movement_ids: object, themes: dict[str, Theme],
                   movements: dict[str, Movement], localities: dict[str, Locality]) -> None:
    """The registry ids a card names must exist. Also run on a card that failed validation, with its raw
    values (whatever has the right shape), so that one editing pass fixes every problem of the file."""
    if isinstance(locality, str) and locality not in localities:
        err(("issuer", "locality"), "issuer.locality",
            f"mã địa phương '{locality}' chưa có trong _localities.yml; "
            f"{close_ids(locality, localities, {k: v.name for k, v in localities.items()})}")
    for field_name, values, known, unknown in (
            ("themes", theme_ids, themes, "lĩnh vực '{id}' chưa có trong _themes.yml"),
            ("movements", movement_ids, movements, "phong trào '{id}' chưa có trong _movements.yml")):
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            check_id_list(err, field_name, values, known, unknown, {k: v.name for k, v in known.items()})


def check_invalid_card(rel: str, located: Located, themes: dict[str, Theme], movements: dict[str, Movement],
                       localities: dict[str, Locality], problems: Problems) -> None:
    """A card whose fields failed validation: its ids are still checked (see `check_card_ids`)."""
    data = located.data if isinstance(located.data, dict) else {}
    issuer = data.get("issuer")

    def err(path: tuple[str | int, ...], field_name: str, message: str) -> None:
        problems.add(rel, *located.position(path), field_name, message)

    check_card_ids(err, issuer.get("locality") if isinstance(issuer, dict) else None, data.get("themes"),
                   data.get("movements"), themes, movements, localities)


def check_same_document(cards: list[tuple[str, str, CampaignInput, Located, str]], problems: Problems,
                        draft_problems: Problems) -> None:
    """One document, one file: two cards of the same document would publish the plan twice.

    A document is known by its number, issuer and date; a plan published with a blank numeral
    ("/KH-UBND"), as many are, by its title, issuer, date and end date instead. When either card is
    a draft (an imported copy of a published plan, say), the finding is a warning on the draft.
    """
    published: dict[tuple[str, ...], str] = {}  # key → the first card that is not a draft
    drafts: dict[tuple[str, ...], str] = {}
    keyed = []
    for _, rel, card, located, _ in cards:
        key = _document_key(card)
        (drafts if card.draft else published).setdefault(key, rel)
        keyed.append((key, rel, card, located))
    for key, rel, card, located in keyed:
        if card.draft:  # a draft copy of a published plan, or of another draft
            other = published.get(key) or (drafts[key] if drafts[key] != rel else None)
        else:
            other = published[key] if published[key] != rel else None
        if other is None:
            continue
        sink = draft_problems if card.draft else problems
        issued = f" ban hành {card.issued.display()}" if card.issued else ""
        if key[0] == "number":
            sink.add(rel, *located.position(("number",)), "number",
                     f"cùng văn bản số {card.number}{issued} của {card.issuer.name} với tệp {other}; một văn bản "
                     f"chỉ có một tệp: hãy xóa tệp này hoặc gộp nội dung vào tệp kia")
        else:
            sink.add(rel, *located.position(("title",)), "title",
                     f"cùng trích yếu, cơ quan ({card.issuer.name}), ngày ban hành và ngày kết thúc với tệp "
                     f"{other}: là một văn bản lưu hai lần; hãy xóa tệp này hoặc gộp nội dung vào tệp kia")


def _document_key(card: CampaignInput) -> tuple[str, ...]:
    if card.number and re.match(r"\s*\d", card.number) and card.issued is not None:
        return ("number", re.sub(r"\s+", "", card.number).casefold(), card.issuer.locality, str(card.issued))
    title = " ".join(card.title.split()).casefold()
    return ("title", title, card.issuer.locality, str(card.issued or ""), str(card.period.end))


def resolve_campaign(
    root: Path, base: Path, stem: str, rel: str, card: CampaignInput, located: Located, body: str,
    today: dt.date, themes: dict[str, Theme], movements: dict[str, Movement],
    localities: dict[str, Locality], public_ids: set[str], all_ids: set[str], problems: Problems,
) -> Campaign | None:
    count = len(problems.items)

    def err(path: tuple[str | int, ...], field_name: str, message: str) -> None:
        problems.add(rel, *located.position(path), field_name, message)

    locality = localities.get(card.issuer.locality)
    check_card_ids(err, card.issuer.locality, card.themes, card.movements, themes, movements, localities)

    period = card.period
    start = period.start.first_day() if period.start else (card.issued.first_day() if card.issued else None)
    end = period.end.last_day()
    if period.start and period.start.first_day() > end:
        err(("period", "end"), "period.end",
            f"ngày kết thúc {period.end.display()} trước ngày bắt đầu {period.start.display()}; hãy sửa một trong hai ngày")
    for i, phase in enumerate(card.phases):
        if phase.start and phase.end and phase.start.first_day() > phase.end.last_day():
            err(("phases", i, "end"), f"phases[{i + 1}].end",
                f"ngày kết thúc {phase.end.display()} trước ngày bắt đầu {phase.start.display()}; hãy sửa một trong hai ngày")
    if card.occasion and card.occasion.start and card.occasion.end and \
            card.occasion.start.first_day() > card.occasion.end.last_day():
        err(("occasion", "end"), "occasion.end", "mốc kết thúc trước mốc bắt đầu; hãy sửa một trong hai mốc")

    basis: list[BasisLink] = []
    for i, doc in enumerate(card.basis):
        if doc.campaign is not None and doc.campaign not in all_ids:
            err(("basis", i, "campaign"), f"basis[{i + 1}].campaign",
                f"chưa có phong trào mã '{doc.campaign}' trên cổng; "
                f"{close_ids(doc.campaign, all_ids, fallback='mã là tên tệp trong campaigns/ (không có .yml); hãy sửa mã hoặc xóa dòng này')}")
        if doc.campaign == stem:
            err(("basis", i, "campaign"), f"basis[{i + 1}].campaign", "văn bản không thể căn cứ vào chính nó; hãy xóa dòng này")
        linked = doc.campaign if doc.campaign in public_ids and doc.campaign != stem else None
        basis.append(BasisLink(doc.number, doc.date, doc.issuer, doc.title, linked))

    attachments = [link for i, att in enumerate(card.attachments)
                   if (link := _attachment(root, base, att.file, att.title, ("attachments", i, "file"),
                                           f"attachments[{i + 1}].file", err)) is not None]
    results = None
    if card.results is not None:
        for _, _, url in find_unsafe_links(card.results.summary or ""):
            err(("results", "summary"), "results.summary", f"liên kết '{url[:40]}' không an toàn "
                "(javascript:, data:, vbscript:); hãy dùng liên kết http(s) hoặc xóa nó")
        for _, _, what in find_active_html(card.results.summary or ""):
            label = f"thẻ {what}" if what.startswith("<") else f"thuộc tính '{what}'"
            err(("results", "summary"), "results.summary", f"{label} chạy mã hoặc nhúng trang khác, không được dùng "
                "trong nội dung; hãy xóa")
        report = None
        if card.results.report:
            report = _attachment(root, base, card.results.report, "Báo cáo tổng kết", ("results", "report"),
                                 "results.report", err)
        # Results dated after the build date wait, like an embargo: they may still change.
        if card.results.published.first_day() <= today:
            results = CampaignResults(card.results, report)
    if len(problems.items) > count or locality is None:
        return None
    return Campaign(
        id=stem, source_path=rel, card=card, body=body,
        status=compute_status(start, end, card.status, today), start=start, end=end,
        issuer_locality=locality,
        themes=tuple(themes[t] for t in dict.fromkeys(card.themes)),
        movements=tuple(movements[m] for m in dict.fromkeys(card.movements)),
        basis=tuple(basis), attachments=tuple(attachments), results=results,
    )


def _attachment(root: Path, base: Path, ref: str, title: str, key_path: tuple[str | int, ...], field_name: str,
                err: Callable[[tuple[str | int, ...], str, str], None]) -> AttachmentLink | None:
    """A file under campaigns/files/ to publish as-is, or None with the problem reported."""
    target = resolve_attachment(root, base, ref)
    if target is None or not (target.resolve().is_relative_to((base / "files").resolve())):
        err(key_path, field_name, f"đường dẫn '{ref}' ra ngoài thư mục campaigns/files/; "
            "hãy chép tệp vào campaigns/files/ và viết files/<tên tệp>")
        return None
    if not target.is_file():
        err(key_path, field_name, f"không tìm thấy tệp '{ref}'; hãy chép tệp vào campaigns/{ref} hoặc sửa tên tệp")
        return None
    if re.search(r"[#?%\s]", target.name):
        err(key_path, field_name, f"tên tệp '{target.name}' có ký tự không dùng được trong địa chỉ web "
            "(#, ?, %, dấu cách); hãy đổi tên tệp")
        return None
    return AttachmentLink(title, target, "campaigns/" + target.relative_to(base).as_posix(), target.stat().st_size)
