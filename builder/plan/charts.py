"""Bar charts drawn at build time as plain SVG: no JavaScript, no chart library, no request.

A chart is a picture of a table that the page also prints beside it, so the SVG
carries a title and a one-sentence description for screen readers, and the
numbers are written next to every bar so that colour is never the only carrier.
Colours come from CSS classes, so the dark theme restyles them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

# Drawn at about a phone's content width (328 px at 360 px), so that its 13-unit text stays at
# 12 px or more there; wider screens draw it a little larger (portal.css caps its width).
WIDTH = 340
LABEL_CHARS = 48  # what fits on one line at this width; the full label is in <title> and the table
BAR = 16
GAP = 4


def bar_chart(chart_id: str, title: str, description: str, rows: Sequence[tuple[str, Sequence[int]]],
              series: Sequence[str]) -> str:
    """Horizontal bars, one group per row, one bar per series; returns the `<svg>` element."""
    peak = max((v for _, values in rows for v in values), default=0) or 1
    scale = (WIDTH - 70) / peak
    parts: list[str] = []
    y = 0
    if len(series) > 1:
        x = 0
        for index, name in enumerate(series):
            parts.append(f'<rect class="portal-chart__bar portal-chart__bar--{index}" x="{x}" y="{y + 2}" '
                         f'width="12" height="12"/><text class="portal-chart__text" x="{x + 18}" y="{y + 13}">'
                         f'{escape(name)}</text>')
            x += 30 + 8 * len(name)
        y += 30
    for label, values in rows:
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        parts.append(f'<g><title>{escape(label)}</title>'
                     f'<text class="portal-chart__label" x="0" y="{y + 14}">{escape(short)}</text>')
        y += 20
        for index, value in enumerate(values):
            width = round(value * scale, 1)
            parts.append(f'<rect class="portal-chart__bar portal-chart__bar--{index}" x="0" y="{y}" '
                         f'width="{max(width, 1.5)}" height="{BAR}"/>'
                         f'<text class="portal-chart__text" x="{width + 6}" y="{y + BAR - 3}">{value}</text>')
            y += BAR + GAP
        parts.append("</g>")
        y += 10
    return (f'<svg class="portal-chart" role="img" viewBox="0 0 {WIDTH} {y}" width="100%" '
            f'preserveAspectRatio="xMinYMin meet" aria-labelledby="{chart_id}-t {chart_id}-d" '
            f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}-t">{escape(title)}</title>'
            f'<desc id="{chart_id}-d">{escape(description)}</desc>{"".join(parts)}</svg>')
