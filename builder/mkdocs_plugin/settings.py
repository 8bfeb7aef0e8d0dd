"""The plugin's options in mkdocs.yml (`plugins: - portal: {...}`), as MkDocs validates them.

Kept apart from the hooks (plugin.py): what an office may set, with its default, in one place.
`run/project.py` reads the same options without MkDocs for the command line.
"""

from __future__ import annotations

import datetime as dt

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from builder.catalog.notices import DEFAULT_RETENTION_DAYS
from builder.search.records import SPLIT_AT


class PortalConfig(Config):
    today = c.Optional(c.Type((str, dt.date)))  # YAML reads `today: 2024-08-01` as a date; both are fine
    campaigns_dir = c.Type(str, default="campaigns")
    search_split_at = c.Type(int, default=SPLIT_AT)  # records from which search has two bundles
    # days after a notice's window during which its individual nominees stay public (catalog/notices.py)
    notice_retention_days = c.Type(int, default=DEFAULT_RETENTION_DAYS)
    cache_dir = c.Type(str, default=".portal-cache")  # relative to mkdocs.yml; safe to delete (run/cache.py)
    members = c.Optional(c.Type(list))  # a province's member portals (builder/federation/members.py)
