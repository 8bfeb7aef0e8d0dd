"""Pages of nominee notices: one page each, the list, and what the home page shows.

Pipeline step (catalog → pages). A citizen needs three things from a notice: who is proposed
for which award, until when they can comment, and how. The deadline is a date in large type
with one sentence saying how it was counted (working days, the days off left out); the status
and "còn N ngày làm việc" are re-checked in the browser on the day read (theme/assets/portal.js
reads the window and its exceptions from the badge), like campaign statuses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from builder.catalog.catalog import Catalog
from builder.catalog.notices import CLOSED, NOTICE_STATUS, OPEN, Notice
from builder.core import urls
from builder.core.dates import display_day
from builder.core.workdays import WorkCalendar
from builder.plan.listing import PageSpec


def left_text(notice: Notice, calendar: WorkCalendar, today: dt.date) -> str:
    """"Còn 3 ngày làm việc", "Hôm nay là ngày cuối nhận ý kiến", "Hết hạn ngày 26/02/2024" (portal.js mirrors it)."""
    if notice.status(today) == CLOSED:
        return f"Hết hạn ngày {display_day(notice.until)}"
    left = notice.days_left(calendar, today)
    if today == notice.until:
        return "Hôm nay là ngày cuối nhận ý kiến"
    return f"Còn {left} ngày làm việc" if left else f"Nhận ý kiến đến hết ngày {display_day(notice.until)}"


def count_sentence(notice: Notice) -> str:
    """How the deadline was counted, in one sentence a citizen can check on a calendar."""
    opened, until = display_day(notice.opened), display_day(notice.until)
    if notice.working_days is None:
        return f"Thông báo đăng ngày {opened} và nhận ý kiến đến hết ngày {until}, như thông báo ghi."
    off = [f"{why} ({display_day(day)})" for day, worked, why in notice.exceptions if not worked]
    worked = [display_day(day) for day, w, _ in notice.exceptions if w]
    text = (f"Hạn góp ý là ngày làm việc thứ {notice.working_days} sau ngày đăng thông báo {opened} (không tính ngày "
            f"đăng), không tính thứ Bảy, Chủ nhật")
    text += f" và các ngày nghỉ: {', '.join(off)}" if off else ""
    text += f"; có tính ngày làm bù {', '.join(worked)}" if worked else ""
    return text + "."


def mailto(notice: Notice) -> str | None:
    email = notice.card.comment.email
    return f"mailto:{email}?subject={quote(notice.mailto_subject)}" if email else None


def notice_card(notice: Notice, catalog: Catalog) -> dict[str, Any]:
    today = catalog.today
    individuals = sum(n.kind == "ca-nhan" for n in notice.card.nominees)
    collectives = len(notice.card.nominees) - individuals
    individuals += notice.withdrawn
    return {
        "notice": notice, "url": urls.notice(notice.id), "status": notice.status(today),
        "label": NOTICE_STATUS[notice.status(today)], "left": left_text(notice, catalog.workdays, today),
        "collectives": collectives, "individuals": individuals,
        "window": badge_data(notice),
    }


def badge_data(notice: Notice) -> dict[str, str]:
    """What the browser needs to re-check a notice: its window and the days a Monday–Friday rule gets wrong."""
    return {"opened": notice.opened.isoformat(), "until": notice.until.isoformat(),
            "exceptions": " ".join(f"{d.isoformat()}:{int(w)}" for d, w, _ in notice.exceptions)}


def plan_notice_pages(catalog: Catalog) -> list[PageSpec]:
    """Each public notice's page and the list of them (open first, nearest deadline first)."""
    today = catalog.today
    cards = [notice_card(n, catalog) for n in catalog.notices]
    pages = [PageSpec(urls.NOTICES, "Lấy ý kiến nhân dân về khen thưởng", "portal/notices.html", {
        "open": [c for c in cards if c["status"] == OPEN], "closed": [c for c in cards if c["status"] == CLOSED],
    })]
    for notice, card in zip(catalog.notices, cards, strict=True):
        locality = catalog.locality(notice.locality_id)
        campaign = catalog.campaign(notice.campaign_id) if notice.campaign_id else None
        pages.append(PageSpec(urls.notice(notice.id), notice.card.title, "portal/notice.html", {
            **card,
            "sentence": count_sentence(notice),
            "mailto": mailto(notice),
            "locality": locality,
            "locality_url": urls.locality(notice.locality_id),
            "campaign": campaign,
            "campaign_url": urls.campaign(campaign.id) if campaign else None,
            "exemplars": [(e, urls.exemplar(e.id)) for i in notice.exemplar_ids if (e := catalog.exemplar(i))],
            "calendar": urls.notice_calendar(notice.id),
            "today": today,
        }, body=notice.body, source=notice.source_path))
    return pages


def home_notices(catalog: Catalog) -> list[dict[str, Any]]:
    """The notices open on the build day, for the home page (the script hides those closed since)."""
    return [notice_card(n, catalog) for n in catalog.notices if n.status(catalog.today) == OPEN]
