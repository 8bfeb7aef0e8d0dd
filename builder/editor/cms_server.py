"""`portal edit`: the form editor on this computer, with no account and no internet.

Serves Decap CMS (vendored by `cms_install`) at http://127.0.0.1:8081/admin/ with the
configuration `cms_config` makes from the models and the registries at each load, and answers
the editor's file requests at /api/v1 the way Decap's own local proxy (decap-server, which
needs Node.js) does: list, read, write and delete files of the project, and nothing outside
`campaigns/` and `content/`. What the form saves is the files `portal check` reads; the
preview (`portal serve`, started beside it) rebuilds on each save and shows the problems.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from builder.editor.cms_config import cms_config, registry_options
from builder.editor.cms_install import install
from builder.editor.photo_strip import PHOTO_SUFFIXES, without_metadata

PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Soạn nội dung cổng thi đua</title>
<style>
/* Decap lays the editor out for desktops (800 px at least); on a phone the form and the save button were
   cut on the right. Below 800 px: no minimum width, the toolbar keeps the back arrow, the save state and
   the publish button, and drops the collection's name and the site link. */
@media (max-width: 799px) {
  [class*="-EditorContainer"], [class*="-ToolbarContainer"] { min-width: 0 !important; }
  [class*="-ToolbarSectionMeta"], [class*="-BackCollection"] { display: none !important; }
  [class*="-ToolbarSectionBackLink"] { flex: 1 1 auto; min-width: 0; overflow: hidden; padding-right: 8px; }
  [class*="-ToolbarSectionMain"] { flex: 0 0 auto; }
}
</style></head>
<body><script>window.CMS_MANUAL_INIT = true;</script><script src="decap-cms.js"></script>
<script src="js-yaml.umd.min.js"></script>
<script>
// The phrases Decap's Vietnamese lacks (its list buttons say "Add …"), added to its own before it starts.
const vi = CMS.getLocale("vi") || {};
vi.editor = vi.editor || {};
vi.editor.editorWidgets = vi.editor.editorWidgets || {};
vi.editor.editorWidgets.list = Object.assign({}, vi.editor.editorWidgets.list, {add: "Thêm %{item}", addType: "Thêm %{item}"});
CMS.registerLocale("vi", vi);
// A registry (_themes.yml, …) is a list at the top of the file, which Decap cannot edit: the form sees
// {header, entries}. Every scalar stays text (the failsafe schema), as `portal check` reads it; the
// comment block on top is kept; fields left empty are dropped instead of written as "".
const text = {schema: jsyaml.FAILSAFE_SCHEMA};
const filled = (v) => v !== "" && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
CMS.registerCustomFormat("registry", "yml", {
  fromFile: (raw) => ({header: (raw.match(/^(?:#.*\\n|\\s*\\n)*/) || [""])[0].trimEnd(),
                       entries: jsyaml.load(raw, text) || []}),
  toFile: (value) => {
    const entries = (value.entries || []).map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => filled(v))));
    const body = entries.length ? jsyaml.dump(entries, {...text, lineWidth: -1}) : "[]\\n";
    return (value.header ? value.header + "\\n" : "") + body;
  },
});
CMS.init();
</script></body></html>
"""


class EditorFiles:
    """The project's files as the editor may see and change them: only under the content folders."""

    def __init__(self, root: Path, folders: tuple[str, ...]) -> None:
        self.root = root.resolve()
        self.folders = folders

    def path(self, rel: str) -> Path:
        clean = posixpath.normpath(rel.replace("\\", "/")).lstrip("/")
        if clean.startswith("..") or not any(clean == f or clean.startswith(f + "/") for f in self.folders):
            raise PermissionError(rel)
        target = (self.root / clean).resolve()
        if not target.is_relative_to(self.root):
            raise PermissionError(rel)
        return target

    def entry(self, rel: str, label: str | None = None) -> dict[str, Any]:
        try:
            data = self.path(rel).read_bytes()
        except (OSError, PermissionError):
            return {"data": None, "file": {"path": rel, "label": label, "id": None}}
        return {"data": data.decode("utf-8"), "file": {"path": rel, "label": label, "id": _digest(data)}}

    def listing(self, folder: str, extension: str, depth: int) -> list[str]:
        base = self.path(folder)
        if not base.is_dir():
            return []
        # Not the registries (`_themes.yml`…, their own forms) nor hidden files: the loader never reads
        # them as cards, and a card's form saved over a registry would wipe it.
        found = [p for p in base.rglob("*") if p.is_file() and p.name.endswith(extension)
                 and not p.name.startswith(("_", ".")) and len(p.relative_to(base).parts) <= max(depth, 1)]
        return sorted(p.relative_to(self.root).as_posix() for p in found)

    def media(self, rel: str) -> dict[str, Any]:
        data = self.path(rel).read_bytes()
        return {"id": _digest(data), "content": base64.b64encode(data).decode("ascii"), "encoding": "base64",
                "path": rel, "name": posixpath.basename(rel)}

    def write(self, rel: str, data: bytes) -> None:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.part")
        partial.write_bytes(data)
        partial.replace(target)

    def delete(self, rel: str) -> None:
        self.path(rel).unlink(missing_ok=True)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def answer(files: EditorFiles, action: str, params: dict[str, Any]) -> Any:
    """One request of Decap's proxy backend (the actions decap-server's local file system mode knows)."""
    if action == "info":
        return {"repo": files.root.name, "publish_modes": ["simple"], "type": "local_fs"}
    if action == "entriesByFolder":
        return [files.entry(rel) for rel in files.listing(params["folder"], params.get("extension", ""),
                                                          int(params.get("depth", 1)))]
    if action == "entriesByFiles":
        return [files.entry(f["path"], f.get("label")) for f in params["files"]]
    if action == "getEntry":
        return files.entry(params["path"])
    if action == "persistEntry":
        entry = params.get("entry")
        for data_file in params.get("dataFiles") or [entry]:
            path, raw = data_file["path"], data_file["raw"]
            if path.startswith(files.folders[0] + "/") and path.endswith(".md"):
                # A full text has no header block (the card holds the fields): drop the one the form writes.
                raw = re.sub(r"\A---\s*\n.*?^(?:---|\.\.\.)\s*\n", "", raw, flags=re.DOTALL | re.MULTILINE)
            files.write(path, raw.encode("utf-8"))
            if data_file.get("newPath"):
                files.path(data_file["path"]).replace(files.path(data_file["newPath"]))
        for asset in params.get("assets", []):
            files.write(asset["path"], _content(asset))
        return {"message": "entry persisted"}
    if action == "getMedia":
        return [files.media(rel) for rel in files.listing(params["mediaFolder"], "", 1)]
    if action == "getMediaFile":
        return files.media(params["path"])
    if action == "persistMedia":
        asset = params["asset"]
        files.write(asset["path"], _content(asset))
        return files.media(asset["path"])
    if action == "deleteFile":
        files.delete(params["path"])
        return {"message": "deleted"}
    if action == "deleteFiles":
        for rel in params["paths"]:
            files.delete(rel)
        return {"message": "deleted"}
    if action == "getDeployPreview":
        return None
    raise KeyError(action)


