"""The dashboard's charts: each an SVG, its legend, its title and the table of its figures."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from napkit.build import tracker
from napkit.build.assembly import YearPlan
from napkit.i18n import t
from napkit.plans.framework import Framework
from napkit.plans.texts import group_word
from napkit.render.labels import STATUS_ORDER
from napkit.render.numbers import numerals
from napkit.site import charts
from napkit.site.languages import Languages

STATUSES = STATUS_ORDER  # an activity's latest progress, as every view lists it


def pillar_charts(fw: Framework, langs: Languages, y: YearPlan) -> list[dict[str, Any]]:
    labels = [langs.first(p.title) for p in fw.pillars.values()]
    ids = [p.id for p in fw.pillars.values()]
    group = group_word(fw).lower()
    money = [
        charts.Series(
            "committed", tuple(y.pillars[i].totals.committed.quantize(Decimal(1)) for i in ids)
        ),
        charts.Series(
            "funding-gap", tuple(y.pillars[i].totals.gap.quantize(Decimal(1)) for i in ids)
        ),
    ]
    status = [
        charts.Series(s, tuple(y.pillars[i].totals.statuses[s] for i in ids)) for s in STATUSES
    ]
    year = numerals(fw.year_label(y.year))
    return [
        _chart(
            "budget",
            t("Budget by {group}, {year} ({currency}): committed and funding gap").format(
                group=group, year=year, currency=y.currency
            ),
            labels,
            money,
            group,
            y.currency,
        ),
        _chart(
            "status",
            t("Activities by status and {group}, {year}").format(group=group, year=year),
            labels,
            status,
            group,
            t("activities"),
        ),
    ]


def submission_chart(
    fw: Framework, langs: Languages, year: int, rows: list[tracker.Submission]
) -> dict[str, Any]:
    labels = [langs.first(j.name) for j in fw.jurisdictions]
    ids = [j.id for j in fw.jurisdictions]
    verdicts = list(tracker.verdict_counts(rows))  # those to show, in the order of every view
    series = [
        charts.Series(
            v,
            tuple(sum(1 for r in rows if r.jurisdiction == j and r.verdict == v) for j in ids),
        )
        for v in verdicts
    ]
    title = t("Plan submissions by jurisdiction, {year}").format(year=numerals(fw.year_label(year)))
    # one chart a year on the tracker page: the year keeps the ids apart
    return _chart(f"submissions-{year}", title, labels, series, t("jurisdiction"), t("plans"))


def _chart(
    chart_id: str, title: str, labels: list[str], series: list[charts.Series], first: str, unit: str
) -> dict[str, Any]:
    return {
        "title": Markup(html.escape(title)),  # inside HTML: no Markdown escapes
        "legend": Markup(charts.legend(series)),
        "svg": Markup(charts.stacked_bars(chart_id, title, labels, series, unit)),
        "rows": charts.data_table(labels, series, first),
    }
