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


def resolve_campaign(
    root: Path, base: Path, stem: str, rel: str, card: CampaignInput, located: Located, body: str,
    today: dt.date, themes: dict[str, Theme], movements: dict[str, Movement],
    localities: dict[str, Locality], public_ids: set[str], all_ids: set[str], problems: Problems,
) -> Campaign | None:
    count = len(problems.items)

    def err(path: tuple[str | int, ...], field_name: str, message: str) -> None:
        problems.add(rel, *located.position(path), field_name, message)

    locality = localities.get(card.issuer.locality)
    if locality is None:
        err(("issuer", "locality"), "issuer.locality",
            f"mã địa phương '{card.issuer.locality}' chưa có trong _localities.yml; "
            f"{close_ids(card.issuer.locality, localities, {k: v.name for k, v in localities.items()})}")
    check_id_list(err, "themes", card.themes, themes, "lĩnh vực '{id}' chưa có trong _themes.yml",
                  {k: v.name for k, v in themes.items()})
    check_id_list(err, "movements", card.movements, movements, "phong trào '{id}' chưa có trong _movements.yml",
                  {k: v.name for k, v in movements.items()})

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
