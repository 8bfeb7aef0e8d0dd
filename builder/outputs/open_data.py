"""Open data: campaigns, exemplars and results as JSON and CSV, with their JSON Schema.

Pipeline step (catalog → outputs). Journalists, other agencies and researchers reuse
the portal's data; they get it from the same catalog the pages come from, so it holds
only what is public. The records are pydantic models: the JSON, the published JSON
Schema and the field list on the "Dữ liệu mở" page all come from one definition and
cannot disagree. CSV twins have one column per field (lists joined with "; ", lists
of objects as JSON text) and start with a UTF-8 BOM, because Excel otherwise opens
Vietnamese as mojibake.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from builder.catalog.catalog import Campaign, Catalog
from builder.catalog.exemplars import Exemplar
from builder.catalog.notices import Notice
from builder.core import urls
from builder.core.dates import PartialDate
from builder.core.site import Site
from builder.model.schema import EXEMPLAR_KINDS, WORK_STATUSES
from builder.plan.listing import PageSpec

DATASETS = ("campaigns", "exemplars", "results", "notices")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Named(Record):
    id: str = Field(description="mã")
    name: str = Field(description="tên")


class Span(Record):
    name: str = Field(description="tên đợt hoặc mốc")
    start: str | None = Field(description="bắt đầu, như văn bản ghi: 2023-07-30, 2023-07, 2023-Q1 hoặc 2023")
    end: str | None = Field(description="kết thúc, cùng cách viết")


class TaskRecord(Record):
    unit: str = Field(description="đơn vị thực hiện")
    task: str = Field(description="nhiệm vụ")
    due: str | None = Field(description="thời hạn")


class BasisRecord(Record):
    number: str | None = Field(description="số văn bản căn cứ")
    date: str | None = Field(description="ngày ban hành")
    issuer: str | None = Field(description="cơ quan ban hành")
    title: str | None = Field(description="trích yếu")
    campaign_id: str | None = Field(description="mã phong trào trên cổng, nếu có")


class FileRecord(Record):
    title: str = Field(description="tên tệp")
    url: str = Field(description="địa chỉ tải về")
    bytes: int = Field(description="dung lượng (byte)")


class CampaignRecord(Record):
    id: str = Field(description="mã phong trào, cũng là tên trang")
    url: str = Field(description="địa chỉ trang trên cổng")
    title: str = Field(description="trích yếu văn bản")
    kind: str = Field(description="loại văn bản: ke-hoach, phat-dong, chi-thi, huong-dan, thong-bao")
    kind_label: str = Field(description="loại văn bản, bằng chữ")
    number: str | None = Field(description="số văn bản, ví dụ 68/KH-UBND")
    issued: str | None = Field(description="ngày ban hành, đúng độ chính xác văn bản ghi")
    place: str | None = Field(description="địa danh ở dòng ngày tháng")
    issuer: str = Field(description="cơ quan ban hành")
    locality_id: str = Field(description="mã đơn vị hành chính của cơ quan ban hành")
    locality: str = Field(description="tên đơn vị hành chính, ví dụ huyện Chi Lăng")
    province: str = Field(description="tỉnh, thành phố (tại thời điểm ban hành)")
    start: str | None = Field(description="ngày bắt đầu thi đua (YYYY-MM-DD); trống khi văn bản không ghi")
    end: str = Field(description="ngày cuối cùng thi đua (YYYY-MM-DD, tính cả ngày này)")
    status: str = Field(description="trạng thái ngày tạo dữ liệu: sap-dien-ra, dang-dien-ra, da-ket-thuc, tam-hoan, da-huy")
    status_label: str = Field(description="trạng thái, bằng chữ")
    slogan: str | None = Field(description="chủ đề thi đua, nguyên văn")
    summary: str = Field(description="tóm tắt")
    themes: list[Named] = Field(description="lĩnh vực")
    movements: list[Named] = Field(description="phong trào, cuộc vận động hưởng ứng")
    occasion: str | None = Field(description="dịp kỷ niệm")
    phases: list[Span] = Field(description="các đợt thi đua")
    milestones: list[Span] = Field(description="các mốc: hội nghị, thời hạn")
    tasks: list[TaskRecord] = Field(description="tổ chức thực hiện")
    awards: list[str] = Field(description="hình thức khen thưởng")
    basis: list[BasisRecord] = Field(description="văn bản căn cứ")
    signer: str | None = Field(description="người ký: thẩm quyền, chức vụ, họ tên")
    attachments: list[FileRecord] = Field(description="tệp đính kèm")
    calendar: str = Field(description="lịch (.ics) các mốc của phong trào")
    has_results: bool = Field(description="đã công bố kết quả tổng kết")


class AwardRecord(Record):
    form: str = Field(description="hình thức khen thưởng")
    year: int = Field(description="năm")
    decision: str | None = Field(description="số quyết định")


class ExemplarRecord(Record):
    id: str = Field(description="mã điển hình, cũng là tên trang")
    url: str = Field(description="địa chỉ trang trên cổng")
    name: str = Field(description="họ tên cá nhân hoặc tên tập thể")
    kind: str = Field(description="ca-nhan hoặc tap-the")
    kind_label: str = Field(description="cá nhân hoặc tập thể, bằng chữ")
    role: str | None = Field(description="chức vụ, mô tả")
    locality_id: str = Field(description="mã đơn vị hành chính")
    locality: str = Field(description="tên đơn vị hành chính")
    honored: str = Field(description="ngày, tháng hoặc năm được tuyên dương")
    summary: str = Field(description="giới thiệu ngắn")
    themes: list[Named] = Field(description="lĩnh vực")
    campaign_ids: list[str] = Field(description="mã các phong trào được tuyên dương trong đó")
    awards: list[AwardRecord] = Field(description="khen thưởng đã nhận")
    photo: str | None = Field(description="địa chỉ ảnh (cỡ lớn nhất đã công bố)")
    photo_alt: str | None = Field(description="mô tả ảnh")
    sample: bool = Field(description="dữ liệu minh họa, không phải người thật")


class FigureRecord(Record):
    label: str = Field(description="chỉ tiêu")
    value: str = Field(description="giá trị như báo cáo ghi")
    unit: str | None = Field(description="đơn vị tính")


class AwardCountRecord(Record):
    form: str = Field(description="hình thức khen thưởng")
    collectives: int = Field(description="số tập thể")
    individuals: int = Field(description="số cá nhân")


class WorkRecord(Record):
    name: str = Field(description="công trình, phần việc")
    status: str = Field(description="done, in-progress hoặc not-done")
    status_label: str = Field(description="tình trạng, bằng chữ")


class ResultRecord(Record):
    campaign_id: str = Field(description="mã phong trào")
    url: str = Field(description="địa chỉ phần kết quả trên trang phong trào")
    title: str = Field(description="trích yếu văn bản phát động")
    published: str = Field(description="ngày công bố kết quả")
    summary: str | None = Field(description="tóm tắt kết quả (Markdown)")
    figures: list[FigureRecord] = Field(description="các con số chính")
    awards: list[AwardCountRecord] = Field(description="khen thưởng đã trao")
    total_collectives: int = Field(description="tổng số tập thể được khen")
    total_individuals: int = Field(description="tổng số cá nhân được khen")
    works: list[WorkRecord] = Field(description="tình trạng công trình, phần việc")
    honoree_ids: list[str] = Field(description="mã các điển hình được tuyên dương")
    report: str | None = Field(description="báo cáo tổng kết (tệp)")
    sample: bool = Field(description="dữ liệu minh họa")


class NomineeRecord(Record):
    kind: str = Field(description="ca-nhan (cá nhân) hoặc tap-the (tập thể)")
    name: str = Field(description="họ tên hoặc tên tập thể")
    position: str | None = Field(description="chức vụ")
    unit: str | None = Field(description="đơn vị công tác")
    achievements: str | None = Field(description="tóm tắt thành tích")


class NoticeRecord(Record):
    id: str = Field(description="mã thông báo")
    url: str = Field(description="địa chỉ trang thông báo")
    title: str = Field(description="trích yếu")
    number: str | None = Field(description="số thông báo")
    issuer: str = Field(description="cơ quan đăng thông báo")
    locality_id: str = Field(description="mã địa phương của cơ quan")
    award: str = Field(description="hình thức khen thưởng được đề nghị")
    basis: str = Field(description="quy định về công khai")
    opened: str = Field(description="ngày đăng thông báo (ISO), không tính vào thời hạn")
    working_days: int | None = Field(description="thời hạn góp ý tính bằng ngày làm việc; trống khi thông báo ghi ngày cuối")
    comments_until: str = Field(description="ngày cuối cùng nhận ý kiến (ISO), tính cả ngày đó")
    nominees: list[NomineeRecord] = Field(description="các tập thể, cá nhân được đề nghị (cá nhân chỉ trong thời hạn lưu giữ)")
    withdrawn_individuals: int = Field(description="số cá nhân đã gỡ thông tin sau thời hạn lưu giữ")
    campaign_id: str | None = Field(description="mã phong trào thi đua liên quan")
    decision: str | None = Field(description="quyết định khen thưởng khi đã có")
    exemplar_ids: list[str] = Field(description="mã các điển hình được khen theo quyết định")
    sample: bool = Field(description="dữ liệu minh họa")


MODELS: dict[str, type[Record]] = {"campaigns": CampaignRecord, "exemplars": ExemplarRecord, "results": ResultRecord,
                                   "notices": NoticeRecord}
TITLES = {"campaigns": "Phong trào thi đua", "exemplars": "Điển hình tiên tiến", "results": "Kết quả tổng kết",
          "notices": "Lấy ý kiến nhân dân về khen thưởng"}


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def campaign_record(campaign: Campaign, catalog: Catalog, site: Site) -> CampaignRecord:
    card = campaign.card
    chain = catalog.locality_chain(campaign.issuer_locality)
    signer = " ".join(p for p in (card.signer.on_behalf, card.signer.position, card.signer.name) if p) \
        if card.signer else None
    return CampaignRecord(
        id=campaign.id, url=site.absolute(urls.campaign(campaign.id)), title=card.title, kind=card.kind,
        kind_label=campaign.kind_label, number=card.number, issued=_iso(card.issued), place=card.place,
        issuer=card.issuer.name, locality_id=campaign.issuer_locality.id, locality=campaign.issuer_locality.full_name,
        province=chain[-1].full_name, start=campaign.start.isoformat() if campaign.start else None,
        end=campaign.end.isoformat(), status=campaign.status.key, status_label=campaign.status.label,
        slogan=card.slogan, summary=card.summary,
        themes=[Named(id=t.id, name=t.name) for t in campaign.themes],
        movements=[Named(id=m.id, name=m.name) for m in campaign.movements],
        occasion=card.occasion.name if card.occasion else None,
        phases=[Span(name=p.name, start=_iso(p.start), end=_iso(p.end)) for p in card.phases],
        milestones=[Span(name=m.label, start=_iso(m.date), end=_iso(m.date)) for m in card.milestones],
        tasks=[TaskRecord(unit=t.unit, task=t.task, due=_iso(t.due)) for t in card.tasks],
        awards=[a.form for a in card.awards],
        basis=[BasisRecord(number=b.number, date=_iso(b.date), issuer=b.issuer, title=b.title,
                           campaign_id=b.campaign_id) for b in campaign.basis],
        signer=signer or None,
        attachments=[FileRecord(title=a.title, url=site.absolute(a.target), bytes=a.size) for a in campaign.attachments],
        calendar=site.absolute(urls.campaign_calendar(campaign.id)),
        has_results=campaign.results is not None,
    )


def exemplar_record(exemplar: Exemplar, catalog: Catalog, site: Site) -> ExemplarRecord:
    card = exemplar.card
    locality = catalog.locality(exemplar.locality_id)
    themes = {t.id: t.name for t in catalog.themes}
    return ExemplarRecord(
        id=exemplar.id, url=site.absolute(urls.exemplar(exemplar.id)), name=card.name, kind=card.kind,
        kind_label=EXEMPLAR_KINDS[card.kind], role=card.role, locality_id=exemplar.locality_id,
        locality=locality.full_name if locality else exemplar.locality_id, honored=card.honored.iso(),
        summary=card.summary, themes=[Named(id=t, name=themes[t]) for t in exemplar.theme_ids],
        campaign_ids=list(exemplar.campaign_ids),
        awards=[AwardRecord(form=a.form, year=a.year, decision=a.decision) for a in card.awards],
        photo=site.absolute(exemplar.photo.variants[-1].url) if exemplar.photo else None,
        photo_alt=exemplar.photo.alt if exemplar.photo else None, sample=card.sample,
    )


def result_record(campaign: Campaign, site: Site) -> ResultRecord:
    results = campaign.results
    assert results is not None
    card = results.card
    return ResultRecord(
        campaign_id=campaign.id, url=site.absolute(urls.campaign(campaign.id)) + "#h-results",
        title=campaign.card.title, published=card.published.iso(), summary=card.summary,
        figures=[FigureRecord(label=f.label, value=f.value, unit=f.unit) for f in card.figures],
        awards=[AwardCountRecord(form=a.form, collectives=a.collectives, individuals=a.individuals) for a in card.awards],
        total_collectives=results.total_collectives, total_individuals=results.total_individuals,
        works=[WorkRecord(name=w.name, status=w.status, status_label=WORK_STATUSES[w.status]) for w in card.works],
        honoree_ids=list(card.honorees), report=site.absolute(results.report.target) if results.report else None,
        sample=card.sample,
    )


def notice_record(notice: Notice, site: Site) -> NoticeRecord:
    card = notice.card
    return NoticeRecord(
        id=notice.id, url=site.absolute(urls.notice(notice.id)), title=card.title, number=card.number,
        issuer=card.issuer.name, locality_id=notice.locality_id, award=card.award, basis=card.basis,
        opened=notice.opened.isoformat(), working_days=notice.working_days, comments_until=notice.until.isoformat(),
        nominees=[NomineeRecord(kind=n.kind, name=n.name, position=n.position, unit=n.unit,
                                achievements=n.achievements) for n in card.nominees],
        withdrawn_individuals=notice.withdrawn,
        campaign_id=notice.campaign_id, decision=card.decision, exemplar_ids=list(notice.exemplar_ids),
        sample=card.sample,
    )


def records(catalog: Catalog, site: Site) -> dict[str, list[Record]]:
    """Every public record by dataset, in the catalog's order (campaigns newest first, exemplars A–Z)."""
    return {
        "campaigns": [campaign_record(c, catalog, site) for c in catalog.campaigns],
        "exemplars": [exemplar_record(e, catalog, site) for e in catalog.exemplars],
        "results": [result_record(c, site) for c in catalog.campaigns if c.results is not None],
        "notices": [notice_record(n, site) for n in catalog.notices],
    }


