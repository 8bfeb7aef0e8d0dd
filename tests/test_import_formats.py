"""`portal import` reads every format offices send: a saved web page, Word, a text PDF, a scan, a photo.

The Word, PDF and scanned versions are made here from one typed plan with `tests.document_versions`
(the same code the accuracy benchmark uses on the real corpus), so each format must give the
header the text gives. The scans go through the real Tesseract: CI installs it (.ci/run), and
these tests fail, not skip, without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from builder.editor.header_reader import read_header
from builder.editor.plan_import import ImportError_, import_document
from builder.editor.reading import read_document
from tests.conftest import REPO, make_project
from tests.document_versions import scan_pdf, write_docx, write_pdf

CAMPAIGNS = REPO / "campaigns"
PLAN = """\
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
XÃ HÒA PHONG | Độc lập - Tự do - Hạnh phúc |
Số: 31/KH-UBND | Hòa Phong, ngày 16 tháng 3 năm 2026 |
KẾ HOẠCH
Phát động phong trào thi đua “Hòa Phong xanh” năm 2026
Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;
Căn cứ Kế hoạch số 120/KH-UBND ngày 02/02/2026 của Ủy ban nhân dân tỉnh Quảng Ngãi;
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Khơi dậy tinh thần tự giác của cán bộ và Nhân dân trong giữ gìn cảnh quan, trồng cây xanh ở thôn, xóm.
- Biểu dương kịp thời các tập thể, cá nhân tiêu biểu.
II. NỘI DUNG THI ĐUA
1. Mỗi thôn trồng ít nhất 500 cây xanh trước ngày 30/9/2026.
2. Các trường học tổ chức ngày hội “Sân trường xanh” trong tháng 4/2026.
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND xã tham mưu tổng kết phong trào trước ngày 15/12/2026.
"""
HEADER = {"kind": "Kế hoạch", "number": "31/KH-UBND", "date": "2026-03-16", "place": "Hòa Phong",
          "issuer": "UBND xã Hòa Phong", "title": "Phát động phong trào thi đua “Hòa Phong xanh” năm 2026",
          "basis": ["152/2025/NĐ-CP", "120/KH-UBND"]}
PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin xã</title>
<style>.menu{{color:red}}</style><script>var tracking = "Kế hoạch giả";</script></head><body>
<header><a href="/">Cổng thông tin điện tử xã Hòa Phong</a></header>
<nav class="menu"><ul><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin">Tin tức</a></li></ul></nav>
<div class="layout"><div class="sidebar"><a href="/lich">Lịch công tác</a><a href="/hoi-dap">Hỏi đáp</a>
<a href="/van-ban">Văn bản mới</a></div>
<div class="content"><h2 class="post-title">Kế hoạch phát động phong trào thi đua năm 2026</h2>
<p class="meta">Ngày đăng: 17/03/2026 | Lượt xem: 1.024</p>
<table class="doc-header"><tr><td><p><b>ỦY BAN NHÂN DÂN</b><br><b>XÃ HÒA PHONG</b></p><p>Số: 31/KH-UBND</p></td>
<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p>Độc lập - Tự do - Hạnh phúc</p>
<p><i>Hòa Phong, ngày 16 tháng 3 năm 2026</i></p></td></tr></table>
{body}
</div></div><footer>© UBND xã Hòa Phong. Địa chỉ: thôn Đông, xã Hòa Phong.</footer></body></html>"""


def _plan_lines() -> list[str]:
    return PLAN.split("\n")


def _html_body() -> str:
    return "\n".join(f"<p>{line}</p>" for line in PLAN.split("\n")[3:] if line)


def _header(path: Path) -> dict[str, object]:
    return read_header(read_document(path, progress=lambda _: None).lines).expected_shape()


def test_each_format_reads_the_header_the_text_gives(tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "plan.html").write_text(PAGE.format(body=_html_body()), encoding="utf-8")
    write_docx(_plan_lines(), tmp_path / "plan.docx")
    write_pdf(_plan_lines(), tmp_path / "plan.pdf")
    for name in ("plan.txt", "plan.html", "plan.docx", "plan.pdf"):
        assert _header(tmp_path / name) == HEADER, name


