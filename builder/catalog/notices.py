"""Nominee notices (lấy ý kiến nhân dân): read, checked, their window computed in working days.

Pipeline step (model → catalog). A notice makes the nominees for an award public for comment
during a window: "10 ngày làm việc kể từ ngày …" (khoản 2 Điều 44 Nghị định 152/2025/NĐ-CP;
before it khoản 2 Điều 46 Nghị định 98/2023/NĐ-CP). The window's last day is the Nth working
day after the day the notice was published (`core.workdays`), or the day the notice names. A
notice is public from that day on; before it, and as a draft, it is not on the site at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from builder.catalog.checks import check_id, close_ids, is_draft, read_body
from builder.core.problems import Problems
from builder.core.text import match_key
from builder.core.workdays import WorkCalendar
from builder.load.sources import list_files, relative
from builder.load.yamlload import Located, ParseCache, load_yaml_file
from builder.model.schema import NoticeInput, WorkdayInput
from builder.model.validate import validate_document

NOTICES_DIR = "notices"  # inside the campaigns folder
WORKDAYS_FILE = "_workdays.yml"
DEFAULT_WORKING_DAYS = 10
# Days after a window closes during which an individual nominee's details stay public (mkdocs.yml:
# plugins: portal: notice_retention_days). The decision is usually made within weeks; after that a
# person proposed for an award, maybe not given it, should not stay findable by name. Collectives stay.
DEFAULT_RETENTION_DAYS = 90
OPEN, CLOSED = "dang-lay-y-kien", "da-het-han"
NOTICE_STATUS = {OPEN: "Đang lấy ý kiến", CLOSED: "Đã hết hạn góp ý"}


@dataclass(frozen=True)
class Notice:
    id: str
    card: NoticeInput
    body: str
    source_path: str
    locality_id: str
    opened: dt.date  # the day it was published: not counted in the window
    until: dt.date  # the window's last day, inclusive
    working_days: int | None  # None when the notice names its last day
    exceptions: tuple[tuple[dt.date, bool, str], ...]  # weekdays off and Saturdays worked in the window
    campaign_id: str | None  # a public campaign it follows
    exemplar_ids: tuple[str, ...]  # public exemplars the decision produced
    withdrawn: int = 0  # individual nominees whose details left the site after the retention period
    retention_days: int = DEFAULT_RETENTION_DAYS

    def status(self, today: dt.date) -> str:
        return OPEN if today <= self.until else CLOSED

    def days_left(self, calendar: WorkCalendar, today: dt.date) -> int:
        """Working days left in the window, today included when it is one (1 on the last day)."""
        return calendar.working_days_between(today - dt.timedelta(days=1), self.until)

    @property
    def mailto_subject(self) -> str:
        return f"Góp ý: {self.card.number + ' - ' if self.card.number else ''}{self.card.title}"


def load_work_calendar(root: Path, base: Path, problems: Problems, parsed: ParseCache) -> WorkCalendar:
    """The holidays library's calendar with `_workdays.yml` (optional) on top."""
    path = base / WORKDAYS_FILE
    if not path.exists():
        return WorkCalendar()
    located = load_yaml_file(root, path, problems, parsed)
    if located is None or located.data is None:
        return WorkCalendar()
    if not isinstance(located.data, list):
        problems.add(located.path, 1, 1, "", "tệp phải là một danh sách, mỗi mục bắt đầu bằng `- date: ...`")
        return WorkCalendar()
    off: dict[dt.date, str] = {}
    worked: dict[dt.date, str] = {}
    for index, _ in enumerate(located.data):
        item = validate_document(located, WorkdayInput, problems, (index,))
        if item is None:
            continue
        if item.date.precision != "day":
            problems.add(located.path, *located.position((index, "date")), f"[{index + 1}].date",
                         "phải là một ngày cụ thể, ví dụ 2027-02-05")
            continue
        (worked if item.worked else off)[item.date.first_day()] = f"{item.name} ({item.source})"
    return WorkCalendar(off, worked)


def load_notice_sources(root: Path, base: Path, problems: Problems, drafts: Problems,
                        parsed: ParseCache) -> list[tuple[str, str, NoticeInput, Located, str]]:
    """Every `campaigns/notices/<id>.yml` validated, with its `.md` text (ids not resolved yet)."""
    folder = base / NOTICES_DIR
    found = []
    for path in list_files(root, folder, (".yml",)):
        rel = relative(root, path)
        stem = path.name.rsplit(".", 1)[0]
        if not check_id(stem, rel, problems):
            continue
        located = load_yaml_file(root, path, problems, parsed)
        if located is None:
            continue
        sink = drafts if is_draft(located.data) else problems
        card = validate_document(located, NoticeInput, sink)
        if card is not None:
            found.append((stem, rel, card, located, read_body(root, path, sink)))
    return found


