"""The campaigns whose status can still change after the build day, for the pages' re-check.

Pipeline step (catalog → pages). A page is built for one day and read on later ones. Its
badges re-check themselves from their own dates (`theme/assets/portal.js`), but pages also
group and count by status: the home page's sections and counts, the status chips of every
listing, a status page's list and total, the results page's "not yet reported", the search
page's status filter. A reader's later day must not leave those behind the badges.

Only a campaign without an override whose last day is not past on the build day can change
status later (an ended one stays ended, an override always wins), so only those are listed,
with what the script needs to recount and regroup: dates, address, title and whether its
report is out. Written once per build as `campaigns/live.js`, which the pages that group by status
name and the script fetches only when the reader's day is not the build's: a page read on its build
day needs none of it, and the list grows with the campaigns (a province's includes its members',
200 KB over 100 members of 100 campaigns, which inline would weigh on every listing).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from builder.plan.external import Listed, address, override, reported, title


def can_change(campaign: Listed, today: dt.date) -> bool:
    """Whether the campaign's status on a later day may differ from its status on `today`."""
    return not override(campaign) and campaign.end >= today


def live_campaigns(campaigns: Sequence[Listed], today: dt.date) -> list[list[str | int]]:
    """[start or "", end, url, title, 1 if its report is out else 0] of each campaign that can change status.
    The url is relative to the root, or a member portal's full address (a province lists its members')."""
    return [[c.start.isoformat() if c.start else "", c.end.isoformat(), address(c), title(c), int(reported(c))]
            for c in campaigns if can_change(c, today)]


def live_js(campaigns: Sequence[Listed], today: dt.date) -> str:
    """`campaigns/live.js`: a script, not JSON, so that it also loads from a folder opened from disk."""
    text = json.dumps({"built": today.isoformat(), "campaigns": live_campaigns(campaigns, today)},
                      ensure_ascii=False, separators=(",", ":"))
    return "window.portalLive = " + text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + ";\n"
