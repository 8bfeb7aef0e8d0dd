"""The input schema: what editors may write in campaign YAML and the registries.

These pydantic models mirror CONTENT-MODEL.md field for field. They are strict
(`extra="forbid"`, frozen) and take the loader's plain strings, parsing dates and
booleans themselves, so the same rules serve validation, error messages and the
JSON Schema offered to editors. Cross-file checks (ids that must exist) live in
`catalog`, which sees every file at once.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from builder.model.fields import (
    Count,
    DateField,
    Flag,
    Id,
    LocalityId,
    Text,
    Year,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Issuer(Strict):
    name: Text = Field(description="tên cơ quan ban hành, ví dụ UBND huyện Chi Lăng")
    locality: LocalityId = Field(description="mã địa phương trong _localities.yml")


class Signer(Strict):
    on_behalf: Text | None = Field(None, description="thẩm quyền ký, ví dụ TM. ỦY BAN NHÂN DÂN")
    position: Text | None = Field(None, description="chức vụ người ký, ví dụ CHỦ TỊCH")
    name: Text | None = Field(None, description="họ tên người ký")


class Basis(Strict):
    number: Text | None = Field(None, description="số văn bản, ví dụ 138/KH-UBND")
    date: DateField | None = Field(None, description="ngày ban hành văn bản căn cứ")
    issuer: Text | None = Field(None, description="cơ quan ban hành văn bản căn cứ")
    title: Text | None = Field(None, description="trích yếu văn bản căn cứ")
    campaign: Id | None = Field(None, description="mã phong trào của văn bản này nếu có trên cổng")


class Occasion(Strict):
    name: Text = Field(description="dịp kỷ niệm, ví dụ Kỷ niệm 30 năm tái lập tỉnh")
    start: DateField | None = Field(None, description="mốc bắt đầu của dịp kỷ niệm")
    end: DateField | None = Field(None, description="mốc kết thúc của dịp kỷ niệm")


class Period(Strict):
    start: DateField | None = Field(None, description="ngày bắt đầu; bỏ trống nếu văn bản ghi 'từ nay'")
    end: DateField = Field(description="ngày kết thúc, ví dụ 2023-07-30")


class Phase(Strict):
    name: Text = Field(description="tên đợt, ví dụ Đợt 1")
    start: DateField | None = Field(None, description="ngày bắt đầu đợt")
    end: DateField | None = Field(None, description="ngày kết thúc đợt")


class Milestone(Strict):
    date: DateField = Field(description="thời điểm, ví dụ 2025-Q1")
    label: Text = Field(description="việc diễn ra, ví dụ Hội nghị điển hình tiên tiến cấp xã")


class Work(Strict):
    name: Text = Field(description="tên công trình, phần việc")
    status: Text | None = Field(None, description="tình trạng nếu văn bản có nêu")


class Award(Strict):
    form: Text = Field(description="hình thức khen thưởng, ví dụ Bằng khen của Chủ tịch UBND tỉnh")
    criteria: Text | None = Field(None, description="tiêu chuẩn xét tặng")
    targets: Text | None = Field(None, description="đối tượng được xét")


class Task(Strict):
    unit: Text = Field(description="đơn vị thực hiện")
    task: Text = Field(description="nhiệm vụ được giao")
    due: DateField | None = Field(None, description="thời hạn hoàn thành")


class Contact(Strict):
    office: Text = Field(description="nơi nhận đăng ký thi đua, đề xuất điển hình và giải đáp, như văn bản giao, "
                                     "ví dụ Phòng Nội vụ (Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng huyện)")
    phone: Text | None = Field(None, description="số điện thoại, ví dụ 0205 3825 123")
    email: Text | None = Field(None, description="thư điện tử")
    address: Text | None = Field(None, description="địa chỉ")


class Attachment(Strict):
    file: Text = Field(description="đường dẫn tệp, tính từ thư mục campaigns/, ví dụ files/ke-hoach.pdf")
    title: Text = Field(description="tên hiển thị, ví dụ Văn bản gốc (PDF)")


class Figure(Strict):
    label: Text = Field(description="chỉ tiêu, ví dụ Công trình chào mừng hoàn thành")
    value: Text = Field(description="giá trị như báo cáo ghi, ví dụ 2 hoặc 95%")
    unit: Text | None = Field(None, description="đơn vị tính, ví dụ công trình")


class AwardGiven(Strict):
    form: Text = Field(description="hình thức khen thưởng đã trao")
    collectives: Count = Field(0, description="số tập thể được khen")
    individuals: Count = Field(0, description="số cá nhân được khen")


WORK_STATUSES = {"done": "Đã hoàn thành", "in-progress": "Đang thực hiện", "not-done": "Chưa hoàn thành"}


class WorkResult(Strict):
    name: Text = Field(description="tên công trình, phần việc")
    status: Literal["done", "in-progress", "not-done"] = Field(
        description="done (đã hoàn thành), in-progress (đang thực hiện), not-done (chưa hoàn thành)")
    note: Text | None = Field(None, description="ghi chú")


class Results(Strict):
    """`results:` of a campaign, added when it is summed up (tổng kết)."""

    published: DateField = Field(description="ngày công bố kết quả / báo cáo tổng kết")
    summary: Text | None = Field(None, description="tóm tắt kết quả (Markdown)")
    figures: list[Figure] = Field([], description="các con số chính")
    awards: list[AwardGiven] = Field([], description="khen thưởng đã trao: hình thức, số tập thể, số cá nhân")
    works: list[WorkResult] = Field([], description="tình trạng các công trình, phần việc")
    honorees: list[Id] = Field([], description="mã các điển hình (tên tệp trong content/exemplars/)")
    report: Text | None = Field(None, description="báo cáo tổng kết, ví dụ files/bao-cao-tong-ket.pdf")
    sample: Flag = Field(False, description="true: dữ liệu minh họa, trang ghi rõ 'Dữ liệu minh họa'")


CAMPAIGN_KINDS = {
    "ke-hoach": "Kế hoạch",
    "phat-dong": "Phát động",
    "chi-thi": "Chỉ thị",
    "huong-dan": "Hướng dẫn",
    "thong-bao": "Thông báo",
}


class CampaignInput(Strict):
    """`campaigns/<id>.yml`: the document's metadata card."""

    title: Text = Field(description="trích yếu của văn bản")
    kind: Literal["ke-hoach", "phat-dong", "chi-thi", "huong-dan", "thong-bao"] = Field(
        description="loại văn bản: ke-hoach, phat-dong, chi-thi, huong-dan, thong-bao")
    number: Text | None = Field(None, description="số văn bản, ví dụ 68/KH-UBND; bản để trống số: /KH-UBND")
    issued: DateField | None = Field(None, description="ngày ban hành, ví dụ 2024-03-19 hoặc 2023-04")
    place: Text | None = Field(None, description="địa danh ở dòng ngày tháng, ví dụ Hữu Lũng")
    issuer: Issuer = Field(description="cơ quan ban hành")
    signer: Signer | None = Field(None, description="người ký")
    basis: list[Basis] = Field([], description="các văn bản căn cứ, thực hiện")
    occasion: Occasion | None = Field(None, description="dịp kỷ niệm")
    period: Period = Field(description="thời gian thi đua")
    phases: list[Phase] = Field([], description="các đợt thi đua")
    milestones: list[Milestone] = Field([], description="các mốc: hội nghị, thời hạn")
    slogan: Text | None = Field(None, description="chủ đề thi đua, nguyên văn")
    summary: Text = Field(description="một, hai câu tóm tắt cho thẻ, tin và kết quả tìm kiếm")
    participants: Text | None = Field(None, description="đối tượng thi đua, nguyên văn lời kêu gọi của văn bản, ví dụ "
                                                         "toàn thể cán bộ, công chức, viên chức và Nhân dân trong xã")
    contact: Contact | None = Field(None, description="nơi nhận đăng ký, đề xuất điển hình và giải đáp")
    themes: list[Id] = Field([], description="mã lĩnh vực trong _themes.yml")
    movements: list[Id] = Field([], description="mã phong trào trong _movements.yml")
    works: list[Work] = Field([], description="công trình, phần việc chào mừng")
    awards: list[Award] = Field([], description="hình thức khen thưởng")
    tasks: list[Task] = Field([], description="tổ chức thực hiện: đơn vị, nhiệm vụ, thời hạn")
    recipients: list[Text] = Field([], description="nơi nhận, mỗi dòng một mục")
    attachments: list[Attachment] = Field([], description="tệp đính kèm")
    status: Literal["cancelled", "postponed"] | None = Field(
        None, description="chỉ dùng khi phong trào bị hủy (cancelled) hoặc tạm hoãn (postponed)")
    draft: Flag = Field(False, description="true: bản nháp, không công bố")
    publish_on: DateField | None = Field(None, description="không công bố trước ngày này")
    results: Results | None = Field(None, description="kết quả tổng kết")


