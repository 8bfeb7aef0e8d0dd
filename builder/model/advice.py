"""Advice for editors: things worth fixing that must not stop a build.

An error means a citizen would see a wrong or broken page; a warning means the page
is right but could serve them better (a campaign long over with no results, a
summary too long for a card, a profile without a photo). `portal check` prints
these; the build only logs them, so publishing never waits on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from builder.core.problems import Problem
from builder.model.schema import CampaignInput

RESULTS_AFTER_DAYS = 90  # a summing-up (tổng kết) is due within a quarter of a campaign's end
SUMMARY_MAX = 300  # characters a card shows before it is cut


def advise(cards: Iterable[tuple[str, str, CampaignInput, Any, str]], exemplars: Iterable[Any],
           today: dt.date) -> list[Problem]:
    """Warnings for validated campaign cards (id, path, card, located, body) and exemplar sources."""
    found: list[Problem] = []
    for stem, rel, card, located, body in cards:
        warn = _reporter(found, rel, located)
        end = card.period.end.last_day()
        if card.results is None and card.status is None and (today - end).days > RESULTS_AFTER_DAYS:
            warn(("period", "end"), "results",
                 f"phong trào đã kết thúc từ {card.period.end.display()} (hơn {RESULTS_AFTER_DAYS} ngày) mà chưa có "
                 "kết quả; khi có báo cáo tổng kết, hãy thêm mục results: (xem mẫu trong hướng dẫn)")
        if len(card.summary) > SUMMARY_MAX:
            warn(("summary",), "summary", f"tóm tắt dài {len(card.summary)} ký tự; thẻ và kết quả tìm kiếm chỉ hiện "
                 f"khoảng {SUMMARY_MAX} ký tự, hãy rút gọn còn một, hai câu")
        if not body.strip():
            warn((), "", f"chưa có nội dung văn bản; hãy tạo tệp {stem}.md cạnh tệp này và dán toàn văn vào")
        if not card.themes:
            warn(("title",), "themes", "chưa gắn lĩnh vực nào nên phong trào không hiện ở trang lĩnh vực; "
                 "hãy thêm themes: với mã trong _themes.yml")
        if card.results is not None and card.results.sample:
            warn(("results", "sample"), "results.sample", "kết quả đang là dữ liệu minh họa; khi có số liệu thật, "
                 "hãy thay và xóa dòng sample: true")
    for src in exemplars:
        warn = _reporter(found, src.path, src.located)
        if not src.card.photo:
            warn(("name",), "photo", "chưa có ảnh; hồ sơ có ảnh (kèm photo_alt mô tả ảnh) dễ nhận ra hơn: "
                 "chép ảnh vào content/exemplars/photos/ và thêm photo: photos/<tên ảnh>")
        if len(src.card.summary) > SUMMARY_MAX:
            warn(("summary",), "summary", f"giới thiệu dài {len(src.card.summary)} ký tự; hãy rút gọn dưới "
                 f"{SUMMARY_MAX} ký tự")
    return found


def _reporter(found: list[Problem], path: str, located: Any) -> Callable[[tuple[str | int, ...], str, str], None]:
    """`warn(key path, field, message)` for one file: a warning at the key's line in the YAML."""
    def warn(key: tuple[str | int, ...], field: str, message: str) -> None:
        found.append(Problem(path, *located.position(key), field, message, "warning"))
    return warn
