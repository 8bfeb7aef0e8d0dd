"""Honored exemplars and results, read from the built example portal and small projects."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from builder.catalog.photos import PhotoError, inspect_photo
from builder.core.text import match_key, name_collation_key
from builder.outputs.photo_sizes import Decoder, render_photo
from builder.search.text import exact_tokens

from .conftest import REPO, make_project, run_portal
from .fixtures.sample_photos import portrait

# The example portal's unpublished exemplars: what must never appear anywhere.
UNPUBLISHED = {
    "nong-van-kin": ("Nông Văn Kín", "không có consent"),
    "hop-tac-xa-ban-nhap": ("Hợp tác xã Bản Nháp Khuất", "draft"),
    "tap-the-cho-cong-bo": ("Đội Xung kích Hẹn Giờ", "publish_on 2030"),
}


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _needles(exemplar_id: str, name: str) -> list[str]:
    escaped = json.dumps(name)[1:-1]  # as JSON with ASCII escapes would hold it
    # the search index holds folded text and the exact forms of accented words (builder/search_text.py)
    return [exemplar_id, name, escaped, match_key(name), exemplar_id.replace("-", " "), " ".join(exact_tokens(name))]


@pytest.mark.parametrize("site", ["built_site", "built_site_today"])
def test_unpublished_exemplars_appear_nowhere(site: str, request: pytest.FixtureRequest) -> None:
    """No page, card, count, search entry, sitemap URL, data record, photo or file name reveals them."""
    root: Path = request.getfixturevalue(site)
    files = [p for p in root.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pf_fragment" for p in files) and any(p.name == "sitemap.xml" for p in files)
    for exemplar_id, (name, _) in UNPUBLISHED.items():
        needles = _needles(exemplar_id, name)
        for path in files:
            assert exemplar_id not in path.as_posix(), path
            data = path.read_bytes()
            if path.suffix.startswith(".pf_"):  # Pagefind's index, fragments and filters are gzipped
                data = gzip.decompress(data)
            text = data.decode("utf-8", errors="ignore")
            for needle in needles:
                assert needle not in text and needle.lower() not in text.lower(), (needle, path)
    # Every published photo belongs to a published profile: <id>-<width>-<hash>.jpg.
    profiles = {p.stem for p in (root / "exemplars").glob("*.html") if p.stem != "index" and ".p" not in p.stem}
    photos = list((root / "exemplars/photos").iterdir())
    assert photos and all(p.name.rsplit("-", 2)[0] in profiles for p in photos)


def test_counts_do_not_include_unpublished(built_site_today: Path) -> None:
    index = html(built_site_today / "exemplars/index.html")
    published = len(list((REPO / "content/exemplars").glob("*.md"))) - len(UNPUBLISHED)
    assert index.select_one(".portal-total").get_text().startswith(f"{published} điển hình")
    tran_ninh = index.find("a", href="localities/lang-son/van-quan/tran-ninh.html")
    # Three published exemplars in Trấn Ninh; the unconsented fourth is not counted.
    assert tran_ninh.select_one(".portal-count").get_text() == "3"
    data = (built_site_today / "exemplars/data.js").read_text(encoding="utf-8")
    records = json.loads(data.split("=", 1)[1].rstrip().rstrip(";"))
    assert len(records) == published


def test_unconsented_individual_is_reported_with_file_and_reason(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"content/exemplars/ca-nhan-a.md": EXEMPLAR.replace("consent: true\n", "")})
    result = run_portal(["check"], cwd=root)
    assert result.returncode == 0, result.stderr
    assert ("content/exemplars/ca-nhan-a.md: không công bố: cá nhân chưa đồng ý công bố (thiếu consent: true)"
            in result.stdout)
    build = run_portal(["build"], cwd=root)
    assert build.returncode == 0, build.stderr
    assert "Không công bố content/exemplars/ca-nhan-a.md: cá nhân chưa đồng ý" in build.stderr
    assert not (root / "site/exemplars/ca-nhan-a.html").exists()


EXEMPLAR = """\
---
name: Nguyễn Văn Thử
kind: ca-nhan
role: Trưởng thôn
locality: lang-son/chi-lang/nhan-ly
themes:
  - kinh-te
campaigns:
  - mau
awards:
  - form: Giấy khen của Chủ tịch UBND huyện
    year: 2024
    decision: 12/QĐ-UBND
honored: 2024-05
summary: Một điển hình để kiểm thử.
consent: true
---

