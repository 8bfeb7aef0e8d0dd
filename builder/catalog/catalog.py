"""The catalog's types: the whole portal as immutable data, for one build date.

Built by `load.load_catalog`; every stage after the catalog reads these and nothing else,
so a page, count or output can only ever see public campaigns and exemplars.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from builder.catalog.exemplars import (
    Exemplar,
)
from builder.catalog.notices import Notice
from builder.catalog.status import Status
from builder.core.dates import PartialDate, period_years
from builder.core.problems import Problem
from builder.core.workdays import WorkCalendar
from builder.model.schema import (
    CAMPAIGN_KINDS,
    LOCALITY_LEVELS,
    CampaignInput,
    Results,
)


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str | None
    former_ids: tuple[str, ...] = ()  # old ids: still valid in cards; their addresses redirect here


@dataclass(frozen=True)
class Movement:
    id: str
    name: str
    description: str | None
    launched_by: str | None
    since: PartialDate | None
    document: str | None = None  # the launching document, as the plans cite it


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
        return period_years(self.start, self.end)

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
    notices: tuple[Notice, ...] = ()  # public only: open ones first, the soonest deadline first
    workdays: WorkCalendar = field(default_factory=WorkCalendar)
    # Drafts that validate, only for the preview (`portal serve`): each gets its page with a "Bản nháp"
    # banner and appears nowhere else (no listing, count, search, feed or open data). Never in a build.
    drafts: tuple[Campaign, ...] = ()
    # (path, the page's folder in the site, Markdown) of every public text, for checks of its links only:
    # out of digests (compare=False, repr=False), so it never makes an output look changed.
    texts: tuple[tuple[str, str, str, int], ...] = field(default=(), compare=False, repr=False)  # crosschecks.Text
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

    def provinces_of(self, locality: Locality) -> tuple[Locality, ...]:
        """The province a unit was in, then the province its area is in now when a merger changed it:
        a campaign of Phú Yên is found under Phú Yên and under Đắk Lắk."""
        then = self.locality_chain(locality)[-1]
        now = self.current_province(locality)
        return (then,) if now is None or now.id == then.id else (then, now)

    def locality_chain(self, locality: Locality) -> tuple[Locality, ...]:
        """The unit and its parents, innermost first."""
        chain = [locality]
        while chain[-1].parent_id:
            parent = self.locality(chain[-1].parent_id)
            if parent is None:
                break
            chain.append(parent)
        return tuple(chain)


