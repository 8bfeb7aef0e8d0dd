"""Files other than pages: published photo sizes, attachments and the exemplar data script.

Pipeline step (catalog → outputs). Each output is a site-relative URL plus either a
source file to copy or a function that produces the bytes, so an engine adapter can
register them without knowing what they are. Only published campaigns and
exemplars contribute: an unpublished exemplar's photo is never read, resized or copied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import urls
from .catalog import Catalog
from .exemplar_pages import exemplar_data_js
from .photos import render_photo


@dataclass(frozen=True)
class OutputFile:
    url: str
    source: Path | None = None  # copy this file as it is
    produce: Callable[[], bytes | str] | None = None  # or write what this returns
    origin: str = ""  # the content file behind it, for messages


def plan_outputs(catalog: Catalog) -> tuple[OutputFile, ...]:
    outputs: list[OutputFile] = []
    for campaign in catalog.campaigns:
        links = list(campaign.attachments)
        if campaign.results is not None and campaign.results.report is not None:
            links.append(campaign.results.report)
        outputs += [OutputFile(a.target, source=a.source, origin=campaign.source_path) for a in links]
    for exemplar in catalog.exemplars:
        if exemplar.photo is not None:
            outputs += [OutputFile(v.url, produce=partial(render_photo, exemplar.photo, v), origin=exemplar.source_path)
                        for v in exemplar.photo.variants]
    outputs.append(OutputFile(urls.EXEMPLAR_DATA, produce=partial(exemplar_data_js, catalog)))
    unique = {o.url: o for o in outputs}  # one attachment may serve several campaigns
    return tuple(unique.values())
