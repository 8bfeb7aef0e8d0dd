"""Shared fixtures: small throwaway projects and one real build of the example portal."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from builder.run.cache import TEMPLATES_NAME
from tests.static_host import serving

from .invariants import check_site

REPO = Path(__file__).resolve().parent.parent

# Hypothesis keeps its examples and caches in the temporary folder, not in .hypothesis/ of the checkout.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract single-threaded, as `portal import` runs it
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "portal-hypothesis"))
SEEDS = REPO / "tests" / "fixtures" / "seeds"
BUILD_DATE = "2024-08-01"
EARLY_DATE = "2024-05-20"  # Hữu Lũng running; Chi Lăng, issued 15/5 in this build (seeds say 6/2024), starts 1/6

VALID_CAMPAIGN = """\
title: Kế hoạch mẫu
kind: ke-hoach
issuer:
  name: UBND huyện Chi Lăng
  locality: lang-son/chi-lang
period:
  start: 2024-06
  end: 2025-04
summary: Một kế hoạch mẫu để kiểm thử.
themes:
  - kinh-te
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


# Set by the `compiled_theme` fixture for the whole run: where the theme's templates were compiled once.
COMPILED_THEME_ENV = "PORTAL_TEST_COMPILED_THEME"


def make_project(root: Path, files: dict[str, str | bytes] | None = None, *, with_sample: bool = True) -> Path:
    """A minimal portal: the real registries, mkdocs.yml, theme and content, plus `files`.

    Its `.portal-cache/` starts with the theme compiled (`compiled_theme`): compiling it took
    0.3-0.5 s of CPU in each of these builds (6-7 s over test_build.py and test_exemplars.py).
    The example builds (`copy_example`) start with no cache at all, so the cold path is still built.
    """
    (root / "campaigns" / "files").mkdir(parents=True)
    compiled = os.environ.get(COMPILED_THEME_ENV)
    if compiled:
        target = root / ".portal-cache" / TEMPLATES_NAME
        target.mkdir(parents=True)
        for entry in Path(compiled).iterdir():  # Jinja replaces an entry by renaming, so links are safe
            os.link(entry, target / entry.name)
    for name in ("_themes.yml", "_movements.yml", "_localities.yml"):
        shutil.copy(REPO / "campaigns" / name, root / "campaigns" / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    # The example exemplars name the seed campaigns, which a small project does not have.
    shutil.copytree(REPO / "content", root / "content",
                    ignore=lambda folder, names: ["exemplars"] if Path(folder) == REPO / "content" else [])
    if with_sample:
        (root / "campaigns" / "mau.yml").write_text(VALID_CAMPAIGN, encoding="utf-8")
    write_files(root, files or {})
    return root


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of a built site by relative path: two snapshots are equal only when byte-identical."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def run_portal(args: list[str], cwd: Path, today: str | None = BUILD_DATE,
               check: bool = True) -> subprocess.CompletedProcess[str]:
    """`portal ARGS` in `cwd`; a successful build is then held to the whole-output invariants (`check`)."""
    env = dict(os.environ)
    env.pop("PORTAL_TODAY", None)
    if today:
        env["PORTAL_TODAY"] = today
    result = subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=300)
    if check and args[0] == "build" and result.returncode == 0:
        out = Path(args[args.index("-d") + 1]) if "-d" in args else cwd / "site"
        config = (cwd / "mkdocs.yml").read_text(encoding="utf-8")
        site_url = m.group(1) if (m := re.search(r"^site_url:\s*(\S+)", config, re.M)) else ""
        # Each unpublished file the build named must leave no URL behind: campaigns/<id>., exemplars/<id>.
        hidden = [f"{'exemplars' if '/exemplars/' in path else 'campaigns'}/{Path(path).stem}."
                  for path in re.findall(r"Không công bố (\S+): ", result.stderr)]
        problems = check_site(out if out.is_absolute() else cwd / out, site_url, hidden)
        assert not problems, "whole-output invariants broken:\n" + "\n".join(problems[:40])
    return result


