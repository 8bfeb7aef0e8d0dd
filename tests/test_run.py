"""The core of a build without MkDocs: the rebuild decision, the cache, the children, process tuning.

These moved out of the MkDocs plugin so they can be tested here, in milliseconds, with plain
values; the end-to-end behaviour is held by test_rebuild.py and test_editor_commands.py.
"""

from __future__ import annotations

import datetime as dt
import gc
import signal
from pathlib import Path

from builder.core.problems import Problems
from builder.core.site import Site
from builder.incremental.rebuild import Candidate, Fingerprints, keep_unchanged
from builder.incremental.store import Store, site_stamp
from builder.load.yamlload import ParseCache
from builder.plan.changes import sitemap_dates
from builder.run.advice_log import AdviceLog
from builder.run.build import STAGING, EngineInputs, Options, PortalBuild
from builder.run.cache import BuildCache
from builder.run.jobs import BuildJobs
from builder.run.process import GC_THRESHOLD, ProcessTuning
from builder.search.index import IndexStats

from .conftest import BUILD_DATE, VALID_CAMPAIGN, make_project


def _candidate(site: Path, name: str, source: bytes) -> Candidate:
    return Candidate(name, name.replace(".md", ".html"), name.replace(".md", ".html"), site / name.replace(".md", ".html"),
                     lambda: source)


def test_a_rebuild_keeps_exactly_the_pages_whose_fingerprint_is_recorded(tmp_path: Path) -> None:
    previous, site = tmp_path / "previous", tmp_path / "site"
    previous.mkdir()
    for name in ("a.html", "b.html"):
        (previous / name).write_text(name, encoding="utf-8")
    pages = [_candidate(site, "a.md", b"A"), _candidate(site, "b.md", b"B"), _candidate(site, "c.md", b"C")]
    before = Fingerprints(b"shared", {"a.html": "x", "b.html": "y"})
    store = Store(pages={p.src_uri: before.of(p.src_uri, p.url, p.source) for p in pages[:2]})
    # b's data changed (another facts digest); c is new; a is as it was.
    kept, unchanged = keep_unchanged(pages, Fingerprints(b"shared", {"a.html": "x", "b.html": "z"}), store, set(),
                                     previous, site)
    assert (kept, unchanged) == ({"a.md"}, False)
    assert (site / "a.html").read_text(encoding="utf-8") == "a.html" and not (site / "b.html").exists()
    # Every page as recorded: unchanged (the search records are then the previous ones too).
    again = tmp_path / "again"
    kept, unchanged = keep_unchanged([_candidate(again, "a.md", b"A")], Fingerprints(b"shared", {"a.html": "x"}), Store(pages={"a.md": store.pages["a.md"]}),
                                     set(), previous, again)
    assert (kept, unchanged) == ({"a.md"}, True)
    # A page the engine must read again, and a page whose previous file is gone, are never kept.
    (previous / "a.html").unlink()
    assert keep_unchanged(pages[:1], Fingerprints(b"shared", {"a.html": "x"}), store, set(), previous,
                          tmp_path / "third")[0] == set()
    assert keep_unchanged(pages[:1], before, store, {"a.md"}, previous, previous)[0] == set()
    # Another shared digest (code, theme, date, file list) changes every fingerprint.
    assert Fingerprints(b"other", {"a.html": "x"}).of("a.md", "a.html", lambda: b"A") != store.pages["a.md"]


def test_the_cache_folder_and_its_twin_in_memory(tmp_path: Path) -> None:
    parsed = ParseCache()
    assert parsed.parse("title: x\n", "a.yml", Problems())
    folder = BuildCache(tmp_path / "cache", serving=False)
    folder.keep_parsed("code-1", parsed)
    assert folder.parsed_documents("code-1") == parsed.used and folder.parsed_documents("code-2") == {}
    folder.keep_bodies({"gone.md": 1, "kept.md": 2}, {"new.md": 3}, {"kept.md", "new.md"})
    assert BuildCache(tmp_path / "cache", serving=False).converted_bodies() == {"kept.md": 2, "new.md": 3}
    assert folder.templates_cold() and folder.templates.is_dir()
    (folder.templates / "x").write_text("", encoding="utf-8")
    assert not folder.templates_cold()
    # Under serve nothing is written: the previous build's documents and store are kept in memory.
    memory = BuildCache(tmp_path / "memory", serving=True)
    memory.keep_parsed("code-1", parsed)
    assert memory.parsed_documents("another code") == parsed.used and not (tmp_path / "memory").exists()
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    store = Store(stamp=site_stamp(site), pages={"a.md": "f"})
    memory.keep_store(store, None)
    assert memory.store_for(site) is store
    memory.forget_store()
    assert memory.store_for(site) is None
    # On disk, a store is trusted only for the site it describes.
    folder.keep_store(store, None)
    assert folder.store_for(site) is not None
    (site / "sitemap.xml").write_text("<urlset>another build</urlset>", encoding="utf-8")
    assert folder.store_for(site) is None


