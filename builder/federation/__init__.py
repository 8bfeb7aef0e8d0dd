"""A province portal over its communes' portals (issue 32): members read from what they publish.

Stage after `load` for a province: `members` reads the configuration, `member_data` reads each
member's published open data (`data/portal.json` first) and keeps the last good copy, so that a
member that cannot be read never stops the province's build.
"""