def resolve_notice(stem: str, rel: str, card: NoticeInput, located: Located, body: str, *,
                   calendar: WorkCalendar, localities: set[str], campaigns: set[str], public_campaigns: set[str],
                   exemplars: set[str], public_exemplars: set[str], problems: Problems) -> Notice | None:
    """Check a notice's ids and dates against the portal and compute its window; None when it has errors."""
    count = len(problems.items)

    def err(path: tuple[str | int, ...], field_name: str, message: str) -> None:
        problems.add(rel, *located.position(path), field_name, message)

    if card.issuer.locality not in localities:
        err(("issuer", "locality"), "issuer.locality", f"mã địa phương '{card.issuer.locality}' chưa có trong "
            f"_localities.yml; {close_ids(card.issuer.locality, localities)}")
    if card.campaign and card.campaign not in campaigns:
        err(("campaign",), "campaign", f"chưa có phong trào mã '{card.campaign}'; {close_ids(card.campaign, campaigns)}")
    for i, exemplar_id in enumerate(card.exemplars):
        if exemplar_id not in exemplars:
            err(("exemplars", i), f"exemplars[{i + 1}]",
                f"chưa có điển hình mã '{exemplar_id}' trong content/exemplars/; {close_ids(exemplar_id, exemplars)}")
    if card.opened.precision != "day":
        err(("opened",), "opened", f"'{card.opened.iso()}' chưa đủ ngày; thời hạn góp ý tính từ một ngày cụ thể, "
            "ví dụ 2024-07-25")
    if card.until is not None and card.working_days is not None:
        err(("until",), "until", "chỉ ghi một trong hai: working_days (số ngày làm việc) hoặc until (ngày cuối); "
            "hãy xóa một dòng")
    if card.working_days is not None and not 1 <= card.working_days <= 60:
        err(("working_days",), "working_days", f"{card.working_days} ngày làm việc là ngoài khoảng thường gặp "
            "(1–60); hãy kiểm tra lại số trong thông báo")
    if card.until is not None and card.until.precision != "day":
        err(("until",), "until", f"'{card.until.iso()}' chưa đủ ngày; hãy viết ngày cuối cùng nhận ý kiến, "
            "ví dụ 2024-08-08")
    if not card.nominees:
        err(("nominees",), "nominees", "chưa có tập thể, cá nhân nào; hãy liệt kê người được đề nghị như thông báo")
    for nominee in (n for n in card.nominees if n.kind == "ca-nhan"):
        for key in ("title", "summary"):
            if match_key(nominee.name) in match_key(getattr(card, key)):
                err((key,), key, f"có tên cá nhân '{nominee.name}'; tên cá nhân được gỡ khỏi cổng sau thời hạn lưu giữ, "
                    f"còn {key} thì không: hãy viết chung, ví dụ 'cá nhân được đề nghị tặng …'")
    if len(problems.items) > count:
        return None
    opened = card.opened.first_day()
    if card.until is not None:
        until, working_days = card.until.first_day(), None
        if until <= opened:
            err(("until",), "until", f"ngày cuối {card.until.display()} không sau ngày đăng {card.opened.display()}; "
                "hãy sửa một trong hai ngày")
            return None
    else:
        working_days = card.working_days or DEFAULT_WORKING_DAYS
        until = calendar.nth_working_day_after(opened, working_days)
    return Notice(
        id=stem, card=card, body=body, source_path=rel, locality_id=card.issuer.locality, opened=opened,
        until=until, working_days=working_days,
        exceptions=tuple(calendar.exceptions(opened + dt.timedelta(days=1), until)),
        campaign_id=card.campaign if card.campaign in public_campaigns else None,
        exemplar_ids=tuple(e for e in card.exemplars if e in public_exemplars),
    )


def after_retention(notice: Notice, today: dt.date, retention_days: int) -> Notice:
    """The notice as the site may show it on `today`: once `retention_days` have passed since its
    window closed, its individual nominees are withdrawn (pages, search, feeds, open data all read
    this), and so is its full text, which names them; the collectives and the count stay."""
    notice = dataclasses.replace(notice, retention_days=retention_days)
    individuals = [n for n in notice.card.nominees if n.kind == "ca-nhan"]
    if not individuals or today <= notice.until + dt.timedelta(days=retention_days):
        return notice
    card = notice.card.model_copy(update={"nominees": [n for n in notice.card.nominees if n.kind != "ca-nhan"]})
    return dataclasses.replace(notice, card=card, body="", withdrawn=len(individuals))


def notice_hidden_reason(card: NoticeInput, today: dt.date) -> str:
    """A notice is public from the day it was published."""
    if card.draft:
        return "bản nháp (draft: true)"
    if card.opened.first_day() > today:
        return f"chưa đến ngày đăng thông báo {card.opened.display()}"
    return ""