def test_a_preview_edit_indexes_after_its_pages_and_the_next_build_collects_it(tmp_path: Path) -> None:
    jobs = BuildJobs()
    marker = tmp_path / "indexed"
    stats = IndexStats(records=3, files=4, bytes=5)

    def index() -> tuple[IndexStats, float, str]:
        marker.touch()
        return stats, 0.1, "digest"

    jobs.start_search(index, defer=True)
    assert jobs.search is None and jobs.deferred is not None and not marker.exists()
    jobs.release_search()  # the pages are written
    assert jobs.deferred is None and jobs.pending is not None
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    cache = BuildCache(tmp_path / "cache", serving=True)
    cache.keep_store(Store(stamp=site_stamp(site)), None)
    jobs.pending.result()
    jobs.collect_pending_search(cache)  # the next build, first thing
    assert marker.exists() and jobs.pending is None
    store = cache.store_for(site)
    assert store is not None and (store.search, store.search_stats) == ("digest", stats)


def test_process_tuning_is_undone(tmp_path: Path) -> None:
    tuning, before = ProcessTuning(), gc.get_threshold()
    handler = signal.getsignal(signal.SIGTERM)
    tuning.start(serving=True)
    try:
        assert gc.get_threshold() == GC_THRESHOLD
        assert signal.getsignal(signal.SIGTERM) is signal.default_int_handler
    finally:
        tuning.stop()
    assert gc.get_threshold() == before and signal.getsignal(signal.SIGTERM) == handler


def test_the_preview_tells_each_advice_line_once(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"campaigns/nhap.yml": VALID_CAMPAIGN + "draft: true\n",
                                         "campaigns/do-dang.yml": "title: Đang soạn\ndraft: true\n"})
    build = PortalBuild.start(BuildCache(root / ".portal-cache", serving=False), BuildJobs(), AdviceLog(False),
                              Options(root, "campaigns", "content", Site("Cổng", "https://e.org/"), 2000),
                              dt.date.fromisoformat(BUILD_DATE), tmp_path / "site", None)
    build.jobs.stop()
    catalog = build.portal.catalog
    assert catalog.hidden and catalog.warnings
    preview = AdviceLog(serving=True)
    first, repeated = preview.lines(catalog)
    assert first and repeated == 0
    assert preview.lines(catalog) == ([], len(first))
    plain = AdviceLog(serving=False)
    assert plain.lines(catalog) == plain.lines(catalog) == (first, 0)


def test_a_build_without_an_engine(tmp_path: Path) -> None:
    """What the plugin asks of a build, asked directly: planned pages, sitemap dates, what a cold
    build keeps (nothing), and the stage the outputs child writes to."""
    root = make_project(tmp_path / "p")
    site = tmp_path / "site"
    build = PortalBuild.start(BuildCache(root / ".portal-cache", serving=False), BuildJobs(), AdviceLog(False),
                              Options(root, "campaigns", "content", Site("Cổng", "https://e.org/"), 2000),
                              dt.date.fromisoformat(BUILD_DATE), site, None, source_date_epoch="86400")
    try:
        assert "campaigns/mau.md" in build.by_src and build.updates["campaigns/mau.html"] <= BUILD_DATE
        assert build.default_update == "1970-01-02"  # pages from content/: the commit time CI gives
        engine = EngineInputs(root / "mkdocs.yml", root / "theme", root, sorted(build.by_src), [])
        assert build.decide_kept(engine, [], set()) == set() and build.shared
        spec, meta = build.page_meta("campaigns/mau.html", "campaigns/mau.md", "")
        assert spec is not None and spec.title == "Kế hoạch mẫu" and meta.description
        produced = build.start_outputs()
        assert produced and all(o.source is None for o in produced)
        build.jobs.outputs.result()  # type: ignore[union-attr]
        assert (site / STAGING / "build.json").is_file()
    finally:
        build.jobs.stop()
    assert sitemap_dates(build.portal.catalog)[1] <= BUILD_DATE  # without SOURCE_DATE_EPOCH: the latest change