class ThemeInput(Strict):
    id: Id = Field(description="mã lĩnh vực: chữ thường không dấu, nối bằng gạch ngang, ví dụ kinh-te; là địa chỉ trang "
                               "lĩnh vực, đã công bố thì đừng đổi")
    name: Text = Field(description="tên lĩnh vực, ví dụ Kinh tế, sản xuất kinh doanh")
    description: Text | None = Field(None, description="mô tả: những việc thuộc lĩnh vực này")
    former_ids: list[Id] = Field([], description="mã cũ của lĩnh vực: thẻ ghi mã cũ vẫn hợp lệ, địa chỉ cũ chuyển tới "
                                                 "trang mới")


class MovementInput(Strict):
    id: Id = Field(description="mã phong trào: chữ thường không dấu, nối bằng gạch ngang, ví dụ nong-thon-moi")
    name: Text = Field(description="tên phong trào, nguyên văn như văn bản, ví dụ Cả nước chung sức xây dựng nông thôn mới")
    description: Text | None = Field(None, description="mô tả: ai phát động, văn bản địa phương gọi thế nào")
    launched_by: Text | None = Field(None, description="cơ quan phát động, chỉ ghi khi văn bản nêu rõ, ví dụ Thủ tướng "
                                                       "Chính phủ")
    since: DateField | None = Field(None, description="ngày phát động, chỉ ghi khi văn bản nêu rõ")
    document: Text | None = Field(None, description="văn bản phát động, nguyên văn như văn bản dẫn, ví dụ "
                                                     "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị")


