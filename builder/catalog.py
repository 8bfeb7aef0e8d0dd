"""The whole portal as data: validated, cross-linked, with statuses for one build date.

Pipeline step (model → catalog). `load_catalog` reads every source, validates it,
resolves every id (issuer → locality, basis → campaign, themes, movements) and
computes what is public and each campaign's status on `today`. It raises one
`ContentError` with every problem, or returns an immutable `Catalog`; nothing after
it reads files or decides visibility.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .advice import advise
from .checks import check_body, check_id, check_id_list, close_ids, embargo_reason, is_draft
from .dates import PartialDate
from .exemplars import (
    EXEMPLARS_DIR,
    Exemplar,
    hidden_reason,
    load_exemplar_sources,
    resolve_exemplar,
)
from .links import find_active_html, find_unsafe_links
from .problems import ContentError, Problem, Problems
from .schema import (
    CAMPAIGN_KINDS,
    LOCALITY_LEVELS,
    CampaignInput,
    LocalityInput,
    MovementInput,
    Results,
    ThemeInput,
)
from .sources import is_ignored, list_files, read_text, relative, resolve_attachment
from .status import Status, compute_status
from .text import collation_key, fold, slugify
from .validate import validate_document
from .yamlload import Located, ParseCache


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str | None


@dataclass(frozen=True)
class Movement:
    id: str
    name: str
    description: str | None
    launched_by: str | None
    since: PartialDate | None


@dataclass(frozen=True)
class Locality:
    id: str
    name: str
    level: str
    until: PartialDate | None
    merged_into: str | None
    note: str | None

    @property
    def parent_id(self) -> str | None:
        return self.id.rsplit("/", 1)[0] if "/" in self.id else None

    @property
    def level_label(self) -> str:
        return LOCALITY_LEVELS[self.level]

    @property
    def full_name(self) -> str:
        """"xã Trấn Ninh", "tỉnh Lạng Sơn": how documents name a unit."""
        return f"{self.level_label} {self.name}"

    @property
    def title_name(self) -> str:
        """"Xã Trấn Ninh": the full name at the start of a line or heading."""
        return self.full_name[0].upper() + self.full_name[1:]


@dataclass(frozen=True)
class BasisLink:
    number: str | None
    date: PartialDate | None
    issuer: str | None
    title: str | None
    campaign_id: str | None  # set only when that campaign is public on this portal


@dataclass(frozen=True)
class AttachmentLink:
    title: str
    source: Path  # absolute path of the file to publish
    target: str  # site-relative path, e.g. campaigns/files/x.pdf
    size: int


@dataclass(frozen=True)
class CampaignResults:
    """What a campaign achieved (tổng kết), as published."""

    card: Results
    report: AttachmentLink | None

    @property
    def total_collectives(self) -> int:
        return sum(a.collectives for a in self.card.awards)

    @property
    def total_individuals(self) -> int:
        return sum(a.individuals for a in self.card.awards)


@dataclass(frozen=True)
class Campaign:
    id: str
    source_path: str
    card: CampaignInput
    body: str
    status: Status
    start: dt.date | None  # effective first day (period start, else issue date)
    end: dt.date  # inclusive last day
    issuer_locality: Locality
    themes: tuple[Theme, ...]
    movements: tuple[Movement, ...]
    basis: tuple[BasisLink, ...]
    attachments: tuple[AttachmentLink, ...]
    results: CampaignResults | None = None  # None also while results.published is after the build date
    honoree_ids: tuple[str, ...] = ()  # public exemplars honored under it, A–Z

    @property
    def kind_label(self) -> str:
        return CAMPAIGN_KINDS[self.card.kind]

    @property
    def years(self) -> tuple[int, ...]:
        """Calendar years the campaign runs in; a start-less period counts from its end year."""
        first = (self.start or self.end).year
        return tuple(range(first, self.end.year + 1))

    @property
    def sort_date(self) -> dt.date:
        """Newest first in listings: by issue date, else by start, else by end."""
        if self.card.issued:
            return self.card.issued.first_day()
        return self.start or self.end


@dataclass(frozen=True)
class Catalog:
    today: dt.date
    campaigns: tuple[Campaign, ...]  # public only, newest first
    themes: tuple[Theme, ...]
    movements: tuple[Movement, ...]
    localities: tuple[Locality, ...]
    exemplars: tuple[Exemplar, ...] = ()  # public only, A–Z
    hidden: tuple[tuple[str, str], ...] = field(default=())  # (path, reason) not published
    # Days after `today` on which something unpublished becomes public (embargo lifts,
    # results are released): the site must be rebuilt then. Drafts have no such day.
    pending: tuple[dt.date, ...] = ()
    # Things an editor should fix that do not stop the build: drafts' problems, advice.
    warnings: tuple[Problem, ...] = ()
    _locality_index: dict[str, Locality] = field(init=False, repr=False, compare=False)
    _campaign_index: dict[str, Campaign] = field(init=False, repr=False, compare=False)
    _exemplar_index: dict[str, Exemplar] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Chains and cross-links are walked for every page; keep lookups O(1) without mutable state.
        object.__setattr__(self, "_locality_index", {loc.id: loc for loc in self.localities})
        object.__setattr__(self, "_campaign_index", {c.id: c for c in self.campaigns})
        object.__setattr__(self, "_exemplar_index", {e.id: e for e in self.exemplars})

    def locality(self, locality_id: str) -> Locality | None:
        return self._locality_index.get(locality_id)

    def campaign(self, campaign_id: str) -> Campaign | None:
        """A public campaign by id; None for unknown and unpublished ones alike."""
        return self._campaign_index.get(campaign_id)

    def exemplar(self, exemplar_id: str) -> Exemplar | None:
        """A public exemplar by id; None for unknown and unpublished ones alike."""
        return self._exemplar_index.get(exemplar_id)

    def current_province(self, locality: Locality) -> Locality | None:
        """The province the unit's territory belongs to after mergers, if that changed.

        Derived only from `merged_into` in the registry: Hòa Phong (Phú Yên) → Đắk Lắk,
        and Trà Vinh itself → Vĩnh Long. None when the province did not change.
        """
        chain = self.locality_chain(locality)
        province = chain[-1]
        current = province
        seen = {current.id}
        while current.merged_into and current.merged_into not in seen:
            nxt = self.locality(current.merged_into)
            if nxt is None:
                break
            seen.add(nxt.id)
            current = nxt
        return current if current is not province else None

    def locality_chain(self, locality: Locality) -> tuple[Locality, ...]:
        """The unit and its parents, innermost first."""
        chain = [locality]
        while chain[-1].parent_id:
            parent = self.locality(chain[-1].parent_id)
            if parent is None:
                break
            chain.append(parent)
        return tuple(chain)


def _load_yaml(root: Path, path: Path, problems: Problems, parsed: ParseCache) -> Located | None:
    source = read_text(root, path, problems)
    if source is None:
        return None
    return parsed.parse(source.text, source.path, problems)


def _load_registry(root: Path, path: Path, model: type[Any], problems: Problems,
                   parsed: ParseCache) -> list[tuple[Any, Located, int]]:
    rel = relative(root, path)
    if not path.exists():
        problems.add(rel, 0, 0, "", "thiếu tệp danh mục; hãy tạo tệp này (xem hướng dẫn biên tập)")
        return []
    located = _load_yaml(root, path, problems, parsed)
    if located is None or located.data is None:
        return []
    if not isinstance(located.data, list):
        problems.add(rel, 1, 1, "", "tệp danh mục phải là một danh sách, mỗi mục bắt đầu bằng `- id: ...`")
        return []
    entries = []
    seen: dict[str, int] = {}
    seen_names: dict[str, tuple[str, int]] = {}
    for index, _ in enumerate(located.data):
        item = validate_document(located, model, problems, (index,))
        if item is None:
            continue
        line, col = located.position((index, "id"))
        if item.id in seen:
            problems.add(rel, line, col, f"[{index + 1}].id",
                         f"mã '{item.id}' bị trùng (đã có ở dòng {seen[item.id]}); mỗi mã chỉ dùng một lần")
            continue
        name_key = fold(item.name)
        if name_key in seen_names and model is not LocalityInput:
            other, other_line = seen_names[name_key]
            problems.add(rel, *located.position((index, "name")), f"[{index + 1}].name",
                         f"tên '{item.name}' trùng với mục '{other}' ở dòng {other_line} "
                         "(khi bỏ dấu); hãy gộp hai mục hoặc đổi tên")
            continue
        seen[item.id] = line
        seen_names[name_key] = (item.id, line)
        entries.append((item, located, index))
    return entries


def load_catalog(root: Path, today: dt.date, campaigns_dir: str = "campaigns", content_dir: str = "content",
                 parsed: ParseCache | None = None) -> Catalog:
    """Read, validate and resolve the whole portal for the build date `today`.

    `parsed` holds documents parsed by an earlier build (a rebuild, the preview); by default
    every file is parsed.

    Raises:
        ContentError: listing every problem in every file.
    """
    problems = Problems()
    parsed = parsed or ParseCache()
    base = root / campaigns_dir
    if not base.is_dir():
        raise ContentError([Problem(campaigns_dir, 0, 0, "", "không tìm thấy thư mục nội dung phong trào")])

    themes = {t.id: Theme(t.id, t.name, t.description)
              for t, _, _ in _load_registry(root, base / "_themes.yml", ThemeInput, problems, parsed)}
    movements = {m.id: Movement(m.id, m.name, m.description, m.launched_by, m.since)
                 for m, _, _ in _load_registry(root, base / "_movements.yml", MovementInput, problems, parsed)}
    locality_entries = _load_registry(root, base / "_localities.yml", LocalityInput, problems, parsed)
    localities = {item.id: Locality(item.id, item.name, item.level, item.until, item.merged_into, item.note)
                  for item, _, _ in locality_entries}
    for item, located, index in locality_entries:
        rel = located.path
        parent = localities[item.id].parent_id
        if parent and parent not in localities:
            problems.add(rel, *located.position((index, "id")), f"[{index + 1}].id",
                         f"đơn vị cấp trên '{parent}' chưa có trong danh mục; hãy thêm mục có id: {parent}")
        if item.parent is not None and item.parent != parent:
            problems.add(rel, *located.position((index, "parent")), f"[{index + 1}].parent",
                         f"khác với cấp trên suy ra từ mã ('{parent or 'không có'}'); hãy xóa dòng parent hoặc sửa mã")
        if item.merged_into and item.merged_into not in localities:
            problems.add(rel, *located.position((index, "merged_into")), f"[{index + 1}].merged_into",
                         f"mã '{item.merged_into}' chưa có trong danh mục; {close_ids(item.merged_into, localities)}")
        if item.merged_into and not item.until:
            problems.add(rel, *located.position((index, "merged_into")), f"[{index + 1}].until",
                         "có merged_into nhưng thiếu until; hãy thêm ngày cuối cùng đơn vị còn tồn tại, ví dụ until: 2025-06-30")

    cards: list[tuple[str, str, CampaignInput, Located, str]] = []
    # A draft is never published, so its gaps must not stop everyone else's build: an imported
    # plan stays `draft: true` while staff fill it in. Its problems become warnings.
    draft_problems = Problems()
    folded_stems: dict[str, str] = {}
    yml_files = [p for p in list_files(root, base, (".yml", ".yaml")) if not p.name.startswith("_")]
    for path in yml_files:
        rel = relative(root, path)
        stem = path.name.rsplit(".", 1)[0]
        if path.suffix == ".yaml":
            problems.add(rel, 0, 0, "", f"hãy đổi đuôi tệp thành .yml ({stem}.yml)")
            continue
        key = slugify(stem)
        if key in folded_stems:
            problems.add(rel, 0, 0, "", f"trùng mã với tệp {folded_stems[key]} (khi bỏ dấu và chữ hoa); hãy đổi tên một trong hai tệp")
            continue
        folded_stems[key] = rel
        if not check_id(stem, rel, problems):
            continue
        located = _load_yaml(root, path, problems, parsed)
        if located is None:
            continue
        sink = draft_problems if is_draft(located.data) else problems
        card = validate_document(located, CampaignInput, sink)
        if card is None:
            continue
        body_path = path.with_suffix(".md")
        body = ""
        if body_path.exists():
            body_source = read_text(root, body_path, sink)
            if body_source is not None:
                body = body_source.text
                check_body(body_source, sink)
        cards.append((stem, rel, card, located, body))
    yml_stems = {p.name.rsplit(".", 1)[0] for p in yml_files}
    for md in list_files(root, base, (".md",)):
        if md.stem not in yml_stems and not md.name.startswith("_"):
            problems.add(relative(root, md), 0, 0, "",
                         f"có nội dung văn bản nhưng thiếu tệp thông tin {md.stem}.yml; hãy tạo tệp đó hoặc xóa tệp này")

    public_ids = {stem for stem, _, card, _, _ in cards if _is_public(card, today)}
    # Every campaign file counts as existing, valid or not: a broken card must not turn
    # references to it into "unknown id" errors on top of its own messages.
    all_ids = {p.name.rsplit(".", 1)[0] for p in yml_files}
    resolved: list[Campaign] = []
    hidden: list[tuple[str, str]] = []
    for stem, rel, card, located, body in cards:
        campaign = _resolve(root, base, stem, rel, card, located, body, today, themes, movements,
                            localities, public_ids, all_ids, draft_problems if card.draft else problems)
        if campaign is None:
            continue
        if stem in public_ids:
            resolved.append(campaign)
        else:
            hidden.append((rel, _hidden_reason(card, today)))

    content = root / content_dir
    sources = load_exemplar_sources(root, content, problems, draft_problems, parsed)
    exemplar_hidden = {src.id: hidden_reason(src.card, today) for src in sources}
    hidden += [(src.path, exemplar_hidden[src.id]) for src in sources if exemplar_hidden[src.id]]
    honored_in: dict[str, list[str]] = {}
    for stem, rel, card, located, _ in cards:
        results = card.results
        if stem in public_ids and results is not None and results.published.first_day() <= today:
            _check_honorees(rel, results.honorees, located, exemplar_hidden, problems)
            for exemplar_id in results.honorees:
                honored_in.setdefault(exemplar_id, []).append(stem)
    exemplars: list[Exemplar] = []
    theme_names = {k: v.name for k, v in themes.items()}
    for src in sources:
        exemplar = resolve_exemplar(content, src, localities=set(localities), themes=theme_names,
                                    all_campaigns=all_ids, public_campaigns=public_ids,
                                    extra_campaigns=tuple(honored_in.get(src.id, ())),
                                    problems=draft_problems if src.card.draft else problems)
        if exemplar is not None and not exemplar_hidden[src.id]:
            exemplars.append(exemplar)
    texts = [(rel.rsplit(".", 1)[0] + ".md", "campaigns", body) for stem, rel, _, _, body in cards
             if stem in public_ids]
    texts += [(e.source_path, EXEMPLARS_DIR, e.story) for e in exemplars]
    texts += _content_pages(root, content, problems)
    _check_links_to_hidden(texts, {i for i, reason in exemplar_hidden.items() if reason},
                           {stem: _hidden_reason(card, today) for stem, _, card, _, _ in cards if stem not in public_ids},
                           problems)
    if problems:
        raise ContentError(problems.items)
    warnings = draft_problems.as_warnings("bản nháp: cần sửa trước khi bỏ draft: true") + advise(cards, sources, today)

    exemplars.sort(key=lambda e: e.sort_key)
    pending = [day for _, _, card, _, _ in cards if not card.draft for day in _release_days(card, today)]
    pending += [day for src in sources if not src.card.draft for day in
                (src.card.publish_on and src.card.publish_on.first_day(), src.card.honored.first_day())
                if day and day > today]
    honorees: dict[str, list[str]] = {}
    for exemplar in exemplars:  # A–Z already, so each campaign's honorees come out sorted
        for campaign_id in exemplar.campaign_ids:
            honorees.setdefault(campaign_id, []).append(exemplar.id)
    campaigns = [dataclasses.replace(c, honoree_ids=tuple(honorees.get(c.id, ()))) for c in resolved]
    campaigns.sort(key=lambda c: (-c.sort_date.toordinal(), collation_key(c.card.title)))
    return Catalog(
        today=today,
        campaigns=tuple(campaigns),
        themes=tuple(sorted(themes.values(), key=lambda t: collation_key(t.name))),
        movements=tuple(sorted(movements.values(), key=lambda m: collation_key(m.name))),
        localities=tuple(sorted(localities.values(), key=lambda loc: loc.id)),
        exemplars=tuple(exemplars),
        hidden=tuple(hidden),
        warnings=tuple(sorted(set(warnings))),
        pending=tuple(sorted(set(pending))),
    )


def _release_days(card: CampaignInput, today: dt.date) -> list[dt.date]:
    """Days after `today` on which a campaign card, or its results, become public."""
    days = [card.publish_on and card.publish_on.first_day(), card.issued and card.issued.first_day(),
            card.results and card.results.published.first_day()]
    return [day for day in days if day and day > today]


def _check_honorees(path: str, honorees: list[str], located: Located, exemplar_hidden: dict[str, str],
                    problems: Problems) -> None:
    """`results.honorees` must name published exemplars: a public page never links to a hidden one."""
    for i, exemplar_id in enumerate(honorees):
        where = (path, *located.position(("results", "honorees", i)), f"results.honorees[{i + 1}]")
        if exemplar_id not in exemplar_hidden:
            hint = close_ids(exemplar_id, exemplar_hidden, fallback="mã là tên tệp trong content/exemplars/ (không có .md)")
            problems.add(*where, f"chưa có điển hình mã '{exemplar_id}'; {hint}")
        elif exemplar_hidden[exemplar_id]:
            problems.add(*where, f"điển hình '{exemplar_id}' chưa được công bố: {exemplar_hidden[exemplar_id]}; "
                         "trang công khai không được nhắc tới, hãy xóa dòng này cho đến khi điển hình được công bố")


_EXEMPLAR_LINK = re.compile(r"exemplars/([a-z0-9]+(?:-[a-z0-9]+)*)\.(?:md|html)\b")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|\bhref\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_CAMPAIGN_PAGE = re.compile(r"campaigns/([a-z0-9]+(?:-[a-z0-9]+)*)\.(?:md|html)")


def _content_pages(root: Path, content: Path, problems: Problems) -> list[tuple[str, str, str]]:
    """(path, folder in the site, text) of every Markdown page editors write in content/, exemplars aside.

    These pages are rendered by the engine, not planned here; they get the same body checks
    (unsafe links, code) as campaign texts, because they reach the same citizens.
    """
    pages = []
    exemplar_dir = content / EXEMPLARS_DIR
    for folder, dirs, names in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not is_ignored(d))
        if Path(folder) == exemplar_dir:
            continue  # exemplar stories are checked with their front matter
        for name in sorted(names):
            if name.endswith(".md") and not is_ignored(name):
                source = read_text(root, Path(folder) / name, problems)
                if source is not None:
                    check_body(source, problems)
                    pages.append((source.path, Path(folder).relative_to(content).as_posix().strip("."), source.text))
    return pages


def _check_links_to_hidden(texts: list[tuple[str, str, str]], hidden_exemplars: set[str],
                           hidden_campaigns: dict[str, str], problems: Problems) -> None:
    """A link to an unpublished exemplar or campaign would reveal that it exists: that is a build error.

    Args:
        texts: (path, the page's folder in the site, Markdown) of every public text.
        hidden_campaigns: id → why the campaign is not published.
    """
    if not hidden_exemplars and not hidden_campaigns:
        return
    for path, folder, text in texts:
        if "exemplars/" not in text and "](" not in text and "=" not in text:
            continue  # no pattern below can match: spares splitting 10,000 bodies into lines
        for number, line in enumerate(text.split("\n"), start=1):
            for match in _EXEMPLAR_LINK.finditer(line):
                if match.group(1) in hidden_exemplars:
                    problems.add(path, number, match.start() + 1, "",
                                 f"liên kết tới điển hình '{match.group(1)}' chưa được công bố; "
                                 "hãy xóa liên kết cho đến khi điển hình được công bố")
            for match in _LINK_TARGET.finditer(line):
                target = (match.group(1) or match.group(2)).split("#")[0].split("?")[0]
                if ":" in target or not target:
                    continue  # another site, mailto:, or an anchor on the same page
                resolved = posixpath.normpath(posixpath.join(folder, target))
                page = _CAMPAIGN_PAGE.fullmatch(resolved)
                if page and page.group(1) in hidden_campaigns:
                    problems.add(path, number, match.start() + 1, "",
                                 f"liên kết tới phong trào '{page.group(1)}' chưa được công bố: "
                                 f"{hidden_campaigns[page.group(1)]}; hãy xóa liên kết cho đến khi văn bản được công bố")


def _is_public(card: CampaignInput, today: dt.date) -> bool:
    return _hidden_reason(card, today) == ""


def _hidden_reason(card: CampaignInput, today: dt.date) -> str:
    if reason := embargo_reason(card.draft, card.publish_on, today):
        return reason
    if card.issued and card.issued.first_day() > today:
        return f"văn bản ban hành sau ngày tạo trang ({card.issued.display()})"
    return ""


def _resolve(
    root: Path, base: Path, stem: str, rel: str, card: CampaignInput, located: Located, body: str,
    today: dt.date, themes: dict[str, Theme], movements: dict[str, Movement],
    localities: dict[str, Locality], public_ids: set[str], all_ids: set[str], problems: Problems,
) -> Campaign | None:
    count = len(problems.items)

    def err(path: tuple[str | int, ...], field_name: str, message: str) -> None:
        problems.add(rel, *located.position(path), field_name, message)

    locality = localities.get(card.issuer.locality)
    if locality is None:
        err(("issuer", "locality"), "issuer.locality",
            f"mã địa phương '{card.issuer.locality}' chưa có trong _localities.yml; "
            f"{close_ids(card.issuer.locality, localities, {k: v.name for k, v in localities.items()})}")
    check_id_list(err, "themes", card.themes, themes, "lĩnh vực '{id}' chưa có trong _themes.yml",
                  {k: v.name for k, v in themes.items()})
    check_id_list(err, "movements", card.movements, movements, "phong trào '{id}' chưa có trong _movements.yml",
                  {k: v.name for k, v in movements.items()})

    period = card.period
    start = period.start.first_day() if period.start else (card.issued.first_day() if card.issued else None)
    end = period.end.last_day()
    if period.start and period.start.first_day() > end:
        err(("period", "end"), "period.end",
            f"ngày kết thúc {period.end.display()} trước ngày bắt đầu {period.start.display()}; hãy sửa một trong hai ngày")
    for i, phase in enumerate(card.phases):
        if phase.start and phase.end and phase.start.first_day() > phase.end.last_day():
            err(("phases", i, "end"), f"phases[{i + 1}].end",
                f"ngày kết thúc {phase.end.display()} trước ngày bắt đầu {phase.start.display()}; hãy sửa một trong hai ngày")
    if card.occasion and card.occasion.start and card.occasion.end and \
            card.occasion.start.first_day() > card.occasion.end.last_day():
        err(("occasion", "end"), "occasion.end", "mốc kết thúc trước mốc bắt đầu; hãy sửa một trong hai mốc")

    basis: list[BasisLink] = []
    for i, doc in enumerate(card.basis):
        if doc.campaign is not None and doc.campaign not in all_ids:
            err(("basis", i, "campaign"), f"basis[{i + 1}].campaign",
                f"chưa có phong trào mã '{doc.campaign}' trên cổng; "
                f"{close_ids(doc.campaign, all_ids, fallback='mã là tên tệp trong campaigns/ (không có .yml); hãy sửa mã hoặc xóa dòng này')}")
        if doc.campaign == stem:
            err(("basis", i, "campaign"), f"basis[{i + 1}].campaign", "văn bản không thể căn cứ vào chính nó; hãy xóa dòng này")
        linked = doc.campaign if doc.campaign in public_ids and doc.campaign != stem else None
        basis.append(BasisLink(doc.number, doc.date, doc.issuer, doc.title, linked))

    attachments = [link for i, att in enumerate(card.attachments)
                   if (link := _attachment(root, base, att.file, att.title, ("attachments", i, "file"),
                                           f"attachments[{i + 1}].file", err)) is not None]
    results = None
    if card.results is not None:
        for _, _, url in find_unsafe_links(card.results.summary or ""):
            err(("results", "summary"), "results.summary", f"liên kết '{url[:40]}' không an toàn "
                "(javascript:, data:, vbscript:); hãy dùng liên kết http(s) hoặc xóa nó")
        for _, _, what in find_active_html(card.results.summary or ""):
            label = f"thẻ {what}" if what.startswith("<") else f"thuộc tính '{what}'"
            err(("results", "summary"), "results.summary", f"{label} chạy mã hoặc nhúng trang khác, không được dùng "
                "trong nội dung; hãy xóa")
        report = None
        if card.results.report:
            report = _attachment(root, base, card.results.report, "Báo cáo tổng kết", ("results", "report"),
                                 "results.report", err)
        # Results dated after the build date wait, like an embargo: they may still change.
        if card.results.published.first_day() <= today:
            results = CampaignResults(card.results, report)
    if len(problems.items) > count or locality is None:
        return None
    return Campaign(
        id=stem, source_path=rel, card=card, body=body,
        status=compute_status(start, end, card.status, today), start=start, end=end,
        issuer_locality=locality,
        themes=tuple(themes[t] for t in dict.fromkeys(card.themes)),
        movements=tuple(movements[m] for m in dict.fromkeys(card.movements)),
        basis=tuple(basis), attachments=tuple(attachments), results=results,
    )


def _attachment(root: Path, base: Path, ref: str, title: str, key_path: tuple[str | int, ...], field_name: str,
                err: Callable[[tuple[str | int, ...], str, str], None]) -> AttachmentLink | None:
    """A file under campaigns/files/ to publish as-is, or None with the problem reported."""
    target = resolve_attachment(root, base, ref)
    if target is None or not (target.resolve().is_relative_to((base / "files").resolve())):
        err(key_path, field_name, f"đường dẫn '{ref}' ra ngoài thư mục campaigns/files/; "
            "hãy chép tệp vào campaigns/files/ và viết files/<tên tệp>")
        return None
    if not target.is_file():
        err(key_path, field_name, f"không tìm thấy tệp '{ref}'; hãy chép tệp vào campaigns/{ref} hoặc sửa tên tệp")
        return None
    if re.search(r"[#?%\s]", target.name):
        err(key_path, field_name, f"tên tệp '{target.name}' có ký tự không dùng được trong địa chỉ web "
            "(#, ?, %, dấu cách); hãy đổi tên tệp")
        return None
    return AttachmentLink(title, target, "campaigns/" + target.relative_to(base).as_posix(), target.stat().st_size)
