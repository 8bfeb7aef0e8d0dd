"""`portal import` on what is not a new campaign, and on what the registries lack.

An award decision sums a campaign up: it becomes a `results:` block to paste, with the names
honoured for review. A letter or a decision issuing rules is named and refused. A commune or a
movement missing from the registries comes with its entry ready, and `--add-registry` adds it
so that `portal check` accepts the draft as it is.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from builder.editor.award_import import is_award_decision, read_award_decision
from builder.editor.header_reader import read_header
from tests.conftest import make_project, run_portal
from tests.test_import_formats import PLAN

DECISION = """\
CHỦ TỊCH ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH LẠNG SƠN | Độc lập - Tự do - Hạnh phúc |
Số: 2210/QĐ-UBND | Lạng Sơn, ngày 05 tháng 12 năm 2025 |
QUYẾT ĐỊNH
Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN
Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 310/TTr-SNV ngày 28/11/2025,
QUYẾT ĐỊNH:
Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 2 tập thể và 1 cá nhân đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm 2025:
1. Hội Nông dân xã Nhân Lý;
2. Trường Tiểu học Trấn Ninh;
3. Bà Hoàng Thị Mai, Chủ tịch Hội Liên hiệp Phụ nữ xã Nhân Lý.
Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT, NV.
"""


def test_an_award_decision_becomes_a_results_block_with_the_names_to_review() -> None:
    lines = DECISION.split("\n")
    header = read_header(lines)
    assert is_award_decision(header)
    decision = read_award_decision(lines, header)
    results = yaml.safe_load(decision.block())["results"]
    assert results == {"published": "2025-12-05", "awards": [
        {"form": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "collectives": 2, "individuals": 1}]}
    assert decision.collectives == ["Hội Nông dân xã Nhân Lý", "Trường Tiểu học Trấn Ninh"]
    assert decision.individuals == ["Bà Hoàng Thị Mai, Chủ tịch Hội Liên hiệp Phụ nữ xã Nhân Lý"]
    assert "Như Điều 2" not in decision.report()  # the recipients are not honoured


def test_import_commands_for_other_genres_write_no_campaign(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", with_sample=False)
    (root / "qd.txt").write_text(DECISION, encoding="utf-8")
    letter = PLAN.replace("KẾ HOẠCH\nPhát động phong trào thi đua “Hòa Phong xanh” năm 2026",
                          "V/v báo cáo kết quả phong trào thi đua năm 2026\nKính gửi: Các thôn.")
    (root / "cv.txt").write_text(letter, encoding="utf-8")
    before = sorted(p.name for p in (root / "campaigns").iterdir())
    award = run_portal(["import", "qd.txt"], root)
    assert award.returncode == 0 and "results:" in award.stdout
    assert "ngày 05/12/2025" in award.stdout
    refused = run_portal(["import", "cv.txt"], root)
    assert refused.returncode == 1 and "đây là Công văn số 31/KH-UBND" in refused.stderr
    assert sorted(p.name for p in (root / "campaigns").iterdir()) == before


def test_a_commune_missing_from_the_registry_is_added_as_a_draft_entry_that_check_accepts(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", with_sample=False)
    plan = PLAN.replace("HÒA PHONG", "MỸ AN").replace("Hòa Phong", "Mỹ An").replace("Quảng Ngãi", "Đồng Tháp")
    (root / "plan.txt").write_text(plan, encoding="utf-8")
    shown = run_portal(["import", "plan.txt", "--id", "xem-truoc"], root)
    assert "Chưa có trong _localities.yml" in shown.stdout and "id: dong-thap/my-an" in shown.stdout
    assert "my-an" not in (root / "campaigns" / "_localities.yml").read_text(encoding="utf-8")

    added = run_portal(["import", "plan.txt", "--id", "my-an-xanh", "--add-registry"], root)
    assert added.returncode == 0, added.stderr
    localities = yaml.safe_load((root / "campaigns" / "_localities.yml").read_text(encoding="utf-8"))
    assert {"id": "dong-thap/my-an", "name": "Mỹ An", "level": "xa"} in localities
    movements = yaml.safe_load((root / "campaigns" / "_movements.yml").read_text(encoding="utf-8"))
    assert any(m["name"] == "Mỹ An xanh" for m in movements)
    card = yaml.safe_load((root / "campaigns" / "my-an-xanh.yml").read_text(encoding="utf-8"))
    assert card["issuer"]["locality"] == "dong-thap/my-an"
    (root / "campaigns" / "xem-truoc.yml").unlink()
    (root / "campaigns" / "xem-truoc.md").unlink()
    check = run_portal(["check"], root)
    assert check.returncode == 0, check.stderr


def test_a_heading_broken_over_lines_is_one_heading() -> None:
    from builder.editor.plan_markdown import body_markdown

    body = body_markdown(["I. MỤC ĐÍCH,", "YÊU CẦU", "1. Mục đích", "- Khơi dậy tinh thần thi đua.", "",
                          "II. NỘI DUNG VÀ", "CHỈ TIÊU THI ĐUA", "1. Mỗi thôn một công trình."])
    assert "## I. MỤC ĐÍCH, YÊU CẦU" in body and "## II. NỘI DUNG VÀ CHỈ TIÊU THI ĐUA" in body
    assert "### 1. Mục đích" in body