LOCALITY_LEVELS = {
    "tinh": "tỉnh",
    "thanh-pho": "thành phố",
    "huyen": "huyện",
    "thi-xa": "thị xã",
    "xa": "xã",
    "phuong": "phường",
    "thi-tran": "thị trấn",
}


class LocalityInput(Strict):
    id: LocalityId = Field(description="mã địa phương: đường dẫn tỉnh/xã (đơn vị trước năm 2025: tỉnh/huyện/xã), chữ "
                                       "thường không dấu, ví dụ lang-son/van-quan/tran-ninh")
    name: Text = Field(description="tên không kèm cấp, ví dụ Trấn Ninh")
    level: Literal["tinh", "thanh-pho", "huyen", "thi-xa", "xa", "phuong", "thi-tran"] = Field(
        description="cấp: tỉnh, thành phố, huyện, thị xã, xã, phường hoặc thị trấn")
    parent: LocalityId | None = Field(None, description="đơn vị cấp trên; bỏ trống: suy ra từ mã")
    until: DateField | None = Field(None, description="ngày cuối cùng đơn vị còn tồn tại, ví dụ 2025-06-30")
    merged_into: LocalityId | None = Field(None, description="đơn vị được sáp nhập vào (khi có until)")
    note: Text | None = Field(None, description="ghi chú hiện trên trang của đơn vị")


EXEMPLAR_KINDS = {"ca-nhan": "Cá nhân", "tap-the": "Tập thể"}


class ExemplarAward(Strict):
    form: Text = Field(description="hình thức, ví dụ Bằng khen của Chủ tịch UBND tỉnh")
    year: Year = Field(description="năm được khen, ví dụ 2024")
    decision: Text | None = Field(None, description="số quyết định, ví dụ 123/QĐ-UBND")


class ExemplarInput(Strict):
    """Front matter of `content/exemplars/<id>.md`: one honored person or collective."""

    name: Text = Field(description="họ tên cá nhân hoặc tên tập thể")
    kind: Literal["ca-nhan", "tap-the"] = Field(description="cá nhân hay tập thể: ca-nhan hoặc tap-the")
    role: Text | None = Field(None, description="chức vụ, mô tả, ví dụ Trưởng thôn Nà Pàn")
    locality: LocalityId = Field(description="mã địa phương trong campaigns/_localities.yml")
    themes: list[Id] = Field([], description="mã lĩnh vực trong _themes.yml")
    campaigns: list[Id] = Field([], description="mã các phong trào mà điển hình được tuyên dương")
    awards: list[ExemplarAward] = Field([], description="các hình thức khen thưởng đã nhận")
    honored: DateField = Field(description="ngày, tháng hoặc năm được tuyên dương")
    summary: Text = Field(description="một câu giới thiệu cho thẻ và kết quả tìm kiếm")
    photo: Text | None = Field(None, description="ảnh, tính từ thư mục content/exemplars/, ví dụ photos/ten.jpg")
    photo_alt: Text | None = Field(None, description="mô tả ảnh cho người không xem được ảnh (bắt buộc khi có ảnh)")
    consent: Flag = Field(False, description="true khi cá nhân đã đồng ý công bố; bắt buộc với ca-nhan")
    draft: Flag = Field(False, description="true: bản nháp, không công bố")
    publish_on: DateField | None = Field(None, description="không công bố trước ngày này")
    sample: Flag = Field(False, description="true: dữ liệu minh họa, trang ghi rõ 'Dữ liệu minh họa'")


