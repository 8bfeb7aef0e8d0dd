"""A large synthetic portal in realistic Vietnamese, for benchmarks (never for tests).

Sentences are drawn from the five real source documents in campaigns/*.md and the
example exemplar stories, so word frequencies look like the genre: "thi đua",
"phong trào", "UBND" are everywhere, a commune's name is rare. Places are a
generated province → district → commune tree. Deterministic for a given seed.

A portal's size is counted in pages, as citizens and the targets see it, and its
registry grows with it: a commune's portal of 100 pages lists some 20 communes, a
province's portal of 1,000 pages about 200, a national one of 10,000 pages all 2,040
of the generated tree (every locality gets its own page). `generate_pages` finds the
number of campaigns and exemplars that gives the asked number of pages.

    python -m bench.synthetic OUT_DIR --pages 10000
    python -m bench.synthetic OUT_DIR --campaigns 6000 --exemplars 4000
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
BUILD_DATE = "2024-08-01"  # PORTAL_TODAY of every benchmark build: the statuses, and so the pages, are fixed
NATIONAL_COMMUNES = 34 * 6 * 10  # the full generated tree: 34 provinces of 6 districts of 10 communes
PAGES_PER_COMMUNE = 5  # the registry's size for a portal of N pages: N / 5 communes

_SYLLABLES = ("An Bình Châu Đông Hòa Hưng Lạc Lâm Long Minh Nam Ninh Phong Phú Phước Quang Sơn Tân Thạch Thanh "
              "Thuận Tiến Trung Vĩnh Xuân Yên Đức Hải Hà Lộc Mỹ Nghĩa Thịnh Thái Hiệp Khánh Đồng Cát Kim Hồng").split()
_SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Nông Hà Lăng Thạch".split()
_MIDDLE = "Văn Thị Đức Minh Thanh Ngọc Hữu Quốc Thu Kim Xuân".split()
_GIVEN = "An Bình Cường Dũng Hà Hải Hạnh Hòa Hùng Hương Khánh Lan Linh Long Mai Nam Nga Phúc Quân Tâm Thảo Trang Tuấn Yến".split()
_TOPICS = ("chào mừng kỷ niệm ngày thành lập Đảng bộ", "xây dựng nông thôn mới nâng cao", "chuyển đổi số",
           "cải cách hành chính", "bảo vệ môi trường", "giảm nghèo bền vững", "xây dựng đô thị văn minh",
           "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "hoàn thành nhiệm vụ kinh tế - xã hội",
           "người tốt, việc tốt", "dân vận khéo", "bảo đảm an ninh trật tự", "xóa nhà tạm, nhà dột nát")
_ROLES = ("Trưởng thôn", "Bí thư chi bộ", "Chi hội trưởng Chi hội Phụ nữ", "Nông dân sản xuất kinh doanh giỏi",
          "Giáo viên", "Bác sĩ trạm y tế", "Công an viên", "Đoàn viên thanh niên", "Cựu chiến binh")


def _sentences() -> tuple[list[str], list[str]]:
    plans = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "campaigns").glob("*.md")))
    stories = " ".join(p.read_text(encoding="utf-8").split("---", 2)[-1]
                       for p in sorted((REPO / "content" / "exemplars").glob("*.md")))

    def split(text: str) -> list[str]:
        text = re.sub(r"[#*|>\-]+", " ", text)
        parts = [re.sub(r"\s+", " ", s).strip() for s in re.split(r"(?<=[.;:])\s+|\n{2,}", text)]
        return [s for s in parts if 30 <= len(s) <= 400]

    return split(plans), split(stories)


def _place_name(rng: random.Random) -> str:
    return " ".join(rng.sample(_SYLLABLES, 2))


def _slug(text: str) -> str:
    from builder.core.text import slugify
    return slugify(text)


def generate(out: Path, campaigns: int, exemplars: int, seed: int = 1,
             commune_count: int = NATIONAL_COMMUNES) -> None:
    """Write a portal project (mkdocs.yml, theme, campaigns/, content/) into `out`.

    Args:
        commune_count: how many communes the registry holds (at most `NATIONAL_COMMUNES`), in
            as few provinces as hold them: a smaller registry is the start of the full tree.
    """
    rng = random.Random(seed)
    plan_sentences, story_sentences = _sentences()
    if out.exists():
        shutil.rmtree(out)
    (out / "campaigns").mkdir(parents=True)
    (out / "content" / "exemplars").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copytree(REPO / "theme", out / "theme")
    for name in ("index.md", "about.md"):
        shutil.copy(REPO / "content" / name, out / "content" / name)
    for name in ("_themes.yml", "_movements.yml"):
        shutil.copy(REPO / "campaigns" / name, out / "campaigns" / name)
    themes = [t["id"] for t in yaml.safe_load((REPO / "campaigns/_themes.yml").read_text(encoding="utf-8"))]
    movements = [m["id"] for m in yaml.safe_load((REPO / "campaigns/_movements.yml").read_text(encoding="utf-8"))]

    localities, communes = [], []
    used: set[str] = set()
    for _ in range(max(1, min(34, math.ceil(commune_count / (6 * 10))))):
        province = _place_name(rng)
        pid = _slug(province)
        if pid in used:
            continue
        used.add(pid)
        localities.append({"id": pid, "name": province, "level": "tinh"})
        for _ in range(6):
            if len(communes) >= commune_count:
                break
            district = _place_name(rng)
            did = f"{pid}/{_slug(district)}"
            if did in used:
                continue
            used.add(did)
            localities.append({"id": did, "name": district, "level": "huyen"})
            for _ in range(10):
                if len(communes) >= commune_count:
                    break
                commune = _place_name(rng)
                cid = f"{did}/{_slug(commune)}"
                if cid in used:
                    continue
                used.add(cid)
                localities.append({"id": cid, "name": commune, "level": "xa"})
                communes.append((cid, commune, district))
    (out / "campaigns/_localities.yml").write_text(yaml.safe_dump(localities, allow_unicode=True, sort_keys=False),
                                                   encoding="utf-8")

    campaign_ids = []
    for n in range(campaigns):
        cid, commune, district = rng.choice(communes)
        year = rng.randint(2019, 2026)
        topic = rng.choice(_TOPICS)
        ident = f"{year}-{cid.rsplit('/', 1)[-1]}-{n}"
        campaign_ids.append(ident)
        card = {
            "title": f"Phát động phong trào thi đua {topic} năm {year} trên địa bàn xã {commune}",
            "kind": rng.choice(["ke-hoach", "phat-dong", "huong-dan"]),
            "number": f"{rng.randint(1, 400)}/KH-UBND",
            "issued": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "issuer": {"name": f"UBND xã {commune}", "locality": cid},
            "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
            "summary": rng.choice(plan_sentences)[:300],
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "movements": rng.sample(movements, rng.randint(0, 2)),
            "phases": [{"name": "Đợt 1", "start": f"{year}-01", "end": f"{year}-06"},
                       {"name": "Đợt 2", "start": f"{year}-07", "end": f"{year}-12"}],
            "milestones": [{"date": f"{year}-Q{rng.randint(1, 4)}", "label": "Hội nghị sơ kết phong trào"}],
            "tasks": [{"unit": f"UBND xã {commune}", "task": rng.choice(plan_sentences)[:160],
                       "due": f"{year}-{rng.randint(1, 12):02d}"} for _ in range(rng.randint(1, 4))],
        }
        if rng.random() < 0.05:  # a few campaigns already summed up
            card["results"] = {"published": f"{year}-12", "summary": rng.choice(plan_sentences)[:200],
                               "figures": [{"label": "Công trình hoàn thành", "value": str(rng.randint(1, 9))}],
                               "awards": [{"form": "Giấy khen của Chủ tịch UBND xã",
                                           "collectives": str(rng.randint(0, 9)), "individuals": str(rng.randint(1, 30))}]}
        (out / "campaigns" / f"{ident}.yml").write_text(yaml.safe_dump(card, allow_unicode=True, sort_keys=False),
                                                        encoding="utf-8")
        sections = []
        for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG THI ĐUA", "III. TỔ CHỨC THỰC HIỆN"):
            body = "\n\n".join(rng.sample(plan_sentences, rng.randint(6, 14)))
            sections.append(f"## {heading}\n\n{body}")
        (out / "campaigns" / f"{ident}.md").write_text("\n\n".join(sections) + "\n", encoding="utf-8")

    for n in range(exemplars):
        cid, commune, _ = rng.choice(communes)
        person = rng.random() < 0.75
        name = (f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}" if person
                else f"Tổ hợp tác {_place_name(rng)} thôn {rng.randint(1, 12)}")
        front = {
            "name": name, "kind": "ca-nhan" if person else "tap-the",
            "role": f"{rng.choice(_ROLES)} xã {commune}", "locality": cid,
            "themes": rng.sample(themes, 1), "campaigns": [rng.choice(campaign_ids)] if campaign_ids else [],
            "honored": f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}",
            "summary": rng.choice(story_sentences)[:200], "consent": True,
        }
        if rng.random() < 0.25:  # a quarter have a photo, each its own file as in real life
            photo = f"photos/{n}.jpg"
            _photo(out / "content" / "exemplars" / photo, rng)
            front["photo"], front["photo_alt"] = photo, f"Ảnh {name}"
        story = "\n\n".join(rng.sample(story_sentences, min(len(story_sentences), rng.randint(3, 7))))
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + story + "\n"
        (out / "content" / "exemplars" / f"{_slug(name)}-{n}.md").write_text(text, encoding="utf-8")


def count_pages(project: Path) -> int:
    """The HTML pages a build of `project` writes: every planned page, the Markdown pages and the 404 page."""
    from builder.core.site import Site
    from builder.run.portal import build_portal

    portal = build_portal(project, dt.date.fromisoformat(BUILD_DATE), site=Site("Cổng", "https://example.org/"))
    return len(portal.pages) + len(list((project / "content").glob("*.md"))) + 1


def generate_pages(out: Path, pages: int, seed: int = 1) -> tuple[int, int, int]:
    """A portal of about `pages` pages (within a few per cent); returns its (campaigns, exemplars, pages).

    The registry has `pages / PAGES_PER_COMMUNE` communes. Records are 60% campaigns (full
    cards and bodies, 5% with results) and 40% exemplars (a quarter with photos); their
    number is found by generating with a first guess, counting the planned pages and
    scaling the records by what is missing (pages grow in step with records). What is
    returned is what is on disk, also when three tries did not land within 1%.
    """
    communes = max(3, min(NATIONAL_COMMUNES, pages // PAGES_PER_COMMUNE))
    generate(out, 0, 0, seed, communes)
    fixed = count_pages(out)
    records = max(1, round((pages - fixed) / 1.5))
    for attempt in range(3):
        campaigns, exemplars = records * 6 // 10, records - records * 6 // 10
        generate(out, campaigns, exemplars, seed, communes)
        got = count_pages(out)
        if abs(got - pages) <= pages * 0.01 or got <= fixed or attempt == 2:
            break
        records = max(1, round(records * max(1, pages - fixed) / (got - fixed)))
    return campaigns, exemplars, got


def phone_photos(project: Path, size: tuple[int, int], seed: int = 1) -> int:
    """Every exemplar photo of `project` again at `size`, with a camera's grain; returns how many.

    The generated 800×600 photos keep the bench comparable across rounds, but a phone takes
    4032×3024 ones, which cost about ten times as much to decode and resize. The grain (noise,
    softened) gives the files a real photo's entropy: a smooth gradient would decode too fast.
    """
    from PIL import Image

    rng = random.Random(seed)
    width, height = size
    photos = sorted((project / "content" / "exemplars" / "photos").glob("*.jpg"))
    for path in photos:
        with Image.open(path) as small:
            image = small.convert("RGB").resize(size, Image.Resampling.BILINEAR)
        grain = Image.frombytes("RGB", (width // 4, height // 4), rng.randbytes(width // 4 * (height // 4) * 3))
        Image.blend(image, grain.resize(size, Image.Resampling.BILINEAR), 0.35).save(path, quality=88)
    return len(photos)


def _photo(path: Path, rng: random.Random) -> None:
    """An 800×600 JPEG with its own colours, so every photo is a distinct file to re-encode."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    top = tuple(rng.randint(0, 255) for _ in range(3))
    image = Image.linear_gradient("L").resize((800, 600)).convert("RGB")
    Image.blend(image, Image.new("RGB", (800, 600), top), 0.6).save(path, quality=85)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, help="about this many pages (else --campaigns and --exemplars)")
    parser.add_argument("--campaigns", type=int, default=6000)
    parser.add_argument("--exemplars", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.pages:
        campaigns, exemplars, planned = generate_pages(args.out, args.pages, args.seed)
        print(f"{args.out}: {campaigns} campaigns, {exemplars} exemplars, {planned} pages")
    else:
        generate(args.out, args.campaigns, args.exemplars, args.seed)


if __name__ == "__main__":
    main()
