"""Rebuilds keep unchanged pages from the previous site; the result must equal a clean build.

Each edit an editor makes (a campaign's card or body, an exemplar, a registry, a content
page, the theme, a new campaign, another build date) is followed by a rebuild and
compared, byte for byte, with a clean build of the same content in a fresh copy of the
project (its own cache). The log must show that pages were kept, or the comparison
would pass without testing anything.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.incremental.digests import DataDigest, packages_stamp
from builder.incremental.store import Store, site_stamp

from .conftest import VALID_CAMPAIGN, copy_example, run_portal, snapshot

OUTPUTS_KEPT = "giữ các tệp của lần tạo trước"
KEPT = re.compile(r"Giữ (\d+) trang không đổi từ lần tạo trước; tạo lại (\d+) trang")


def _clean_build(project: Path, scratch: Path, today: str) -> Callable[[], dict[str, bytes]]:
    """The same content built from nothing, in a copy without site/ or .portal-cache/ taken now.

    The build runs in the background while the test rebuilds the project itself (the two are
    independent: a copy, its own cache); the returned function waits for it and reads its site.
    Half the test's time was waiting for one of the two builds after the other.
    """
    copy = scratch / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", ".portal-cache", ".site*"))
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_TODAY"} | {"PORTAL_TODAY": today}
    child = subprocess.Popen([sys.executable, "-m", "builder", "build"], cwd=copy, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def result() -> dict[str, bytes]:
        # Not held to the whole-output invariants: it must equal the rebuilt site, which was.
        _, stderr = child.communicate(timeout=300)
        assert child.returncode == 0, stderr
        assert not KEPT.search(stderr)
        return snapshot(copy / "site")
    return result


def _kept(stderr: str) -> tuple[int, int]:
    found = KEPT.search(stderr)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_line_with(path: Path, prefix: str) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(prefix))


def test_rebuilds_after_every_kind_of_edit_equal_a_clean_build(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "portal")
    scratch = tmp_path / "clean"
    first = run_portal(["build"], cwd=project)  # from nothing: the clean build the unchanged rebuild must equal
    assert first.returncode == 0, first.stderr
    assert _kept(first.stderr) == (0, 0)
    clean_first = snapshot(project / "site")
    cache = project / ".portal-cache"
    saved = {name: (cache / name).stat().st_mtime_ns for name in ("pages-v1.pickle", "parsed-v1.pickle")}

    again = run_portal(["build"], cwd=project)
    assert again.returncode == 0, again.stderr
    kept, rendered = _kept(again.stderr)
    # Read again: only the pages of content/ in the navigation (Material's navigation shows their front matter).
    in_nav = re.findall(r"^  - [^:\n]+: (\S+\.md)$", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert kept >= 80 and rendered == sum((project / "content" / path).is_file() for path in in_nav) == 2, again.stderr
    assert "Chỉ mục tìm kiếm không đổi" in again.stderr
    assert OUTPUTS_KEPT in again.stderr
    # Nothing changed, so neither the store nor the parsed documents are written again: only the stamp,
    # which names the new site.
    assert {name: (cache / name).stat().st_mtime_ns for name in saved} == saved
    assert Store.load(cache / "pages-v1.pickle", project / "site") is not None
    assert snapshot(project / "site") == clean_first

    campaigns = sorted((project / "campaigns").glob("20*.yml"))
    title = _first_line_with(campaigns[0], "title: ")
    # (what, edit, whether every page depends on it: the theme, and the list of pages); after each,
    # the produced outputs (photos, calendars, feeds, open data) are kept only if the catalog is as it was.
    edits = [
        ("campaign card", lambda: _replace(campaigns[0], title, title + " (sửa)"), False),
        ("campaign body", lambda: campaigns[1].with_suffix(".md").open("a", encoding="utf-8").write(
            "\n\nMột đoạn mới về **kết quả** của phong trào.\n"), False),
        # Two edits at once, of pages nothing else shows: each page must be rebuilt on its own account.
        ("exemplar and content page", lambda: (
            _replace(project / "content/exemplars/hoang-van-binh.md", "---\n\n", "---\n\nCâu mở đầu mới. "),
            (project / "content/about.md").open("a", encoding="utf-8").write("\nMột dòng mới.\n")), False),
        ("registry", lambda: _replace(project / "campaigns/_themes.yml", "Kinh tế, sản xuất kinh doanh",
                                      "Kinh tế, sản xuất, kinh doanh"), False),
        ("theme", lambda: _replace(project / "theme/portal/campaign.html", "{% endautoescape %}",
                                   "<p>Mới</p>{% endautoescape %}"), True),
        ("added campaign", lambda: (project / "campaigns/mau.yml").write_text(VALID_CAMPAIGN, encoding="utf-8"), True),
    ]
    for step, (name, edit, everything) in enumerate(edits, 1):
        edit()
        clean = _clean_build(project, scratch / str(step), "2024-08-01")
        result = run_portal(["build"], cwd=project)
        assert result.returncode == 0, f"{name}: {result.stderr}"
        kept, rendered = _kept(result.stderr)
        if everything:
            assert (kept, rendered) == (0, 0), name
        else:
            assert kept > 0 and rendered > 0, f"{name}: kept {kept}, rendered {rendered}"
        # No output holds an exemplar's story, a content page or the theme; every other edit here changes one.
        assert (OUTPUTS_KEPT in result.stderr) == (name in ("exemplar and content page", "theme")), name
        assert snapshot(project / "site") == clean(), name

    clean = _clean_build(project, scratch / "later", "2025-03-01")
    later = run_portal(["build"], cwd=project, today="2025-03-01")  # statuses and countdowns move
    assert later.returncode == 0, later.stderr
    assert _kept(later.stderr) == (0, 0)
    assert snapshot(project / "site") == clean()


def test_a_site_changed_by_hand_is_built_from_scratch(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "portal")
    assert run_portal(["build"], cwd=project).returncode == 0
    page = project / "site/about.html"
    (project / "site/sitemap.xml").write_text("edited", encoding="utf-8")  # not the site the store describes
    page.unlink()
    result = run_portal(["build"], cwd=project)
    assert result.returncode == 0, result.stderr
    assert _kept(result.stderr) == (0, 0)
    assert page.is_file()


def test_store_is_trusted_only_for_the_site_it_describes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    path = tmp_path / "store.pickle"
    Store(stamp=site_stamp(site), pages={"a.md": "1"}).save(path)
    loaded = Store.load(path, site)
    assert loaded is not None and loaded.pages == {"a.md": "1"}
    (site / "sitemap.xml").write_text("<urlset></urlset>", encoding="utf-8")
    assert Store.load(path, site) is None
    path.write_bytes(b"not a pickle")
    assert Store.load(path, site) is None


def test_an_unchanged_store_is_not_written_again_and_a_half_saved_one_is_not_trusted(tmp_path: Path) -> None:
    old_site, new_site = tmp_path / "old", tmp_path / "new"
    for site, text in ((old_site, "<urlset/>"), (new_site, "<urlset></urlset>")):
        site.mkdir()
        (site / "sitemap.xml").write_text(text, encoding="utf-8")
    path = tmp_path / "store.pickle"
    Store(stamp=site_stamp(old_site), pages={"a.md": "1"}).save(path)
    previous = Store.load(path, old_site)
    assert previous is not None
    written = path.stat().st_mtime_ns

    Store(stamp=site_stamp(new_site), pages={"a.md": "1"}).save(path, previous)
    assert path.stat().st_mtime_ns == written  # the same content: only the stamp moved on
    loaded = Store.load(path, new_site)
    assert loaded is not None and loaded.pages == {"a.md": "1"} and loaded.stamp == site_stamp(new_site)
    assert Store.load(path, old_site) is None

    # Killed after the content was written and before its stamp: the store describes no site.
    (tmp_path / "store.pickle.stamp.tmp").mkdir()
    with pytest.raises(OSError):
        Store(stamp=site_stamp(old_site), pages={"a.md": "2"}).save(path, loaded)
    assert Store.load(path, new_site) is None and Store.load(path, old_site) is None


def test_outputs_are_linked_only_when_every_one_is_there(tmp_path: Path) -> None:
    from builder.incremental.reuse import write_or_keep_outputs
    from builder.outputs.files import OutputFile

    previous, staging = tmp_path / "previous", tmp_path / "staging"
    (previous / "feeds").mkdir(parents=True)
    (previous / "feeds/a.xml").write_text("old a", encoding="utf-8")
    (previous / "feeds/b.xml").write_text("old b", encoding="utf-8")
    outputs = [OutputFile("feeds/a.xml", produce=lambda: "new a"), OutputFile("feeds/b.xml", produce=lambda: "new b")]

    assert write_or_keep_outputs(outputs, staging, None, lambda: "d1", previous, "d1") == (0, True, "d1")
    assert (staging / "feeds/a.xml").read_text(encoding="utf-8") == "old a"
    shutil.rmtree(staging)
    assert write_or_keep_outputs(outputs, staging, None, lambda: "d2", previous, "d1")[1:] == (False, "d2")
    assert (staging / "feeds/b.xml").read_text(encoding="utf-8") == "new b"
    shutil.rmtree(staging)
    (previous / "feeds/b.xml").unlink()  # one is missing: all are made, and the linked one is not written through
    assert write_or_keep_outputs(outputs, staging, None, lambda: "d1", previous, "d1")[1] is False
    assert (staging / "feeds/a.xml").read_text(encoding="utf-8") == "new a"
    assert (previous / "feeds/a.xml").read_text(encoding="utf-8") == "old a"


def test_the_packages_stamp_moves_with_installs_not_with_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed, project = tmp_path / "venv" / "site-packages", tmp_path / "project"
    installed.mkdir(parents=True)
    project.mkdir()
    monkeypatch.syspath_prepend(str(installed))
    monkeypatch.syspath_prepend(str(project))
    before = packages_stamp()
    assert str(installed) in dict(before) and str(project) not in dict(before)
    (project / ".site-new-1234").mkdir()  # what every `portal build` does in the project
    assert packages_stamp() == before
    os.utime(installed, ns=(1, 1))  # a distribution installed, removed or upgraded
    assert packages_stamp() != before


def test_data_digest_sees_every_field_and_hashes_shared_objects_once() -> None:
    from builder.catalog.catalog import Theme

    digest = DataDigest()
    a, b = Theme("a", "Kinh tế", None), Theme("a", "Kinh tế", "mô tả")
    assert digest(a) != digest(b)
    assert DataDigest()({"x": [a]}) == DataDigest()({"x": [Theme("a", "Kinh tế", None)]})
    assert DataDigest()(["1"]) != DataDigest()([1])  # type is part of the value
    assert DataDigest()(("ab", "c")) != DataDigest()(("a", "bc"))  # parts are length-prefixed
    shared = [a] * 1000
    digest(shared)
    assert len(digest._seen) <= 4  # the theme, its (empty) former ids, the list, and b from above

    class Unknown:
        pass

    with pytest.raises(TypeError, match="Unknown"):
        DataDigest()({"x": Unknown()})


def test_a_navigation_title_taken_from_its_page_reaches_every_page(tmp_path: Path) -> None:
    """`- about.md` without a label: the tabs of every page show that page's own heading."""
    project = copy_example(tmp_path / "portal")
    _replace(project / "mkdocs.yml", "  - Giới thiệu: about.md\n", "  - about.md\n")
    assert run_portal(["build"], cwd=project).returncode == 0
    _replace(project / "content/about.md", "# Giới thiệu\n", "# Về cổng thông tin\n")
    result = run_portal(["build"], cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Về cổng thông tin" in (project / "site/campaigns/index.html").read_text(encoding="utf-8")
    assert snapshot(project / "site") == _clean_build(project, tmp_path / "clean", "2024-08-01")()
