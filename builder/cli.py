"""The `portal` command: build, check and serve the portal; editor tools live in `editor.commands`.

`portal build` runs `mkdocs build --strict` into a temporary folder that is swapped
into place only when everything succeeded, because MkDocs empties `site/` before a
build that may fail. The plugin validates the content once, in MkDocs, and tells us
the verdict through a pipe (`handoff.py`); MkDocs' messages are held back until then,
so an editor with a mistake sees only our report, never MkDocs' version of it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from builder.core.problems import ContentError
from builder.run import handoff
from builder.run.project import (
    ENGINE,
    SITE_DIR_ENV,
    TODAY_ENV,
    mkdocs_env,
    portal_setting,
    read_config,
    resolve_today,
)

# The pipeline and the editor tools are imported only by the commands that use them
# (`_content_command`): `portal build` and `portal serve` only start MkDocs, which imports
# the plugin, and importing everything here took 0.5 s of every build.

HELP = """Cổng phong trào thi đua — công cụ cho người biên tập / campaign portal tools.

  portal build                 tạo trang vào site/ (chỉ thay site/ khi thành công) / build into site/ atomically
  portal check                 kiểm tra nội dung, không tạo trang / validate content without building
  portal serve                 xem trước trực tiếp, tự cập nhật / live preview that rebuilds on save
  portal new campaign "<tên>"  tạo thẻ phong trào mới từ mẫu / new campaign card from a template
  portal new exemplar "<tên>"  tạo hồ sơ điển hình mới từ mẫu / new exemplar profile from a template
  portal import <tệp>          nhập kế hoạch (.docx, .pdf, .html, ảnh...) thành bản nháp / import a plan as a draft
  portal schema                ghi JSON Schema cho trình soạn thảo / write JSON Schema for editors
  portal fetch-members         cổng tỉnh: tải dữ liệu các cổng thành viên / a province: fetch its members' data
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal", description=HELP,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="<lệnh / command>")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument("-f", "--config-file", default="mkdocs.yml", help="tệp cấu hình / config file")
        return cmd

    for name, text in (("build", "tạo trang vào site/ / build the site"),
                       ("check", "kiểm tra nội dung, không tạo trang / validate the content without building"),
                       ("serve", "xem trước trực tiếp; lỗi nội dung hiện trên trang / live preview; errors show on the page")):
        cmd = command(name, text)
        cmd.add_argument("--today", help="ngày tạo trang YYYY-MM-DD / build date (mặc định: PORTAL_TODAY hoặc hôm nay)")
        if name == "build":
            cmd.add_argument("-d", "--site-dir", default="site", help="thư mục kết quả / output folder")
        if name == "check":
            cmd.add_argument("--format", choices=("text", "json", "github"), default="text",
                             help="text (cho người), json (cho máy), github (chú thích GitHub Actions) / output format")
        if name == "serve":
            cmd.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="địa chỉ / address")
    edit = command("edit", "mở trình soạn thảo dạng biểu mẫu trên máy này, kèm bản xem trước / open the form editor "
                           "on this computer, with the live preview")
    edit.add_argument("--port", type=int, default=8081, help="cổng của trình soạn thảo / editor port (8081)")
    edit.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="địa chỉ bản xem trước / preview address")
    edit.add_argument("--no-preview", action="store_true", help="không chạy bản xem trước / without the preview")
    edit.add_argument("--export", metavar="THƯ_MỤC", help="ghi trình soạn thảo thành tệp tĩnh để dùng trực tuyến qua "
                      "kho Git (ví dụ content/admin) / write the editor for the office's Git host")
    edit.add_argument("--host", choices=("github", "gitlab", "gitea", "forgejo"), default="gitlab",
                      help="dịch vụ Git của cơ quan / the Git host (với --export)")
    edit.add_argument("--repo", help="kho Git, ví dụ ubnd-xa/cong-thi-dua / repository (với --export)")
    edit.add_argument("--branch", default="main", help="nhánh / branch (với --export)")
    command("strip-photos", "xóa thông tin vị trí (GPS), máy chụp khỏi ảnh trong content/ / strip photos' metadata")
    new = command("new", "tạo tệp mới từ mẫu, mọi trường có chú thích / create a file from a commented template")
    new.add_argument("kind", choices=("campaign", "exemplar", "notice", "theme", "movement", "locality"),
                     help="campaign (phong trào), exemplar (điển hình), notice (thông báo lấy ý kiến), hoặc một mục "
                          "danh mục: theme (lĩnh vực), movement (phong trào hưởng ứng), locality (địa phương)")
    new.add_argument("--level", choices=("tinh", "thanh-pho", "huyen", "thi-xa", "xa", "phuong", "thi-tran"),
                     help="cấp của địa phương (với locality) / the locality's level")
    new.add_argument("--parent", help="mã địa phương cấp trên, ví dụ lang-son (với locality) / parent locality id")
    new.add_argument("title", help="tên phong trào hoặc tên điển hình / title or name")
    new.add_argument("--id", help="mã (tên tệp); mặc định: từ tên, bỏ dấu / id, default: from the title")
    imp = command("import", "nhập kế hoạch thành phong trào nháp, thông báo lấy ý kiến thành thông báo nháp / "
                            "import a plan (or a notice for public comment) as a draft")
    imp.add_argument("file", help="tệp .docx, .pdf, .html, .txt, .md hoặc ảnh chụp .jpg/.png / the document")
    imp.add_argument("--add-registry", action="store_true",
                     help="thêm địa phương, phong trào chưa có vào danh mục (bản nháp) / add missing registry entries")
    imp.add_argument("--id", help="mã phong trào (tên tệp) / campaign id (default: year and title)")
    command("fetch-members", "tải dữ liệu đã đăng của các cổng thành viên (cổng tỉnh) vào bộ nhớ đệm / fetch "
                             "the member portals' published data (a province)")
    schema = command("schema", "ghi JSON Schema vào schema/ / write JSON Schema files")
    schema.add_argument("-o", "--output", default=None, help="thư mục ghi / output folder (mặc định schema/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    env = mkdocs_env(os.environ, getattr(args, "today", None))
    config = Path(args.config_file).resolve()
    if not config.is_file():
        print(f"{args.config_file}: không tìm thấy tệp cấu hình; hãy chạy lệnh trong thư mục dự án "
              "(nơi có mkdocs.yml) hoặc dùng -f <tệp>", file=sys.stderr)
        return 2
    root = config.parent
    options, docs_dir = read_config(config)
    campaigns_dir = options.get("campaigns_dir", "campaigns")
    if args.command == "serve":
        # No pre-check: the preview itself reports content errors on the page and keeps running.
        # --dirty: after the first build, only pages whose fingerprint changed are rendered again.
        command = [sys.executable, "-m", ENGINE, "serve", "--dirty", "-f", str(config), "-a", args.dev_addr]
        if os.name == "posix":  # become the server, so Ctrl+C and a CI's SIGTERM reach it directly
            os.execve(sys.executable, command, env)
        return subprocess.call(command, env=env)
    if args.command == "edit":
        return _edit(args, config, root, campaigns_dir, docs_dir, env)
    if args.command == "fetch-members":
        return _fetch_members(config, root, options.get("cache_dir", ".portal-cache"))
    if args.command == "strip-photos":
        from builder.editor.photo_strip import strip_folder

        for path in (done := strip_folder(root / docs_dir)):
            print(f"Đã xóa thông tin ẩn trong ảnh {path.relative_to(root).as_posix()}")
        print(f"{len(done)} ảnh đã được làm sạch." if done else "Không ảnh nào còn thông tin ẩn.")
        return 0
    # MkDocs checks the option's type when it builds; a value it would refuse is the default here.
    retention = options.get("notice_retention_days", "")
    retention_option = {"notice_retention_days": int(retention)} if retention.isdigit() else {}
    # A province's members are read by `check` too: their mistakes and warnings show before a build.
    build_options = {**retention_option, "members": portal_setting(config, "members"),
                     "cache_dir": options.get("cache_dir", ".portal-cache")}
    if args.command in ("new", "schema", "import", "check"):
        return _content_command(args, root, campaigns_dir, docs_dir, options.get("today"), env, build_options)
    try:
        today = resolve_today(env.get(TODAY_ENV), options.get("today"))  # a bad date stops here, not in MkDocs
        if os.name != "posix":  # no pipe to hand to MkDocs: validate here first (slower, same messages)
            from builder.run.portal import build_portal

            build_portal(root, today, campaigns_dir, docs_dir, **build_options)
        # On POSIX the plugin validates inside MkDocs and tells us (handoff.py): once, not twice,
        # and this process, which only waits, never holds the catalog (0.6 GB on a national portal).
        return build_atomically(config, Path(args.site_dir).resolve(), env)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 1


def _edit(args: argparse.Namespace, config: Path, root: Path, campaigns_dir: str, docs_dir: str,
          env: dict[str, str]) -> int:
    """The form editor (`editor.cms_server`) in this process and the preview (`portal serve`) beside it."""
    import re
    import urllib.parse

    from builder.editor.cms_server import make_server

    site_url = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.MULTILINE)
    path = urllib.parse.urlsplit(site_url.group(1)).path if site_url else "/"
    if args.export:
        from builder.editor.cms_server import export_admin

        if not args.repo:
            print("--export cần --repo <nhóm/kho>, ví dụ --repo ubnd-xa/cong-thi-dua", file=sys.stderr)
            return 2
        written = export_admin(root, campaigns_dir, docs_dir, Path(args.export), args.host, args.repo, args.branch,
                               site_url.group(1) if site_url else "")
        print(f"Đã ghi {len(written)} tệp vào {args.export}; xem HUONG-DAN-BIEN-TAP.md, mục Soạn trực tuyến")
        return 0
    preview = None
    if not args.no_preview:
        preview = subprocess.Popen([sys.executable, "-m", "builder", "serve", "-f", str(config), "-a", args.dev_addr],
                                   env=env)
    server = make_server(root, campaigns_dir, docs_dir, args.port, f"http://{args.dev_addr}{path}")
    print(f"Trình soạn thảo: http://127.0.0.1:{args.port}/admin/ (bấm Đăng nhập; không cần tài khoản)"
          + ("" if preview is None else f"\nBản xem trước: http://{args.dev_addr}{path}"), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if preview is not None:
            preview.terminate()
            preview.wait(timeout=30)
    return 0


def _fetch_members(config: Path, root: Path, cache_dir: str) -> int:
    """Each member without a `source` folder, downloaded into the cache the build reads (federation/fetch.py)."""
    from builder.federation.fetch import fetch_member
    from builder.federation.members import parse_members

    members, problems = parse_members(portal_setting(config, "members"), cache_dir)
    if problems:
        print("\n".join(p.format() for p in problems.items), file=sys.stderr)
        return 1
    failed = 0
    for member in members:
        if not member.fetched:
            continue  # read from its own folder
        why = fetch_member(member, root / member.source)
        failed += why is not None
        print(f"{member.name}: {why or 'đã tải ' + member.source}", file=sys.stderr if why else sys.stdout)
    if not members:
        print("mkdocs.yml chưa liệt kê cổng thành viên nào (members:)")
    return 1 if failed else 0


def _content_command(args: argparse.Namespace, root: Path, campaigns_dir: str, docs_dir: str, today_option: str | None,
                     env: dict[str, str], build_options: dict[str, Any]) -> int:
    """`new`, `schema`, `import` and `check`: the commands that read or write the content here."""
    from builder.editor import commands as editor_commands
    from builder.editor.json_schema import SCHEMA_DIR
    from builder.run.portal import build_portal

    if args.command == "new":
        if args.kind in ('theme', 'movement', 'locality'):
            return editor_commands.new_registry_entry(root, campaigns_dir, args.kind, args.title, args.id, args.level,
                                                      args.parent)
        return editor_commands.new(root, campaigns_dir, docs_dir, args.kind, args.title, args.id)
    if args.command == "schema":
        return editor_commands.schema(Path(args.output) if args.output else root / SCHEMA_DIR)
    if args.command == "import":
        # Tesseract's OpenMP threads spend half as much CPU again for no gain on a page (3.7 s → 5.6 s of CPU
        # for the same 6 s); the process's own environment is the only way pytesseract passes it on.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        return editor_commands.import_plan(root, campaigns_dir, Path(args.file), args.id, args.add_registry)
    try:
        today = resolve_today(env.get(TODAY_ENV), today_option)
        return editor_commands.report(args.format, [], build_portal(root, today, campaigns_dir, docs_dir,
                                                                    **build_options))
    except ContentError as err:
        return editor_commands.report(args.format, err.problems, None)


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


class _HeldOutput(threading.Thread):
    """A child's stderr, held back until `release()`, then passed through line by line as it comes."""

    def __init__(self, stream: Any) -> None:
        super().__init__(daemon=True)
        self.stream, self.held, self.released, self.lock = stream, [], False, threading.Lock()

    def run(self) -> None:
        for line in iter(self.stream.readline, b""):
            with self.lock:
                if self.released:
                    _relay(line)
                else:
                    self.held.append(line)

    def release(self) -> None:
        with self.lock:
            self.released = True
            for line in self.held:
                _relay(line)
            self.held.clear()


def _relay(line: bytes) -> None:
    sys.stderr.write(line.decode("utf-8", errors="replace"))
    sys.stderr.flush()


def build_atomically(config: Path, site_dir: Path, env: dict[str, str]) -> int:
    """Build into a sibling temp folder; replace `site_dir` only after a clean strict build.

    A content error reported by the plugin stops MkDocs: only the report is printed (exit 1).
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(site_dir):
        return _build_and_swap(config, site_dir, env)


def _build_and_swap(config: Path, site_dir: Path, env: dict[str, str]) -> int:
    tmp = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    process = None
    hear, tell = os.pipe() if os.name == "posix" else (-1, -1)
    try:
        # --dirty into an empty folder: the plugin takes unchanged pages from site_dir (fingerprints.py).
        env = {**env, SITE_DIR_ENV: str(site_dir)}
        process = subprocess.Popen([sys.executable, "-m", ENGINE, "build", "--strict", "--dirty",
                                    "-f", str(config), "-d", str(tmp)], stderr=subprocess.PIPE,
                                   env={**env, handoff.ENV: str(tell)} if tell >= 0 else env,
                                   pass_fds=(tell,) if tell >= 0 else ())
        if tell >= 0:
            os.close(tell)
            tell = -1
        output = _HeldOutput(process.stderr)
        output.start()
        verdict, report = handoff.hear(hear) if hear >= 0 else ("gone", "")
        hear = -1
        if verdict == "error":  # MkDocs is stopped in the finally below, unheard
            print(report, file=sys.stderr)
            return 1
        output.release()
        code = process.wait()
        output.join()
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
        for fd in (hear, tell):
            if fd >= 0:
                os.close(fd)
        if process is not None and process.poll() is None:  # a content error, or an interrupt
            process.kill()
            process.wait()
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
