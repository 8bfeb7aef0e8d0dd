"""Every kind of content mistake gives its exact message (golden files), all at once.

Run `pytest tests/test_errors_golden.py --update-golden` after changing a message on
purpose, then read the diff: these lines are the editors' interface.
"""

from __future__ import annotations

import datetime as dt
import shutil
import struct
import unicodedata
import zlib
from pathlib import Path

import pytest

from builder.catalog.load import load_catalog
from builder.core.problems import ContentError
from builder.core.site import Site
from builder.run.portal import build_portal

from .conftest import (
    BUILD_DATE,
    VALID_CAMPAIGN,
    make_project,
    run_portal,
    snapshot,
    write_files,
)
from .test_exemplars import EXEMPLAR

PNG_1PX = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
           b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a\xa0\xa0\x00"
           b"\x00\x00\x00IEND\xaeB`\x82")


def png_claiming(width: int, height: int) -> bytes:
    """A well-formed PNG header announcing a huge image over a few bytes of data: a decompression bomb."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = zlib.compress(b"\x00" * 1024)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


RESULTS = """\
results:
  published: 2024-07
  awards:
    - form: Giấy khen
      collectives: 3
  honorees:
    - khong-co-ai
    - nguyen-van-thu
  report: files/bao-cao.pdf
  summary: Xem [báo cáo](javascript:alert(1)).
