"""`portal new`: a campaign card or an exemplar profile with every field explained.

A blank file is where editors make most mistakes (a field name misspelt, a date in
the wrong order), so the template names every field the schema knows, in Vietnamese,
with the value commented out. New files start as `draft: true`: `portal check`
lists what is still missing, and the build ignores them until the editor removes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.core.text import slugify

ID_MAX = 60  # characters: long enough to tell campaigns apart, short enough for an address


def make_id(title: str) -> str:
    """The id an editor would pick: the title without tones, `đ` → `d`, cut at a word, ≤ ID_MAX."""
    slug = slugify(title)
    if len(slug) <= ID_MAX:
        return slug
    cut = slug[:ID_MAX + 1].rsplit("-", 1)[0]
    return cut or slug[:ID_MAX]


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (titles hold colons and quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


CAMPAIGN = """\
# yaml-language-server: $schema=../schema/campaign.schema.json
# Thẻ thông tin của một văn bản phát động phong trào thi đua.
# Dòng có dấu # ở đầu là ghi chú: bỏ dấu # và điền giá trị khi văn bản có thông tin đó.
# Ngày viết năm-tháng-ngày: 2024-03-19; chỉ biết tháng thì 2024-03; quý: 2025-Q1; năm: 2025.
# Toàn văn văn bản dán vào tệp {id}.md cùng thư mục. Chạy `portal check` để xem còn thiếu gì.
title: {title}  # trích yếu của văn bản, nguyên văn
kind: ke-hoach  # loại văn bản: ke-hoach, phat-dong, chi-thi, huong-dan, thong-bao
# number: 68/KH-UBND  # số văn bản; văn bản để trống số thì ghi như bản gốc: /KH-UBND
# issued: 2024-03-19  # ngày ban hành; bản gốc để trống ngày thì ghi tháng: 2024-03
# place: Hữu Lũng  # địa danh ở dòng ngày tháng
issuer:  # cơ quan ban hành
  name:  # tên cơ quan, ví dụ UBND huyện Chi Lăng
  locality:  # mã địa phương trong campaigns/_localities.yml, ví dụ lang-son/chi-lang
# signer:  # người ký
#   on_behalf: TM. ỦY BAN NHÂN DÂN  # thẩm quyền ký (nếu có)
#   position: CHỦ TỊCH  # chức vụ
#   name: Nguyễn Văn A  # họ tên
# basis:  # văn bản căn cứ, thực hiện (mỗi văn bản một mục có dấu -)
#   - number: 138/KH-UBND  # số văn bản
#     date: 2024-06-10  # ngày ban hành
#     issuer: Ủy ban nhân dân tỉnh Lạng Sơn  # cơ quan ban hành
#     title: Về việc ...  # trích yếu
#     campaign: ...  # mã phong trào của văn bản đó nếu đã có trên cổng
# occasion:  # dịp kỷ niệm (nếu có)
#   name: Kỷ niệm 78 năm Ngày thành lập Đảng bộ huyện
#   start: 1946-11-03  # mốc đầu
#   end: 2024-11-03  # mốc kỷ niệm
period:  # thời gian thi đua
  # start: 2024-03  # ngày bắt đầu; bỏ trống nếu văn bản ghi "từ nay"
  end:  # ngày kết thúc, ví dụ 2024-10-30
