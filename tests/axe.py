"""axe-core, the accessibility rules engine the browser tests inject into each page.

It comes from the npm registry as a tarball pinned by its SHA-512 (as npm's lock
files pin it) and is kept inside the virtual environment, so a test run downloads
it at most once and never from anywhere but the registry. `make` installs it with
the rest of the tools (`python -m tests.axe`); `script()` installs it on first use
when pytest is run by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

from builder.search.pagefind_install import fetch_member

VERSION = "4.14.1"
URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
MEMBER = "package/axe.min.js"


def installed_path() -> Path:
    """Beside the interpreter's environment, versioned so a new pin downloads afresh."""
    return Path(sys.prefix) / "share" / f"axe-core-{VERSION}" / "axe.min.js"


def script() -> str:
    """The source of axe.min.js, downloading the pinned tarball if it is not installed yet."""
    target = installed_path()
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(fetch_member(URL, INTEGRITY, MEMBER, f"axe-core {VERSION}"))
        partial.replace(target)
    return target.read_text(encoding="utf-8")


if __name__ == "__main__":
    print(f"axe-core {VERSION}: {len(script()):,} ký tự tại {installed_path()}")
