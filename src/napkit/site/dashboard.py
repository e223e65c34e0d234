"""The dashboard's charts: each an SVG, its title and the table of its figures."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from napkit.build import tracker
from napkit.build.assembly import YearPlan
from napkit.plans.framework import Framework
from napkit.plans.texts import group_word
from napkit.site import charts
from napkit.site.languages import Languages


def pillar_charts(fw: Framework, langs: Languages, y: YearPlan) -> list[dict[str, Any]]:
    labels = [langs.first(p.title) for p in fw.pillars.values()]
    ids = [p.id for p in fw.pillars.values()]
    group = group_word(fw).lower()
    money = [
        charts.Series(
            "committed", tuple(y.pillars[i].totals.committed.quantize(Decimal(1)) for i in ids)
        ),
        charts.Series(
            "funding gap", tuple(y.pillars[i].totals.gap.quantize(Decimal(1)) for i in ids)
        ),
    ]
    statuses = ("completed", "on-track", "delayed", "not-started", "cancelled", "no-report")
    status = [
        charts.Series(s, tuple(y.pillars[i].totals.statuses[s] for i in ids)) for s in statuses
    ]
    out = []
    for chart_id, title, series in (
        (
            "budget",
            f"Budget by {group}, {fw.year_label(y.year)} ({y.currency}): committed and funding gap",
            money,
        ),
        ("status", f"Activities by status and {group}, {fw.year_label(y.year)}", status),
    ):
        out.append(
            {
                "title": Markup(html.escape(title)),  # inside HTML: no Markdown escapes
                "svg": Markup(charts.stacked_bars(chart_id, title, labels, series)),
                "rows": charts.data_table(labels, series, group),
            }
        )
    return out


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
    title = f"Plan submissions by jurisdiction, {fw.year_label(year)}"
    return {
        "title": title,
        "svg": Markup(charts.stacked_bars("submissions", title, labels, series)),
        "rows": charts.data_table(labels, series, "jurisdiction"),
    }
