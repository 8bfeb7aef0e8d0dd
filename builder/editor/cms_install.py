"""Install the form editor's scripts from the npm registry: `python -m builder.editor.cms_install`.

The form editor is Decap CMS (a kept, Git-based CMS for static sites), served by `portal edit`
from inside the virtual environment: never from a third-party host. npm ships it as a tarball
whose `dist/` holds `decap-cms.js` and the chunks it loads from beside itself (locales,
widgets). Beside it goes js-yaml, the YAML reader the registries' form needs: Decap edits a
file whose top is a mapping, and `_themes.yml`, `_movements.yml` and `_localities.yml` are
lists, so the page registers a format that reads and writes them (see `cms_server.PAGE`).
This module downloads the pinned versions, checks each whole tarball against the SHA-512 npm
publishes for it (pinned here, as a lock file would) and unpacks the files the page loads.
No Node.js is needed.
"""

from __future__ import annotations

import io
import re
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from builder.search.pagefind_install import download_verified


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str
    files: str  # the tarball members the page loads (a regular expression); no source maps

    @property
    def url(self) -> str:
        return f"https://registry.npmjs.org/{self.name}/-/{self.name}-{self.version}.tgz"


DECAP = NpmPackage("decap-cms", "3.16.3",
                   "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==",
                   r"package/dist/(?:\d+\.)?decap-cms\.js")
JS_YAML = NpmPackage("js-yaml", "5.5.0",
                     "sha512-paNr4LFIFPjeeSmwNYdrb8FafLLG/Cr2Af3GjbsHJ5CxIjH4r0c2emlmRdAtpPAieP1gRVzk6buBbVP5gBMGAg==",
                     r"package/dist/browser/js-yaml\.umd\.min\.js")
PACKAGES = (DECAP, JS_YAML)


def installed_dir() -> Path:
    """Beside the interpreter's environment, named by every pin so that a new pin downloads afresh."""
    return Path(sys.prefix) / "share" / ("form-editor-" + "-".join(f"{p.name}-{p.version}" for p in PACKAGES))


def install() -> Path:
    """The folder holding decap-cms.js and js-yaml, downloading the pinned tarballs if they are not there yet."""
    target = installed_dir()
    if (target / "decap-cms.js").is_file():
        return target
    partial = target.with_name(target.name + ".part")
    partial.mkdir(parents=True, exist_ok=True)
    for package in PACKAGES:
        data = download_verified(package.url, package.integrity, f"{package.name} {package.version}")
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for member in archive.getmembers():
                if member.isfile() and re.fullmatch(package.files, member.name):
                    source = archive.extractfile(member)
                    assert source is not None
                    (partial / Path(member.name).name).write_bytes(source.read())
    partial.replace(target)
    return target


if __name__ == "__main__":
    folder = install()
    print(f"Decap CMS {DECAP.version}, js-yaml {JS_YAML.version}: {len(list(folder.iterdir()))} tệp tại {folder}")
