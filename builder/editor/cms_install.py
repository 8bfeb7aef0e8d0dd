"""Install the pinned Decap CMS from the npm registry: `python -m builder.editor.cms_install`.

The form editor is Decap CMS (a kept, Git-based CMS for static sites), served by `portal edit`
from inside the virtual environment: never from a third-party host. npm ships it as a tarball
whose `dist/` holds `decap-cms.js` and the chunks it loads from beside itself (locales,
widgets); this module downloads the pinned version, checks the whole tarball against the
SHA-512 npm publishes for it (pinned here, as a lock file would) and unpacks those files.
No Node.js is needed.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from builder.search.pagefind_install import download_verified

VERSION = "3.16.3"
URL = f"https://registry.npmjs.org/decap-cms/-/decap-cms-{VERSION}.tgz"
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
_MEMBERS = re.compile(r"package/dist/(?:\d+\.)?decap-cms\.js")  # the entry and its chunks; no source maps


def installed_dir() -> Path:
    """Beside the interpreter's environment, versioned so that a new pin downloads afresh."""
    return Path(sys.prefix) / "share" / f"decap-cms-{VERSION}"


def install() -> Path:
    """The folder holding decap-cms.js, downloading the pinned tarball if it is not there yet."""
    import tarfile

    target = installed_dir()
    if (target / "decap-cms.js").is_file():
        return target
    data = download_verified(URL, INTEGRITY, f"Decap CMS {VERSION}")
    partial = target.with_name(target.name + ".part")
    partial.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            if member.isfile() and _MEMBERS.fullmatch(member.name):
                source = archive.extractfile(member)
                assert source is not None
                (partial / Path(member.name).name).write_bytes(source.read())
    partial.replace(target)
    return target


if __name__ == "__main__":
    folder = install()
    print(f"Decap CMS {VERSION}: {len(list(folder.iterdir()))} tệp tại {folder}")
