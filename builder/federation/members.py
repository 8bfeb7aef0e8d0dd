"""The member portals a province lists in mkdocs.yml, checked before anything of them is read.

```yaml
plugins:
  - portal:
      members:
        - name: Xã Trấn Ninh
          locality: lang-son/tran-ninh
          url: https://tranninh.example.gov.vn/thi-dua/
          source: members/tran-ninh      # optional: its published site, a folder beside mkdocs.yml
```

Without `source`, a member is read from the copy `portal fetch-members` keeps in the cache
folder, so the province's build itself never goes on the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from pydantic import Field, ValidationError

from builder.core.problems import Problems
from builder.core.text import slugify
from builder.model.fields import LocalityId, Text
from builder.model.schema import Strict

FETCHED = "members"  # under the cache folder: the copies `portal fetch-members` keeps


class MemberInput(Strict):
    name: Text = Field(description="tên cổng thành viên, ví dụ Xã Trấn Ninh")
    locality: LocalityId = Field(description="mã địa phương của thành viên trong _localities.yml")
    url: Text = Field(description="địa chỉ công khai của cổng thành viên, ví dụ https://tranninh.example.gov.vn/thi-dua/")
    source: Text | None = Field(None, description="thư mục chứa trang đã tạo của thành viên, tính từ mkdocs.yml")


@dataclass(frozen=True)
class Member:
    key: str  # a folder name and an identity: from the locality id
    name: str
    locality: str
    url: str  # ends with "/"
    source: str  # folder of its published site, relative to the project
    fetched: bool  # no `source` given: read from the copy `portal fetch-members` keeps in the cache


def parse_members(entries: Any, cache_dir: str, config: str = "mkdocs.yml") -> tuple[tuple[Member, ...], Problems]:
    """The members, or the problems of the `members` setting (each naming its entry and the fix)."""
    problems = Problems()
    if entries is None:
        return (), problems
    if not isinstance(entries, list):
        problems.add(config, 0, 0, "members", "phải là một danh sách, mỗi mục có name, locality, url")
        return (), problems
    members: list[Member] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries, start=1):
        where = f"members[{index}]"
        try:
            item = MemberInput.model_validate(entry)
        except ValidationError as err:
            for e in err.errors():
                field = ".".join(str(p) for p in e["loc"])
                problems.add(config, 0, 0, f"{where}.{field}" if field else where, _message(e))
            continue
        url = item.url if item.url.endswith("/") else item.url + "/"
        if not url.startswith(("https://", "http://")):
            problems.add(config, 0, 0, f"{where}.url", f"'{item.url}' không phải địa chỉ web; hãy viết đầy đủ, "
                         "ví dụ https://tranninh.example.gov.vn/thi-dua/")
            continue
        key = slugify(item.locality.replace("/", "-"))
        if key in seen:
            problems.add(config, 0, 0, f"{where}.locality", f"trùng địa phương với members[{seen[key]}]; mỗi địa "
                         "phương một cổng thành viên")
            continue
        seen[key] = index
        source = item.source or str(PurePosixPath(cache_dir) / FETCHED / key)
        members.append(Member(key, item.name, item.locality, url, source, item.source is None))
    return tuple(members), problems


def _message(error: Any) -> str:
    if error["type"] == "missing":
        return "thiếu trường này"
    if error["type"] == "extra_forbidden":
        return "trường không có trong cấu hình thành viên (chỉ có name, locality, url, source)"
    return str(error["msg"]).removeprefix("Value error, ")
