"""Bar charts as SVG, made at build time: no chart library in the browser, crisp in
print, each with a title, and a data table beside it for screen readers.

Hand-written rather than a library: the SVG libraries at hand either embed
scripts from other hosts (pygal's tooltips) or pull in a large plotting stack
(matplotlib) for three bar charts.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal

PALETTE = ("#3949ab", "#e53935", "#fb8c00", "#43a047", "#8e24aa", "#757575")
WIDTH = 640
BAR = 22
GAP = 10
LABEL = 210
TOP = 40


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Decimal | int, ...]


def stacked_bars(
    chart_id: str, title: str, labels: list[str], series: list[Series], unit: str = ""
) -> str:
    """Horizontal stacked bars, one row per label; a legend on top."""
    total = [sum((Decimal(s.values[i]) for s in series), Decimal(0)) for i in range(len(labels))]
    biggest = max(total, default=Decimal(0)) or Decimal(1)
    scale = Decimal(WIDTH - LABEL - 20) / biggest
    height = TOP + len(labels) * (BAR + GAP) + 10
    e = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="napkit-chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{e(chart_id)}-title" width="{WIDTH}" height="{height}">',
        f'<title id="{e(chart_id)}-title">{e(title)}</title>',
    ]
    x = 0
    for n, s in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="16" font-size="12">{e(s.name)}</text>')
        x += 24 + 7 * len(s.name)
    for i, label in enumerate(labels):
        y = TOP + i * (BAR + GAP)
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + BAR * 0.7:.1f}" font-size="12" text-anchor="end">{e(label[:34])}</text>'
        )
        left = Decimal(LABEL)
        for n, s in enumerate(series):
            width = Decimal(s.values[i]) * scale
            if width > 0:
                value = f"{s.name}: {s.values[i]:,}{unit}"
                parts.append(
                    f'<rect x="{left:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" '
                    f'fill="{PALETTE[n % len(PALETTE)]}"><title>{e(label)}, {e(value)}</title></rect>'
                )
            left += width
    parts.append("</svg>")
    return "".join(parts)


def data_table(labels: list[str], series: list[Series], first: str) -> list[list[str]]:
    """The chart's figures as rows (header first), for a table next to the chart."""
    rows = [[first, *(s.name for s in series)]]
    for i, label in enumerate(labels):
        rows.append([label, *(f"{s.values[i]:,}" for s in series)])
    return rows
