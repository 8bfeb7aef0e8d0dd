"""When the portal changes: the last change on or before the build date, and the next one.

Pipeline step (catalog → outputs). A static site changes on known days: a campaign
starts or ends, a phase or milestone passes, an embargo lifts, results are released.
Those days, never the clock, give the sitemap's `lastmod` and the feeds' `updated`
(so two builds of the same content are identical), and the first of them after the
build date is `next_change` in build.json, which tells a scheduled CI job when to
rebuild.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from builder.catalog.catalog import Campaign, Catalog
from builder.catalog.exemplars import Exemplar
from builder.core import urls
from builder.plan.external import ExternalCampaign
from builder.plan.pages import RECENT_DAYS

DAY = dt.timedelta(days=1)


def campaign_days(campaign: Campaign) -> list[dt.date]:
    """Every day on which the campaign's page or status may read differently."""
    card = campaign.card
    days = [campaign.end + DAY]  # the day after the last day: status becomes "ended"
    if campaign.start:
        days.append(campaign.start)
    for value in (card.issued, card.publish_on):
        if value:
            days.append(value.first_day())
    for phase in card.phases:
        days += [phase.start.first_day()] if phase.start else []
        days += [phase.end.last_day() + DAY] if phase.end else []
    for milestone in card.milestones:
        days += [milestone.date.first_day(), milestone.date.last_day() + DAY]
    days += [task.due.last_day() + DAY for task in card.tasks if task.due]
    if campaign.results is not None:
        days.append(campaign.results.card.published.first_day())
    return days


def exemplar_days(exemplar: Exemplar) -> list[dt.date]:
    card = exemplar.card
    return [card.honored.first_day()] + ([card.publish_on.first_day()] if card.publish_on else [])


def last_change(days: Iterable[dt.date], today: dt.date) -> dt.date | None:
    past = [day for day in days if day <= today]
    return max(past) if past else None


def campaign_updated(campaign: Campaign, today: dt.date) -> dt.date:
    return last_change(campaign_days(campaign), today) or today


def exemplar_updated(exemplar: Exemplar, today: dt.date) -> dt.date:
    return last_change(exemplar_days(exemplar), today) or today


def portal_updated(catalog: Catalog) -> dt.date:
    """The latest change anywhere in the portal, on or before the build date."""
    today = catalog.today
    days = [campaign_updated(c, today) for c in catalog.campaigns]
    days += [exemplar_updated(e, today) for e in catalog.exemplars]
    return max(days, default=today)


def page_updates(catalog: Catalog) -> dict[str, dt.date]:
    """URL → last change for campaign and exemplar pages; other pages use `portal_updated`."""
    today = catalog.today
    out = {urls.campaign(c.id): campaign_updated(c, today) for c in catalog.campaigns}
    out.update({urls.exemplar(e.id): exemplar_updated(e, today) for e in catalog.exemplars})
    return out


def next_change(catalog: Catalog, external: Iterable[ExternalCampaign] = ()) -> dt.date | None:
    """The first day after the build date on which a rebuild would change the site. `external`: a
    province's members' campaigns, whose starts and ends move them between its listings."""
    today = catalog.today
    days = list(catalog.pending)
    for listed in external:
        days += [listed.end + DAY] + ([listed.start] if listed.start else [])
    for campaign in catalog.campaigns:
        days += campaign_days(campaign)
        days.append(campaign.end + dt.timedelta(days=RECENT_DAYS + 1))  # leaves "recently ended" on the home page
    for exemplar in catalog.exemplars:
        days += exemplar_days(exemplar)
    days += [n.until + dt.timedelta(days=1) for n in catalog.notices]  # a notice's window closes
    future = [day for day in days if day > today]
    return min(future) if future else None


def sitemap_dates(catalog: Catalog, source_date_epoch: str = "") -> tuple[dict[str, str], str]:
    """(URL → ISO day of its last change, the day for every other page): the sitemap's `lastmod`.

    Pages editors write in content/ carry no date of their own: the commit time when CI gives
    it (`SOURCE_DATE_EPOCH`), else the portal's latest change. Never the clock.
    """
    updates = {url: day.isoformat() for url, day in page_updates(catalog).items()}
    default = (dt.datetime.fromtimestamp(int(source_date_epoch), dt.timezone.utc).date().isoformat()
               if source_date_epoch.isdigit() else portal_updated(catalog).isoformat())
    return updates, default
