"""Crash safety: a build that dies late, by an exception or by SIGKILL, leaves site/ as it was.

The failure is injected from outside the product: a `sitecustomize` module on
PYTHONPATH (test-only) replaces the last step of a build (moving the photos, feeds and
data files the background child wrote into the site, after every page and the search
index), in the `mkdocs build` child process that `portal build` starts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import BUILD_DATE, make_project, run_portal, snapshot

INJECT = '''
import os, time
import builder.outputs.writer as output_writer

def failing(staging, site_dir):
    mode = os.environ.get("PORTAL_INJECT")
    if mode == "raise":
        raise RuntimeError("injected failure in the last step")
    if mode == "hang":
        open(os.environ["PORTAL_INJECT_MARK"], "w").close()
        time.sleep(120)
    return original(staging, site_dir)

original = output_writer.move_into
output_writer.move_into = failing
'''


def _project(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, str]]:
    root = make_project(tmp_path / "p")
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(INJECT, encoding="utf-8")
    env = {**os.environ, "PORTAL_TODAY": BUILD_DATE, "PYTHONPATH": str(hooks)}
    return root, snapshot(root / "site"), env


def test_an_exception_in_the_last_step_leaves_site_unchanged(tmp_path: Path) -> None:
    root, before, env = _project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "builder", "build"], cwd=root, capture_output=True, text=True,
                            env={**env, "PORTAL_INJECT": "raise"}, timeout=300)
    assert result.returncode != 0
    assert "injected failure" in result.stderr and "site/ giữ nguyên" in result.stderr
    assert snapshot(root / "site") == before
    assert list(root.glob(".site-new-*")) == []


def test_sigkill_midway_leaves_site_unchanged_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    root, before, env = _project(tmp_path)
    mark = tmp_path / "reached-last-step"
    process = subprocess.Popen([sys.executable, "-m", "builder", "build"], cwd=root, start_new_session=True,
                               env={**env, "PORTAL_INJECT": "hang", "PORTAL_INJECT_MARK": str(mark)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not mark.exists():
            assert process.poll() is None, "the build ended before the injected hang"
            assert time.monotonic() < deadline, "the build never reached its last step"
            time.sleep(0.1)
        leftovers = list(root.glob(".site-new-*"))
        assert leftovers and any(leftovers[0].rglob("*.html"))  # pages were being written when it died
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert snapshot(root / "site") == before
    assert list(root.glob(".site-new-*")) == leftovers  # nothing cleaned it up yet
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    assert list(root.glob(".site-new-*")) == [] and snapshot(root / "site") == before
