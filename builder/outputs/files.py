"""Files other than pages: photos, attachments, feeds, calendars, open data, build.json.

Pipeline step (catalog → outputs). Each output is a site-relative URL plus either a
source file to copy or a function that produces the bytes, so an engine adapter can
register them without knowing what they are. Only published campaigns and
exemplars contribute: an unpublished exemplar's photo is never read, resized or copied,
and no feed, calendar or data file can name what the catalog does not hold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from importlib.metadata import version
from pathlib import Path

from builder.catalog.catalog import Catalog
from builder.catalog.status import ALL_STATUSES
from builder.core import urls
from builder.core.site import Site
from builder.outputs.calendars import calendar_outputs
from builder.outputs.feeds import Feed, feed_outputs
from builder.outputs.manifest import portal_manifest
from builder.outputs.open_data import (
    DATASETS,
    MODELS,
    json_schema,
    records,
    to_csv,
    to_json,
)
from builder.outputs.photo_sizes import Decoder, cache_key, render_photo
from builder.plan.changes import next_change, portal_updated
from builder.plan.exemplar_pages import exemplar_data_js
from builder.plan.external import ExternalCampaign, ExternalExemplar, Listed
from builder.plan.filter_panel import panel_data_js
from builder.plan.live import live_js


@dataclass(frozen=True)
class OutputFile:
    url: str
    source: Path | None = None  # copy this file as it is
    produce: Callable[[], bytes | str] | None = None  # or write what this returns
    origin: str = ""  # the content file behind it, for messages
    cache_key: str = ""  # the same key always produces the same bytes: kept between builds (photos)


def build_report(catalog: Catalog, site: Site, pages: int, listed: Sequence[Listed] = ()) -> str:
    """build.json: what was built for which date, and when a rebuild will change the site.

    A scheduled CI job reads `next_change` (the first day a campaign starts or ends, a
    phase or milestone passes, or an embargo lifts; for a province, a day a member's campaign
    in `listed` starts or ends too) and rebuilds on that day.
    """
    upcoming = next_change(catalog, (c for c in listed if isinstance(c, ExternalCampaign)))
    report = {
        "build_date": catalog.today.isoformat(),
        "updated": portal_updated(catalog).isoformat(),
        "next_change": upcoming.isoformat() if upcoming else None,
        "site_url": site.url or None,
        "generator": f"campaign-portal-builder {version('campaign-portal-builder')}",
        "counts": {
            "generated_pages": pages,
            "campaigns": len(catalog.campaigns),
            "campaigns_by_status": {s.key: sum(1 for c in catalog.campaigns if c.status is s) for s in ALL_STATUSES},
            "exemplars": len(catalog.exemplars),
            "results": sum(1 for c in catalog.campaigns if c.results is not None),
            "notices": len(catalog.notices),
            "unpublished_files": len(catalog.hidden),
        },
    }
    return json.dumps(report, ensure_ascii=False, indent=1) + "\n"


def _data_outputs(catalog: Catalog, site: Site, bundles: tuple[str, ...]) -> list[OutputFile]:
    data = cache(partial(records, catalog, site))  # made once, when the first data file is written
    out = [OutputFile(urls.PORTAL_MANIFEST, produce=partial(portal_manifest, catalog, site, bundles))]
    for name in DATASETS:
        out += [OutputFile(urls.data_file(name, "json"), produce=lambda n=name: to_json(data()[n])),
                OutputFile(urls.data_file(name, "csv"), produce=lambda n=name: to_csv(MODELS[n], data()[n])),
                OutputFile(urls.data_schema(name), produce=partial(json_schema, name, site))]
    return out


def plan_outputs(catalog: Catalog, site: Site, feeds: tuple[Feed, ...] = (), pages: int = 0,
                 bundles: tuple[str, ...] = (urls.search_bundle(0),),
                 listed: Sequence[Listed] | None = None,
                 honorees: tuple[ExternalExemplar, ...] = ()) -> tuple[OutputFile, ...]:
    """Every file beside the pages. `listed`: what the listings list, when more than the catalog's
    campaigns (a province's members'), for the filter panels' counts and the statuses' re-check;
    `honorees`: a province's members' exemplars, which the exemplar index's script combines too."""
    outputs: list[OutputFile] = []
    for campaign in catalog.campaigns:
        links = list(campaign.attachments)
        if campaign.results is not None and campaign.results.report is not None:
            links.append(campaign.results.report)
        outputs += [OutputFile(a.target, source=a.source, origin=campaign.source_path) for a in links]
    decoder = Decoder()  # the outputs are produced in this order, so a photo's sizes come one after the other
    for exemplar in catalog.exemplars:
        if exemplar.photo is not None:
            outputs += [OutputFile(v.url, produce=partial(render_photo, exemplar.photo, v, decoder),
                                   origin=exemplar.source_path,
                                   cache_key=cache_key(v)) for v in exemplar.photo.variants]
    outputs.append(OutputFile(urls.EXEMPLAR_DATA, produce=partial(exemplar_data_js, catalog, honorees)))
    listed = catalog.campaigns if listed is None else listed
    outputs.append(OutputFile(urls.CAMPAIGN_FILTERS, produce=partial(panel_data_js, catalog, listed)))
    outputs.append(OutputFile(urls.CAMPAIGN_LIVE, produce=partial(live_js, listed, catalog.today)))
    outputs += [OutputFile(url, produce=produce) for url, produce in feed_outputs(feeds, catalog, site)]
    outputs += [OutputFile(url, produce=produce) for url, produce in calendar_outputs(catalog, site)]
    outputs += _data_outputs(catalog, site, bundles)
    outputs.append(OutputFile(urls.BUILD_REPORT, produce=partial(build_report, catalog, site, pages, listed)))
    unique = {o.url: o for o in outputs}  # one attachment may serve several campaigns
    return tuple(unique.values())
