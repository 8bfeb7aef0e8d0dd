"""Serve a built site the way a static host does, for the browser tests and benchmarks.

Static hosts (GitHub Pages, Netlify, an nginx with `gzip on`) publish the site under
the path of its `site_url`, compress text files and answer a missing address with the
site's 404.html and status 404. Python's own `http.server` does none of this, so pages
measured or audited through it would show the wrong transfer sizes, and a 404 page,
whose links are absolute, would load without its styles. This adds those behaviours.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".ics", ".txt"}


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Gzip for text files when the browser accepts it; 404.html for a missing file.

    `mount` is the path the site lives under ("/thi-dua/"); addresses outside it are missing.
    """

    def __init__(self, *args: object, mount: str = "/", **kwargs: object) -> None:
        self.mount = mount  # before the base class, which handles the request in its constructor
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _respond(self, status: int, path: Path) -> io.BytesIO:
        body = path.read_bytes()
        gzipped = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, 6)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        """Addresses under the mount map to the site folder (send_head turns away all others)."""
        return super().translate_path("/" + path.removeprefix(self.mount))

    def send_head(self):  # type: ignore[no-untyped-def]
        missing = Path(self.directory) / "404.html"
        if not self.path.startswith(self.mount):
            return self._respond(404, missing) if missing.is_file() else super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.is_file():
            # Pagefind's own index files are gzipped already and served as they are.
            return self._respond(200, path) if path.suffix in COMPRESSED else super().send_head()
        if path.is_dir():
            return super().send_head()  # the redirect to the address with a trailing slash
        if missing.is_file():
            return self._respond(404, missing)
        return super().send_head()


def mount_path(site: Path) -> str:
    """The path part of the site_url the site was built for (from build.json), "/" without one."""
    report = site / "build.json"
    site_url = json.loads(report.read_text(encoding="utf-8")).get("site_url", "") if report.is_file() else ""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


@contextmanager
def serving(site: Path, mount: str | None = None) -> Iterator[str]:
    """The site on 127.0.0.1 at a free port under its site_url's path (or `mount`: a host that
    serves it elsewhere), in a background thread.

    Yields the site's address there, e.g. "http://127.0.0.1:8123/thi-dua/".
    """
    mount = mount or mount_path(site)
    handler = functools.partial(StaticHost, directory=str(site), mount=mount)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()
