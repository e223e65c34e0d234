"""The submission tracker as Markdown, for `nap status`."""

from __future__ import annotations

from napkit.build.tracker import Submission, deadline, verdict_counts
from napkit.i18n import t, tn
from napkit.plans.framework import Framework
from napkit.render.labels import word
from napkit.render.numbers import count


def summary(rows: list[Submission]) -> str:
    """`17 bodies: 12 on time, 2 late, 3 not submitted, 0 no plan`"""
    counts = verdict_counts(rows)
    head = tn("{n} body", "{n} bodies", len(rows)).format(n=count(len(rows)))
    return f"{head}: " + t(", ").join(f"{count(n)} {word(v)}" for v, n in counts.items())


def markdown(fw: Framework, year: int, rows: list[Submission]) -> str:
    """One table per jurisdiction, under its chairs."""
    due = deadline(fw, year)
    lines = [f"# Plan submissions {fw.year_label(year)}", ""]
    lines.append(
        f"Deadline: {due.isoformat()}"
        if due
        else "No planning round in plans/nap.yaml for this year: no deadline."
    )
    lines.append("")
    for jurisdiction in fw.jurisdictions:
        mine = [r for r in rows if r.jurisdiction == jurisdiction.id]
        chairs = ", ".join(jurisdiction.chairs)
        lines += [f"## {jurisdiction.id} (reports to {chairs})", ""]
        lines += ["| body | plan status | submitted | from | verdict |", "|---|---|---|---|---|"]
        for r in mine:
            date = r.submitted.isoformat() if r.submitted else "-"
            lines.append(f"| {r.body} | {r.status} | {date} | {r.source or '-'} | {r.verdict} |")
        lines.append("")
    lines.append(summary(rows))
    return "\n".join(lines) + "\n"
