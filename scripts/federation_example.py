"""Build the example federation into site-federation/ (`make federation-example`).

The example content split by locality: two member portals (Hữu Lũng, Chi Lăng), each with its
campaigns, the exemplars honoured in them and the notices about them, each built on its own
(`portal build`, its own folder, its own site_url under the province's); then the province
portal with the rest of the content, listing the members in mkdocs.yml and reading their
published sites. The result: the province at the root of site-federation/, each member in its
own sub-folder, as one static host would serve them. Nothing of a member is rebuilt by the
province; the province's build reads only what the members published. Written atomically:
site-federation/ is replaced only when every build succeeded.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "site-federation"
BASE = "https://example.org/thi-dua/"
MEMBERS = (("huu-lung", "Huyện Hữu Lũng", "lang-son/huu-lung"), ("chi-lang", "Huyện Chi Lăng", "lang-son/chi-lang"))


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]) or {}


def _copy_project(target: Path) -> None:
    for name in ("campaigns", "content", "theme"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")


def _keep_only(project: Path, campaign_ids: set[str], unattached: bool = False) -> None:
    """Leave the campaigns in `campaign_ids`, the exemplars honoured in them (and those of no campaign if
    `unattached`) and the notices about them."""
    campaigns = project / "campaigns"
    for card in campaigns.glob("*.yml"):
        if not card.name.startswith("_") and card.stem not in campaign_ids:
            card.unlink()
            card.with_suffix(".md").unlink(missing_ok=True)
    for notice in (campaigns / "notices").glob("*.yml"):
        if _yaml(notice).get("campaign") not in campaign_ids:
            notice.unlink()
            notice.with_suffix(".md").unlink(missing_ok=True)
    for profile in (project / "content" / "exemplars").glob("*.md"):
        named = set(_front_matter(profile).get("campaigns") or [])
        if not (named & campaign_ids or (unattached and not named)):
            profile.unlink()


def _configure(project: Path, name: str, url: str, members: list[dict] | None = None) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^site_name: .*$", f"site_name: {name}", text, count=1, flags=re.M)
    text = re.sub(r"^site_url: .*$", f"site_url: {url}", text, count=1, flags=re.M)
    if members:
        listed = yaml.safe_dump({"members": members}, allow_unicode=True, sort_keys=False)
        text = text.replace("  - portal:\n", "  - portal:\n" + "".join(f"      {line}\n" for line in listed.splitlines()), 1)
        text = text.replace("  - Giới thiệu: about.md\n", "  - Cổng thành viên: members/index.md\n  - Giới thiệu: about.md\n", 1)
    config.write_text(text, encoding="utf-8")


def _build(project: Path, today: str | None) -> None:
    env = os.environ | ({"PORTAL_TODAY": today} if today else {})
    result = subprocess.run([sys.executable, "-m", "builder", "build"], cwd=project, env=env,
                            capture_output=True, text=True)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        raise SystemExit(f"{project.name}: build failed; site-federation/ is unchanged")


def main(out: Path = OUT, today: str | None = None) -> None:
    work = Path(tempfile.mkdtemp(prefix="federation-"))
    try:
        owned: dict[str, set[str]] = {}
        for key, _, prefix in MEMBERS:
            cards = (REPO / "campaigns").glob("*.yml")
            owned[key] = {c.stem for c in cards if not c.name.startswith("_")
                          and str(_yaml(c)["issuer"]["locality"]).startswith(prefix)}
        listed = []
        for key, name, locality in MEMBERS:
            project = work / key
            _copy_project(project)
            _keep_only(project, owned[key])
            _configure(project, f"Cổng thi đua {name}", f"{BASE}{key}/")
            _build(project, today)
            listed.append({"name": name, "locality": locality, "url": f"{BASE}{key}/", "source": str(project / "site")})
        province = work / "province"
        _copy_project(province)
        own = {c.stem for c in (REPO / "campaigns").glob("*.yml") if not c.name.startswith("_")}
        _keep_only(province, own - set().union(*owned.values()), unattached=True)
        _configure(province, "Cổng thông tin phong trào thi đua tỉnh Lạng Sơn", BASE, listed)
        _build(province, today)
        staged = out.with_name(out.name + ".part")
        shutil.rmtree(staged, ignore_errors=True)
        shutil.copytree(province / "site", staged)
        for key, _, _ in MEMBERS:
            shutil.copytree(work / key / "site", staged / key)
        shutil.rmtree(out, ignore_errors=True)
        staged.replace(out)
        print(f"Đã tạo {out}/: cổng tỉnh ở gốc, {len(MEMBERS)} cổng thành viên trong "
              + ", ".join(f"{key}/" for key, _, _ in MEMBERS))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="thư mục ghi (mặc định site-federation/)")
    parser.add_argument("--today", help="ngày tạo trang, như PORTAL_TODAY")
    args = parser.parse_args()
    main(args.out, args.today)
