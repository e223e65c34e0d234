"""Bar charts as SVG, made at build time: no script, nothing from another host, crisp
in print, each with a title, and a data table beside it for screen readers.

One palette for every chart: a status means the same colour on every page, and
colours carry a meaning (good, on track, needs attention, not yet, unknown,
stopped), so "late" and "delayed" look alike and "on track" never looks like a
problem. The colours are Okabe and Ito's, which people with the common colour
vision deficiencies can tell apart; each has 3:1 contrast against the white page
(WCAG 1.4.11), except "unknown", which is pale on purpose and has an outline that
has. Segments are parted by a white line, so neighbours never touch.

The layout is in percentages of the chart's width, not in a scaled viewBox: the
bars stretch to the column and the text keeps its CSS size, 13 px on a phone as
on a laptop. Labels stand above their bar, wrapped rather than cut.

Hand-written rather than a library: pygal, matplotlib and Vega-Lite
(vl-convert) all draw a picture of a fixed size that the browser scales down on
a phone, text included, which is the problem this layout solves; and the last
two add 80 to 180 MB to the install and over a second to the build.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from napkit.build.tracker import UNDATED, UNRATED
from napkit.i18n import N_, t
from napkit.render.labels import word
from napkit.render.numbers import count, shown

# What a colour says, and the colour (Okabe-Ito), with its contrast against white.
COLOURS = {
    "good": "#009E73",  # bluish green, 3.4:1
    "on track": "#0072B2",  # blue, 5.2:1
    "needs attention": "#D55E00",  # vermilion, 3.9:1
    "not yet": "#555555",  # dark grey, 7.5:1
    "unknown": "#E0E0E0",  # pale grey: nothing known; its outline has 4.5:1
    "stopped": "#CC79A7",  # reddish purple, 3.1:1
}
OUTLINE = {"unknown": "#767676"}  # where the fill alone is too pale to see on white

# Each code a chart shows -> what its colour says. Activity statuses (the latest
# progress), funding, and the tracker's verdicts on a year's plans.
MEANING = {
    "completed": "good",
    "on-track": "on track",
    "delayed": "needs attention",
    "not-started": "not yet",
    "cancelled": "stopped",
    "no-report": "unknown",
    "committed": "good",
    "funding-gap": "needs attention",
    "on time": "good",
    UNRATED: "good",  # submitted where no deadline was set: nothing to be late for
    UNDATED: "good",  # submitted, on a date nobody recorded: handed in all the same
    "late": "needs attention",
    "not submitted": "not yet",
    "missing": "unknown",
}

FONT = 13  # px: the labels' size, which no scaling changes
SMALL = 12  # px: axis ticks and bar totals
LINE = 16  # px between the lines of a wrapped label
BAR = 18
ROW_GAP = 14
AXIS = 22  # room under the bars for the tick labels
PLOT = Decimal(84)  # % of the width the bars may take: the rest is for the totals
WRAP = 44  # characters per label line: about 290 px, which fits a phone
# A white edge around text that crosses a gridline, so the line never cuts a letter.
HALO = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'


def colour(code: str) -> str:
    """The fill for `code` in every chart."""
    return COLOURS[MEANING[code]]


@dataclass(frozen=True)
class Series:
    code: str  # a status, funding or verdict code: it picks the colour and the words
    values: tuple[Decimal | int, ...]

    @property
    def name(self) -> str:
        return word(self.code)


def nice_ticks(biggest: Decimal) -> list[Decimal]:
    """Round tick values from 0 past `biggest`: steps of 1, 2, 2.5 or 5 times a power
    of ten, three to five of them."""
    if biggest <= 0:
        return [Decimal(0), Decimal(1)]
    raw = biggest / 4
    power = Decimal(10) ** raw.adjusted()
    steps = [m * power for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))]
    # no tick between whole numbers: counts are whole, and so are amounts of money
    step = next((s for s in steps if s >= raw and s == s.to_integral_value() and s >= 1), steps[-1])
    count = int((biggest / step).to_integral_value(rounding=ROUND_CEILING))
    return [step * i for i in range(count + 1)]


# Thousands, millions... in the few characters of an axis: napkit's words, translated.
SIZES = (
    (Decimal(10) ** 12, N_("{n}T")),
    (Decimal(10) ** 9, N_("{n}B")),
    (Decimal(10) ** 6, N_("{n}M")),
    (Decimal(10) ** 3, N_("{n}k")),
)


def compact(value: Decimal | int) -> str:
    """A number in few characters for an axis or a bar's end: 2.5M, 250k, 12; the
    reader's digits, and their words for thousand, million... (Arabic: ٢٫٥ مليون)."""
    n = Decimal(value)
    if abs(n) < 1000:
        return shown(n.normalize())
    n = n.quantize(Decimal(1).scaleb(n.adjusted() - 2))  # three significant digits
    size, suffix = next((s, w) for s, w in SIZES if abs(n) >= s)
    return t(suffix).format(n=shown((n / size).normalize()))


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part * PLOT / whole).quantize(Decimal("0.01"))


