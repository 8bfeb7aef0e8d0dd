"""What a build tells the editor besides errors: unpublished items and advice, each line once.

Warnings never fail a strict build: they are advice, printed at info level. The preview
prints each once, not again after every save (400 lines a save on the 1,000-record bench
portal).
"""

from __future__ import annotations

from builder.catalog.catalog import Catalog

# The engine prints what this logger says (MkDocs shows its plugins' loggers); one name for the core.
LOGGER = "mkdocs.plugins.portal"


class AdviceLog:
    """Under `serve` it remembers what the terminal already shows; a plain build tells everything."""

    def __init__(self, serving: bool) -> None:
        self.serving = serving
        self.told: set[str] = set()

    def lines(self, catalog: Catalog) -> tuple[list[str], int]:
        """(lines to print now, how many are left out as already shown)."""
        advice = [f"Không công bố {path}: {reason}" for path, reason in catalog.hidden]
        advice += [warning.format() for warning in catalog.warnings]
        new = [line for line in advice if line not in self.told]
        if self.serving:
            self.told = set(advice)
        return new, len(advice) - len(new)
