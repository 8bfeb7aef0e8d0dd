"""A PlannedPage gives MkDocs exactly what reading and rendering its generated source would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from builder.mkdocs_plugin.planned import (
    BodyConverter,
    PlannedPage,
    named_in_nav,
    page_source,
)
from builder.plan.listing import PageSpec


def _config(tmp_path: Path, nav: list[object] | None = None,
            extensions: list[object] | None = None) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "Cổng", "docs_dir": str(tmp_path / "docs"), "use_directory_urls": False,
                      "markdown_extensions": extensions or ["toc", "tables", "attr_list"], "nav": nav})
    errors, _ = config.validate()
    assert not errors
    return config


def _file(config: MkDocsConfig, src_uri: str, text: str) -> File:
    """A page on disk, as MkDocs finds it (`File.generated` only works inside a plugin event)."""
    path = Path(config.docs_dir) / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)


SPECS = [
    PageSpec("campaigns/theme-a.html", "Phong trào “Dân vận khéo” & <b>thi đua</b>", "portal/listing.html"),
    PageSpec("campaigns/x.html", 'Tiêu đề có "ngoặc" và \\ gạch', "portal/campaign.html",
             body="## Mục tiêu {#muc-tieu}\n\nNội dung *có* [liên kết](../index.md).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
    PageSpec("years/2024.html", "Năm 2024", "portal/listing.html", body="   \n"),
]


@pytest.mark.parametrize("spec", SPECS, ids=["no-body", "body", "blank-body"])
def test_planned_page_reads_and_renders_as_its_source_would(tmp_path: Path, spec: PageSpec) -> None:
    config = _config(tmp_path)
    index = _file(config, "index.md", "# Trang chủ\n")
    ours = _file(config, spec.src_uri, page_source(spec))
    theirs = _file(config, spec.src_uri, page_source(spec))
    planned, plain = PlannedPage(ours, config, spec), Page(None, theirs, config)
    for page, file in ((planned, ours), (plain, theirs)):
        page.read_source(config)
        page.render(config, Files([index, file]))
    assert planned.meta == plain.meta
    assert planned.title == plain.title
    assert planned.markdown.strip() == plain.markdown.strip()
    assert planned.content == plain.content
    assert [(t.id, t.title) for t in planned.toc] == [(t.id, t.title) for t in plain.toc]
    assert planned.present_anchor_ids == plain.present_anchor_ids


def test_pages_named_in_nav_are_left_to_mkdocs(tmp_path: Path) -> None:
    config = _config(tmp_path, nav=[{"Trang chủ": "index.md"}, {"Phong trào": [{"Tất cả": "/campaigns/index.md"}]},
                                    "https://example.org/", {"Giới thiệu": "about.md"}])
    files = Files([_file(config, uri, "x") for uri in ("index.md", "campaigns/index.md",
                                                                       "campaigns/a.md", "about.md")])
    assert named_in_nav(config, files) == {"index.md", "campaigns/index.md", "about.md"}
    assert named_in_nav(_config(tmp_path), files) == set()


# Bodies rendered one after the other through one converter. Each would leak into the next if the
# instance kept state: a footnote, an abbreviation, heading ids already used, a title, raw HTML anchors.
BODIES = [
    "## Mục tiêu\n\nUBND xã làm[^1] việc.\n\n[^1]: Chú thích.\n\n*[UBND]: Ủy ban nhân dân\n",
    "## Mục tiêu\n\n## Mục tiêu\n\nXem [mục](../index.md#trang-chu) và ~~bản cũ~~; UBND huyện.\n",
    "# Kế hoạch số 12\n\nNội dung[^a].\n\n[^a]: Khác.\n",
    '<div id="neo-rieng">Khối HTML</div>\n\n## Bảng {#bang}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    "## Mục tiêu\n\n1. một\n3. ba\n",
]


def test_one_converter_renders_page_after_page_as_a_fresh_markdown_would(tmp_path: Path) -> None:
    config = _config(tmp_path, extensions=[{"toc": {"permalink": True}}, "sane_lists", "tables", "attr_list",
                                           "pymdownx.tilde", "footnotes", "abbr"])
    index = _file(config, "index.md", "# Trang chủ\n")
    converter = BodyConverter(config)
    for n, body in enumerate(BODIES):
        spec = PageSpec(f"campaigns/p{n}.html", f"Trang {n}", "portal/campaign.html", body=body)
        ours, theirs = _file(config, spec.src_uri, page_source(spec)), _file(config, f"ref/p{n}.md", page_source(spec))
        files = Files([index, ours, theirs])
        planned, plain = PlannedPage(ours, config, spec, converter), Page(None, theirs, config)
        for page in (planned, plain):
            page.read_source(config)
            page.render(config, files)
        assert planned.content == plain.content, body
        assert [(t.id, t.title, t.level) for t in planned.toc] == [(t.id, t.title, t.level) for t in plain.toc]
        assert planned._title_from_render == plain._title_from_render
        assert planned.present_anchor_ids == plain.present_anchor_ids
        def targets(page: Page) -> dict[str, dict[str, str]]:  # links to its own anchors under one name
            return {"self" if f is page.file else f.src_uri: a for f, a in page.links_to_anchors.items()}

        assert targets(planned) == targets(plain) and targets(planned)
    assert "Ủy ban nhân dân" not in planned.content  # page 4 defines no abbreviation: page 1's did not stay


def test_kept_bodies_render_as_converting_them_would(tmp_path: Path) -> None:
    """A later build takes a self-contained body from the last one when its text and context are the same,
    and what it sets on the page is what converting gives; a body with links or HTML is always converted."""
    from builder.mkdocs_plugin.planned import self_contained

    config = _config(tmp_path, extensions=[{"toc": {"permalink": True}}, "sane_lists", "tables", "attr_list",
                                           "pymdownx.tilde", "footnotes", "abbr"])
    index = _file(config, "index.md", "# Trang chủ\n")
    bodies = [*BODIES, "# Tiêu đề\n\n## Mục {#muc}\n\nĐoạn ~~cũ~~ *mới*.\n\n### Mục con\n\n- một\n- hai\n"]

    def build(context: bytes, known: dict[str, Any], texts: list[str]) -> tuple[BodyConverter, list[tuple[Page, Page]]]:
        converter, pairs = BodyConverter(config, context, lambda: known), []
        for n, body in enumerate(texts):
            spec = PageSpec(f"campaigns/p{n}.html", f"Trang {n}", "portal/campaign.html", body=body)
            ours, theirs = _file(config, spec.src_uri, page_source(spec)), _file(config, f"ref/p{n}.md", page_source(spec))
            planned, plain = PlannedPage(ours, config, spec, converter), Page(None, theirs, config)
            for page in (planned, plain):
                page.read_source(config)
                page.render(config, Files([index, ours, theirs]))
            pairs.append((planned, plain))
        return converter, pairs

    def same(planned: Page, plain: Page) -> None:
        assert planned.content == plain.content
        assert [(t.id, t.title, t.level, [c.id for c in t.children]) for t in planned.toc] == \
            [(t.id, t.title, t.level, [c.id for c in t.children]) for t in plain.toc]
        assert planned._title_from_render == plain._title_from_render
        assert planned.present_anchor_ids == plain.present_anchor_ids
        assert {"self" if f is planned.file else f.src_uri: a for f, a in planned.links_to_anchors.items()} == \
            {"self" if f is plain.file else f.src_uri: a for f, a in plain.links_to_anchors.items()}

    first, _ = build(b"v1", {}, bodies)
    kept = {f"campaigns/p{n}.md" for n, body in enumerate(bodies) if self_contained(body)}
    assert set(first.made) == kept and first.new == len(kept) == 2
    second, pairs = build(b"v1", dict(first.made), bodies)
    assert second.new == 0 and set(second.made) == kept  # all taken from the last build
    for planned, plain in pairs:
        same(planned, plain)
    edited = [body.replace("Mục", "Phần") for body in bodies]  # same pages, new text: converted again
    third, pairs = build(b"v1", dict(first.made), edited)
    assert third.new == 2
    for planned, plain in pairs:
        same(planned, plain)
    assert build(b"v2", dict(first.made), bodies)[0].new == 2  # another context (code, packages, extensions)
