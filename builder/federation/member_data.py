"""A member's published open data, read and checked, with its last good copy kept.

What a province shows of a member comes only from what the member publishes: `data/portal.json`
(the format and its version, `outputs/manifest.py`) and the datasets it names, read against the
same pydantic records that wrote them (`outputs/open_data.py`), so a field that changed type is
caught here rather than shown wrong. A member that cannot be read (vanished, half-copied, from a
newer version of the builder) never stops the province: a warning names the member and what is
wrong, and the last copy that was read whole is used, or the member is marked unavailable.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from builder.core.dates import DateFormatError, parse_partial_date
from builder.core.problems import Problem
from builder.federation.members import Member
from builder.outputs.manifest import FORMAT, FORMAT_VERSION
from builder.outputs.open_data import CampaignRecord, ExemplarRecord, ResultRecord

KEPT = "members-last-good"  # under the cache folder: each member's last copy read whole
READ = ("campaigns", "results", "exemplars")
_RECORDS = {"campaigns": TypeAdapter(list[CampaignRecord]), "results": TypeAdapter(list[ResultRecord]),
            "exemplars": TypeAdapter(list[ExemplarRecord])}


@dataclass(frozen=True)
class MemberSite:
    member: Member
    state: Literal["fresh", "last-good", "unavailable"]
    build_date: str | None = None
    campaigns: tuple[CampaignRecord, ...] = ()
    results: tuple[ResultRecord, ...] = ()
    exemplars: tuple[ExemplarRecord, ...] = ()
    published_url: str = ""  # the address the member's records name (its site_url), which may not be where it is served


class Unreadable(Exception):
    """Why a member's published data cannot be used, in words for the province's staff."""


def read_members(root: Path, members: tuple[Member, ...], cache: Path) -> tuple[list[MemberSite], list[Problem]]:
    """Every member, read from its source or its last good copy; warnings for what could not be read."""
    sites, warnings = [], []
    for member in members:
        site, warning = read_member(root, member, cache / KEPT / member.key)
        sites.append(site)
        if warning is not None:
            warnings.append(warning)
    return sites, warnings


def read_member(root: Path, member: Member, kept: Path) -> tuple[MemberSite, Problem | None]:
    source = root / member.source
    try:
        files = _read_files(source)
        site = _parse(member, files, "fresh")
    except Unreadable as why:
        fallback = _last_good(member, kept)
        when = f"dùng bản đọc được lần trước (dữ liệu ngày {fallback.build_date})" if fallback.state == "last-good" \
            else "chưa có bản nào đọc được trước đó: thành viên được ghi là tạm không có dữ liệu"
        return fallback, Problem(member.source, 0, 0, "", f"cổng thành viên {member.name}: {why}; {when}", "warning")
    replace_whole(files, kept)
    return site, None


def _read_files(source: Path) -> dict[str, bytes]:
    """The manifest and the datasets, as bytes: checked first, kept as they are."""
    if not source.is_dir():
        raise Unreadable(f"không tìm thấy thư mục {source.name}/ (cổng chưa được tải về, hay đã bị xóa?)")
    try:
        manifest_bytes = (source / "data" / "portal.json").read_bytes()
    except OSError:
        raise Unreadable("không có data/portal.json: cổng được tạo bằng phiên bản quá cũ, hoặc không phải cổng "
                         "phong trào thi đua") from None
    manifest = _json(manifest_bytes, "data/portal.json")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise Unreadable("data/portal.json không phải dữ liệu mở của cổng phong trào thi đua")
    version = manifest.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise Unreadable(f"dữ liệu theo định dạng phiên bản {version}, cổng tỉnh chỉ đọc được đến phiên bản "
                         f"{FORMAT_VERSION}: hãy nâng cấp công cụ tạo cổng của tỉnh")
    files = {"data/portal.json": manifest_bytes}
    for name in READ:
        rel = manifest.get("datasets", {}).get(name, {}).get("json", f"data/{name}.json")
        try:
            files[f"data/{name}.json"] = (source / rel).read_bytes()
        except OSError:
            raise Unreadable(f"thiếu tệp {rel}") from None
    return files


def _parse(member: Member, files: dict[str, bytes], state: Literal["fresh", "last-good"]) -> MemberSite:
    manifest = _json(files["data/portal.json"], "data/portal.json")
    records = {}
    for name in READ:
        data = _json(files[f"data/{name}.json"], f"data/{name}.json")
        try:
            records[name] = tuple(_RECORDS[name].validate_python(data))
        except ValidationError as err:
            first = err.errors()[0]
            index, *field = first["loc"] or ("",)
            what = "thiếu" if first["type"] == "missing" else "sai kiểu"
            raise Unreadable(f"data/{name}.json không theo định dạng phiên bản {FORMAT_VERSION}: bản ghi thứ "
                             f"{int(index) + 1 if isinstance(index, int) else 1}, trường "
                             f"{'.'.join(map(str, field)) or '(cả bản ghi)'} {what}") from None
    _check_days(records["campaigns"])
    _check_honored(records["exemplars"])
    return MemberSite(member, state, str(manifest.get("build_date") or ""), records["campaigns"], records["results"],
                      records["exemplars"], str(manifest.get("url") or ""))


def _check_days(campaigns: tuple[CampaignRecord, ...]) -> None:
    """A campaign's first and last day are text in the records; the province computes statuses from them, so
    one it cannot read makes the member unreadable (never a traceback in the province's build)."""
    for number, record in enumerate(campaigns, start=1):
        for field in ("start", "end"):
            value = getattr(record, field)
            if value is None and field == "start":
                continue
            try:
                dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                raise Unreadable(f"data/campaigns.json không theo định dạng phiên bản {FORMAT_VERSION}: bản ghi thứ "
                                 f"{number}, trường {field} không phải ngày dạng YYYY-MM-DD ('{value}')") from None


def _check_honored(exemplars: tuple[ExemplarRecord, ...]) -> None:
    """An exemplar's honor date is text in the records; the province files it by year (and lists it by
    the date), so one it cannot read makes the member unreadable, as a campaign's day does."""
    for number, record in enumerate(exemplars, start=1):
        try:
            parse_partial_date(record.honored)
        except DateFormatError:
            raise Unreadable(f"data/exemplars.json không theo định dạng phiên bản {FORMAT_VERSION}: bản ghi thứ "
                             f"{number}, trường honored không phải ngày dạng YYYY, YYYY-MM hoặc YYYY-MM-DD "
                             f"('{record.honored}')") from None


def _json(data: bytes, name: str) -> object:
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise Unreadable(f"{name} hỏng, không đọc được ({err.__class__.__name__})") from None


def replace_whole(files: dict[str, bytes], kept: Path) -> None:
    """The copy just read whole replaces the previous one in one step: never half a copy."""
    partial = kept.with_name(kept.name + ".part")
    shutil.rmtree(partial, ignore_errors=True)
    for rel, data in files.items():
        (partial / rel).parent.mkdir(parents=True, exist_ok=True)
        (partial / rel).write_bytes(data)
    shutil.rmtree(kept, ignore_errors=True)
    partial.replace(kept)


def _last_good(member: Member, kept: Path) -> MemberSite:
    try:
        return _parse(member, {rel: (kept / rel).read_bytes() for rel in ("data/portal.json",
                                                                           *(f"data/{n}.json" for n in READ))},
                      "last-good")
    except (OSError, Unreadable):
        return MemberSite(member, "unavailable")
