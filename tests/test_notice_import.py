"""`portal import` of nominee notices, on fixtures written for this test that reproduce the layouts
offices publish (a print page with numbered lines, a portal item with its toolbar and one recipient
in a sentence, a newspaper item whose list is an image, a department's split heading without its
list, a ministry page with "Ông …, position, unit" lines). Names, places and numbers are made up."""

from __future__ import annotations

from pathlib import Path

import yaml

from builder.editor.notice_import import import_notice

from .conftest import REPO, make_project, run_portal

PRINT_PAGE = """\
Lấy ý kiến nhân dân về các đề nghị khen thưởng cấp Nhà nước của tỉnh

Theo khoản 10 Điều 45 Nghị định số 91/2017/NĐ-CP, hồ sơ Huân chương phải được đưa ra lấy ý kiến trước khi trình.

Danh sách đề nghị gồm:

1. Huân chương Lao động hạng Ba cho Hợp tác xã Nông nghiệp Đồng Mỏ - thị trấn Đồng Mỏ, huyện Chi Lăng có thành tích xuất sắc trong sản xuất.

2. Huân chương Lao động hạng Nhì choTrường Tiểu học Nhân Lý, huyện Chi Lăng.

Ủy ban nhân dân tỉnh Lạng Sơn trân trọng thông báo; thời gian nhận góp ý từ ngày 07/10/2024-11/10/2024.

Góp ý xin gửi về Sở Nội vụ tỉnh Lạng Sơn, địa chỉ: số 2, đường Hùng Vương, thành phố Lạng Sơn./.
"""

PORTAL_ITEM = """\
Thông báo

Xin ý kiến nhân dân trước khi trình khen thưởng Huân chương

20/09/2024 08:42 SA

Cỡ chữ In trang Gửi bạn bè

Cổng TTĐT - Theo Khoản 2, Điều 46 Nghị định số 98/2023/NĐ-CP, danh sách đề nghị "Chiến sĩ thi đua toàn quốc" và Huân chương phải được công khai.

Thường trực Hội đồng Thi đua - Khen thưởng huyện Hữu Lũng lấy ý kiến về việc đề nghị tặng Huân Chương Lao động hạng Ba cho tập thể cán bộ, người dân xã Yên Vượng có thành tích nổi bật về xây dựng nông thôn mới.

Mọi góp ý chuyển tới, gửi về Phòng Nội vụ huyện trước ngày 01/10/2024.

Bình luận (0)
"""

NEWSPAPER = """\
Thời sự

Lạng Sơn công khai danh sách 5 đơn vị, người được đề nghị để lấy ý kiến nhân dân

BLS 14/03/2024 - 07:40

Ban Thi đua - Khen thưởng tỉnh Lạng Sơn nhận được 5 bộ hồ sơ trình Chủ tịch nước.

Theo khoản 2 Điều 46 Nghị định số 98/2023/NĐ-CP, danh sách được đăng dưới đây để người dân góp ý.

danh-sach.jpg

Góp ý gửi về Ban Thi đua - Khen thưởng tỉnh (Địa chỉ: số 1, đường Lê Lợi, thành phố Lạng Sơn) trong 10 ngày làm việc tính từ hôm nay.
"""

DEPARTMENT = """\
Sở Nội vụ tỉnh Lạng Sơn thông báo:

V/v lấy ý kiến nhân dân về những người được đề nghị Huân chương Lao động các hạng

09:15, 10/09/2024 [GMT+7]
.
Căn cứ Khoản 2 Điều 46 Nghị định số 98/2023/NĐ-CP của Chính phủ.

Người dân có ý kiến xin gửi về Phòng Thi đua – Khen thưởng (địa chỉ: Số 1, đường Lê Lợi, TP. Lạng Sơn) trước ngày 23/9/2024; sau hạn này coi như đồng ý.
"""

MINISTRY = """\
BỘ NỘI VỤ

Cỡ chữ A- A+
Chế độ tương phản

Hai cá nhân được đề nghị danh hiệu “Chiến sĩ thi đua toàn quốc" - mời Nhân dân cho ý kiến, lấy ý kiến đến hết thời hạn

04/08/2025 15:20

Thực hiện khoản 2 Điều 44 Nghị định số 152/2025/NĐ-CP, Ban Thi đua - Khen thưởng Trung ương thông báo danh sách đề nghị danh hiệu “Chiến sĩ thi đua toàn quốc” như sau:

1. Ông Hoàng Văn Nam, Phó Giám đốc Sở Nông nghiệp và Môi trường, tỉnh Lạng Sơn.

2. Bà Lý Thị Hoa, Hiệu trưởng Trường Tiểu học Vân Nham, tỉnh Lạng Sơn.

Thời hạn góp ý là 10 ngày làm việc. Ý kiến gửi về Vụ Thi đua (địa chỉ: số 1 phố Mẫu, Hà Nội) để tổng hợp, email: tdkt@example.gov.vn.
"""


