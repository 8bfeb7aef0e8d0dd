"""What citizens can find: one small HTML document per search result, for Pagefind.

Pipeline step (pages → outputs). The search index is built from these documents,
not from the rendered pages: page chrome (navigation, breadcrumbs, cards of other
campaigns) would bloat the index tenfold and make every campaign match every other
campaign's title, and a campaign's published results become a result of their own.
Records are made from the catalog's public lists only, so drafts, embargoed and
unconsented items cannot reach the index.

What is indexed is folded plain text with the exact forms beside it, and what is
shown comes from the record's metadata: `search_text` explains why.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from builder.catalog.catalog import Campaign, Catalog, Locality
from builder.catalog.exemplars import Exemplar
from builder.catalog.notices import Notice
from builder.core import urls
from builder.core.dates import display_day
from builder.model.schema import WORK_STATUSES
from builder.plan import filter_panel
from builder.plan.listing import PageSpec
from builder.plan.live import can_change
from builder.render.template_filters import portal_markdown
from builder.search.text import Block, html_blocks, index_text

T = TypeVar("T")

TYPE_CAMPAIGN = filter_panel.TYPE_CAMPAIGN
TYPE_EXEMPLAR = "Điển hình tiên tiến"
TYPE_RESULTS = "Kết quả thi đua"
TYPE_PAGE = "Trang thông tin"
TYPE_PLACE = "Địa phương"
TYPE_NOTICE = "Lấy ý kiến nhân dân"

# Filter keys and their labels, in the order the search page shows them.
FACETS = (("type", "Loại"), ("status", "Trạng thái"), ("year", "Năm"), ("province", "Tỉnh, thành phố"),
          ("locality", "Huyện, xã"), ("theme", "Lĩnh vực"), ("movement", "Phong trào, cuộc vận động"))

# Words indexed in reading order (card fields first, then the full text); past them each
# further word is indexed once. At 10,000 records the positions of the commonest words are
# most of what a query downloads and of the index build's time (bench/search_bench.py: 300
# words took the build over 20 s); a plan's opening, its purpose and requirements, is where
# a reader's words are, and excerpts and exact spellings come from it.
POSITIONAL_WORDS = 200

# Element weights (Pagefind: h1 = 7, text = 1): the name of a thing outranks a mention.
_WEIGHT_TITLE = 7
_WEIGHT_PLACE = 10  # a unit's name typed alone ("Hoà Phong") means its page first, over the many that mention it
_WEIGHT_NAME = 7  # who issued a document (with its number) identifies it as much as its title
_WEIGHT_LEAD = 4  # slogan, role, place: what people type besides the title
_WEIGHT_SUMMARY = 2


@dataclass(frozen=True)
class SearchRecord:
    """One search result: its address, what is searched, and what the result list shows."""

    url: str
    title: str
    blocks: tuple[Block, ...]  # searched, after the title
    filters: tuple[tuple[str, str], ...]  # (key, value); a key may repeat
    meta: tuple[tuple[str, str], ...]  # shown by the result list, never searched
    title_weight: int = _WEIGHT_TITLE
    href: str = ""  # where the result leads when not `url` itself (a province's member: its page over there)

    @property
    def path(self) -> str:
        """Where the document lies in the folder Pagefind indexes; also Pagefind's result URL.

        The link a reader follows is the `href` meta (it may carry a #section); a
        campaign's results get a path of their own (ids have no dots, so no clash).
        """
        page, _, section = self.url.partition("#")
        return f"{page[:-5]}.{section}.html" if section else page

    def document(self) -> str:
        """The HTML document handed to Pagefind: folded text to search, the original in metadata."""
        text = index_text([Block(self.title, self.title_weight), *self.blocks], POSITIONAL_WORDS)
        meta = [("title", self.title), ("href", self.href or self.url), *self.meta, ("text", text.shown)]
        if text.sections:
            meta.append(("sections", json.dumps(text.sections, ensure_ascii=False, sort_keys=True)))
        attrs = "".join(
            f'<span data-pagefind-filter="{key}[data-v]" data-v="{html.escape(value)}"></span>'
            for key, value in self.filters)
        attrs += "".join(
            f'<span data-pagefind-meta="{key}[data-v]" data-v="{html.escape(value)}"></span>'
            for key, value in meta if value)
        return (f'<!doctype html><html lang="vi"><head><title>{html.escape(self.title)}</title></head>'
                f'<body><main data-pagefind-body>{text.html}{attrs}</main></body></html>')


def _p(*parts: str | None, weight: int = 0) -> list[Block]:
    text = " · ".join(p for p in parts if p)
    return [Block(text, weight)] if text else []


def _list(items: Iterable[str]) -> list[Block]:
    return [Block(i) for i in items if i]


def _blocks(parts: Iterable[list[Block]]) -> tuple[Block, ...]:
    return tuple(b for part in parts for b in part)


def record_blocks(lead: Iterable[tuple[str | None, ...]], kind: str | None, slogan: str | None, summary: str | None,
                  places: Iterable[str | None], topics: Iterable[str], lists: Iterable[str]) -> tuple[Block, ...]:
    """What is searched of a card known only by its published fields (a province's member), weighted as
    `campaign_record` weighs a card's own."""
    return _blocks([*(_p(*pair, weight=_WEIGHT_NAME) for pair in lead), _p(kind), _p(slogan, weight=_WEIGHT_LEAD),
                    _p(summary, weight=_WEIGHT_SUMMARY), _p(*places), _p(*topics), _list(lists)])


def _chain_text(catalog: Catalog, locality: Locality) -> str:
    return ", ".join(loc.full_name for loc in catalog.locality_chain(locality))


def campaign_record(catalog: Catalog, c: Campaign, body_html: str) -> SearchRecord:
    card = c.card
    basis = [" ".join(p for p in (b.number, b.title, b.issuer) if p) for b in c.basis]
    parts = [
        _p(card.issuer.name, card.number, weight=_WEIGHT_NAME),
        _p(c.kind_label),
        _p(card.slogan, weight=_WEIGHT_LEAD),
        _p(card.summary, weight=_WEIGHT_SUMMARY),
        _p(_chain_text(catalog, c.issuer_locality), card.occasion.name if card.occasion else None),
        _p(*(t.name for t in c.themes), *(m.name for m in c.movements)),
        _list(basis),
        _list(f"{a.form}" for a in card.awards),
        _list(f"{t.unit}: {t.task}" for t in card.tasks),
        _list(w.name for w in card.works),
        html_blocks(body_html),
    ]
    filters = [("type", TYPE_CAMPAIGN), ("status", c.status.label)]
    if can_change(c, catalog.today):  # the search script corrects the status filter by it (plan/live.py)
        filters.append(("live", urls.campaign(c.id)))
    filters += filter_panel.campaign_filters(catalog, c)
    period = f"{display_day(c.start)} – {display_day(c.end)}" if c.start else f"đến {display_day(c.end)}"
    meta = (("kind", "campaign"), ("type", TYPE_CAMPAIGN), ("date", period),
            ("place", c.issuer_locality.title_name), ("summary", card.summary),
            ("start", c.start.isoformat() if c.start else ""), ("end", c.end.isoformat()),
            ("override", card.status or ""), ("status", c.status.key))
    return SearchRecord(urls.campaign(c.id), card.title, _blocks(parts), tuple(filters), meta)


def results_record(catalog: Catalog, c: Campaign) -> SearchRecord | None:
    if c.results is None:
        return None
    rc = c.results.card
    honorees = [e.card.name for eid in c.honoree_ids if (e := catalog.exemplar(eid)) is not None]
    parts = [
        _p(f"Tổng kết {c.card.title}", c.card.issuer.name, weight=_WEIGHT_SUMMARY),
        html_blocks(str(portal_markdown(rc.summary))),
        _list(" ".join(p for p in (f.value, f.unit, f.label) if p) for f in rc.figures),
        _list(f"{a.form}: {a.collectives} tập thể, {a.individuals} cá nhân" for a in rc.awards),
        _list(f"{w.name} ({WORK_STATUSES[w.status].lower()})" for w in rc.works),
        _list(honorees),
    ]
    published = rc.published.first_day()
    filters = [("type", TYPE_RESULTS), ("year", str(published.year))]
    filters += filter_panel.place_filters(catalog, c.issuer_locality)
    filters += [("theme", t.name) for t in c.themes] + [("movement", m.name) for m in c.movements]
    meta = (("kind", "results"), ("type", TYPE_RESULTS), ("date", f"Công bố {rc.published.display()}"),
            ("place", c.issuer_locality.title_name),
            ("summary", f"{c.results.total_collectives} tập thể, {c.results.total_individuals} cá nhân được khen thưởng"
             if rc.awards else ""))
    return SearchRecord(f"{urls.campaign(c.id)}#h-results", f"Kết quả: {c.card.title}", _blocks(parts),
                        tuple(filters), meta)


def exemplar_record(catalog: Catalog, e: Exemplar, body_html: str) -> SearchRecord:
    card = e.card
    locality = catalog.locality(e.locality_id)
    assert locality is not None
    campaigns = [c for cid in e.campaign_ids if (c := catalog.campaign(cid)) is not None]
    themes = [t for t in catalog.themes if t.id in e.theme_ids]
    parts = [
        _p(e.kind_label, card.role, weight=_WEIGHT_LEAD),
        _p(_chain_text(catalog, locality), weight=_WEIGHT_SUMMARY),
        _p(card.summary, weight=_WEIGHT_SUMMARY),
        _list(" ".join(p for p in (a.form, str(a.year) if a.year else None, a.decision) if p) for a in card.awards),
        _list(c.card.title for c in campaigns),
        _p(*(t.name for t in themes)),
        html_blocks(body_html),
    ]
    filters = [("type", TYPE_EXEMPLAR), ("year", str(e.year))]
    filters += filter_panel.place_filters(catalog, locality)
    filters += [("theme", t.name) for t in themes]
    filters += [("movement", m.name) for m in _unique(m for c in campaigns for m in c.movements)]
    meta = (("kind", "exemplar"), ("type", f"{TYPE_EXEMPLAR} · {e.kind_label}"),
            ("date", f"Tuyên dương {card.honored.display()}"), ("place", locality.title_name),
            ("summary", card.summary),
            ("image", e.photo.variants[0].url if e.photo else ""), ("image_alt", e.photo.alt if e.photo else ""))
    return SearchRecord(urls.exemplar(e.id), card.name, _blocks(parts), tuple(filters), meta)


def notice_record(catalog: Catalog, n: Notice) -> SearchRecord:
    """A nominee notice: found by a nominee's name, unit or the award."""
    card = n.card
    locality = catalog.locality(n.locality_id)
    parts = [
        _p(card.issuer.name, card.number, card.award, weight=_WEIGHT_LEAD),
        _p(card.summary, weight=_WEIGHT_SUMMARY),
        _list(" ".join(p for p in (x.name, x.position, x.unit) if p) for x in card.nominees),
        _list(x.achievements for x in card.nominees if x.achievements),
        _p(card.basis, card.decision),
    ]
    filters = [("type", TYPE_NOTICE), ("year", str(n.opened.year))]
    filters += filter_panel.place_filters(catalog, locality) if locality else []
    meta = (("kind", "notice"), ("type", TYPE_NOTICE), ("date", f"Hạn góp ý {display_day(n.until)}"),
            ("place", locality.title_name if locality else ""), ("summary", card.summary))
    return SearchRecord(urls.notice(n.id), card.title, _blocks(parts), tuple(filters), meta)


def term_records(catalog: Catalog) -> list[SearchRecord]:
    """Theme and movement pages: the hub a reader wants when typing a movement's name."""
    records = []
    for group, label, items, url in (("theme", "Lĩnh vực thi đua", catalog.themes, urls.theme),
                                     ("movement", "Phong trào, cuộc vận động", catalog.movements, urls.movement)):
        for term in items:
            count = sum(1 for c in catalog.campaigns if term in (c.themes if group == "theme" else c.movements))
            if not count:
                continue
            # The group's name ("Phong trào, cuộc vận động") is shown, not searched: it would
            # make every movement match "phong trào".
            body = _p(getattr(term, "launched_by", None)) + _p(term.description)
            meta = (("kind", "page"), ("type", label), ("summary", term.description or ""),
                    ("date", f"{count} phong trào thi đua"))
            records.append(SearchRecord(url(term.id), term.name, tuple(body), (("type", TYPE_PAGE), (group, term.name)),
                                        meta))
    return records


def locality_records(catalog: Catalog) -> list[SearchRecord]:
    """Place pages: "Hoà Phong" typed alone means the commune, its campaigns and its exemplars.

    Every unit of the registry has a page, so every unit is a result, the ones merged away
    included (their page says what they became, which is what a reader of an old document
    looks for). The unit's name is the title; its chain and what it became are its text.
    """
    counts: dict[str, int] = {}
    for c in catalog.campaigns:
        parts = c.issuer_locality.id.split("/")
        for i in range(len(parts)):
            key = "/".join(parts[: i + 1])
            counts[key] = counts.get(key, 0) + 1
    records = []
    for loc in catalog.localities:
        chain = catalog.locality_chain(loc)
        merged = catalog.locality(loc.merged_into) if loc.merged_into else None
        now = catalog.current_province(loc) if "/" in loc.id else None
        became = (f"Hợp nhất vào {merged.full_name}" if merged else
                  f"Địa bàn nay thuộc {now.full_name}" if now is not None else None)
        body = _p(", ".join(x.full_name for x in chain[1:]), weight=_WEIGHT_LEAD) + _p(became) + _p(loc.note)
        count = counts.get(loc.id, 0)
        meta = (("kind", "page"), ("type", TYPE_PLACE), ("place", ", ".join(x.title_name for x in chain[1:2])),
                ("date", f"{count} phong trào thi đua" if count else "Chưa có phong trào thi đua"), ("summary", became or loc.note or ""))
        records.append(SearchRecord(urls.locality(loc.id), loc.title_name, tuple(body),
                                    (("type", TYPE_PLACE), *filter_panel.place_filters(catalog, loc)), meta, _WEIGHT_PLACE))
    return records


def page_record(url: str, title: str, body_html: str) -> SearchRecord:
    """A page written in content/ (giới thiệu, hướng dẫn...)."""
    return SearchRecord(url, title, tuple(html_blocks(body_html)), (("type", TYPE_PAGE),),
                        (("kind", "page"), ("type", TYPE_PAGE)))


# From this many campaigns and exemplars on, the index is written as two bundles by two
# Pagefind processes at once (one per core of a small CI machine) and the search page
# merges them (Pagefind's mergeIndex). At 10,000 records this halves the index build
# time and each indexer's peak memory; below it one bundle is simpler and as fast.
SPLIT_AT = 2000


def search_bundles(catalog: Catalog, split_at: int = SPLIT_AT, more: int = 0) -> tuple[str, ...]:
    """The bundle folders of the index, decided by the content alone so builds stay reproducible.
    `more`: records beyond the catalog's (a province's members')."""
    parts = 2 if len(catalog.campaigns) + len(catalog.exemplars) + more >= split_at else 1
    return tuple(urls.search_bundle(i) for i in range(parts))


def plan_search_page(bundles: Sequence[str], live: str = "") -> PageSpec:
    """The full search page; its script reads the bundles that `search_index` writes, and `live`
    (the build day: the page names `campaigns/live.js`) to correct the status filter for the reader's day."""
    return PageSpec(urls.SEARCH, "Tìm kiếm", "portal/search.html", {
        "live": live,
        "facets": [{"key": k, "label": label} for k, label in FACETS],
        "bundle": f"{bundles[0]}/pagefind.js",
        "merge": [f"{b}/" for b in bundles[1:]],
    })


def plan_search_records(catalog: Catalog, bodies: Mapping[str, str],
                        pages: Sequence[tuple[str, str, str]] = (), more: Sequence[SearchRecord] = ()) -> list[SearchRecord]:
    """Every search result of the portal.

    Args:
        bodies: url → the engine's rendered HTML of the page body (campaign full text,
            exemplar story); a missing body only makes that record shorter.
        pages: (url, title, html) of the content pages written in Markdown.
        more: records made elsewhere (a province's members, `federation.search`).
    """
    records: list[SearchRecord] = []
    for c in catalog.campaigns:
        records.append(campaign_record(catalog, c, bodies.get(urls.campaign(c.id), "")))
        if (r := results_record(catalog, c)) is not None:
            records.append(r)
    records += [exemplar_record(catalog, e, bodies.get(urls.exemplar(e.id), "")) for e in catalog.exemplars]
    records += [notice_record(catalog, n) for n in catalog.notices]
    records += term_records(catalog)
    records += locality_records(catalog)
    records += [page_record(url, title, body) for url, title, body in pages]
    return records + list(more)


def _unique(items: Iterable[T]) -> list[T]:
    seen: list[T] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
