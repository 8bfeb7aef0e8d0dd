"""Plan what campaigns achieved: the results block of a campaign page and the results index.

Totals are computed from published data only (public campaigns with results dated
on or before the build date, public exemplars), so no count can reveal something
that is not on the portal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from builder.catalog.catalog import Campaign, Catalog
from builder.catalog.status import ENDED
from builder.core import urls
from builder.core.text import collation_key
from builder.model.schema import WORK_STATUSES
from builder.plan.charts import bar_chart
from builder.plan.exemplar_pages import exemplar_card
from builder.plan.listing import PageSpec, campaign_card

SERIES = ("Tập thể", "Cá nhân")


def _awards_sentence(collectives: int, individuals: int) -> str:
    return f"Tổng cộng {collectives} tập thể và {individuals} cá nhân được khen thưởng."


def campaign_results(campaign: Campaign, catalog: Catalog) -> dict[str, Any]:
    """The data of a campaign page's "Kết quả" section (also the honorees when there are no results)."""
    results = campaign.results
    data: dict[str, Any] = {
        "results": results,
        "results_pending": results is None and campaign.status is ENDED,
        "results_from": campaign.end + dt.timedelta(days=1) if results is None else None,  # pending from then
        "honorees": [exemplar_card(e, catalog) for hid in campaign.honoree_ids
                     if (e := catalog.exemplar(hid)) is not None],
        "honorees_url": urls.exemplar_facet("campaigns", campaign.id) if campaign.honoree_ids else None,
        "work_statuses": WORK_STATUSES,
        "results_chart": None,
        "results_rows": [],
    }
    if results is not None and results.card.awards:
        rows = [(a.form, (a.collectives, a.individuals)) for a in results.card.awards]
        data["results_rows"] = rows + [("Tổng cộng", (results.total_collectives, results.total_individuals))]
        data["results_chart"] = bar_chart(
            f"chart-{campaign.id}", "Khen thưởng theo hình thức",
            _awards_sentence(results.total_collectives, results.total_individuals), rows, SERIES)
    return data


def _sum_rows(pairs: Iterable[tuple[str, tuple[int, int]]]) -> list[tuple[str, tuple[int, int]]]:
    totals: dict[str, list[int]] = {}
    for key, (collectives, individuals) in pairs:
        row = totals.setdefault(key, [0, 0])
        row[0] += collectives
        row[1] += individuals
    return [(key, (c, i)) for key, (c, i) in totals.items()]


def plan_results_page(catalog: Catalog, live: str = "") -> PageSpec:
    """`results/index.html`: every summed-up campaign, newest first, and the view across campaigns.

    `live`: the build day (the page names `campaigns/live.js`), so the script adds the campaigns
    that ended after the build to "not yet reported"."""
    summed = sorted((c for c in catalog.campaigns if c.results is not None),
                    key=lambda c: (-c.results.card.published.first_day().toordinal(), collation_key(c.card.title)))
    pending = [c for c in catalog.campaigns if c.results is None and c.status is ENDED]
    awards = [(a.form, (a.collectives, a.individuals)) for c in summed for a in c.results.card.awards]
    by_form = sorted(_sum_rows(awards), key=lambda r: (-(r[1][0] + r[1][1]), collation_key(r[0])))
    by_year = sorted(_sum_rows(
        (str(c.results.card.published.first_day().year), (c.results.total_collectives, c.results.total_individuals))
        for c in summed), key=lambda r: r[0], reverse=True)
    provinces: dict[str, int] = {}
    units: dict[str, int] = {}
    for e in catalog.exemplars:
        province = e.locality_id.split("/")[0]
        provinces[province] = provinces.get(province, 0) + 1
        units[e.locality_id] = units.get(e.locality_id, 0) + 1

    def place(locality_id: str) -> str:
        loc = catalog.locality(locality_id)
        assert loc is not None
        text = ", ".join(x.full_name for x in catalog.locality_chain(loc))
        return text[0].upper() + text[1:]

    province_rows = sorted(((place(p), (n,)) for p, n in provinces.items()), key=lambda r: (-r[1][0], collation_key(r[0])))
    unit_rows = sorted(((place(u), n, urls.exemplar_facet("localities", u)) for u, n in units.items()),
                       key=lambda r: (-r[1], collation_key(r[0])))
    total_c = sum(r[1][0] for r in by_form)
    total_i = sum(r[1][1] for r in by_form)
    return PageSpec(urls.RESULTS, "Kết quả thi đua", "portal/results.html", {
        "items": [{**campaign_card(c, catalog.today), "results": c.results,
                   "figures": c.results.card.figures[:3]} for c in summed],
        "pending": [campaign_card(c, catalog.today) for c in pending],
        "live": live,
        "by_form": by_form,
        "by_year": by_year,
        "by_unit": unit_rows,
        "total_collectives": total_c,
        "total_individuals": total_i,
        "exemplar_count": len(catalog.exemplars),
        "chart_form": bar_chart("chart-form", "Khen thưởng theo hình thức, mọi phong trào",
                                _awards_sentence(total_c, total_i), by_form, SERIES) if by_form else None,
        "chart_year": bar_chart("chart-year", "Khen thưởng theo năm tổng kết",
                                _awards_sentence(total_c, total_i), by_year, SERIES) if by_year else None,
        "chart_locality": bar_chart("chart-locality", "Điển hình tiên tiến theo tỉnh",
                                    f"{len(catalog.exemplars)} điển hình tiên tiến đã công bố.",
                                    province_rows, ("Điển hình",)) if province_rows else None,
        "intro": "Các phong trào đã tổng kết, mới nhất trước, và số khen thưởng cộng dồn qua mọi phong trào.",
    })
