"""`portal fetch-members`: copy each member's published data into the cache, before a province builds.

The province's build never goes on the network (it stays offline and deterministic): this command,
run first (by hand or as a CI step), downloads what the build reads of each member that has no
`source` folder: `data/portal.json` and the datasets it names, into `<cache>/members/<key>/`. A
member that cannot be fetched keeps its previous copy (the folder is replaced only once every file
arrived) and is named in the report; the build then warns and uses what it has. The members'
search indexes are not copied: readers' browsers load them from the members' own addresses.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from builder.federation.member_data import READ, replace_whole
from builder.federation.members import Member

TIMEOUT = 30  # seconds per file: a commune's host may be slow, never this slow


def fetch_member(member: Member, target: Path) -> str | None:
    """Download `member` into `target`; None when done, else why not (in Vietnamese)."""
    files: dict[str, bytes] = {}
    try:
        files["data/portal.json"] = _get(member.url + "data/portal.json")
        manifest = json.loads(files["data/portal.json"])
        for name in READ:
            rel = manifest.get("datasets", {}).get(name, {}).get("json", f"data/{name}.json")
            files[f"data/{name}.json"] = _get(member.url + rel)
    except (urllib.error.URLError, OSError, ValueError, AttributeError) as err:
        return f"không tải được từ {member.url} ({err.__class__.__name__}: {err}); giữ bản đã tải lần trước nếu có"
    replace_whole(files, target)
    return None


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 (the members' own https addresses)
        return bytes(response.read())