def test_a_saved_web_page_loses_the_portal_around_the_document(tmp_path: Path) -> None:
    page = tmp_path / "trang.html"
    page.write_text(PAGE.format(body=_html_body()), encoding="utf-8")
    result = import_document(page, CAMPAIGNS)
    assert result.fields["issuer"]["locality"]  # the registry knows xã Hòa Phong
    for chrome in ("Giới thiệu", "Lịch công tác", "Văn bản mới", "Địa chỉ", "tracking", "Lượt xem"):
        assert chrome not in result.body, chrome
    assert "500 cây xanh" in result.body


def test_a_pdf_reads_its_header_columns_apart_and_reports_progress(tmp_path: Path) -> None:
    lines = _plan_lines() + [f"- Nội dung bổ sung số {n}: các thôn báo cáo kết quả hằng tháng." for n in range(140)]
    write_pdf(lines, tmp_path / "dai.pdf")
    said: list[str] = []
    document = read_document(tmp_path / "dai.pdf", progress=said.append)
    assert document.format == "pdf"
    assert any("ỦY BAN NHÂN DÂN | CỘNG HÒA" in line for line in document.lines)  # columns, not run together
    assert said[0].startswith("Đang đọc trang 1/") and len(said) >= 3
    assert read_header(document.lines).expected_shape() == HEADER


def test_a_scanned_pdf_and_photos_sideways_or_at_a_slant_are_read_by_ocr(tmp_path: Path) -> None:
    write_pdf(_plan_lines()[:8], tmp_path / "plan.pdf")
    scanned = scan_pdf(tmp_path / "plan.pdf", tmp_path / "scan.pdf")
    document = read_document(scanned, progress=lambda _: None)
    assert document.format == "scan"
    got = read_header(document.lines).expected_shape()
    assert {k: got[k] for k in ("kind", "number", "date", "place", "issuer")} == \
        {k: HEADER[k] for k in ("kind", "number", "date", "place", "issuer")}, got

    import pypdfium2

    page = pypdfium2.PdfDocument(str(scanned))[0].render(scale=150 / 72, grayscale=True).to_pil().convert("L")
    # The same page photographed sideways and at a slant: turned by orientation detection, then levelled.
    page.rotate(97, expand=True, fillcolor=255).save(tmp_path / "anh.jpg", quality=80)
    document = read_document(tmp_path / "anh.jpg")
    got = read_header(document.lines).expected_shape()
    assert (got["number"], got["date"], got["issuer"]) == (HEADER["number"], HEADER["date"], HEADER["issuer"]), got


def _pdf_with_pages(path: Path, pages: int, password: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password=password, user_password=password)
    pdf.set_font("helvetica", size=12)
    for n in range(pages):
        pdf.add_page()
        pdf.cell(text=f"Trang {n + 1}")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: _pdf_with_pages(p / "khoa.pdf", 1, password="mat-khau"), "mật khẩu"),
    (lambda p: _pdf_with_pages(p / "sach.pdf", 300), "300 trang"),
    (lambda p: (p / "rong.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                                            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                                            b"trailer<</Root 1 0 R>>\n%%EOF\n") and p / "rong.pdf",
     "không có trang"),
    (lambda p: (p / "hong.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a photo") and p / "hong.jpg", "ảnh bị hỏng"),
    (lambda p: (p / "trang.html").write_bytes(b"<html><body><nav><a href='/'>Trang chu</a></nav></body></html>")
     and p / "trang.html", "không có chữ"),
])
def test_files_that_cannot_be_read_say_why_in_vietnamese(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(ImportError_, match=message):
        import_document(path, CAMPAIGNS)


def test_without_tesseract_a_scan_says_what_to_install_and_text_still_imports(tmp_path: Path) -> None:
    Image.new("L", (800, 1000), 255).save(tmp_path / "anh.png")
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    make_project(tmp_path, with_sample=False)
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}  # no /usr/bin: no tesseract
    scan = subprocess.run([sys.executable, "-m", "builder", "import", "anh.png"], check=False, cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert scan.returncode == 1 and "tesseract-ocr-vie" in scan.stderr and "Traceback" not in scan.stderr
    text = subprocess.run([sys.executable, "-m", "builder", "import", "plan.txt"], check=False, cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert text.returncode == 0, text.stderr