def _lines(label: str) -> list[str]:
    return textwrap.wrap(label, WRAP) or [label]


def stacked_bars(
    chart_id: str, title: str, labels: list[str], series: list[Series], unit: str = ""
) -> str:
    """Horizontal stacked bars, one row per label, with its label above it and its
    total at its end; a value axis with round ticks and gridlines below. `unit`
    follows the values in the tooltips (a currency, or "activities")."""
    e = html.escape
    totals = [_total(s.values[i] for s in series) for i in range(len(labels))]
    ticks = nice_ticks(max(totals, default=Decimal(0)))
    parts: list[str] = []
    y = 0
    for i, label in enumerate(labels):
        y = _row(parts, y, label, [(s, s.values[i]) for s in series], totals[i], ticks[-1], unit)
    plot_bottom = y - ROW_GAP + 4
    height = plot_bottom + AXIS
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="napkit-chart" width="100%" height="{height}" '
            f'role="img" aria-labelledby="{e(chart_id)}-title">',
            f'<title id="{e(chart_id)}-title">{e(title)}</title>',
            *_axis(ticks, plot_bottom, height),
            *parts,
            "</svg>",
        ]
    )


def _total(values: Iterable[Decimal | int]) -> Decimal:
    """What a bar's length shows: its segments, less any below zero (an activity funded
    beyond its budget has a negative gap, which has no length)."""
    return sum((max(Decimal(v), Decimal(0)) for v in values), Decimal(0))


def _row(
    parts: list[str],
    y: int,
    label: str,
    segments: list[tuple[Series, Decimal | int]],
    total: Decimal,
    top: Decimal,
    unit: str,
) -> int:
    """One bar: its label (wrapped, never cut), its segments each with a tooltip, and
    its total after its end. Returns where the next bar starts."""
    e = html.escape
    lines = _lines(label)
    spans = "".join(
        f'<tspan x="0" dy="{0 if n == 0 else LINE}">{e(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    parts.append(
        f'<text class="napkit-chart-label" y="{y + FONT}" font-size="{FONT}" {HALO}>{spans}</text>'
    )
    y += FONT + LINE * (len(lines) - 1) + 5
    left = Decimal(0)
    for s, raw in segments:
        value = Decimal(raw)
        if value <= 0:
            continue
        width = _pct(value, top)
        meaning = MEANING[s.code]
        tip = label + t(", ") + f"{s.name}: {_full(raw)}{' ' + unit if unit else ''}"
        parts.append(
            f'<rect x="{left}%" y="{y}" width="{width}%" height="{BAR}" fill="{COLOURS[meaning]}" '
            f'stroke="{OUTLINE.get(meaning, "#fff")}" stroke-width="1" data-code="{e(s.code)}">'
            f"<title>{e(tip)}</title></rect>"
        )
        left += width
    parts.append(
        f'<text class="napkit-chart-total" x="{left}%" dx="5" y="{y + BAR - 5}" '
        f'font-size="{SMALL}" {HALO}>{e(compact(total))}</text>'
    )
    return y + BAR + ROW_GAP


def _axis(ticks: list[Decimal], plot_bottom: int, height: int) -> list[str]:
    """A gridline for each tick (the one at zero darker), and its value under the bars."""
    out = []
    for n, tick in enumerate(ticks):
        x = _pct(tick, ticks[-1])
        out.append(
            f'<line x1="{x}%" x2="{x}%" y1="0" y2="{plot_bottom}" '
            f'stroke="{"#767676" if n == 0 else "#d9d9d9"}" stroke-width="1"/>'
        )
        out.append(
            f'<text class="napkit-chart-tick" x="{x}%" y="{height - 4}" font-size="{SMALL}" '
            f'text-anchor="{"start" if n == 0 else "middle"}">{html.escape(compact(tick))}</text>'
        )
    return out


def legend(series: list[Series]) -> str:
    """The colours and their words, as HTML: it wraps to the width like any text."""
    items = []
    for s in series:
        meaning = MEANING[s.code]
        stroke = OUTLINE.get(meaning, COLOURS[meaning])
        items.append(
            f'<li><svg width="14" height="14" aria-hidden="true"><rect x="0.5" y="0.5" width="13" '
            f'height="13" fill="{COLOURS[meaning]}" stroke="{stroke}" data-code="{html.escape(s.code)}"/>'
            f"</svg> {html.escape(s.name)}</li>"
        )
    return f'<ul class="napkit-chart-legend">{"".join(items)}</ul>'


def _full(value: Decimal | int) -> str:
    return count(value) if isinstance(value, int) else shown(value)


def data_table(labels: list[str], series: list[Series], first: str) -> list[list[str]]:
    """The chart's figures as rows (header first), for a table next to the chart: each
    segment and the row's total."""
    rows = [[first, *(s.name for s in series), t("total")]]
    for i, label in enumerate(labels):
        values = [s.values[i] for s in series]
        rows.append([label, *(_full(v) for v in values), _full(_total(values))])
    return rows