def to_json(items: list[Record]) -> str:
    return json.dumps([item.model_dump(mode="json") for item in items], ensure_ascii=False, indent=1) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            return json.dumps(value, ensure_ascii=False)
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def to_csv(model: type[Record], items: list[Record]) -> bytes:
    """One row per record; the header comes from the model, so an empty dataset still has its columns."""
    columns = list(model.model_fields)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for item in items:
        data = item.model_dump(mode="json")
        writer.writerow([_cell(data[name]) for name in columns])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def json_schema(name: str, site: Site) -> str:
    # The list's schema, so shared definitions ($defs) sit at the top where $ref finds them.
    body = TypeAdapter(list[MODELS[name]]).json_schema()  # type: ignore[valid-type]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": site.absolute(urls.data_schema(name)), "title": TITLES[name], **body}
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def _type_name(annotation: Any) -> str:
    """`str | None` → "str | null", `list[Named]` → "list[Named]": JSON's words for the page."""
    args = get_args(annotation)
    if get_origin(annotation) is list:
        return f"list[{_type_name(args[0])}]"
    if args:
        return " | ".join(_type_name(a) for a in args)
    return "null" if annotation is type(None) else annotation.__name__


def field_docs() -> dict[str, list[tuple[str, str, str]]]:
    """(field, type, description) per dataset, for the page that documents the files."""
    return {name: [(field, _type_name(info.annotation), info.description or "")
                   for field, info in model.model_fields.items()] for name, model in MODELS.items()}


