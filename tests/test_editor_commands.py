"""`portal check` (warnings, JSON, GitHub annotations), `portal new`, `portal schema` and `portal serve`'s error page."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
import yaml

from builder.editor.json_schema import schemas
from builder.editor.templates import make_id
from builder.model.schema import (
    CampaignInput,
    CommentChannel,
    ExemplarInput,
    Nominee,
    NoticeInput,
)

from .conftest import REPO, VALID_CAMPAIGN, make_project, run_portal

ENDED_LONG_AGO = VALID_CAMPAIGN.replace("end: 2025-04", "end: 2023-01").replace("start: 2024-06", "start: 2022-06")


def test_check_prints_errors_with_position_and_warnings_that_do_not_fail(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"campaigns/cu.yml": ENDED_LONG_AGO + "summary: " + "x" * 320 + "\n"})
    result = run_portal(["check"], root)
    assert result.returncode == 1  # `summary` twice is an error
    root = make_project(tmp_path / "q", {"campaigns/cu.yml": ENDED_LONG_AGO.replace(
        "summary: Một kế hoạch mẫu để kiểm thử.", "summary: " + "dài " * 90)})
    result = run_portal(["check"], root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("campaigns/cu.yml:") and "cảnh báo: results: phong trào đã kết thúc" in line
               for line in lines), result.stdout
    assert any(line.startswith("campaigns/cu.yml:9:1: cảnh báo: summary: tóm tắt dài") for line in lines), result.stdout
    assert "chưa có nội dung văn bản" in result.stdout
    assert "cảnh báo;" in lines[-1] and "Nội dung hợp lệ" in lines[-1]


def test_check_json_and_github_formats(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"campaigns/hong.yml": VALID_CAMPAIGN.replace("kind: ke-hoach", "kind: kehoach")})
    result = run_portal(["check", "--format", "json"], root)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    [error] = data["errors"]
    assert (error["path"], error["line"], error["field"]) == ("campaigns/hong.yml", 2, "kind")
    assert error["text"].startswith("campaigns/hong.yml:2:1: kind:")
    gh = run_portal(["check", "--format", "github"], root)
    assert gh.returncode == 1
    assert gh.stdout.startswith("::error file=campaigns/hong.yml,line=2,col=1::campaigns/hong.yml:2:1: kind:")
    good = run_portal(["check", "--format", "json"], make_project(tmp_path / "q"))
    data = json.loads(good.stdout)
    assert good.returncode == 0 and data["ok"] and data["counts"]["campaigns"] == 1
    assert any(w["severity"] == "warning" for w in data["warnings"])


def test_check_reads_the_example_site() -> None:
    """The example content passes `check` (its time, about 0.5 s, is measured by hand, never in a test)."""
    result = run_portal(["check"], REPO, today=None)
    assert result.returncode == 0, result.stderr
    assert "5 phong trào" in result.stdout


@pytest.mark.parametrize(("title", "expected"), [
    ("Phát động phong trào thi đua “Đoàn kết, sáng tạo” năm 2025", "phat-dong-phong-trao-thi-dua-doan-ket-sang-tao-nam-2025"),
    ("Đại hội Thi đua yêu nước lần thứ XI", "dai-hoi-thi-dua-yeu-nuoc-lan-thu-xi"),
    ("Đợt thi đua cao điểm chào mừng kỷ niệm 78 năm Ngày thành lập Đảng bộ huyện Hữu Lũng (03/11/1946 - 03/11/2024)",
     "dot-thi-dua-cao-diem-chao-mung-ky-niem-78-nam-ngay-thanh-lap"),
])
def test_ids_from_titles(title: str, expected: str) -> None:
    assert make_id(title) == expected and len(expected) <= 60


def test_new_campaign_and_exemplar_from_templates(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    made = run_portal(["new", "campaign", "Phát động thi đua Đảng bộ xã Đông Tâm năm 2025"], root)
    assert made.returncode == 0, made.stderr
    card = root / "campaigns" / "phat-dong-thi-dua-dang-bo-xa-dong-tam-nam-2025.yml"
    text = card.read_text(encoding="utf-8")
    # Every field the schema knows is named in the template, explained in Vietnamese.
    for name in CampaignInput.model_fields:
        assert f"{name}:" in text, name
    assert card.with_suffix(".md").is_file()
    again = run_portal(["new", "campaign", "Phát động thi đua Đảng bộ xã Đông Tâm năm 2025"], root)
    assert again.returncode == 1 and "không ghi đè" in again.stderr
    assert card.read_text(encoding="utf-8") == text

    person = run_portal(["new", "exemplar", "Lường Thị Đào"], root)
    assert person.returncode == 0, person.stderr
    profile = root / "content" / "exemplars" / "luong-thi-dao.md"
    for name in ExemplarInput.model_fields:
        assert f"{name}:" in profile.read_text(encoding="utf-8"), name

    notice = run_portal(["new", "notice", "Lấy ý kiến đề nghị tặng Huân chương Lao động"], root)
    assert notice.returncode == 0, notice.stderr
    notice_text = (root / "campaigns/notices/lay-y-kien-de-nghi-tang-huan-chuong-lao-dong.yml").read_text(encoding="utf-8")
    for model in (NoticeInput, Nominee, CommentChannel):
        for name in model.model_fields:
            assert f"{name}:" in notice_text, name

    # New files are drafts: check and build still pass, with warnings saying what to fill in.
    check = run_portal(["check"], root)
    assert check.returncode == 0, check.stderr
    assert f"campaigns/{card.name}:" in check.stdout and "bản nháp" in check.stdout
    assert "content/exemplars/luong-thi-dao.md:" in check.stdout
    assert "campaigns/notices/lay-y-kien-de-nghi-tang-huan-chuong-lao-dong.yml:" in check.stdout

    bad = run_portal(["new", "campaign", "Tên", "--id", "Sai Mã"], root)
    assert bad.returncode == 2 and "không dùng được làm mã" in bad.stderr


def test_schema_is_written_current_and_accepts_the_example_content(tmp_path: Path) -> None:
    result = run_portal(["schema", "-o", str(tmp_path / "out")], REPO, today=None)
    assert result.returncode == 0, result.stderr
    for name, text in schemas().items():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == text
        assert (REPO / "schema" / name).read_text(encoding="utf-8") == text, \
            f"schema/{name} is stale: run `portal schema` and commit it"
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert "./schema/campaign.schema.json" in settings["yaml.schemas"]

    def as_editor_reads(node: object) -> object:  # YAML 1.2 as the editor's extension reads it
        if isinstance(node, dict):
            return {k: as_editor_reads(v) for k, v in node.items()}
        if isinstance(node, list):
            return [as_editor_reads(v) for v in node]
        return node.isoformat() if isinstance(node, dt.date) else node

    campaign = json.loads(schemas()["campaign.schema.json"])
    for path in sorted((REPO / "campaigns").glob("[!_]*.yml")):
        data = as_editor_reads(yaml.safe_load(path.read_text(encoding="utf-8")))
        jsonschema.validate(data, campaign)
    broken = as_editor_reads(yaml.safe_load((REPO / "campaigns" / "2024-huu-lung-78-nam-dang-bo.yml").read_text()))
    broken["kind"] = "ke hoach"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, campaign)
    notice = json.loads(schemas()["notice.schema.json"])
    for path in sorted((REPO / "campaigns" / "notices").glob("*.yml")):
        jsonschema.validate(as_editor_reads(yaml.safe_load(path.read_text(encoding="utf-8"))), notice)
    assert "./schema/notice.schema.json" in settings["yaml.schemas"]
    exemplar = json.loads(schemas()["exemplar.schema.json"])
    for path in sorted((REPO / "content" / "exemplars").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---")[1]
        jsonschema.validate(as_editor_reads(yaml.safe_load(front)), exemplar)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(url: str, want: str, seconds: float) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    status, body = 0, ""
    while time.monotonic() < deadline:
        status, body = _get(url)
        if want in body:
            return status, body
        time.sleep(0.5)
    return status, body


@contextlib.contextmanager
def _preview(root: Path) -> Iterator[tuple[str, subprocess.Popen[str], list[str]]]:
    """`portal serve` in `root` on a free port: its base URL, the process, and (once stopped) its output."""
    port = _free_port()
    env = {**os.environ, "PORTAL_TODAY": "2024-08-01"}
    server = subprocess.Popen([sys.executable, "-m", "builder", "serve", "-a", f"127.0.0.1:{port}"], cwd=root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output: list[str] = []
    try:
        yield f"http://127.0.0.1:{port}/thi-dua/", server, output
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output.append(server.communicate(timeout=30)[0])


def test_serve_shows_content_errors_on_the_page_and_recovers(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    card = root / "campaigns" / "mau.yml"
    card.write_text(VALID_CAMPAIGN.replace("kind: ke-hoach", "kind: kehoach"), encoding="utf-8")
    with _preview(root) as (base, server, output):
        status, body = _wait_for(base, "campaigns/mau.yml", 90)
        assert "campaigns/mau.yml:2:1" in body and "kind" in body, (status, body[:500])
        status, body = _get(base + "campaigns/mau.html")  # any address the editor had open
        assert status == 404 and "campaigns/mau.yml:2:1" in body
        card.write_text(VALID_CAMPAIGN, encoding="utf-8")  # fixed and saved: the preview comes back
        status, body = _wait_for(base + "campaigns/mau.html", "Kế hoạch mẫu", 90)
        assert status == 200 and "portal-content-errors" not in body
        assert server.poll() is None, "the preview must keep running through content errors"
    assert "campaigns/mau.yml:2:1: kind:" in output[0] and "Traceback" not in output[0]


def test_serve_renders_only_changed_pages_and_an_error_hides_every_old_page(tmp_path: Path) -> None:
    """After the first build the preview re-renders only what changed; a mistake must still show
    the report at every address, not the pages of the last good build."""
    root = make_project(tmp_path / "p")
    card, body = root / "campaigns" / "mau.yml", root / "campaigns" / "mau.md"
    other = root / "campaigns" / "mau-hai.yml"
    other.write_text(VALID_CAMPAIGN.replace("Kế hoạch mẫu", "Kế hoạch thứ hai"), encoding="utf-8")
    (root / "campaigns" / "nhap.yml").write_text("title: Bản nháp\ndraft: true\n", encoding="utf-8")  # warnings
    (root / "campaigns" / "nhap-du.yml").write_text(VALID_CAMPAIGN.replace("Kế hoạch mẫu", "Kế hoạch còn nháp")
                                                    + "draft: true\n", encoding="utf-8")
    with _preview(root) as (base, _, output):
        page = base + "campaigns/mau.html"
        status, _ = _wait_for(page, "Kế hoạch mẫu", 90)
        assert status == 200
        # A draft that validates has its page in the preview, marked, and is nowhere else.
        status, html = _wait_for(base + "campaigns/nhap-du.html", "Kế hoạch còn nháp", 10)
        assert status == 200 and "portal-draft-banner" in html and "Bản nháp" in html
        assert "Kế hoạch còn nháp" not in _get(base + "campaigns/index.html")[1]
        assert "Kế hoạch còn nháp" not in _get(base + "index.html")[1]
        status, _ = _wait_for(base + "campaigns/mau-hai.html", "Kế hoạch thứ hai", 10)
        assert status == 200
        other.unlink()  # a deleted campaign's page must not stay reachable in the preview
        status, html = _wait_for(base + "campaigns/mau-hai.html", "<h1>Không tìm thấy trang</h1>", 60)
        assert status == 404, (status, html[:300])
        _, entry = _get(base + "pagefind/pagefind-entry.json")
        body.write_text("Đoạn văn mới trong thân bài.\n", encoding="utf-8")
        status, html = _wait_for(page, "Đoạn văn mới trong thân bài.", 60)
        assert status == 200, html[:300]
        # The index of an edit is built after its pages are shown, and then replaces the old one.
        deadline = time.monotonic() + 60
        while _get(base + "pagefind/pagefind-entry.json")[1] in (entry, "") and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _get(base + "pagefind/pagefind-entry.json")[1] not in (entry, ""), "the edit never reached the index"
        card.write_text(VALID_CAMPAIGN.replace("kind: ke-hoach", "kind: kehoach"), encoding="utf-8")
        status, html = _wait_for(page, "campaigns/mau.yml:2:1", 60)
        assert status == 404 and "Đoạn văn mới" not in html
        card.write_text(VALID_CAMPAIGN.replace("Kế hoạch mẫu", "Kế hoạch đã sửa"), encoding="utf-8")
        status, html = _wait_for(page, "Kế hoạch đã sửa", 60)
        assert status == 200 and "Đoạn văn mới trong thân bài." in html
    assert re.search(r"Giữ \d+ trang không đổi từ lần tạo trước; tạo lại \d+ trang", output[0]), output[0][-2000:]
    assert "Traceback" not in output[0]
    # Advice is printed once, not again after every save.
    advice = [line for line in output[0].splitlines() if "cảnh báo:" in line or "Không công bố" in line]
    assert any("campaigns/nhap.yml" in line for line in advice), output[0][:3000]
    assert len(advice) == len(set(advice)), [line for line in advice if advice.count(line) > 1]
    assert "như lần trước, không in lại" in output[0]
    # SIGTERM ends the preview like Ctrl+C: MkDocs shuts down in order, so a running index is stopped too.
    assert "Shutting down" in output[0], output[0][-1000:]


def test_registry_entries_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`portal new theme|movement|locality` appends an entry that `portal check` accepts, never a duplicate."""
    from builder.editor.commands import new_registry_entry

    root = make_project(tmp_path / "p", with_sample=False)
    assert run_portal(["new", "theme", "Văn hóa cơ sở"], root).returncode == 0  # the command, end to end
    assert new_registry_entry(root, "campaigns", "locality", "Mỹ An", None, "xa", "lang-son") == 0
    assert new_registry_entry(root, "campaigns", "theme", "Văn hóa cơ sở", None, None, None) == 1  # taken
    assert new_registry_entry(root, "campaigns", "locality", "Mỹ An", None, "xa", "khong-co") == 2  # no such parent
    said = capsys.readouterr().err
    assert "đã có mã 'van-hoa-co-so'" in said and "chưa có địa phương mã 'khong-co'" in said
    themes = yaml.safe_load((root / "campaigns" / "_themes.yml").read_text(encoding="utf-8"))
    localities = yaml.safe_load((root / "campaigns" / "_localities.yml").read_text(encoding="utf-8"))
    assert {"id": "van-hoa-co-so", "name": "Văn hóa cơ sở"} in themes
    assert {"id": "lang-son/my-an", "name": "Mỹ An", "level": "xa"} in localities
    assert run_portal(["check"], root).returncode == 0