class Nominee(Strict):
    """One nominee of a notice: what the rule requires made public, and no more (no birth date, no
    address, no identity number)."""

    kind: Literal["ca-nhan", "tap-the"] = Field(description="cá nhân hay tập thể: ca-nhan hoặc tap-the")
    name: Text = Field(description="họ tên cá nhân hoặc tên tập thể, như thông báo ghi")
    position: Text | None = Field(None, description="chức vụ của cá nhân, ví dụ Chủ tịch Hội Nông dân xã")
    unit: Text | None = Field(None, description="đơn vị công tác, ví dụ UBND xã Hòa Phong")
    achievements: Text | None = Field(None, description="tóm tắt thành tích, như thông báo ghi")


class CommentChannel(Strict):
    office: Text = Field(description="nơi nhận ý kiến, ví dụ Phòng Nội vụ huyện Chi Lăng")
    address: Text | None = Field(None, description="địa chỉ nhận ý kiến bằng văn bản")
    email: Text | None = Field(None, description="thư điện tử nhận ý kiến")
    phone: Text | None = Field(None, description="số điện thoại")


class NoticeInput(Strict):
    """`campaigns/notices/<id>.yml`: a notice that makes nominees public for comment (lấy ý kiến
    nhân dân) before an award is decided. Its full text, if any, is `<id>.md` beside it."""

    title: Text = Field(description="trích yếu của thông báo, ví dụ Lấy ý kiến nhân dân đối với tập thể, cá nhân "
                                    "đề nghị tặng Huân chương Lao động")
    number: Text | None = Field(None, description="số thông báo, ví dụ 45/TB-UBND")
    issuer: Issuer = Field(description="cơ quan đăng thông báo")
    award: Text = Field(description="hình thức khen thưởng được đề nghị, ví dụ Huân chương Lao động hạng Ba")
    basis: Text = Field(description="quy định về công khai, như thông báo dẫn, ví dụ khoản 2 Điều 46 "
                                    "Nghị định số 98/2023/NĐ-CP")
    opened: DateField = Field(description="ngày đăng thông báo (không tính vào thời hạn), ví dụ 2024-07-25")
    working_days: Count | None = Field(None, description="thời hạn góp ý tính bằng ngày làm việc; mặc định 10")
    until: DateField | None = Field(None, description="ngày cuối cùng nhận ý kiến, khi thông báo ghi ngày cụ thể "
                                                     "thay cho số ngày làm việc")
    summary: Text = Field(description="một câu tóm tắt cho thẻ và kết quả tìm kiếm")
    nominees: list[Nominee] = Field(description="các tập thể, cá nhân được đề nghị")
    comment: CommentChannel = Field(description="nơi và cách gửi ý kiến")
    campaign: Id | None = Field(None, description="mã phong trào thi đua mà đề nghị khen thưởng này xuất phát")
    decision: Text | None = Field(None, description="quyết định khen thưởng khi đã có, ví dụ Quyết định số 12/QĐ-CTN")
    exemplars: list[Id] = Field([], description="mã các điển hình (content/exemplars/) được khen theo quyết định")
    sample: Flag = Field(False, description="true: dữ liệu minh họa, trang ghi rõ 'Dữ liệu minh họa'")
    draft: Flag = Field(False, description="true: bản nháp, không công bố")


class WorkdayInput(Strict):
    """An entry of `campaigns/_workdays.yml`: a day the Government gives off or moves to a Saturday
    that the holidays calendar the portal uses does not know yet."""

    date: DateField = Field(description="ngày, ví dụ 2027-02-05")
    worked: Flag = Field(description="true: ngày làm bù (làm việc dù là thứ Bảy); false: ngày nghỉ")
    name: Text = Field(description="tên ngày nghỉ hoặc ghi chú, ví dụ Nghỉ Tết Nguyên đán")
    source: Text = Field(description="văn bản công bố, ví dụ Thông báo số 6150/TB-BLĐTBXH")