def dataset_counts(catalog: Catalog) -> dict[str, int]:
    """The length of each list `records` makes, counted without making them."""
    return {"campaigns": len(catalog.campaigns), "exemplars": len(catalog.exemplars),
            "results": sum(1 for c in catalog.campaigns if c.results is not None), "notices": len(catalog.notices)}


def plan_open_data_page(catalog: Catalog) -> PageSpec:
    """"Dữ liệu mở": the files, their fields, the calendar and every feed, in one place."""
    counts = dataset_counts(catalog)
    docs = field_docs()
    datasets = [{"name": name, "title": TITLES[name], "count": counts[name], "fields": docs[name],
                 "json": urls.data_file(name, "json"), "csv": urls.data_file(name, "csv"),
                 "schema": urls.data_schema(name)} for name in DATASETS]
    provinces = [loc for loc in catalog.localities if loc.parent_id is None]
    feeds = [("Lấy ý kiến nhân dân", [("Thông báo lấy ý kiến về khen thưởng", urls.NOTICES_FEED)]),
             ("Lĩnh vực", [(t.name, urls.feed("themes", t.id)) for t in catalog.themes]),
             ("Phong trào, cuộc vận động", [(m.name, urls.feed("movements", m.id)) for m in catalog.movements]),
             ("Tỉnh, thành phố", [(p.title_name, urls.feed("localities", p.id)) for p in provinces])]
    return PageSpec(urls.OPEN_DATA, "Dữ liệu mở", "portal/data.html", {
        "datasets": datasets, "feed": urls.FEED, "feeds": feeds, "calendar": urls.CALENDAR,
        "report": urls.BUILD_REPORT, "manifest": urls.PORTAL_MANIFEST, "today": catalog.today,
    })
