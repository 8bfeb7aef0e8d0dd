"""Install the pinned Pagefind binary from the npm registry: `python -m builder.search.pagefind_install`.

Why not only PyPI: Pagefind 1.6.0 scores a common query on a 10,000-record portal
in 0.36 s where 1.5.2 took 1.6 s (bench/search_bench.py), and 1.6.0 is published
on npm only; PyPI's `pagefind-bin` stops at 1.5.2. The npm package for each
platform is a plain tarball holding the binary, so this module downloads the
pinned version, checks it against the SHA-512 that npm publishes for it (pinned
here, as a lock file would) and unpacks the one file into the virtual
environment's `bin/`. No Node.js is needed.

On a platform npm has no 1.6.0 package for, nothing is installed and the build
uses `pagefind-bin` 1.5.2 from PyPI (same bundle layout, slower queries at scale).
When PyPI catches up, pin `pagefind-bin` there and delete this module.
"""

from __future__ import annotations

import base64
import hashlib
import io
import platform
import subprocess
import sys
from pathlib import Path

VERSION = "1.6.0"
# npm package → (tarball, dist.integrity) as `npm view @pagefind/<pkg>@1.6.0 dist` prints them.
PACKAGES = {
    ("Linux", "x86_64"): (
        "https://registry.npmjs.org/@pagefind/linux-x64/-/linux-x64-1.6.0.tgz",
        "sha512-IbMSx/+Vr/Xk0TTBlLkjgK+rvnbOXGmmb2/MKxQu99AR5DsqQoV3NKEA9PQz2tAhuCZjeD5xJBp4w5N5DHIC7Q=="),
    ("Linux", "aarch64"): (
        "https://registry.npmjs.org/@pagefind/linux-arm64/-/linux-arm64-1.6.0.tgz",
        "sha512-SLB2I+XqCZma8NvIGIH8nyKblgKIxw5PmqsVtofWOKxNHhEtOEsddbqU+hsrNcT3EV0faM6UmKDHVIxcPYq29w=="),
}
MEMBER = "package/bin/pagefind_extended"


def installed_path() -> Path:
    """Where the binary goes: beside the running interpreter (the virtual environment's bin/)."""
    return Path(sys.executable).parent / "pagefind"


def installed_version(path: Path) -> str:
    """"1.6.0" when `path` runs and says so, else ""."""
    try:
        out = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return ""
    return out.split()[-1] if out.split() else ""


def _verified(data: bytes, integrity: str) -> bool:
    algorithm, _, digest = integrity.partition("-")
    return algorithm == "sha512" and hashlib.sha512(data).digest() == base64.b64decode(digest)


def download_verified(url: str, integrity: str, what: str) -> bytes:
    """An npm tarball, after checking it against its pinned SHA-512 (npm's `dist.integrity`).

    Shared with the form editor (`editor/cms_install.py`) and the test tools (tests/axe.py): all
    come from the npm registry, the one place besides PyPI and Debian the machines may download from.
    """
    # Imported here: every build imports this module for `installed_path`, and urllib's
    # import (ssl, http) was 10 ms of each build's start.
    import urllib.request

    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (a pinned https URL)
        data = response.read()
    if not _verified(data, integrity):
        raise SystemExit(f"{what}: tệp tải về từ {url} không khớp mã SHA-512 đã ghi; không cài")
    return data


def fetch_member(url: str, integrity: str, member_name: str, what: str) -> bytes:
    """One file of a verified npm tarball (`download_verified`)."""
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(download_verified(url, integrity, what)), mode="r:gz") as archive:
        member = archive.extractfile(member_name)
        if member is None:
            raise SystemExit(f"{what}: gói {url} không có {member_name}")
        return member.read()


def install(target: Path) -> str:
    """Install the pinned binary at `target` unless it is there; returns what was done, for the log."""
    package = PACKAGES.get((platform.system(), platform.machine()))
    if package is None:
        return f"Pagefind {VERSION}: không có gói cho {platform.system()} {platform.machine()}; dùng pagefind-bin từ PyPI"
    if installed_version(target) == VERSION:
        return f"Pagefind {VERSION}: đã cài"
    url, integrity = package
    binary = fetch_member(url, integrity, MEMBER, f"Pagefind {VERSION}")
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(binary)
    partial.chmod(0o755)
    partial.replace(target)
    if installed_version(target) != VERSION:
        raise SystemExit(f"Pagefind {VERSION}: {target} không chạy được")
    return f"Pagefind {VERSION}: đã cài vào {target}"


if __name__ == "__main__":
    print(install(installed_path()))