def run_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`make(folder)` once for the whole test run, whichever pytest-xdist worker asks first; the
    others wait for it and share the folder (read-only). Without xdist, once for the session.

    The example builds are a good part of the suite's CPU: two workers building each their own
    copy of the same site doubled it.
    """
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


def _build_example(folder: Path, today: str, split: bool = False, early: bool = False) -> None:
    project = copy_example(folder / "project")
    if early:  # a campaign published before it starts, which no seed is: upcoming on the build day
        card = project / "campaigns" / "2024-chi-lang-dai-hoi-thi-dua-yeu-nuoc.yml"
        text = card.read_text(encoding="utf-8")
        assert "\nissued: 2024-06\n" in text
        card.write_text(text.replace("\nissued: 2024-06\n", "\nissued: 2024-05-15\n"), encoding="utf-8")
    if split:
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        assert "      campaigns_dir: campaigns\n" in config
        split_at = "      campaigns_dir: campaigns\n      search_split_at: 1\n"
        (project / "mkdocs.yml").write_text(config.replace("      campaigns_dir: campaigns\n", split_at), encoding="utf-8")
    result = run_portal(["build", "-d", str(folder / "site")], cwd=project, today=today)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portal built once, for 2024-08-01, exactly as `make site` builds it (from a copy:
    the build's cache is written there, never into the checkout)."""
    return run_once(tmp_path_factory, "example", lambda folder: _build_example(folder, BUILD_DATE)) / "site"


@pytest.fixture(scope="session")
def built_site_today(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portal built for a date when no seed campaign is active."""
    return run_once(tmp_path_factory, "example-late", lambda folder: _build_example(folder, "2026-11-21")) / "site"


@pytest.fixture(scope="session")
def built_site_early(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portal built for 2024-05-20 with Chi Lăng's plan issued on 15/5, before its period
    (1/6/2024 – 30/4/2025): read on later days, every status change (upcoming → running → ended)
    happens after the build."""
    return run_once(tmp_path_factory, "example-early",
                    lambda folder: _build_example(folder, EARLY_DATE, early=True)) / "site"


@pytest.fixture(scope="session", autouse=True)
def compiled_theme(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The theme's templates compiled once for the run, as a cold build's child compiles them."""
    from mkdocs.config import load_config

    from builder.mkdocs_plugin.environment import precompile_theme

    def compile_into(folder: Path) -> None:
        folder.mkdir(parents=True)
        assert precompile_theme(load_config(str(REPO / "mkdocs.yml")), folder) > 30

    folder = run_once(tmp_path_factory, "compiled-theme", compile_into)
    os.environ[COMPILED_THEME_ENV] = str(folder)
    yield folder
    os.environ.pop(COMPILED_THEME_ENV, None)


def copy_example(target: Path) -> Path:
    """A copy of the example project (content, theme, mkdocs.yml) at `target`, without its site or cache."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("campaigns", "content", "theme"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="session")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portal with its search index in two bundles, as a portal of 2,000+ records has it."""
    split = run_once(tmp_path_factory, "example-split", lambda folder: _build_example(folder, BUILD_DATE, split=True))
    return split / "site"


# Browser tests drive Debian's Chromium (installed by .ci/run), never a downloaded build;
# a missing browser fails them, it never skips them.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"


def chromium() -> str:
    """Debian's Chromium for the tests. Its headless shell (package `chromium-headless-shell`, the same
    build and the same Blink without the desktop browser around it) first: the browser tests take a
    quarter less CPU with it (68 → 52 s for the page and status files), which the 2-core budget needs."""
    if Path(HEADLESS_SHELL).exists():
        return HEADLESS_SHELL
    path = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    assert Path(path).exists(), "Chromium is required for browser tests: apt-get install -y chromium chromium-headless-shell"
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS[1:])
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The example portal served as a static host serves it: under /thi-dua/, gzipped, with its 404 page."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def split_url(split_site: Path) -> Iterator[str]:
    with serving(split_site) as url:
        yield url



# The longest files first, so that two workers finish together instead of one waiting on a long
# file handed out last; a browser file (Chromium alone keeps most of both cores busy) next to a file
# of builds, rather than two browser files at once.
LONGEST_FIRST = ("test_pages_browser.py", "test_rebuild.py", "test_status_browser.py", "test_build.py",
                 "test_search_browser.py", "test_exemplars.py", "test_editor_commands.py", "test_errors_golden.py",
                 "test_form_editor.py", "test_federation.py", "test_site.py", "test_import_formats.py", "test_browser.py",
                 "test_architecture.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file keeps its order