def _read(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "thong-bao.txt"
    path.write_text(text, encoding="utf-8")
    return import_notice(path, REPO / "campaigns")


def test_a_print_page_with_numbered_nominees(tmp_path: Path) -> None:
    notice = _read(tmp_path, PRINT_PAGE)
    f = notice.fields
    assert f["title"] == "Lấy ý kiến nhân dân về các đề nghị khen thưởng cấp Nhà nước của tỉnh"
    assert f["issuer"] == {"name": "UBND tỉnh Lạng Sơn", "locality": "lang-son"}  # found in the registry
    assert f["basis"] == "khoản 10 Điều 45 Nghị định số 91/2017/NĐ-CP"
    assert f["award"] == "Huân chương Lao động hạng Ba; Huân chương Lao động hạng Nhì"
    assert f["until"] == "2024-10-11" and "opened" not in f and "opened" in notice.missing  # never invented
    assert [(n["kind"], n["name"]) for n in f["nominees"]] == [
        ("tap-the", "Hợp tác xã Nông nghiệp Đồng Mỏ"), ("tap-the", "Trường Tiểu học Nhân Lý")]
    assert f["nominees"][0]["achievements"] == "có thành tích xuất sắc trong sản xuất"
    assert f["comment"] == {"office": "Sở Nội vụ tỉnh Lạng Sơn", "address": "số 2, đường Hùng Vương, thành phố Lạng Sơn"}


def test_a_portal_item_with_one_recipient_in_a_sentence(tmp_path: Path) -> None:
    notice = _read(tmp_path, PORTAL_ITEM)
    f = notice.fields
    assert f["title"] == "Xin ý kiến nhân dân trước khi trình khen thưởng Huân chương"
    assert f["issuer"]["name"] == "Thường trực Hội đồng Thi đua - Khen thưởng huyện Hữu Lũng"
    assert f["issuer"]["locality"] == "lang-son/huu-lung"
    assert f["award"] == "Huân Chương Lao động hạng Ba"  # not the rule's quoted "Chiến sĩ thi đua toàn quốc"
    assert f["opened"] == "2024-09-20" and any(n.startswith("opened:") for n in notice.notes)
    assert f["until"] == "2024-09-30"  # "trước ngày 01/10/2024": the day before, said in the report
    assert f["nominees"] == [{"kind": "tap-the", "name": "tập thể cán bộ, người dân xã Yên Vượng",
                              "achievements": "có thành tích nổi bật về xây dựng nông thôn mới"}]


def test_a_newspaper_item_whose_list_is_an_image(tmp_path: Path) -> None:
    notice = _read(tmp_path, NEWSPAPER)
    f = notice.fields
    assert f["issuer"]["name"] == "Ban Thi đua - Khen thưởng tỉnh Lạng Sơn"
    assert (f["opened"], f["working_days"]) == ("2024-03-14", "10")
    assert f["nominees"] == [] and "nominees" in notice.missing
    assert any("danh-sach.jpg" in n and "phải là chữ" in n for n in notice.notes)
    assert f["comment"] == {"office": "Ban Thi đua - Khen thưởng tỉnh", "address": "số 1, đường Lê Lợi, thành phố Lạng Sơn"}


def test_a_department_notice_without_its_list(tmp_path: Path) -> None:
    notice = _read(tmp_path, DEPARTMENT)
    f = notice.fields
    assert f["title"].startswith("V/v lấy ý kiến nhân dân về những người được đề nghị")
    assert f["issuer"] == {"name": "Sở Nội vụ tỉnh Lạng Sơn", "locality": "lang-son"}  # the heading above the title
    assert f["award"] == "Huân chương Lao động các hạng"
    assert (f["opened"], f["until"]) == ("2024-09-10", "2024-09-22")
    assert f["nominees"] == [] and any("không tìm thấy danh sách" in n for n in notice.notes)


def test_a_ministry_page_with_individuals(tmp_path: Path) -> None:
    notice = _read(tmp_path, MINISTRY)
    f = notice.fields
    assert f["issuer"]["name"] == "Ban Thi đua - Khen thưởng Trung ương"
    assert f["basis"] == "khoản 2 Điều 44 Nghị định số 152/2025/NĐ-CP"
    assert f["award"] == "danh hiệu “Chiến sĩ thi đua toàn quốc\""  # as written; the quotes differ in the source
    assert f["nominees"] == [
        {"kind": "ca-nhan", "name": "Hoàng Văn Nam", "position": "Phó Giám đốc Sở Nông nghiệp và Môi trường",
         "unit": "tỉnh Lạng Sơn"},
        {"kind": "ca-nhan", "name": "Lý Thị Hoa", "position": "Hiệu trưởng Trường Tiểu học Vân Nham",
         "unit": "tỉnh Lạng Sơn"}]
    assert f["comment"]["address"] == "số 1 phố Mẫu, Hà Nội" and f["comment"]["email"] == "tdkt@example.gov.vn"


def test_a_plan_is_not_taken_for_a_notice(tmp_path: Path) -> None:
    for plan in sorted((REPO / "tests/fixtures/plans").glob("*.txt")) + sorted((REPO / "tests/fixtures/seeds").glob("*.txt")):
        assert import_notice(plan, REPO / "campaigns") is None, plan.name


def test_portal_import_writes_a_draft_notice_that_checks(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"thong-bao.txt": MINISTRY})
    done = run_portal(["import", "thong-bao.txt"], cwd=root, today="2025-08-01")
    assert done.returncode == 0, done.stderr
    assert "Đã nhận ra một thông báo lấy ý kiến nhân dân" in done.stdout
    [card] = (root / "campaigns/notices").glob("*.yml")
    data = yaml.safe_load(card.read_text(encoding="utf-8"))
    assert data["draft"] is True and len(data["nominees"]) == 2
    checked = run_portal(["check"], cwd=root, today="2025-08-01", check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr  # a draft's gaps are warnings
    assert "issuer.locality" in checked.stdout + checked.stderr