"""

GOLDEN = Path(__file__).parent / "golden" / "errors"

CASES: dict[str, dict[str, str | bytes]] = {
    "tab-indent": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("  name: UBND", "\tname: UBND")},
    "bad-indent": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("  locality: lang-son", "    locality: lang-son")},
    "duplicate-key": {"campaigns/mau.yml": VALID_CAMPAIGN + "title: Tiêu đề lần hai\n"},
    "unknown-key": {"campaigns/mau.yml": VALID_CAMPAIGN + "sumary: Tóm tắt gõ sai\nslogan_text: x\n"},
    "missing-required": {"campaigns/mau.yml": "title: Chỉ có tiêu đề\nissuer:\n  name: UBND xã\n"},
    "wrong-types": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("summary: Một kế hoạch mẫu để kiểm thử.",
                                                                "summary:\n  - một\n  - hai")
                    + "recipients: Lưu VT\nperiod_x: 1\n"},
    "impossible-date": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("start: 2024-06", "start: 2023-02-30")},
    "wrong-date-format": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("end: 2025-04", "end: 30/7/2025")
                          + "issued: 19/3/2024\nmilestones:\n  - date: quý I/2025\n    label: Hội nghị\n"},
    "end-before-start": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("end: 2025-04", "end: 2023-12")
                         + "phases:\n  - name: Đợt 1\n    start: 2024-09\n    end: 2024-07\n"},
    "unknown-ids": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("lang-son/chi-lang", "lang-son/chi-lan")
                    .replace("- kinh-te", "- kinh-tee\n  - kinh-te")
                    + "movements:\n  - nguoi-tot\nbasis:\n  - number: 1/KH\n    campaign: khong-co\n"},
    "yes-no-and-kind": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("kind: ke-hoach", "kind: kehoach")
                        + "draft: yes\nstatus: huy\n"},
    "bad-file-names": {"campaigns/Hoà Phong.yml": VALID_CAMPAIGN, "campaigns/hòa-phong.yml": VALID_CAMPAIGN,
                       "campaigns/MAU.yml": VALID_CAMPAIGN, "campaigns/index.yml": VALID_CAMPAIGN,
                       "campaigns/mau-2.yaml": VALID_CAMPAIGN},
    "not-utf8": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("Kế hoạch mẫu", "Kế hoạch").encode("utf-8")
                 + b"note: H\xf2a\n"},
    "attachments": {"campaigns/mau.yml": VALID_CAMPAIGN + "attachments:\n"
                    "  - file: files/khong-co.pdf\n    title: Văn bản gốc\n"
                    "  - file: ../../etc/passwd\n    title: Ra ngoài\n"
                    "  - file: /etc/passwd\n    title: Tuyệt đối\n"
                    "  - file: files/ke hoach#1.pdf\n    title: Tên xấu\n",
                    "campaigns/files/ke hoach#1.pdf": b"%PDF-1.4\n"},
    "unsafe-links": {"campaigns/mau.md": "# Nội dung\n\n[bấm](javascript:alert(1))\n\n"
                     "<a href=\"JaVaScRiPt&#58;alert(2)\">x</a>\n\n![ảnh](data:text/html;base64,PHNjcmlwdD4=)\n"},
    "yaml-tricks": {"campaigns/mau.yml": VALID_CAMPAIGN + "slogan: &s Khẩu hiệu\nsummary_copy: *s\n",
                    "campaigns/khac.yml": "title: !!python/object/apply:os.system [ls]\n"},
    "registries": {"campaigns/_themes.yml": "- id: kinh-te\n  name: Kinh tế\n- id: kinh-te\n  name: Kinh tế 2\n"
                   "- id: hoa-binh\n  name: Hòa bình\n- id: hoa-binh-2\n  name: Hoà bình\n- id: Văn Hóa\n  name: x\n",
                   "campaigns/_localities.yml": "- id: lang-son/chi-lang\n  name: Chi Lăng\n  level: huyện\n"},
    "orphans-and-empty": {"campaigns/mo-coi.md": "Nội dung không có thẻ.\n", "campaigns/rong.yml": "",
                          "campaigns/danh-sach.yml": "- title: x\n"},
    "many-files-at-once": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("start: 2024-06", "start: 2024-13"),
                           "campaigns/khac.yml": VALID_CAMPAIGN.replace("title: Kế hoạch mẫu\n", ""),
                           "campaigns/thu-ba.yml": VALID_CAMPAIGN + "themes: []\n"},
    "exemplar-front-matter": {
        "content/exemplars/khong-co-dau.md": "name: Thiếu dấu mở\n",
        "content/exemplars/khong-dong.md": "---\nname: Không có dấu đóng\n",
        "content/exemplars/sai-yaml.md": EXEMPLAR.replace("role: Trưởng thôn", "role: Trưởng thôn: Nà Pàn"),
        "content/exemplars/thieu-truong.md": "---\nkind: canhan\nlocality: lang-son\nawards:\n"
                                             "  - form: Bằng khen\n    year: 24\n---\nChuyện.\n",
        "content/exemplars/Tên Có Dấu.md": EXEMPLAR,
    },
    "exemplar-unknown-ids": {"content/exemplars/nguyen-van-thu.md": EXEMPLAR
                             .replace("lang-son/chi-lang/nhan-ly", "lang-son/chi-lang/nhan-li")
                             .replace("  - kinh-te", "  - kinh-tee").replace("  - mau", "  - mau-2\n  - mau")},
    "exemplar-photo": {
        "content/exemplars/khong-mo-ta.md": EXEMPLAR.replace("consent: true", "consent: true\nphoto: photos/a.png"),
        "content/exemplars/khong-co-anh.md": EXEMPLAR.replace("consent: true", "consent: true\nphoto: photos/khong.jpg\n"
                                                                                "photo_alt: Ảnh"),
        "content/exemplars/ra-ngoai.md": EXEMPLAR.replace("consent: true", "consent: true\nphoto: ../../mkdocs.yml\n"
                                                                             "photo_alt: Ảnh"),
        "content/exemplars/gia-anh.md": EXEMPLAR.replace("consent: true", "consent: true\nphoto: photos/gia.jpg\n"
                                                                            "photo_alt: Ảnh"),
        "content/exemplars/chi-mo-ta.md": EXEMPLAR.replace("consent: true", "consent: true\nphoto_alt: Ảnh không có"),
        "content/exemplars/photos/a.png": PNG_1PX,
        "content/exemplars/photos/gia.jpg": b"<script>alert(1)</script>",
    },
    "results-fields": {"campaigns/mau.yml": VALID_CAMPAIGN + RESULTS.replace("collectives: 3", "collectives: nhiều\n"
                       "      individuals: 1,5").replace("honorees:", "works:\n    - name: A\n      status: xong\n"
                       "  honorees:").replace("published: 2024-07", "published: 7/2024")
},
    "results-and-honorees": {
        "campaigns/mau.yml": VALID_CAMPAIGN + RESULTS.replace("Xem [báo cáo]", "<img src=x onerror=alert(1)> Xem [báo cáo]"),
        "content/exemplars/nguyen-van-thu.md": EXEMPLAR.replace("consent: true\n", ""),
        "campaigns/mau.md": "Xem [điển hình](../exemplars/nguyen-van-thu.html).\n",
        "content/about.md": "# Giới thiệu\n\nXem [người này](exemplars/nguyen-van-thu.md).\n",
    },
    # YAML that other tools read differently.
    "octal-and-time-values": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("end: 2025-04", "end: 12:30")
                              + "number: 0123\nissued: 2024-06-01 10:30\n" + RESULTS.replace("collectives: 3",
                              "collectives: 010").replace("  honorees:\n    - khong-co-ai\n    - nguyen-van-thu\n", "")
                              .replace("  report: files/bao-cao.pdf\n", "").replace("javascript:alert(1)", "https://a.vn")},
    "multi-document": {"campaigns/mau.yml": VALID_CAMPAIGN + "---\ntitle: Văn bản thứ hai\n"},
    "alias-bomb": {"campaigns/mau.yml": VALID_CAMPAIGN + "a: &a [x, x, x, x, x, x, x, x, x]\n"
                   "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                   "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"},
    "list-where-mapping": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("issuer:\n  name: UBND huyện Chi Lăng\n"
                           "  locality: lang-son/chi-lang\n", "issuer:\n  - name: UBND huyện Chi Lăng\n"
                           "  - locality: lang-son/chi-lang\n").replace("period:\n  start: 2024-06\n  end: 2025-04\n",
                           "period: 2024-06 đến 2025-04\n")},
    "comment-only-file": {"campaigns/chu-thich.yml": "# Chỉ có chú thích, chưa có nội dung\n\n",
                          "campaigns/khoang-trang.yml": "   \n\t\n"},
    "dates-out-of-range": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("end: 2025-04", "end: 9999-12-31")
                           .replace("start: 2024-06", "start: 0024-06") + "publish_on: 2024-08-01T23:00:00\n"},
    "crlf-and-bom-positions": {"campaigns/mau.yml": ("\ufeff" + VALID_CAMPAIGN.replace("kind: ke-hoach", "kind: kh")
                               ).replace("\n", "\r\n").encode("utf-8")},
    "nfd-file-name": {unicodedata.normalize("NFD", "campaigns/hòa-phong.yml"): VALID_CAMPAIGN},
    "ignored-files-stay-ignored": {"campaigns/.mau.yml.swp": b"\x00\x01binary", "campaigns/mau.yml~": "title: [",
                                   "campaigns/.DS_Store": b"\x00\x00\x00\x01Bud1", "campaigns/#mau.yml#": "x: [",
                                   "campaigns/mau.yml": VALID_CAMPAIGN.replace("- kinh-te", "- khong-co")},
    "symlink-out-of-project": {"campaigns/mau.yml": VALID_CAMPAIGN + "attachments:\n"
                               "  - file: files/lien-ket.pdf\n    title: Liên kết ra ngoài\n"},
    "link-to-draft-campaign": {"campaigns/nhap.yml": VALID_CAMPAIGN + "draft: true\n",
                               "campaigns/mau.md": "Thực hiện [kế hoạch nháp](nhap.html) và [bản kia](nhap.md).\n",
                               "content/about.md": "# Giới thiệu\n\nXem [bản nháp](campaigns/nhap.md).\n"},
    "raw-html-in-text": {"campaigns/mau.md": "# Nội dung\n\n<script>alert(1)</script>\n\n"
                         "<div onclick=\"alert(2)\">Bấm</div>\n\n<iframe src=\"https://a.vn\"></iframe>\n\n"
                         "Đoạn văn.\n{: onclick=\"alert(3)\" }\n\n<object data=\"x.swf\"></object>\n"},
    "hostile-links-every-encoding": {"campaigns/mau.md": "[a](  javascript:alert(1))\n\n[b](java\tscript:alert(2))\n\n"
                                     "<a href=\"&#x6A;avascript:alert(3)\">c</a>\n\n[d](vbscript:msgbox)\n\n"
                                     "[e](DATA:text/html,x)\n\n<img src=\"jav&#x09;ascript:alert(4)\">\n"},
    "photo-bomb-and-size": {
        "content/exemplars/bom.md": EXEMPLAR.replace("consent: true", "consent: true\nphoto: photos/bom.png\n"
                                                                       "photo_alt: Ảnh"),
        "content/exemplars/nang.md": EXEMPLAR.replace("consent: true", "consent: true\nphoto: photos/nang.jpg\n"
                                                                        "photo_alt: Ảnh"),
        "content/exemplars/svg.md": EXEMPLAR.replace("consent: true", "consent: true\nphoto: photos/svg.jpg\n"
                                                                       "photo_alt: Ảnh"),
        "content/exemplars/photos/bom.png": png_claiming(100_000, 100_000),
        "content/exemplars/photos/nang.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * (50 * 1024 * 1024),
        "content/exemplars/photos/svg.jpg": b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    },
    "exemplar-id-collisions": {"content/exemplars/nguyen-van-thu.md": EXEMPLAR,
                               "content/exemplars/Nguyen-Van-Thu.md": EXEMPLAR,
                               "content/exemplars/nguyễn-văn-thu.md": EXEMPLAR},
    "fifty-thousand-brackets": {"campaigns/mau.md": "# Nội dung\n\nĐoạn đầu.\n\n" + "[" * 50_000 + "\n"},
    "page-url-collision": {"content/campaigns/index.md": "# Trùng với danh sách phong trào\n",
                           "content/themes/kinh-te.md": "# Trùng với trang lĩnh vực\n"},
    # Issue 29: mistakes that used to publish a wrong page or point at the wrong line.
    "header-blocks": {"content/index.md": "---\ntemplate: portal/home.html\ntitle: Trang chủ\nhide:\n  - toc\n\n# Trang chủ\n",
                      "content/gioi-thieu.md": "\n---\ntitle: Giới thiệu\n---\n\n# Giới thiệu\n",
                      "campaigns/mau.md": "---\ntitle: \"Kế hoạch mẫu\"\nkind: ke-hoach\n---\n\n## I. MỤC ĐÍCH\n\n---\n\nHết.\n"},
    "links-to-missing-pages": {"campaigns/mau.md": "## I\n\nXem [kế hoạch năm trước](mau-2023.md), [trang giới thiệu]"
                               "(../gioi-thieu.html), [lĩnh vực](../themes/kinh-te-so.html) và "
                               "[nguồn](https://example.org/a.html).\n"},
    "same-document-twice": {"campaigns/mau.yml": VALID_CAMPAIGN + "number: 12/KH-UBND\nissued: 2024-05-20\n",
                            "campaigns/mau-ban-sao.yml": VALID_CAMPAIGN + "number: 12 /KH-UBND\nissued: 2024-05-20\n",
                            "campaigns/ban-nhap.yml": VALID_CAMPAIGN + "number: 12/KH-UBND\nissued: 2024-05-20\ndraft: true\n",
                            "campaigns/khong-so.yml": VALID_CAMPAIGN + "number: /KH-UBND\nissued: 2024-05-20\n"},
    # A plan published with a blank numeral, saved twice: known by its title, issuer and dates instead. The
    # same title with another end date is next year's plan, not a copy.
    "same-plan-without-a-number": {"campaigns/mau.yml": VALID_CAMPAIGN + "number: /KH-UBND\nissued: 2024-05\n",
                                   "campaigns/mau-ban-sao.yml": VALID_CAMPAIGN.replace("title: Kế hoạch mẫu",
                                                                                       "title: Kế hoạch  mẫu")
                                   + "number: /KH-UBND\nissued: 2024-05\n",
                                   "campaigns/mau-nam-sau.yml": VALID_CAMPAIGN.replace("end: 2025-04", "end: 2026-04")
                                   + "number: /KH-UBND\nissued: 2024-05\n"},
    # The line is the file's, after the profile's front matter, not the story's own.
    "link-to-a-missing-page-in-a-story": {"content/exemplars/nguyen-van-thu.md": EXEMPLAR + "\nXem [kế hoạch]"
                                          "(../campaigns/mau-cu.md).\n"},
    "unclosed-quotes": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("title: Kế hoạch mẫu", 'title: "Kế hoạch mẫu'),
                        "campaigns/mau-2.yml": VALID_CAMPAIGN + "slogan: 'Chung sức xây dựng nông thôn mới\n",
                        "campaigns/mau-3.yml": VALID_CAMPAIGN.replace("title: Kế hoạch mẫu", 'title: "Kế hoạch mẫu')
                        .replace("summary: Một kế hoạch mẫu để kiểm thử.", 'summary: "Một kế hoạch mẫu."')},
    "every-problem-of-a-file": {"campaigns/mau.yml": VALID_CAMPAIGN.replace("end: 2025-04", "end: 30/7/2025")
                                .replace("- kinh-te", "- kinh-te-xa-hoi").replace("lang-son/chi-lang", "lang-son/chi-lan"),
                                "campaigns/mau.md": "[bấm](javascript:alert(1))\n"},
    "values-that-need-quotes": {"campaigns/mau.yml": VALID_CAMPAIGN + "recipients:\n  - Như trên;\n  - Lưu: VT, NV.\n",
                                "campaigns/mau-2.yml": VALID_CAMPAIGN + "slogan: Thi đua: đổi mới, sáng tạo\n"},
}


# Cases also run end to end through `portal build`: a YAML error, a photo the build refuses, and a
# collision found only when planning. The rest compare the same report in-process.
END_TO_END = ("tab-indent", "photo-bomb-and-size", "page-url-collision")


def _apply(root: Path, name: str) -> None:
    write_files(root, CASES[name])
    if name == "symlink-out-of-project":
        (root / "campaigns" / "files" / "lien-ket.pdf").symlink_to("/etc/passwd")


def _check_golden(name: str, actual: str, update_golden: bool) -> None:
    golden = GOLDEN / f"{name}.txt"
    if update_golden or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"golden file {golden.name} was missing and has been written; review it and rerun")
    assert actual == golden.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small valid portal, without a site: every in-process case starts from a copy."""
    return make_project(tmp_path_factory.mktemp("golden") / "p")