# phases:  # các đợt thi đua
#   - name: Đợt 1
#     start: 2021-08
#     end: 2021-12
# milestones:  # các mốc: hội nghị, sơ kết, tổng kết
#   - date: 2025-Q1
#     label: Hội nghị điển hình tiên tiến cấp xã
# slogan: ...  # chủ đề thi đua, nguyên văn, không có dấu ngoặc kép
summary:  # một, hai câu tóm tắt (dưới 300 ký tự) cho thẻ, tin và kết quả tìm kiếm
# participants: ...  # đối tượng thi đua, nguyên văn lời kêu gọi, ví dụ toàn thể cán bộ, công chức và Nhân dân trong xã
# contact:  # nơi nhận đăng ký, đề xuất điển hình và giải đáp (thường là cơ quan thường trực thi đua - khen thưởng)
#   office: Phòng Nội vụ  # tên cơ quan, bộ phận, như văn bản giao
#   phone: 0205 3825 123  # điện thoại (nếu có)
#   email: ...  # thư điện tử (nếu có)
#   address: ...  # địa chỉ (nếu có)
# themes:  # mã lĩnh vực trong campaigns/_themes.yml
#   - kinh-te
# movements:  # mã phong trào, cuộc vận động trong campaigns/_movements.yml
#   - nong-thon-moi
# works:  # công trình, phần việc chào mừng
#   - name: ...
#     status: ...  # tình trạng nếu văn bản có nêu
# awards:  # hình thức khen thưởng
#   - form: Bằng khen của Chủ tịch UBND tỉnh
#     criteria: ...  # tiêu chuẩn xét tặng
#     targets: ...  # đối tượng được xét
# tasks:  # tổ chức thực hiện
#   - unit: Phòng Nội vụ  # đơn vị
#     task: ...  # nhiệm vụ
#     due: 2024-11  # thời hạn (nếu có)
# recipients:  # nơi nhận, mỗi dòng một mục
#   - UBND tỉnh;
# attachments:  # tệp đính kèm, chép vào campaigns/files/
#   - file: files/ke-hoach.pdf
#     title: Văn bản gốc (PDF)
# status: postponed  # chỉ khi phong trào bị hủy (cancelled) hoặc tạm hoãn (postponed)
# publish_on: 2024-03-20  # không công bố trước ngày này
# results:  # kết quả tổng kết, thêm khi có báo cáo (xem hướng dẫn biên tập, mục 5)
#   published: 2024-11-20
#   summary: ...
#   figures:
#     - label: ...
#       value: "12"
#       unit: mô hình
#   awards:
#     - form: ...
#       collectives: 8
#       individuals: 15
#   works:
#     - name: ...
#       status: done  # done, in-progress, not-done
#       note: ...
#   honorees:  # mã các điển hình (tên tệp trong content/exemplars/)
#     - ...
#   report: files/bao-cao-tong-ket.pdf
#   sample: true  # chỉ với dữ liệu minh họa
draft: true  # bản nháp: chưa công bố; xóa dòng này khi đã kiểm tra xong
"""

CAMPAIGN_BODY = """\
<!-- Dán toàn văn văn bản vào đây, giữ nguyên câu chữ. Đề mục: "## I. MỤC ĐÍCH, YÊU CẦU", "### 1. Mục đích". -->
"""

EXEMPLAR = """\
---
# Hồ sơ một điển hình tiên tiến, người tốt việc tốt. Dòng có dấu # là ghi chú.
# Ngày viết năm-tháng-ngày: 2024-11-20; chỉ biết tháng: 2024-11; chỉ biết năm: 2024.
name: {title}  # họ tên cá nhân hoặc tên tập thể
kind: ca-nhan  # ca-nhan (cá nhân) hoặc tap-the (tập thể)
# role: Trưởng thôn Nà Pàn  # chức vụ, mô tả
locality:  # mã địa phương trong campaigns/_localities.yml, ví dụ lang-son/chi-lang/nhan-ly
# themes:  # mã lĩnh vực trong campaigns/_themes.yml
#   - agriculture-rural
# campaigns:  # mã các phong trào mà điển hình được tuyên dương (tên tệp trong campaigns/)
#   - ...
# awards:  # các hình thức khen thưởng đã nhận
#   - form: Giấy khen của Chủ tịch UBND huyện
#     year: 2024
#     decision: 123/QĐ-UBND  # số quyết định (nếu có)
honored:  # ngày, tháng hoặc năm được tuyên dương, ví dụ 2024-11
summary:  # một câu giới thiệu (dưới 300 ký tự) cho thẻ và kết quả tìm kiếm
# photo: photos/{id}.jpg  # ảnh, chép vào content/exemplars/photos/
# photo_alt: ...  # mô tả ảnh cho người không xem được ảnh (bắt buộc khi có ảnh)
consent: false  # cá nhân: chỉ đổi thành true khi người đó đã đồng ý công bố
# publish_on: 2024-11-25  # không công bố trước ngày này
# sample: true  # chỉ với hồ sơ minh họa (tên, câu chuyện hư cấu)
draft: true  # bản nháp: chưa công bố; xóa dòng này khi đã kiểm tra xong
---

