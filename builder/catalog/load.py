"""Pipeline step model → catalog: read, validate and resolve the whole portal for one build date.

`load_catalog` reads every source, validates it, resolves every id (issuer → locality,
basis → campaign, themes, movements) and computes what is public and each campaign's status
on `today`. It raises one `ContentError` with every problem, or returns an immutable
`Catalog`; nothing after it reads files or decides visibility.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from builder.catalog.campaigns import (
    campaign_hidden_reason,
    check_invalid_card,
    check_same_document,
    is_public,
    release_days,
    resolve_campaign,
)
from builder.catalog.catalog import Campaign, Catalog, Locality, Movement, Theme
from builder.catalog.checks import (
    check_id,
    close_ids,
    is_draft,
    read_body,
)
from builder.catalog.crosschecks import (
    check_honorees,
    check_links_to_hidden,
    content_pages,
)
from builder.catalog.exemplars import (
    EXEMPLARS_DIR,
    PRIVATE_DIR,
    Exemplar,
    hidden_reason,
    load_exemplar_sources,
    resolve_exemplar,
)
from builder.catalog.notices import (
    DEFAULT_RETENTION_DAYS,
    OPEN,
    after_retention,
    load_notice_sources,
    load_work_calendar,
    notice_hidden_reason,
    resolve_notice,
)
from builder.core.problems import ContentError, Problem, Problems
from builder.core.text import collation_key, match_key, slugify
from builder.load.sources import (
    list_files,
    relative,
)
from builder.load.yamlload import Located, ParseCache, load_yaml_file
from builder.model.advice import advise
from builder.model.schema import (
    CampaignInput,
    LocalityInput,
    MovementInput,
    ThemeInput,
)
from builder.model.validate import validate_document


def _load_registry(root: Path, path: Path, model: type[Any], problems: Problems,
                   parsed: ParseCache) -> list[tuple[Any, Located, int]]:
    rel = relative(root, path)
    if not path.exists():
        problems.add(rel, 0, 0, "", "thiếu tệp danh mục; hãy tạo tệp này (xem hướng dẫn biên tập)")
        return []
    located = load_yaml_file(root, path, problems, parsed)
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
        name_key = match_key(item.name)
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
                 parsed: ParseCache | None = None, notice_retention_days: int = DEFAULT_RETENTION_DAYS,
                 include_drafts: bool = False) -> Catalog:
    """Read, validate and resolve the whole portal for the build date `today`.

    `parsed` holds documents parsed by an earlier build (a rebuild, the preview); by default
    every file is parsed. `include_drafts` (the preview only) keeps the drafts that validate, for
    their own pages.

    Raises:
        ContentError: listing every problem in every file.
    """
    problems = Problems()
    parsed = parsed or ParseCache()
    base = root / campaigns_dir
    if not base.is_dir():
        raise ContentError([Problem(campaigns_dir, 0, 0, "", "không tìm thấy thư mục nội dung phong trào")])

    current_themes = {t.id: Theme(t.id, t.name, t.description, tuple(t.former_ids))
                      for t, _, _ in _load_registry(root, base / "_themes.yml", ThemeInput, problems, parsed)}
    # A theme renamed (English ids → Vietnamese ones) keeps its former ids: cards naming them stay valid.
    themes = {**{old: t for t in current_themes.values() for old in t.former_ids}, **current_themes}
    movements = {m.id: Movement(m.id, m.name, m.description, m.launched_by, m.since, m.document)
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
        located = load_yaml_file(root, path, problems, parsed)
        if located is None:
            continue
        sink = draft_problems if is_draft(located.data) else problems
        card = validate_document(located, CampaignInput, sink)
        if card is None:  # every problem of the file at once: its ids and its full text are still checked
            check_invalid_card(rel, located, themes, movements, localities, sink)
            read_body(root, path, sink)
            continue
        cards.append((stem, rel, card, located, read_body(root, path, sink)))
    yml_stems = {p.name.rsplit(".", 1)[0] for p in yml_files}
    for md in list_files(root, base, (".md",)):
        if md.stem not in yml_stems and not md.name.startswith("_"):
            problems.add(relative(root, md), 0, 0, "",
                         f"có nội dung văn bản nhưng thiếu tệp thông tin {md.stem}.yml; hãy tạo tệp đó hoặc xóa tệp này")

    check_same_document(cards, problems, draft_problems)
    public_ids = {stem for stem, _, card, _, _ in cards if is_public(card, today)}
    # Every campaign file counts as existing, valid or not: a broken card must not turn
    # references to it into "unknown id" errors on top of its own messages.
    all_ids = {p.name.rsplit(".", 1)[0] for p in yml_files}
    resolved: list[Campaign] = []
    drafts: list[Campaign] = []
    hidden: list[tuple[str, str]] = []
    for stem, rel, card, located, body in cards:
        campaign = resolve_campaign(root, base, stem, rel, card, located, body, today, themes, movements,
                            localities, public_ids, all_ids, draft_problems if card.draft else problems)
        if campaign is None:
            continue
        if stem in public_ids:
            resolved.append(campaign)
        else:
            hidden.append((rel, campaign_hidden_reason(card, today)))
            if include_drafts and card.draft:
                drafts.append(campaign)

    content = root / content_dir
    sources = load_exemplar_sources(root, content, problems, draft_problems, parsed)
    exemplar_hidden = {src.id: hidden_reason(src.card, today) for src in sources}
    hidden += [(src.path, exemplar_hidden[src.id]) for src in sources if exemplar_hidden[src.id]]
    honored_in: dict[str, list[str]] = {}
    for stem, rel, card, located, _ in cards:
        results = card.results
        if stem in public_ids and results is not None and results.published.first_day() <= today:
            check_honorees(rel, results.honorees, located, exemplar_hidden, problems)
            for exemplar_id in results.honorees:
                honored_in.setdefault(exemplar_id, []).append(stem)
    exemplars: list[Exemplar] = []
    theme_names = {k: v.name for k, v in themes.items()}
    theme_ids = {k: v.id for k, v in themes.items()}
    for src in sources:
        exemplar = resolve_exemplar(content, src, localities=set(localities), themes=theme_names,
                                    all_campaigns=all_ids, public_campaigns=public_ids,
                                    extra_campaigns=tuple(honored_in.get(src.id, ())), theme_ids=theme_ids,
                                    problems=draft_problems if src.card.draft else problems)
        if exemplar is not None and not exemplar_hidden[src.id]:
            exemplars.append(exemplar)
    calendar = load_work_calendar(root, base, problems, parsed)
    notices, notice_days = [], []
    public_exemplars = {e.id for e in exemplars}
    for stem, rel, notice_card, located, body in load_notice_sources(root, base, problems, draft_problems, parsed):
        notice = resolve_notice(stem, rel, notice_card, located, body, calendar=calendar, localities=set(localities),
                                campaigns=all_ids, public_campaigns=public_ids, exemplars=set(exemplar_hidden),
                                public_exemplars=public_exemplars,
                                problems=draft_problems if notice_card.draft else problems)
        if notice is None:
            continue
        if reason := notice_hidden_reason(notice_card, today):
            hidden.append((rel, reason))
            if not notice_card.draft:
                notice_days.append(notice.opened)
        else:
            notices.append(after_retention(notice, today, notice_retention_days))
    texts = [(rel.rsplit(".", 1)[0] + ".md", "campaigns", body, 1) for stem, rel, _, _, body in cards
             if stem in public_ids]
    story_lines = {src.id: src.story_line for src in sources}
    texts += [(e.source_path, EXEMPLARS_DIR, e.story, story_lines[e.id]) for e in exemplars]
    texts += content_pages(root, content, problems)
    check_links_to_hidden(texts, {i for i, reason in exemplar_hidden.items() if reason},
                           {stem: campaign_hidden_reason(card, today) for stem, _, card, _, _ in cards if stem not in public_ids},
                           problems)
    if problems:
        raise ContentError(problems.items)
    warnings = draft_problems.as_warnings("bản nháp: cần sửa trước khi bỏ draft: true") + advise(cards, sources, today)
    warnings += [Problem(rel, *located.position(("themes", i)), f"themes[{i + 1}]",
                         f"'{theme_id}' là mã cũ của lĩnh vực '{themes[theme_id].id}'; hãy đổi thành {themes[theme_id].id} "
                         "(mã cũ vẫn dùng được)", "warning")
                 for rel, located, ids in [(r, loc, c.themes) for _, r, c, loc, _ in cards]
                 + [(src.path, src.located, src.card.themes) for src in sources]
                 for i, theme_id in enumerate(ids) if theme_id in themes and themes[theme_id].id != theme_id]
    warnings += [Problem(f"{content_dir}/{EXEMPLARS_DIR}/{e.card.photo}", 0, 0, "",
                         "ảnh gốc còn ghi vị trí GPS nơi chụp; trang công khai không có (ảnh được tạo lại), nhưng kho "
                         "Git thì có nếu đẩy tệp này lên: hãy chạy portal strip-photos (hoặc tải ảnh qua make edit)",
                         "warning") for e in exemplars if e.photo is not None and e.photo.located]
    warnings += [Problem(src.path, 0, 0, "", "cá nhân chưa đồng ý công bố: cổng không tạo trang, nhưng nếu đẩy tệp này "
                         f"(và ảnh) lên kho Git thì ai đọc được kho cũng đọc được; hãy để tệp trong {content_dir}/"
                         f"{EXEMPLARS_DIR}/{PRIVATE_DIR}/ (không đưa lên kho) cho đến khi có đồng ý", "warning")
                 for src in sources if src.card.kind == "ca-nhan" and not src.card.consent and not src.card.draft]

    exemplars.sort(key=lambda e: e.sort_key)
    pending = [day for _, _, card, _, _ in cards if not card.draft for day in release_days(card, today)]
    pending += [day for src in sources if not src.card.draft for day in
                (src.card.publish_on and src.card.publish_on.first_day(), src.card.honored.first_day())
                if day and day > today]
    honorees: dict[str, list[str]] = {}
    for exemplar in exemplars:  # A–Z already, so each campaign's honorees come out sorted
        for campaign_id in exemplar.campaign_ids:
            honorees.setdefault(campaign_id, []).append(exemplar.id)
    # Open notices first, the nearest deadline first; then closed ones, the latest first.
    notices.sort(key=lambda n: (n.status(today) != OPEN, n.until.toordinal() * (1 if n.status(today) == OPEN else -1), n.id))
    pending += notice_days
    campaigns = [dataclasses.replace(c, honoree_ids=tuple(honorees.get(c.id, ()))) for c in resolved]
    campaigns.sort(key=lambda c: (-c.sort_date.toordinal(), collation_key(c.card.title)))
    return Catalog(
        today=today,
        campaigns=tuple(campaigns),
        themes=tuple(sorted(current_themes.values(), key=lambda t: collation_key(t.name))),
        movements=tuple(sorted(movements.values(), key=lambda m: collation_key(m.name))),
        localities=tuple(sorted(localities.values(), key=lambda loc: loc.id)),
        exemplars=tuple(exemplars),
        hidden=tuple(hidden),
        warnings=tuple(sorted(set(warnings))),
        pending=tuple(sorted(set(pending))),
        notices=tuple(notices),
        workdays=calendar,
        drafts=tuple(sorted(drafts, key=lambda c: c.id)),
        texts=tuple(texts),
    )
