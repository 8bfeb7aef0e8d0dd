"""The form editor (`portal edit`): its configuration follows the models, and a person who has never
seen YAML creates a campaign and an exemplar with a photo in Chromium, and the files pass `portal check`.

The Decap CMS it serves is the pinned npm release `make` installs (editor/cms_install.py);
Chromium is Debian's (the suite's shared `browser`), and the browser test fails, not skips, without it.
"""

from __future__ import annotations

import datetime as dt
import io
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image
from playwright.sync_api import Browser
from pydantic import BaseModel

from builder.catalog.load import load_catalog
from builder.editor.cms_config import _inner, cms_config, registry_options
from builder.editor.cms_server import EditorFiles, answer
from builder.model.schema import (
    CampaignInput,
    ExemplarInput,
    LocalityInput,
    MovementInput,
    NoticeInput,
    ThemeInput,
)
from builder.run.portal import build_portal
from tests.conftest import REPO, make_project, run_portal


def _paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field of `model`, nested groups included, as dotted paths."""
    out = set()
    for name, info in model.model_fields.items():
        out.add(prefix + name)
        inner, _ = _inner(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out |= _paths(inner, f"{prefix}{name}.")
    return out


def _form_paths(fields: list[dict[str, Any]], prefix: str = "") -> set[str]:
    out = set()
    for field in fields:
        out.add(prefix + field["name"])
        out |= _form_paths(field.get("fields", []), f"{prefix}{field['name']}.")
    return out


def test_every_field_of_the_models_is_in_the_form() -> None:
    """A field added to the schema appears in the form; this fails when they drift."""
    config = cms_config(registry_options(REPO, "campaigns", "content"))
    forms = {c["name"]: c["fields"] for c in config["collections"] if "fields" in c}
    forms |= {f["name"]: f["fields"][1]["fields"] for c in config["collections"] for f in c.get("files", [])}
    assert _form_paths(forms["campaigns"]) == _paths(CampaignInput)
    assert _form_paths(forms["themes"]) == _paths(ThemeInput) and _form_paths(forms["movements"]) == _paths(MovementInput)
    assert _form_paths(forms["localities"]) == _paths(LocalityInput)
    assert _form_paths(forms["exemplars"]) - {"body"} == _paths(ExemplarInput)
    assert _form_paths(forms["notices"]) == _paths(NoticeInput)
    themes = next(f for f in forms["campaigns"] if f["name"] == "themes")
    names = {d["id"]: d["name"] for d in yaml.safe_load((REPO / "campaigns" / "_themes.yml").read_text(encoding="utf-8"))}
    assert {o["value"] for o in themes["options"]} == set(names) and themes["multiple"]
    issued = next(f for f in forms["campaigns"] if f["name"] == "issued")
    assert issued["pattern"][0] == "^(?:\\d{4}(-\\d{2}(-\\d{2})?|-Q[1-4])?)?$"  # optional: also empty


def test_the_editor_touches_only_the_content_folders_and_strips_photos(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", with_sample=False)
    files = EditorFiles(root, ("campaigns", "content"))
    (root / "campaigns" / "mau.yml").write_text("title: Kế hoạch mẫu\n", encoding="utf-8")
    listed = [e["file"]["path"] for e in answer(files, "entriesByFolder", {"folder": "campaigns", "extension": "yml"})]
    assert listed == ["campaigns/mau.yml"]  # not the registries beside it, which have their own forms
    for bad in ("mkdocs.yml", "../ngoai.yml", "campaigns/../theme/main.html", "/etc/passwd"):
        with pytest.raises(PermissionError):
            answer(files, "persistEntry", {"entry": {"path": bad, "raw": "x"}, "assets": []})
    photo = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "Điện thoại"  # Make; a real phone adds GPS
    raw = io.BytesIO()
    photo.save(raw, "JPEG", exif=exif)
    import base64
    answer(files, "persistMedia", {"asset": {"path": "content/exemplars/photos/a.jpg", "encoding": "base64",
                                             "content": base64.b64encode(raw.getvalue()).decode()}})
    with Image.open(root / "content/exemplars/photos/a.jpg") as saved:
        assert not saved.getexif() and saved.size == (40, 30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = make_project(tmp_path / "p")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "builder", "edit", "--no-preview", "--port", str(port)],
                               cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/admin/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base, timeout=2).read()  # noqa: S310 (the local editor)
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield root, base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _pick(page: Any, label: str, text: str, exact: bool = True, last: bool = False) -> None:
    """A select list (react-select): type what the option says, take the first match; in a list's `last` item,
    the option of exactly that text."""
    box = page.get_by_label(label, exact=exact)
    box = box.last if last else box
    box.click()
    box.fill(text)
    if last:  # the choice whose whole text it is ("xã", not "thị xã")
        page.get_by_role("option", name=text, exact=True).click()
        return
    page.wait_for_timeout(200)
    box.press("Enter")


def test_a_campaign_a_result_and_an_exemplar_with_a_photo_made_in_the_form_pass_check_and_show(
        editor: tuple[Path, str], tmp_path: Path, browser: Browser) -> None:
    root, base = editor
    Image.new("RGB", (800, 600), (120, 160, 90)).save(tmp_path / "anh-ong-thu.jpg", quality=85)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base)
        page.get_by_role("button", name="Đăng nhập").click()

        # A result: a campaign summed up, in the card's "Kết quả tổng kết" group.
        page.goto(base + "#/collections/campaigns/entries/mau")
        page.get_by_label("Ngày công bố kết quả / báo cáo tổng kết (không bắt buộc)").fill("2025-05")
        page.get_by_role("button", name="Thêm khen thưởng đã trao").click()
        page.get_by_label("Hình thức khen thưởng đã trao").fill("Giấy khen của Chủ tịch UBND huyện")
        page.get_by_label("Số tập thể được khen (không bắt buộc)").fill("3")
        page.get_by_role("button", name="Công bố").click()
        page.get_by_text("Công bố ngay").click()
        page.get_by_role("button", name="Đã công bố").wait_for()  # saved: the button says so
        # The card's page in the live preview, one click away.
        live = page.get_by_role("link", name="Xem bản hoàn chỉnh").get_attribute("href")
        assert live == "http://127.0.0.1:8000/thi-dua/campaigns/mau.html", live

        page.goto(base + "#/collections/campaigns/new")
        page.get_by_label("Trích yếu của văn bản").fill("Phát động thi đua làm đường giao thông nông thôn năm 2026")
        _pick(page, "Loại văn bản", "Kế hoạch")
        page.get_by_label("Tên cơ quan ban hành").fill("UBND xã Nhân Lý")
        _pick(page, "Địa phương", "Nhân Lý")
        page.get_by_label("Ngày kết thúc").fill("2026-12-31")
        page.get_by_label("Một, hai câu tóm tắt cho thẻ, tin và kết quả tìm kiếm").fill("Mỗi thôn làm một km đường.")
        page.get_by_role("button", name="Công bố").click()
        page.get_by_text("Công bố ngay").click()
        page.wait_for_url("**/entries/**")

        # A full text: a new entry of "Toàn văn" for a campaign that has none yet.
        page.goto(base + "#/collections/texts/new")
        _pick(page, "Phong trào (không bắt buộc)", "mau", exact=False)
        page.locator("[contenteditable=true]").last.click()
        page.keyboard.type("Mỗi thôn đăng ký một công trình đường bê tông.")
        page.get_by_role("button", name="Công bố").click()
        page.get_by_text("Công bố ngay").click()
        page.get_by_role("button", name="Đã công bố").wait_for()

        page.goto(base + "#/collections/exemplars/new")
        page.get_by_label("Họ tên cá nhân hoặc tên tập thể").fill("Lò Văn Thử")
        _pick(page, "Cá nhân hay tập thể", "Cá nhân")
        _pick(page, "Địa phương", "Nhân Lý")
        page.get_by_label("Ngày, tháng hoặc năm được tuyên dương").fill("2024-05")
        page.get_by_label("Một câu giới thiệu cho thẻ và kết quả tìm kiếm").fill("Hiến 300 m² đất làm đường thôn.")
        page.get_by_role("button", name="Chọn một hình").click()
        page.locator("input[type=file]").set_input_files(str(tmp_path / "anh-ong-thu.jpg"))
        page.get_by_role("button", name="Lấy những cái đã chọn").click()
        page.get_by_label("Mô tả ảnh").fill("Ông Lò Văn Thử bên con đường mới đổ bê tông.")
        page.get_by_label("Đã đồng ý công bố").click()
        page.locator("[contenteditable=true]").last.click()
        page.keyboard.type("Ông Thử vận động cả thôn cùng làm đường.")
        page.get_by_role("button", name="Công bố").click()
        page.get_by_text("Công bố ngay").click()
        page.wait_for_url("**/entries/**")
        # A registry entry: a commune added in "Danh mục"; the next form's select lists offer it. Reached
        # through the list, as a person does (Decap keeps the last entry's name when only the address changes).
        page.goto(base + "#/collections/registries")
        page.get_by_text("Địa phương (tỉnh, xã, phường)").click()
        page.get_by_role("button", name="Thêm địa phương").click()
        page.get_by_label("Mã địa phương", exact=True).last.fill("lang-son/chi-lang/quan-son")
        page.get_by_label("Tên không kèm cấp", exact=True).last.fill("Quan Sơn")
        _pick(page, "Cấp", "xã", last=True)
        page.get_by_role("button", name="Công bố").click()
        page.get_by_text("Công bố ngay").click()
        page.get_by_role("button", name="Đã công bố").wait_for()

        # On a phone the form fits the width, and the publish button is on screen.
        page.set_viewport_size({"width": 360, "height": 740})
        page.wait_for_function("document.documentElement.scrollWidth <= 360")
        button = page.get_by_role("button", name="Đã công bố").bounding_box()
        assert button is not None and button["x"] + button["width"] <= 360
    finally:
        context.close()
    assert not errors, errors

    card = root / "campaigns" / "2026-phat-dong-thi-dua-lam-duong-giao-thong-nong-thon-nam-2026.yml"
    data = yaml.safe_load(card.read_text(encoding="utf-8"))
    assert data["issuer"] == {"name": "UBND xã Nhân Lý", "locality": "lang-son/chi-lang/nhan-ly"}
    localities = (root / "campaigns" / "_localities.yml").read_text(encoding="utf-8")
    assert localities.startswith((REPO / "campaigns" / "_localities.yml").read_text(encoding="utf-8").split("\n- ")[0])
    assert yaml.safe_load(localities) == [*yaml.safe_load((REPO / "campaigns" / "_localities.yml").read_text(
        encoding="utf-8")), {"id": "lang-son/chi-lang/quan-son", "name": "Quan Sơn", "level": "xa"}]
    assert ("lang-son/chi-lang/quan-son", "Quan Sơn (lang-son/chi-lang/quan-son)") in \
        registry_options(root, "campaigns", "content")["localities"]
    assert str(data["period"]["end"]) == "2026-12-31" and "results" not in data
    assert (root / "campaigns" / "mau.md").read_text(encoding="utf-8").strip() == "Mỗi thôn đăng ký một công trình đường bê tông."
    profile = (root / "content" / "exemplars" / "lo-van-thu.md").read_text(encoding="utf-8")
    assert "photo: photos/anh-ong-thu.jpg" in profile and profile.rstrip().endswith("cùng làm đường.")
    assert (root / "content" / "exemplars" / "photos" / "anh-ong-thu.jpg").is_file()
    build_portal(root, dt.date(2026, 3, 1))  # what `portal check` runs: raises on any problem
    build = run_portal(["build"], root, today="2026-03-01")
    assert build.returncode == 0, build.stderr
    page_html = (root / "site" / "campaigns" / (card.stem + ".html")).read_text(encoding="utf-8")
    assert "Phát động thi đua làm đường giao thông nông thôn năm 2026" in page_html
    assert "Mỗi thôn đăng ký một công trình đường bê tông." in (root / "site" / "campaigns" / "mau.html").read_text(
        encoding="utf-8")
    assert "Lò Văn Thử" in (root / "site" / "exemplars" / "lo-van-thu.html").read_text(encoding="utf-8")
    results = yaml.safe_load((root / "campaigns" / "mau.yml").read_text(encoding="utf-8"))["results"]
    assert str(results["published"]) == "2025-05" and results["awards"][0]["form"] == "Giấy khen của Chủ tịch UBND huyện"
    assert "Giấy khen của Chủ tịch UBND huyện" in (root / "site" / "campaigns" / "mau.html").read_text(encoding="utf-8")


def test_a_photo_that_still_holds_its_gps_position_is_named_and_strip_photos_cleans_it(tmp_path: Path) -> None:
    from tests.test_exemplars import EXEMPLAR

    profile = EXEMPLAR.replace("consent: true\n", "consent: true\nphoto: photos/thu.jpg\nphoto_alt: Ông Thử bên cổng thôn.\n")
    root = make_project(tmp_path / "p", {"content/exemplars/nguyen-van-thu.md": profile})
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 50.0, 0.0)}  # GPS latitude, as a phone writes it
    (root / "content/exemplars/photos").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (640, 480), (90, 120, 60)).save(root / "content/exemplars/photos/thu.jpg", exif=exif)
    def warnings() -> str:  # what `portal check` prints as warnings, made in-process
        return "\n".join(w.format() for w in load_catalog(root, dt.date(2026, 3, 1)).warnings)

    assert "content/exemplars/photos/thu.jpg" in warnings() and "GPS" in warnings()
    stripped = run_portal(["strip-photos"], root)
    assert stripped.returncode == 0 and "thu.jpg" in stripped.stdout, stripped.stderr
    with Image.open(root / "content/exemplars/photos/thu.jpg") as photo:
        assert not photo.getexif() and photo.size == (640, 480)
    assert "GPS" not in warnings()
    # A profile without consent warns about the repository; kept in the private folder, it is not read at all.
    unconsented = profile.replace("consent: true\n", "")
    (root / "content/exemplars/chua-dong-y.md").write_text(unconsented, encoding="utf-8")
    assert "chưa đồng ý công bố: cổng không tạo trang" in warnings()
    (root / "content/exemplars/.chua-dong-y").mkdir()
    (root / "content/exemplars/chua-dong-y.md").rename(root / "content/exemplars/.chua-dong-y/an-danh.md")
    assert "an-danh" not in warnings() and "chưa đồng ý" not in warnings()
    assert "content/exemplars/.chua-dong-y/" in (REPO / ".gitignore").read_text(encoding="utf-8")
