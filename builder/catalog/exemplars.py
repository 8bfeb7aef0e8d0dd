"""Honored exemplars: `content/exemplars/<id>.md`, front matter then the story.

Pipeline steps load → model for exemplars; `catalog` calls these with the registries
and the campaign ids it already holds. The front matter goes through the same YAML
loader and validator as campaign cards (with a line offset, so messages point at
the line in the .md file), and the same id and link checks.

Privacy is decided here once: an exemplar that is a draft, embargoed, or an
individual without `consent: true` gets a reason and is then simply absent from
the catalog's public list, which is the only list any page or output reads.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from builder.catalog.checks import (
    Report,
    check_body,
    check_id,
    check_id_list,
    close_ids,
    embargo_reason,
    is_draft,
)
from builder.catalog.photos import Photo, PhotoError, inspect_photo
from builder.core.problems import Problems
from builder.core.text import collation_key, name_collation_key
from builder.load.sources import SourceFile, inside, list_files, read_text, relative
from builder.load.yamlload import Located, ParseCache
from builder.model.schema import EXEMPLAR_KINDS, ExemplarInput
from builder.model.validate import validate_document

EXEMPLARS_DIR = "exemplars"  # inside the MkDocs docs_dir
PHOTO_URL_DIR = "exemplars/photos"
# Where an office keeps the profiles (and photos) of people who have not consented yet: hidden from the
# loader (a dot folder) and from Git (.gitignore), so nothing of them reaches the repository.
PRIVATE_DIR = ".chua-dong-y"


@dataclass(frozen=True)
class ExemplarSource:
    """A validated exemplar file, before ids are resolved."""

    id: str
    path: str
    card: ExemplarInput
    located: Located
    story: str
    story_line: int  # the file's line where the story starts: problems in the story name the file's line


@dataclass(frozen=True)
class Exemplar:
    id: str
    source_path: str
    card: ExemplarInput
    story: str
    locality_id: str
    theme_ids: tuple[str, ...]
    campaign_ids: tuple[str, ...]  # public campaigns only: from `campaigns` and from results' honorees
    photo: Photo | None

    @property
    def kind_label(self) -> str:
        return EXEMPLAR_KINDS[self.card.kind]

    @property
    def year(self) -> int:
        return self.card.honored.first_day().year

    @property
    def sort_key(self) -> tuple[object, ...]:
        return az_key(self.card.kind, self.card.name)

    @property
    def initial(self) -> str:
        return az_initial(self.card.kind, self.card.name)


def az_key(kind: str, name: str) -> tuple[object, ...]:
    """A–Z order: people by given name (the last word), collectives by their full name."""
    if kind == "ca-nhan":
        return name_collation_key(name)
    return (collation_key(name), ())


def az_initial(kind: str, name: str) -> str:
    """The letter an exemplar is filed under in the A–Z view ("Đ", "Â", never a tone)."""
    return initial_letter(name.split()[-1] if kind == "ca-nhan" and name.split() else name)


@functools.lru_cache(maxsize=4096)  # pure; asked for every exemplar on every A–Z page and menu
def initial_letter(word: str) -> str:
    """First letter with its base mark (Ă, Â, Đ, Ê, Ô, Ơ, Ư) but without tone: "Ấn" → "Â"."""
    if not word:
        return "#"
    decomposed = unicodedata.normalize("NFD", word[0].upper())
    keep = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or ch in "\u0306\u0302\u031b")
    letter = unicodedata.normalize("NFC", keep)
    return letter if letter.isalpha() else "#"


def split_front_matter(source: SourceFile, problems: Problems) -> tuple[str, int, str, int] | None:
    """(YAML text, lines before it, story, the story's first line) from `---` front matter at the top of the file."""
    lines = source.text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.add(source.path, 1, 1, "", "tệp phải bắt đầu bằng dòng `---`, tiếp theo là các trường "
                     "name, kind, locality..., rồi một dòng `---` nữa trước phần câu chuyện")
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            story = lines[index + 1:]
            blank = next((n for n, line in enumerate(story) if line.strip()), 0)
            return "\n".join(lines[1:index]) + "\n", 1, "\n".join(story).strip("\n") + "\n", index + 2 + blank
    problems.add(source.path, 1, 1, "", "phần thông tin đầu tệp không có dòng `---` kết thúc; "
                 "hãy thêm một dòng `---` sau trường cuối cùng")
    return None


def load_exemplar_sources(root: Path, content_dir: Path, problems: Problems,
                          drafts: Problems | None = None, parsed: ParseCache | None = None) -> list[ExemplarSource]:
    """Every `content/exemplars/*.md`, validated against the schema (ids not resolved yet).

    Args:
        drafts: where the front-matter problems of `draft: true` files go (default: `problems`).
    """
    found = []
    parsed = parsed or ParseCache()
    for path in list_files(root, content_dir / EXEMPLARS_DIR, (".md", ".markdown")):
        rel = relative(root, path)
        stem = path.name.rsplit(".", 1)[0]
        if path.suffix != ".md":
            problems.add(rel, 0, 0, "", f"hãy đổi đuôi tệp thành .md ({stem}.md)")
            continue
        if not check_id(stem, rel, problems, suffix=".md"):
            continue
        source = read_text(root, path, problems)
        if source is None:
            continue
        check_body(source, problems, header_block=None)  # split_front_matter reads the block
        parts = split_front_matter(source, problems)
        if parts is None:
            continue
        yaml_text, offset, story, story_line = parts
        located = parsed.parse(yaml_text, rel, problems, line_offset=offset)
        if located is None:
            continue
        sink = drafts if drafts is not None and is_draft(located.data) else problems
        card = validate_document(located, ExemplarInput, sink)
        if card is None:
            continue
        found.append(ExemplarSource(stem, rel, card, located, story, story_line))
    return found


def hidden_reason(card: ExemplarInput, today: dt.date) -> str:
    """Why an exemplar is not published on `today`; empty when it is public."""
    if reason := embargo_reason(card.draft, card.publish_on, today):
        return reason
    if card.honored.first_day() > today:
        return f"ngày tuyên dương {card.honored.display()} sau ngày tạo trang"
    if card.kind == "ca-nhan" and not card.consent:
        return "cá nhân chưa đồng ý công bố (thiếu consent: true)"
    return ""


def resolve_exemplar(
    content_dir: Path, src: ExemplarSource, *, localities: set[str], themes: dict[str, str],
    theme_ids: dict[str, str] | None = None,
    all_campaigns: set[str], public_campaigns: set[str], extra_campaigns: tuple[str, ...], problems: Problems,
) -> Exemplar | None:
    """Check every id and the photo; None (with problems added) when anything is wrong.

    Args:
        themes: id → name, for "did you mean" by name.
        extra_campaigns: public campaigns whose results list this exemplar as an honoree.
    """
    count = len(problems.items)
    card, located = src.card, src.located

    def err(path: tuple[str | int, ...], field_name: str, message: str) -> None:
        problems.add(src.path, *located.position(path), field_name, message)

    if card.locality not in localities:
        err(("locality",), "locality", f"mã địa phương '{card.locality}' chưa có trong campaigns/_localities.yml; "
            f"{close_ids(card.locality, localities)}")
    check_id_list(err, "themes", card.themes, themes, "lĩnh vực '{id}' chưa có trong _themes.yml", themes)
    check_id_list(err, "campaigns", card.campaigns, all_campaigns, "chưa có phong trào mã '{id}' trên cổng",
                  fallback="mã là tên tệp trong campaigns/ (không có .yml)")

    photo = _photo(content_dir, src, err) if card.photo else None
    if card.photo_alt and not card.photo:
        err(("photo_alt",), "photo_alt", "có mô tả ảnh nhưng không có ảnh; hãy thêm dòng photo: photos/<tên ảnh> "
            "hoặc xóa dòng này")
    if len(problems.items) > count:
        return None
    campaign_ids = tuple(dict.fromkeys(c for c in (*card.campaigns, *extra_campaigns) if c in public_campaigns))
    current = theme_ids or {}  # a former id → the theme's id now
    return Exemplar(src.id, src.path, card, src.story, card.locality, tuple(dict.fromkeys(current.get(t, t) for t in card.themes)),
                    campaign_ids, photo)


def _photo(content_dir: Path, src: ExemplarSource, err: Report) -> Photo | None:
    card = src.card
    assert card.photo is not None
    folder = content_dir / EXEMPLARS_DIR
    if not card.photo_alt:
        err(("photo",), "photo_alt", "ảnh chưa có mô tả; hãy thêm dòng photo_alt: mô tả ngắn người hoặc cảnh "
            "trong ảnh (cho người đọc bằng trình đọc màn hình)")
    ref = card.photo
    target = folder / ref
    if ref.startswith(("/", "\\")) or ":" in ref.split("/")[0] or not inside(folder, target):
        err(("photo",), "photo", f"đường dẫn '{ref}' ra ngoài thư mục content/exemplars/; "
            "hãy chép ảnh vào content/exemplars/photos/ và viết photos/<tên ảnh>")
        return None
    if not target.is_file():
        err(("photo",), "photo", f"không tìm thấy ảnh '{ref}'; hãy chép ảnh vào content/exemplars/{ref} "
            "hoặc sửa tên tệp")
        return None
    try:
        return inspect_photo(target, card.photo_alt or "", f"{PHOTO_URL_DIR}/{src.id}")
    except PhotoError as error:
        err(("photo",), "photo", str(error))
        return None
