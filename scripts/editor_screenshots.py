"""Take the editor guide's screenshots (docs/screenshots/editor-*.png, preview-*.png).

Run by hand when the form or the guide changes: `.venv/bin/python scripts/editor_screenshots.py`.
It copies the example portal into a temporary folder, starts `portal edit` there (the form
editor and the live preview, as `make edit` does), walks through what the guide shows in
Debian's Chromium, and writes the PNGs, which are committed. The example itself is untouched.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 (a local server)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def _save(page: Page, name: str) -> None:
    page.wait_for_timeout(400)  # let the form settle (fonts, validation messages)
    page.screenshot(path=str(OUT / name))
    with Image.open(OUT / name) as shot:  # palette PNGs: a third of the size, same look for a screenshot
        shot.convert("RGB").quantize(256).save(OUT / name, optimize=True)
    print(OUT / name)


def _signed_in(browser: Browser, base: str) -> Page:
    """A fresh tab (its own profile: no unsaved entry of another step) on the editor, signed in."""
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    page.goto(base)
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def _open(page: Page, url: str) -> None:
    """An entry by its address, loaded afresh: Decap keeps the previous entry's name when only the hash
    changes, and then cannot save (a person moves through the lists, where this does not happen)."""
    page.goto(url)
    page.reload()


def _publish(page: Page) -> None:
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Công bố ngay").click()
    page.get_by_role("button", name="Đã công bố").wait_for()


def _pick(page: Page, label: str, text: str, exact: bool = True) -> None:
    box = page.get_by_label(label, exact=True).last
    box.click()
    box.fill(text)
    page.get_by_role("option", name=text, exact=exact).first.click()


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="portal-shots-"))
    for name in ("campaigns", "content", "theme"):
        shutil.copytree(REPO / name, work / name)
    shutil.copy(REPO / "mkdocs.yml", work / "mkdocs.yml")
    editor_port, preview_port = _port(), _port()
    process = subprocess.Popen([sys.executable, "-m", "builder", "edit", "--port", str(editor_port),
                                "-a", f"127.0.0.1:{preview_port}"], cwd=work)
    base, preview = f"http://127.0.0.1:{editor_port}/admin/", f"http://127.0.0.1:{preview_port}/thi-dua/"
    try:
        _wait(base)
        _wait(preview)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            # A form refused: its own context, so that the unsaved entry (kept by Decap) goes with it.
            refused = _signed_in(browser, base)
            refused.get_by_text("Phong trào thi đua").first.wait_for()
            _save(refused, "editor-list-1280.png")
            _open(refused, base + "#/collections/campaigns/new")
            refused.get_by_label("Trích yếu của văn bản").fill("Phát động phong trào thi đua làm đường giao thông nông thôn")
            refused.get_by_label("Ngày ban hành (không bắt buộc)").fill("30/12/2025")
            refused.get_by_role("button", name="Công bố").click()
            refused.get_by_text("Công bố ngay").click()  # refused: the date's message shows beside the field
            refused.get_by_label("Ngày ban hành (không bắt buộc)").scroll_into_view_if_needed()
            _save(refused, "editor-form-1280.png")
            refused.context.close()

            page = _signed_in(browser, base)
            _open(page, base + "#/collections/campaigns/entries/2024-huu-lung-78-nam-dang-bo")
            page.get_by_text("Kết quả tổng kết").first.evaluate("e => e.scrollIntoView({block: 'start'})")
            _save(page, "editor-results-1280.png")

            _open(page, base + "#/collections/registries/entries/localities")
            page.get_by_role("button", name="Thêm địa phương").click()
            page.get_by_label("Mã địa phương", exact=True).last.fill("lang-son/chi-lang/quan-son")
            page.get_by_label("Tên không kèm cấp", exact=True).last.fill("Quan Sơn")
            _pick(page, "Cấp", "xã")
            _save(page, "editor-registry-1280.png")

            _publish(page)
            _open(page, base + "#/collections/exemplars/new")
            page.get_by_label("Họ tên cá nhân hoặc tên tập thể").fill("Lò Văn Thử")
            page.get_by_role("button", name="Chọn một hình").click()
            photo = work / "anh.jpg"
            shutil.copy(next((REPO / "content" / "exemplars" / "photos").glob("*.jpg")), photo)
            page.locator("input[type=file]").set_input_files(str(photo))
            page.get_by_role("button", name="Lấy những cái đã chọn").click()
            page.get_by_label("Mô tả ảnh").fill("Ông Lò Văn Thử bên con đường mới đổ bê tông.")
            page.get_by_label("Mô tả ảnh").scroll_into_view_if_needed()
            _save(page, "editor-exemplar-1280.png")
            page.context.close()
            page = _signed_in(browser, base)

            phone = browser.new_page(viewport={"width": 360, "height": 740}, locale="vi-VN", device_scale_factor=2)
            phone.goto(base)
            phone.get_by_role("button", name="Đăng nhập").click()
            _open(phone, base + "#/collections/campaigns/new")
            phone.get_by_label("Trích yếu của văn bản").wait_for()
            _save(phone, "editor-form-360.png")

            # A draft made in the form: the preview shows it with its banner, the public site never does.
            _open(page, base + "#/collections/campaigns/new")
            page.get_by_label("Trích yếu của văn bản").fill("Phát động thi đua làm đường giao thông nông thôn năm 2027")
            _pick(page, "Loại văn bản", "Kế hoạch")
            page.get_by_label("Tên cơ quan ban hành").fill("UBND xã Nhân Lý")
            _pick(page, "Địa phương", "Nhân Lý", exact=False)
            page.get_by_label("Ngày kết thúc").fill("2027-12-31")
            page.get_by_label("Một, hai câu tóm tắt cho thẻ, tin và kết quả tìm kiếm").fill("Mỗi thôn làm một km đường.")
            page.get_by_label("Bản nháp (không công bố)").click()
            _publish(page)
            saved = next((work / "campaigns").glob("*-lam-duong-giao-thong-nong-thon-nam-2027.yml"))  # named by this year
            draft = preview + f"campaigns/{saved.stem}.html"
            _wait(draft)
            page.goto(draft)
            _save(page, "preview-draft-1280.png")

            # A file edited by hand with a date the form would have refused: the preview lists the problem.
            card = work / "campaigns" / "2024-huu-lung-78-nam-dang-bo.yml"
            card.write_text(card.read_text(encoding="utf-8").replace("end: 2024-11-03", "end: 03/11/2024", 1),
                            encoding="utf-8")
            time.sleep(6)
            page.goto(preview)
            _save(page, "preview-errors-1280.png")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
