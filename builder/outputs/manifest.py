"""`data/portal.json`: the portal's identity card for whoever reads its published data.

Pipeline step (catalog → outputs). A province portal gathers its communes' portals from what they
publish (issue 32): it reads this file first, and trusts the datasets beside it only when the
format is ours and its version one it knows. The arrays in `data/*.json` stay as they are (their
readers need no change); the version lives here, and goes up whenever a field of those records
changes meaning or is removed (added fields keep it).
"""

from __future__ import annotations

import json

from builder.catalog.catalog import Catalog
from builder.core import urls
from builder.core.site import Site
from builder.outputs.open_data import DATASETS, dataset_counts

FORMAT = "cong-thi-dua/open-data"
FORMAT_VERSION = 1


def portal_manifest(catalog: Catalog, site: Site, bundles: tuple[str, ...]) -> str:
    """The format and its version, the portal's name and address, the build date, the datasets with
    their record counts, and the search index's folders (site-relative), for a multisite search."""
    counts = dataset_counts(catalog)
    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "name": site.name,
        "url": site.url or None,
        "build_date": catalog.today.isoformat(),
        "datasets": {name: {"json": urls.data_file(name, "json"), "csv": urls.data_file(name, "csv"),
                            "schema": urls.data_schema(name), "records": counts[name]} for name in DATASETS},
        "search": [bundle + "/" for bundle in bundles],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
