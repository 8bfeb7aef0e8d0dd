"""A campaign or exemplar another portal publishes, as this portal's listings show it (a province over its members).

Pipeline step (catalog → pages). A province lists every campaign in the province: its own and those
its communes publish on their own portals (issue 32). A member's campaign is not a `Campaign` of
this catalog (no page, calendar, feed or open-data record here: the canonical page stays on the
member's portal), yet it joins the same listings, counts and re-checks. It offers what those read
of a campaign (`status`, `start`, `end`, `years`, `sort_date`, the filter values) under the same
names, so a listing takes both; the card links to the member's page and names the member.

`builder.federation` makes these from the members' open data; this module knows nothing of where
they come from, so planning never imports a later stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.catalog.catalog import Campaign
from builder.catalog.exemplars import Exemplar, az_initial, az_key
from builder.catalog.status import Status
from builder.core import urls
from builder.core.dates import PartialDate, period_years
from builder.core.text import collation_key


@dataclass(frozen=True)
class ExternalCampaign:
    id: str  # "<member key>/<campaign id>": unique across the province and its members
    member: str  # the member portal's name, which the card shows
    url: str  # its page on the member's portal: a full address, or one relative to this portal's root
    title: str
    kind_label: str
    issuer: str
    locality_id: str  # the issuing unit, in the province's registry when it knows it
    start: dt.date | None
    end: dt.date
    override: str  # "cancelled" / "postponed" as the card says it, else ""
    status: Status  # on this portal's build day, by the rule the member's own portal uses
    issued: dt.date | None
    slogan: str | None
    themes: tuple[str, ...]  # theme ids
    movements: tuple[str, ...]  # movement ids
    filters: tuple[tuple[str, str], ...]  # the search filters but status: year, place, theme, movement
    has_results: bool

    @property
    def years(self) -> tuple[int, ...]:
        return period_years(self.start, self.end)

    @property
    def sort_date(self) -> dt.date:
        """Newest first, by the rule of `Campaign.sort_date`: issue date, else start, else end."""
        return self.issued or self.start or self.end


Listed = Campaign | ExternalCampaign  # what a listing lists


def override(c: Listed) -> str:
    """The status word no date changes ("cancelled", "postponed"), else ""."""
    return c.override if isinstance(c, ExternalCampaign) else (c.card.status or "")


def title(c: Listed) -> str:
    return c.title if isinstance(c, ExternalCampaign) else c.card.title


def address(c: Listed) -> str:
    """Where its page is: this portal's own page (relative to the root), or the member's."""
    return c.url if isinstance(c, ExternalCampaign) else urls.campaign(c.id)


def reported(c: Listed) -> bool:
    """Whether its results are out (a member's, as its open data says)."""
    return c.has_results if isinstance(c, ExternalCampaign) else c.results is not None


def locality_id(c: Listed) -> str:
    return c.locality_id if isinstance(c, ExternalCampaign) else c.issuer_locality.id


def merged(own: tuple[Campaign, ...], external: tuple[ExternalCampaign, ...]) -> tuple[Listed, ...]:
    """Both in the catalog's order (newest first, then by title); without external ones, `own` itself."""
    if not external:
        return own
    return tuple(sorted((*own, *external), key=lambda c: (-c.sort_date.toordinal(), collation_key(title(c)))))


@dataclass(frozen=True)
class ExternalExemplar:
    """An exemplar a member portal honors, as the province's exemplar listings take it.

    It joins the A–Z index and the facets by kind, place, year and theme (the province's own
    campaigns' facets cannot hold it), as a card that opens on the member's portal. No photo: the
    member publishes only its largest size, too heavy for a card on a phone, and a member on another
    host would need the province's content security policy to allow it; the photo is on its page.
    """

    id: str  # "<member key>/<exemplar id>"
    member: str  # the member portal's name, which the card shows
    url: str  # its page on the member's portal: a full address, or one relative to this portal's root
    name: str
    kind: str  # "ca-nhan" or "tap-the"
    kind_label: str
    role: str | None
    locality_id: str  # the unit, in the province's registry when it knows it
    locality_name: str  # as the card shows it
    honored: PartialDate
    themes: tuple[str, ...]  # the province's theme ids
    sample: bool

    @property
    def year(self) -> int:
        return self.honored.first_day().year

    @property
    def sort_key(self) -> tuple[object, ...]:
        return az_key(self.kind, self.name)

    @property
    def initial(self) -> str:
        return az_initial(self.kind, self.name)


Honoree = Exemplar | ExternalExemplar  # what an exemplar listing lists


def merged_exemplars(own: tuple[Exemplar, ...], external: tuple[ExternalExemplar, ...]) -> tuple[Honoree, ...]:
    """Both A–Z, as the catalog orders its own (members' after the province's at an equal key);
    without external ones, `own` itself."""
    if not external:
        return own
    return tuple(sorted((*own, *external), key=lambda e: e.sort_key))