def _content(asset: dict[str, Any]) -> bytes:
    data = base64.b64decode(asset["content"]) if asset.get("encoding") == "base64" else \
        str(asset["content"]).encode("utf-8")
    return without_metadata(data) if str(asset.get("path", "")).lower().endswith(PHOTO_SUFFIXES) else data


HOSTS = {"github": "github", "gitlab": "gitlab", "gitea": "gitea", "forgejo": "gitea"}


def export_admin(root: Path, campaigns_dir: str, content_dir: str, folder: Path, host: str, repo: str,
                 branch: str, site_url: str) -> list[Path]:
    """The editor as static files for the office's Git host (`portal edit --export`): `index.html`,
    `config.yml` naming the host and repository, and Decap's scripts. Put in `content/admin/`, the
    public site carries the editor at /admin/, and staff sign in with their Git host account; the
    site carries no editor unless an office does this."""
    assets = install()
    folder.mkdir(parents=True, exist_ok=True)
    backend = {"name": HOSTS[host], "repo": repo, "branch": branch}
    config = cms_config(registry_options(root, campaigns_dir, content_dir), campaigns_dir, content_dir, backend, site_url)
    written = [folder / "index.html", folder / "config.yml"]
    written[0].write_text(PAGE, encoding="utf-8")
    written[1].write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for script in sorted(assets.iterdir()):
        (folder / script.name).write_bytes(script.read_bytes())
        written.append(folder / script.name)
    return written


def make_server(root: Path, campaigns_dir: str, content_dir: str, port: int, preview_url: str) -> ThreadingHTTPServer:
    files = EditorFiles(root, (campaigns_dir, content_dir))
    assets = install()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            pass  # the preview prints what matters; a line per request would bury it

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - the base class's name
            path = self.path.split("?")[0]
            if path in ("/", "/admin"):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", "/admin/")
                self.end_headers()
            elif path == "/admin/":
                self._send(200, PAGE.encode("utf-8"), "text/html; charset=utf-8")
            elif path == "/admin/config.yml":
                host = self.headers.get("Host", f"127.0.0.1:{port}")
                config = cms_config(registry_options(root, campaigns_dir, content_dir), campaigns_dir, content_dir,
                                    {"name": "proxy", "proxy_url": f"http://{host}/api/v1", "branch": "main"},
                                    preview_url)
                self._send(200, yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8"),
                           "text/yaml; charset=utf-8")
            elif path.startswith("/admin/") and (assets / path[len("/admin/"):]).is_file() and "/" not in path[7:]:
                self._send(200, (assets / path[len("/admin/"):]).read_bytes(), "text/javascript; charset=utf-8")
            else:
                self._send(404, "Không có trang này; trình soạn thảo ở /admin/".encode(), "text/plain; charset=utf-8")

        def do_POST(self) -> None:  # noqa: N802 - the base class's name
            if self.path != "/api/v1":
                self._send(404, b"{}", "application/json")
                return
            try:
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                reply, status = answer(files, request.get("action", ""), request.get("params") or {}), 200
            except PermissionError as err:
                reply, status = {"error": f"không được sửa tệp ngoài thư mục nội dung: {err}"}, 403
            except (KeyError, ValueError, TypeError, OSError) as err:
                reply, status = {"error": f"yêu cầu không hợp lệ ({err})"}, 422
            self._send(status, json.dumps(reply, ensure_ascii=False).encode("utf-8"), "application/json")

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)