@pytest.mark.parametrize("name", sorted(CASES))
def test_error_messages(name: str, tmp_path: Path, project: Path, update_golden: bool) -> None:
    """The report `portal build` prints (the plugin hands it over as `str(ContentError)`), made in-process."""
    root = tmp_path / "p"
    shutil.copytree(project, root, symlinks=True)
    _apply(root, name)
    with pytest.raises(ContentError) as err:
        build_portal(root, dt.date.fromisoformat(BUILD_DATE), "campaigns", "content", Site("Cổng", "https://example.org/"))
    _check_golden(name, f"{err.value}\n", update_golden)


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small portal built once: the end-to-end cases start from it, with a real site/ to protect."""
    root = make_project(tmp_path_factory.mktemp("published") / "p")
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.mark.parametrize("name", END_TO_END)
def test_portal_build_refuses_with_the_report_and_keeps_site(name: str, tmp_path: Path, published: Path,
                                                             update_golden: bool) -> None:
    """Build good, break, build: exit 1, the golden text and nothing else, no traceback, site/ byte-identical."""
    root = tmp_path / "p"
    shutil.copytree(published, root, symlinks=True)
    before = snapshot(root / "site")
    _apply(root, name)
    result = run_portal(["build"], cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(root / "site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site-")) == []
    _check_golden(name, result.stderr, update_golden)


def test_every_line_is_positioned(tmp_path: Path) -> None:
    """path:line:col on every problem that has a position in a file."""
    root = make_project(tmp_path, CASES["wrong-date-format"])
    with pytest.raises(ContentError) as err:
        load_catalog(root, dt.date(2024, 8, 1))
    lines = str(err.value).splitlines()[:-1]
    assert lines and all(line.startswith("campaigns/mau.yml:") and line.split(":")[1].isdigit() for line in lines)
