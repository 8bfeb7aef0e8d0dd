"""Members' localities against the province's registry: a member naming a commune the province does
not know is told, by name, so the province adds it (or the member fixes its id) before citizens
filter by a place that leads nowhere. Never an error: the member's data is still shown."""

from __future__ import annotations

from collections.abc import Iterable

from builder.core.problems import Problem
from builder.federation.member_data import MemberSite


def unknown_localities(sites: Iterable[MemberSite], known: set[str]) -> list[Problem]:
    problems = []
    for site in sites:
        named = {site.member.locality} | {c.locality_id for c in site.campaigns} | {e.locality_id for e in site.exemplars}
        for locality in sorted(named - known):
            problems.append(Problem(site.member.source, 0, 0, "", f"cổng thành viên {site.member.name}: mã địa phương "
                                    f"'{locality}' chưa có trong _localities.yml của tỉnh; hãy thêm đơn vị này "
                                    "(portal new locality) hoặc báo cổng thành viên sửa mã", "warning"))
    return problems
