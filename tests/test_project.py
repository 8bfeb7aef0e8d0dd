"""What `portal build` and `portal serve` hand to MkDocs before any content is read."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys

import pytest

from builder.run.project import MALLOC_TUNABLES, TODAY_ENV, mkdocs_env


def test_mkdocs_env_adds_the_malloc_tunables_and_the_build_date() -> None:
    env = mkdocs_env({"PATH": "/usr/bin"}, "2024-08-01")
    assert env["GLIBC_TUNABLES"] == MALLOC_TUNABLES
    assert env[TODAY_ENV] == "2024-08-01"
    assert env["PATH"] == "/usr/bin"
    assert TODAY_ENV not in mkdocs_env({})


def test_what_the_user_set_wins() -> None:
    env = mkdocs_env({"GLIBC_TUNABLES": "glibc.malloc.arena_max=2", "NO_MKDOCS_2_WARNING": "0"})
    assert env["GLIBC_TUNABLES"] == "glibc.malloc.arena_max=2"
    assert env["NO_MKDOCS_2_WARNING"] == "0"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc tunables exist only on Linux")
def test_glibc_takes_the_tunables_as_written() -> None:
    """glibc ignores a misspelt tunable without a word: ask its loader what it read."""
    loaders = sorted(glob.glob("/lib64/ld-linux-*.so.*") + glob.glob("/lib/ld-linux-*.so.*"))
    assert loaders, "no glibc dynamic loader found"
    listed = subprocess.run([loaders[0], "--list-tunables"], capture_output=True, text=True, check=True,
                            env={**os.environ, "GLIBC_TUNABLES": MALLOC_TUNABLES}).stdout
    for name, value in (part.split("=") for part in MALLOC_TUNABLES.split(":")):
        found = re.search(rf"^{re.escape(name)}: (0x[0-9a-f]+)", listed, re.MULTILINE)
        assert found and int(found[1], 16) == int(value), name
