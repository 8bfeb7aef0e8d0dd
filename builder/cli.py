"""The `portal` command: build, check and serve the portal.

`portal build` validates the content first (no MkDocs involved), then runs
`mkdocs build --strict` into a temporary folder and swaps it into place only when
everything succeeded, because MkDocs empties `site/` before a build that may fail.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .portal import TODAY_ENV, build_portal, read_config, resolve_today
from .problems import ContentError

HELP = """Cổng phong trào thi đua — công cụ cho người biên tập / campaign portal tools.

  portal build   tạo trang vào site/ (chỉ thay site/ khi thành công) / build into site/ atomically
  portal check   kiểm tra nội dung, không tạo trang / validate content without building
  portal serve   xem trước trực tiếp tại http://127.0.0.1:8000 / live preview
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal", description=HELP,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("build", "tạo trang / build the site"), ("check", "kiểm tra nội dung / validate"),
                       ("serve", "xem trước / live preview")):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument("--today", help="ngày tạo trang YYYY-MM-DD / build date (mặc định: PORTAL_TODAY hoặc hôm nay)")
        cmd.add_argument("-f", "--config-file", default="mkdocs.yml", help="tệp cấu hình / config file")
        if name == "build":
            cmd.add_argument("-d", "--site-dir", default="site", help="thư mục kết quả / output folder")
        if name == "serve":
            cmd.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="địa chỉ / address")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    env = dict(os.environ)
    # Material's end-of-life banner is for developers, not for the editors running this.
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.today:
        env[TODAY_ENV] = args.today
    config = Path(args.config_file).resolve()
    if not config.is_file():
        print(f"{args.config_file}: không tìm thấy tệp cấu hình", file=sys.stderr)
        return 2
    root = config.parent
    options, docs_dir = read_config(config)
    try:
        portal = build_portal(root, resolve_today(env.get(TODAY_ENV), options.get("today")),
                              options.get("campaigns_dir", "campaigns"), docs_dir)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 1
    if args.command == "check":
        catalog = portal.catalog
        for path, reason in catalog.hidden:
            print(f"{path}: không công bố: {reason}")
        print(f"Nội dung hợp lệ: {len(catalog.campaigns)} phong trào, {len(catalog.exemplars)} điển hình công bố, "
              f"{len(catalog.hidden)} tệp chưa công bố, {len(portal.pages)} trang; "
              f"ngày tạo trang {catalog.today.isoformat()}.")
        return 0
    if args.command == "serve":
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", args.dev_addr],
                               env=env)
    return build_atomically(config, Path(args.site_dir).resolve(), env)


@contextlib.contextmanager
def _exclusive(site_dir: Path) -> Iterator[None]:
    """One build at a time per output folder, and the leftovers of killed builds removed.

    A build killed mid-way (SIGKILL, a dead CI runner) leaves its `.site-new-*` folder;
    `site/` itself is untouched. The lock is released by the OS when its holder dies, so
    whoever holds it knows every `.site-new-*`/`.site-old-*` beside it is stale.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no cleanup, builds still atomic
        yield
        return
    with open(site_dir.parent / f".{site_dir.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in sorted(site_dir.parent.glob(".site-new-*")) + sorted(site_dir.parent.glob(".site-old-*")):
            shutil.rmtree(stale, ignore_errors=True)
        yield


def build_atomically(config: Path, site_dir: Path, env: dict[str, str]) -> int:
    """Build into a sibling temp folder; replace `site_dir` only after a clean strict build."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(site_dir):
        return _build_and_swap(config, site_dir, env)


def _build_and_swap(config: Path, site_dir: Path, env: dict[str, str]) -> int:
    tmp = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        code = subprocess.call([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                                "-f", str(config), "-d", str(tmp)], env=env)
        if code != 0:
            print(f"Tạo trang thất bại; {site_dir.name}/ giữ nguyên như trước.", file=sys.stderr)
            return code
        old = None
        if site_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
            os.replace(site_dir, old / "site")
        os.replace(tmp, site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return 0
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