Câu chuyện của điển hình: việc làm, kết quả, điều người dân ghi nhận. Viết bằng Markdown.
"""


NOTICE = """\
# Thông báo lấy ý kiến nhân dân về tập thể, cá nhân được đề nghị khen thưởng. Dòng có dấu # là ghi chú.
# Chỉ ghi những gì quy định yêu cầu công khai: tên, chức vụ, đơn vị, tóm tắt thành tích.
# Không ghi ngày sinh, địa chỉ nhà, số giấy tờ tùy thân.
title: {title}
# number: 45/TB-UBND  # số thông báo
issuer:
  name:  # cơ quan đăng thông báo, ví dụ UBND huyện Chi Lăng
  locality:  # mã địa phương trong campaigns/_localities.yml, ví dụ lang-son/chi-lang
award:  # hình thức khen thưởng được đề nghị, ví dụ Huân chương Lao động hạng Ba
basis: khoản 2 Điều 44 Nghị định số 152/2025/NĐ-CP  # quy định về công khai, như thông báo dẫn
opened:  # ngày đăng thông báo, ví dụ 2025-09-15 (ngày này không tính vào thời hạn)
working_days: 10  # thời hạn góp ý, số ngày làm việc; hoặc xóa dòng này và ghi until: ngày cuối cùng
summary:  # một câu tóm tắt cho thẻ và kết quả tìm kiếm
# campaign: ...  # mã phong trào thi đua liên quan (tên tệp trong campaigns/)
nominees:  # các tập thể, cá nhân được đề nghị, như thông báo
  - kind: ca-nhan  # ca-nhan (cá nhân) hoặc tap-the (tập thể)
    name:  # họ tên hoặc tên tập thể
    # position: ...  # chức vụ
    # unit: ...  # đơn vị công tác
    # achievements: ...  # tóm tắt thành tích
comment:  # nơi nhận ý kiến
  office:  # ví dụ Phòng Nội vụ huyện Chi Lăng
  # address: ...
  # email: ...  # có thư điện tử thì trang có nút "Gửi ý kiến qua thư điện tử"
  # phone: ...
# decision: Quyết định số 12/QĐ-CTN ngày ...  # khi đã có quyết định khen thưởng
# exemplars:  # mã các điển hình (content/exemplars/) được khen theo quyết định
#   - ...
# sample: true  # chỉ với thông báo minh họa (tên, thành tích hư cấu)
draft: true  # bản nháp: chưa công bố; xóa dòng này khi đã kiểm tra xong
"""


@dataclass(frozen=True)
class NewFile:
    path: Path
    text: str


def campaign_files(root: Path, campaigns_dir: str, title: str, file_id: str) -> list[NewFile]:
    base = root / campaigns_dir
    return [NewFile(base / f"{file_id}.yml", CAMPAIGN.format(title=_quote(title), id=file_id)),
            NewFile(base / f"{file_id}.md", CAMPAIGN_BODY)]


def exemplar_files(root: Path, content_dir: str, name: str, file_id: str) -> list[NewFile]:
    return [NewFile(root / content_dir / "exemplars" / f"{file_id}.md", EXEMPLAR.format(title=_quote(name), id=file_id))]


def notice_files(root: Path, campaigns_dir: str, title: str, file_id: str) -> list[NewFile]:
    return [NewFile(root / campaigns_dir / "notices" / f"{file_id}.yml", NOTICE.format(title=_quote(title)))]


def existing(files: list[NewFile]) -> list[Path]:
    """Files that would be overwritten, also under another case or spelling of the same id."""
    taken = []
    for new in files:
        folder = new.path.parent
        key = slugify(new.path.stem)
        if folder.is_dir():
            taken += [p for p in folder.iterdir() if p.suffix == new.path.suffix and slugify(p.stem) == key]
    return sorted(set(taken))