Câu chuyện **kiểm thử**.
"""


def test_a_to_z_by_given_name_in_vietnamese_order(built_site_today: Path) -> None:
    """People by the last word (An, Bình, Đức, Hà ...), collectives by their name, in a ă â ... d đ order."""
    names = [a.get_text() for a in html(built_site_today / "exemplars/index.html").select(".portal-excard__name a")]
    assert names == [
        "Hoàng Thị An", "Ban Công tác Mặt trận thôn Đồng Tâm", "Hoàng Văn Bình", "Chi đoàn Thanh niên khu phố 1",
        "Lăng Văn Đức", "Nguyễn Thị Thanh Hà", "Hợp tác xã Nông nghiệp Thôn Mới", "Trần Văn Phúc", "Vi Văn Sơn",
        "Tổ Dân phòng thôn Tân Tiến", "Thạch Minh Tuấn", "Dương Thị Uyên", "Lý Thị Xuân", "Lê Thị Yến",
    ]
    letters = [a.get_text() for a in html(built_site_today / "exemplars/index.html").select(".portal-letters a")]
    assert letters == ["A", "B", "C", "Đ", "H", "P", "S", "T", "U", "X", "Y"]


def test_collation_key_orders_letters_and_tones() -> None:
    names = ["Lê Văn Đức", "Trần Văn Dũng", "Phạm Thị Ân", "Vũ Thị Ánh", "Ngô Văn Ăn", "Đỗ Thị An",
             "Mai Thị Ê", "Hà Văn Em", "Lý Văn Bắc", "Hồ Văn Ca", "Tạ Văn Oanh", "Lò Văn Ơn", "Bế Văn Ôn"]
    ordered = sorted(names, key=name_collation_key)
    assert [n.split()[-1] for n in ordered] == [
        "An", "Ánh", "Ăn", "Ân", "Bắc", "Ca", "Dũng", "Đức", "Em", "Ê", "Oanh", "Ôn", "Ơn"]


def test_profile_page(built_site_today: Path) -> None:
    page = html(built_site_today / "exemplars/nguyen-thi-thanh-ha.html")
    text = page.get_text(" ", strip=True)
    assert page.h1.get_text() == "Nguyễn Thị Thanh Hà"
    for expected in ("Cá nhân", "Giáo viên tiểu học", "thị xã Duyên Hải, tỉnh Trà Vinh", "15/7/2022",
                     "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Số 1389/QĐ-UBND", "Câu chuyện",
                     "Dữ liệu minh họa"):
        assert expected in text, expected
    img = page.select_one(".portal-profile__photo img")
    assert img["alt"].startswith("Hình minh họa") and "srcset" in img.attrs and img["width"] and img["height"]
    for url_width in img["srcset"].split(", "):
        url, width = url_width.split(" ")
        assert (built_site_today / "exemplars" / url).is_file() and width.endswith("w")
    cards = page.select(".portal-excard")  # none: a profile lists campaigns, not other people
    assert not cards and page.find("a", href="../campaigns/2021-duyen-hai-30-nam-tai-lap-tinh.html")


def test_every_sample_profile_is_labelled(built_site_today: Path) -> None:
    for md in (REPO / "content/exemplars").glob("*.md"):
        page = built_site_today / "exemplars" / f"{md.stem}.html"
        if md.stem in UNPUBLISHED:
            continue
        assert "sample: true" in md.read_text(encoding="utf-8")
        assert html(page).select_one(".portal-sample-note .portal-sample"), page


def test_campaigns_and_exemplars_link_both_ways(built_site_today: Path) -> None:
    site = built_site_today
    pairs = 0
    for page in (site / "exemplars").glob("*.html"):
        if page.name in ("index.html",) or ".p" in page.stem:
            continue
        for link in html(page).select("#h-campaigns ~ .portal-cards .portal-card__title a"):
            campaign = (page.parent / link["href"]).resolve()
            back = [a["href"] for a in html(campaign).select(".portal-excard__name a")]
            assert f"../exemplars/{page.name}" in back, (page.name, campaign.name)
            pairs += 1
    assert pairs >= 14
    for campaign in (site / "campaigns").glob("*.html"):
        for link in html(campaign).select(".portal-excard__name a"):
            profile = (campaign.parent / link["href"]).resolve()
            assert f"../campaigns/{campaign.name}" in [a["href"] for a in html(profile).select(".portal-card__title a")]


def test_facet_pages_work_without_javascript(built_site_today: Path) -> None:
    index = html(built_site_today / "exemplars/index.html")
    groups = [g.get_text() for g in index.select(".portal-facets .portal-filters__label")]
    assert groups == ["Cá nhân, tập thể", "Địa phương", "Năm tuyên dương", "Lĩnh vực", "Phong trào thi đua"]
    collectives = html(built_site_today / "exemplars/kind/tap-the.html")
    names = [a.get_text() for a in collectives.select(".portal-excard__name a")]
    assert len(names) == 4 and all(not n.startswith(("Hoàng", "Nguyễn")) for n in names)
    province = html(built_site_today / "exemplars/localities/lang-son.html")
    assert len(province.select(".portal-excard")) == 9  # the province and every unit beneath it
    locality_links = [a["href"] for a in province.select(".portal-filters__group--tree a")]
    assert locality_links.index("lang-son.html") < locality_links.index("lang-son/chi-lang.html") \
        < locality_links.index("lang-son/chi-lang/nhan-ly.html")


def test_results_on_campaign_pages(built_site_today: Path, built_site: Path) -> None:
    page = html(built_site_today / "campaigns/2021-duyen-hai-30-nam-tai-lap-tinh.html")
    section = page.select_one(".portal-results")
    text = section.get_text(" ", strip=True)
    assert "Dữ liệu minh họa" in text and "15/7/2022" in text and "2/2" in text
    svg = section.select_one("svg.portal-chart")
    assert svg["role"] == "img" and svg.title.get_text() == "Khen thưởng theo hình thức"
    assert "15 tập thể và 31 cá nhân" in svg.desc.get_text()
    rows = [[c.get_text() for c in tr.select("th, td")] for tr in section.select("table tbody tr")]
    assert rows == [["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "3", "5"],
                    ["Giấy khen của Chủ tịch Ủy ban nhân dân thị xã", "12", "26"], ["Tổng cộng", "15", "31"]]
    works = [li.get_text(" ", strip=True) for li in section.select(".portal-works li")]
    assert len(works) == 2 and all(w.startswith("Đã hoàn thành") for w in works)
    assert len(section.select(".portal-excard")) == 3
    ended = html(built_site_today / "campaigns/2023-hoa-phong-thi-dua-yeu-nuoc.html")
    assert "Chưa có báo cáo tổng kết" in ended.select_one(".portal-results").get_text()
    # Before its published date (and while the campaign runs) Hữu Lũng shows no results and no waiting note.
    early = html(built_site / "campaigns/2024-huu-lung-78-nam-dang-bo.html")
    # Still running on the build day: the "no report yet" block waits, hidden, for the day after its end.
    waiting = early.select_one(".portal-results")
    assert waiting.has_attr("hidden") and waiting["data-portal-show-from"] == "2024-10-31"


def test_results_index(built_site_today: Path, built_site: Path) -> None:
    page = html(built_site_today / "results/index.html")
    titles = [a.get_text() for a in page.select("#h-summed ~ .portal-cards .portal-card__title a")]
    assert [t[:40] for t in titles] == ["Phong trào thi đua chào mừng kỷ niệm 78 ",
                                       "Phát động đợt thi đua lập thành tích chà"]
    assert len(page.select("svg.portal-chart")) == 3
    form_rows = [[c.get_text() for c in tr.select("th, td")] for tr in page.select("#h-byform ~ div table tbody tr")][:1]
    assert form_rows == [["Giấy khen của Chủ tịch Ủy ban nhân dân thị xã", "12", "26"]]
    pending = [a.get_text() for a in page.select("#h-pending ~ .portal-cards .portal-card__title a")]
    assert len(pending) == 3
    early = html(built_site / "results/index.html")
    assert len(early.select("#h-summed ~ .portal-cards .portal-card")) == 1


def _photo_with_metadata(path: Path, orientation: int = 6, size: tuple[int, int] = (600, 400)) -> None:
    img = portrait(1, 5, size)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Máy ảnh kiểm thử"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 51.0, 12.5), 3: "E", 4: (106.0, 45.0, 30.0)})
    img.save(path, "JPEG", exif=exif, comment=b"nha rieng cua ong A", icc_profile=b"\0" * 200)


def test_photo_metadata_is_stripped_and_orientation_applied(tmp_path: Path) -> None:
    source = tmp_path / "gps.jpg"
    _photo_with_metadata(source)
    with Image.open(source) as original:
        assert original.getexif().get_ifd(0x8825), "the test photo must carry GPS tags"
    photo = inspect_photo(source, "ảnh", "exemplars/photos/x")
    assert (photo.width, photo.height) == (400, 600)  # orientation 6: stored landscape, shown portrait
    for variant in photo.variants:
        data = render_photo(photo, variant)
        with Image.open(io.BytesIO(data)) as out:
            assert out.size == (variant.width, variant.height)
            assert out.height > out.width
            assert not out.getexif() and "exif" not in out.info and "icc_profile" not in out.info
            assert "comment" not in out.info
        assert b"Exif" not in data and b"GPS" not in data and b"nha rieng" not in data


@pytest.mark.parametrize("orientation", [1, 6, 8])
def test_a_large_photo_is_decoded_small_and_still_comes_out_upright_at_every_size(tmp_path: Path,
                                                                                  orientation: int) -> None:
    """3000×2000: each size is decoded at a reduced scale, asked for as the file stores it (turned
    for orientations 6 and 8); the sizes and the upright shape must not depend on that."""
    source = tmp_path / "lon.jpg"
    _photo_with_metadata(source, orientation, (3000, 2000))
    photo = inspect_photo(source, "ảnh", "exemplars/photos/x")
    turned = orientation in (6, 8)
    assert (photo.width, photo.height) == ((2000, 3000) if turned else (3000, 2000))
    assert [v.width for v in photo.variants] == [320, 640, 960]
    for variant in photo.variants:
        with Image.open(io.BytesIO(render_photo(photo, variant))) as out:
            assert out.size == (variant.width, variant.height)
            assert (out.height > out.width) == turned


def test_sizes_that_decode_at_one_scale_decode_once_and_come_out_the_same(tmp_path: Path) -> None:
    """A build's outputs share one `Decoder`: its bytes must be those of a fresh decode for every
    size, also when photos come interleaved, and it must actually save the decodes it promises."""
    small, large, png = tmp_path / "nho.jpg", tmp_path / "lon.jpg", tmp_path / "trong.png"
    _photo_with_metadata(small, 1, (800, 600))  # 640 and 800 both at full scale; 320 at 1/2
    _photo_with_metadata(large, 6, (3000, 2000))  # 640 and 960 both at 1/2; 320 at 1/4
    portrait(3, 2, (900, 700)).convert("RGBA").save(png)  # no reduced decoding: one scale for all
    photos = [inspect_photo(path, "ảnh", f"exemplars/photos/{path.stem}") for path in (small, large, png)]
    decoder = Decoder()
    for photo, expected in zip(photos, (2, 2, 1)):
        before = decoder.decodes
        for variant in photo.variants:
            assert render_photo(photo, variant, decoder) == render_photo(photo, variant)
        assert decoder.decodes - before == expected
    first, second = photos[0].variants[-1], photos[1].variants[-1]  # switching photos decodes again
    assert render_photo(photos[1], second, decoder) == render_photo(photos[1], second)
    assert render_photo(photos[0], first, decoder) == render_photo(photos[0], first)


def test_photos_made_in_threads_are_the_photos_made_one_by_one(tmp_path: Path) -> None:
    """`write_outputs` makes photo sizes in threads: every file must be what a fresh decode gives,
    each photo's sizes must share its decodes (they stay in one thread, in order), and a photo
    that does not decode must stop the build with its file named, not hang it."""
    from functools import partial

    from builder.outputs.files import OutputFile
    from builder.outputs.photo_sizes import cache_key
    from builder.outputs.writer import OutputError, write_outputs

    photos = []
    for seed in range(6):  # 320 at half scale; 640 and 800 at full scale: two decodes a photo
        source = tmp_path / f"anh-{seed}.jpg"
        portrait(2, seed, (800, 600)).save(source, "JPEG")
        photos.append((source, inspect_photo(source, "ảnh", f"exemplars/photos/anh-{seed}")))
    decoder = Decoder()
    outputs = [OutputFile(v.url, produce=partial(render_photo, photo, v, decoder), origin=str(source),
                          cache_key=cache_key(v)) for source, photo in photos for v in photo.variants]
    outputs.append(OutputFile("feeds/x.xml", produce=lambda: "<feed/>"))
    site, cache = tmp_path / "site", tmp_path / "cache"
    assert write_outputs(outputs, site, cache, threads=3) == 0
    assert decoder.decodes == 2 * len(photos)
    for _, photo in photos:
        for variant in photo.variants:
            assert (site / variant.url).read_bytes() == render_photo(photo, variant)
    assert (site / "feeds/x.xml").read_text() == "<feed/>"
    assert write_outputs(outputs, tmp_path / "again", cache, threads=3) == len(outputs) - 1  # all from the cache

    broken = tmp_path / "hong.jpg"
    broken.write_bytes((tmp_path / "anh-0.jpg").read_bytes()[:2000])  # the header passes, the pixels do not
    damaged = inspect_photo(broken, "ảnh", "exemplars/photos/hong")
    outputs.insert(3, OutputFile(damaged.variants[0].url, produce=partial(render_photo, damaged, damaged.variants[0]),
                                 origin="content/exemplars/hong.md", cache_key=cache_key(damaged.variants[0])))
    with pytest.raises(OutputError, match="content/exemplars/hong.md: photo: ảnh bị hỏng"):
        write_outputs(outputs, tmp_path / "third", None, threads=3)


def test_photo_types_are_checked_by_content(tmp_path: Path) -> None:
    fake = tmp_path / "anh.jpg"
    fake.write_text("<html>không phải ảnh</html>", encoding="utf-8")
    with pytest.raises(PhotoError, match="không phải ảnh JPEG, PNG hay WebP"):
        inspect_photo(fake, "ảnh", "x")
    gif = tmp_path / "anh2.jpg"
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    with pytest.raises(PhotoError, match="không phải ảnh JPEG"):
        inspect_photo(gif, "ảnh", "x")
    png = tmp_path / "anh3.png"
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(png, "PNG")
    photo = inspect_photo(png, "ảnh", "x")
    with Image.open(io.BytesIO(render_photo(photo, photo.variants[0]))) as out:
        assert out.getpixel((0, 0)) == (255, 255, 255)  # transparency on white, not black


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width`×`height` pixels in a few bytes: what a decompression bomb looks like."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [7000, 20000])
def test_photo_pixel_limit(tmp_path: Path, side: int) -> None:
    bomb = tmp_path / "bom.png"
    bomb.write_bytes(_png_header(side, side))
    with pytest.raises(PhotoError, match="triệu điểm ảnh"):
        inspect_photo(bomb, "ảnh", "x")


def test_exemplar_index_pages_and_escapes(tmp_path: Path) -> None:
    """30 exemplars: two A–Z pages, letters link to the page where they start, names stay text."""
    given = ["An", "Bảo", "Cúc", "Dung", "Đào", "Giang", "Hà", "Khánh", "Lan", "Mai"]
    files = {}
    for i in range(30):
        name = f"Nguyễn <b>Văn</b> {given[i % 10]}{'' if i < 10 else ' ' + given[i % 10]}"
        files[f"content/exemplars/e{i:02d}.md"] = EXEMPLAR.replace("Nguyễn Văn Thử", name)
    root = make_project(tmp_path, files)
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    first = html(root / "site/exemplars/index.html")
    second = html(root / "site/exemplars/index.p2.html")
    assert len(first.select(".portal-excard")) == 24 and len(second.select(".portal-excard")) == 6
    assert "<b>" not in first.select_one(".portal-excard__name a").decode_contents().replace("&lt;b&gt;", "")
    letters = dict((a.get_text(), a["href"]) for a in first.select(".portal-letters a"))
    assert letters["A"] == "index.html#chu-41" and letters["M"].startswith("index.p2.html#")
    assert second.find(id=letters["M"].split("#")[1]) is not None


def _project_with_photo(tmp_path: Path) -> Path:
    """One exemplar whose photo carries GPS, a comment and an ICC profile."""
    root = make_project(tmp_path, {"content/exemplars/ca-nhan-a.md": EXEMPLAR.replace(
        "consent: true\n", "consent: true\nphoto: photos/a.jpg\nphoto_alt: Ảnh chân dung\n")})
    (root / "content/exemplars/photos").mkdir()
    _photo_with_metadata(root / "content/exemplars/photos/a.jpg")
    return root


def test_built_photos_carry_no_metadata(tmp_path: Path) -> None:
    root = _project_with_photo(tmp_path)
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    published = sorted((root / "site/exemplars/photos").iterdir())
    assert [p.name.rsplit("-", 2)[1] for p in published] == ["320", "400"]  # no upscaling past the original
    assert not (root / "site/exemplars/photos/a.jpg").exists()
    for path in published:
        data = path.read_bytes()
        assert b"Exif" not in data and b"GPS" not in data and b"nha rieng" not in data
    page = html(root / "site/exemplars/ca-nhan-a.html")
    assert page.select_one(".portal-profile__photo img")["alt"] == "Ảnh chân dung"


def test_results_report_and_summary_from_a_project(tmp_path: Path) -> None:
    """The report is published beside the campaign's files; the summary's Markdown is rendered, its HTML cleaned."""
    from .conftest import VALID_CAMPAIGN

    results = ("results:\n  published: 2024-07\n  report: files/bao-cao.pdf\n"
               "  summary: Đạt **mọi** chỉ tiêu <em style=\"color:red\">đề ra</em>\n"
               "  honorees:\n    - nguyen-van-thu\n")
    root = make_project(tmp_path, {"campaigns/mau.yml": VALID_CAMPAIGN + results,
                                   "campaigns/files/bao-cao.pdf": b"%PDF-1.4\n" + b"0" * 2048,
                                   "content/exemplars/nguyen-van-thu.md": EXEMPLAR})
    result = run_portal(["build"], cwd=root, today="2024-08-01")
    assert result.returncode == 0, result.stderr
    section = html(root / "site/campaigns/mau.html").select_one(".portal-results")
    report = section.find("a", string="Báo cáo tổng kết")
    assert report["href"] == "files/bao-cao.pdf" and (root / "site/campaigns/files/bao-cao.pdf").is_file()
    summary = section.select_one(".portal-results__summary")
    assert summary.strong.get_text() == "mọi" and summary.em.get_text() == "đề ra" and "style" not in str(summary)
    assert [a["href"] for a in section.select(".portal-excard__name a")] == ["../exemplars/nguyen-van-thu.html"]


def test_a_facet_with_many_values_lists_the_largest_and_links_to_all(tmp_path: Path) -> None:
    """A national portal has thousands of communes and campaigns: no page lists them all."""
    from builder.plan.exemplar_pages import LIST_LIMIT

    years = list(range(1979, 1979 + LIST_LIMIT + 5))  # one more value than a page lists, five times over
    files = {f"content/exemplars/nguoi-{year}.md": EXEMPLAR.replace("honored: 2024-05", f"honored: {year}")
             .replace("Nguyễn Văn Thử", f"Người Năm {year}") for year in years}
    files["content/exemplars/nhieu.md"] = EXEMPLAR.replace("honored: 2024-05", "honored: 1979").replace(
        "Nguyễn Văn Thử", "Người Năm Khác")  # 1979 has two, so it is among the largest
    root = make_project(tmp_path, files)
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    index = html(root / "site/exemplars/index.html")
    year_links = [a for a in index.select(".portal-filters a[href^='years/']") if a["href"] != "years/index.html"]
    assert len(year_links) == LIST_LIMIT
    assert any(a["href"] == "years/1979.html" for a in year_links)  # the largest, though listed last
    more = index.select_one(".portal-filters__more a")
    assert more["href"] == "years/index.html" and f"Tất cả {len(years)} mục" in more.get_text()
    everything = html(root / "site/exemplars/years/index.html")
    assert len(everything.select(".portal-filters__all a")) == len(years)
    # A value the cut left out is still marked on its own page, in the links and the form.
    left_out = [y for y in years if not any(f"years/{y}.html" in a["href"] for a in year_links)]
    assert left_out
    own = html(root / f"site/exemplars/years/{left_out[0]}.html")
    assert own.select_one(f".portal-filters a[aria-current='page'][href='{left_out[0]}.html']")
    assert own.select_one(f"select[name='years'][data-current='{left_out[0]}'] option[value='{left_out[0]}']")
    sizes = [len((root / f"site/exemplars/years/{y}.html").read_bytes()) for y in years]
    assert max(sizes) - min(sizes) < 2000  # every facet page carries the same short menus


def test_photo_sizes_are_kept_between_builds_and_reused(tmp_path: Path) -> None:
    """Re-encoding photos is the slowest output: a second build copies the sizes the first one made."""
    root = _project_with_photo(tmp_path)
    first = run_portal(["build"], cwd=root)
    assert first.returncode == 0, first.stderr
    assert "Dùng lại" not in first.stderr
    built = {p.name: p.read_bytes() for p in (root / "site/exemplars/photos").iterdir()}
    cached = {p.name: p.read_bytes() for p in (root / ".portal-cache").rglob("*.jpg")}
    assert cached == built and len(built) == 2
    shutil.rmtree(root / "site")  # with the site there, a rebuild would link its files instead (outputs_digest)
    second = run_portal(["build"], cwd=root)
    assert second.returncode == 0, second.stderr
    assert "Dùng lại 2 cỡ ảnh" in second.stderr
    assert {p.name: p.read_bytes() for p in (root / "site/exemplars/photos").iterdir()} == built
