"""The annual implementation report: Markdown a Task Force can hand to the Council
of Ministers. Every figure comes from the assembled plans; no number is typed."""

from __future__ import annotations

from napkit.build.assembly import IndicatorResult, Totals, YearPlan
from napkit.build.tracker import Submission, verdict_counts
from napkit.plans.framework import Framework
from napkit.plans.texts import group_word, text_in
from napkit.render.markdown import cell, text
from napkit.render.numbers import amount, percent, share, shown

_STATUS_LABELS = {
    "completed": "completed",
    "on-track": "on track",
    "delayed": "delayed",
    "not-started": "not started",
    "cancelled": "cancelled",
    "no-report": "no report yet",
}


def _statuses(t: Totals) -> str:
    return ", ".join(
        f"{t.statuses[s]} {label}" for s, label in _STATUS_LABELS.items() if t.statuses[s]
    )


def report(fw: Framework, y: YearPlan, submissions: list[Submission]) -> str:
    cur = y.currency
    t = y.totals
    lines: list[str] = []
    add = lines.append
    title = text_in(fw.title, fw.language_codes)
    add(f"# Annual implementation report {fw.year_label(y.year)}")
    add("")
    add(f"{text(title)}. Assembled from the plans of {sum(1 for s in y.plan_status.values() if s != 'missing')} "
        f"of {len(y.plan_status)} implementing bodies; amounts in {cur} at the {fw.year_label(y.year)} exchange rates "
        f"({', '.join(f'1 {c} = {r} {cur}' for c, r in y.rates.items() if c != cur) or 'no other currency'}).")  # fmt: skip
    add("")
    add("## Headline figures")
    add("")
    add("| figure | value |")
    add("|---|---|")
    approved = sum(1 for s in y.plan_status.values() if s in ("approved", "finalized"))
    add(f"| plans finalized or approved | {approved} of {len(y.plan_status)} |")
    add(f"| activities | {t.activities} |")
    add(f"| activities by status | {_statuses(t)} |")
    add(f"| budget | {amount(t.budget)} {cur} |")
    add(f"| committed funding | {amount(t.committed)} {cur} ({share(t.committed, t.budget)}) |")
    add(f"| funding gap | {amount(t.gap)} {cur} ({share(t.gap, t.budget)}) |")
    add(f"| spent | {amount(t.spent)} {cur} ({share(t.spent, t.budget)} of the budget) |")
    if t.unbudgeted:
        add(f"| activities without a budget | {t.unbudgeted} |")
    if t.no_budget:
        add(f"| activities that need no budget of their own (policy, in kind) | {t.no_budget} |")
    add("")
    lines += _pillars(fw, y)
    lines += _bodies(fw, y)
    lines += _indicators(fw, y)
    lines += _troubles(fw, y)
    lines += _money_by_pillar(fw, y)
    lines += _submissions(submissions)
    return "\n".join(lines) + "\n"


def _pillars(fw: Framework, y: YearPlan) -> list[str]:
    group = group_word(fw).lower()
    out = [f"## Progress by {group}{' and objective' if fw.has_pillars else ''}", ""]
    out += [
        f"| {group}{' / objective' if fw.has_pillars else ''} | activities | completed | on track | delayed | cancelled | no report |",
        "|---|---|---|---|---|---|---|",
    ]
    langs = fw.language_codes
    for pillar in fw.pillars.values():
        out.append(
            _progress_row(f"**{text(text_in(pillar.title, langs))}**", y.pillars[pillar.id].totals)
        )
        for objective in pillar.objectives:
            if objective.id == pillar.id:  # a highest objective with none below it
                continue
            label = f"{objective.id} {text(text_in(objective.title, langs))}"
            out.append(_progress_row(label, y.objectives[objective.id].totals))
    out.append("")
    return out


def _progress_row(label: str, t: Totals) -> str:
    s = t.statuses
    return f"| {label} | {t.activities} | {s['completed']} | {s['on-track']} | {s['delayed']} | {s['cancelled']} | {s['no-report']} |"


def _bodies(fw: Framework, y: YearPlan) -> list[str]:
    out = ["## Progress by body", ""]
    out += [
        f"| body | name | plan | activities | completed | delayed | budget ({y.currency}) | spent | gap |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for body_id, body in fw.bodies.items():
        t = y.bodies[body_id].totals
        name = cell(text_in(body.name, fw.language_codes))
        out.append(
            f"| {body_id} | {name} | {y.plan_status[body_id]} | {t.activities} | {t.statuses['completed']} | "
            f"{t.statuses['delayed']} | {amount(t.budget)} | {amount(t.spent)} | {amount(t.gap)} |"
        )
    out.append("")
    return out


def _indicators(fw: Framework, y: YearPlan) -> list[str]:
    met: list[tuple[str, IndicatorResult]] = []
    missed: list[tuple[str, IndicatorResult]] = []
    silent: list[tuple[str, IndicatorResult]] = []
    for r in y.activities:
        for i in r.indicators:
            row = (r.id, i)
            (silent if i.met is None else met if i.met else missed).append(row)
    out = [
        "## Indicators",
        "",
        f"{len(met)} met, {len(missed)} not yet met, {len(silent)} with no value reported or no target.",
        "",
    ]
    for title, rows in (("Met", met), ("Not yet met", missed)):
        if not rows:
            continue
        out += [
            f"### {title}",
            "",
            "| activity | indicator | baseline | target | latest | achieved |",
            "|---|---|---|---|---|---|",
        ]
        for activity_id, i in rows:
            achieved = percent(i.achieved) if i.achieved is not None else "-"
            ind = i.indicator
            out.append(
                f"| {activity_id} | {cell(text_in(ind.title, fw.language_codes))} | {shown(ind.baseline)} | {shown(ind.target)} "
                f"| {shown(i.latest)} ({i.period}) | {achieved} |"
            )
        out.append("")
    return out


def _troubles(fw: Framework, y: YearPlan) -> list[str]:
    out = ["## Delayed and cancelled activities", ""]
    rows = [r for r in y.activities if r.status in ("delayed", "cancelled")]
    if not rows:
        return [*out, "None.", ""]
    out += ["| activity | title | status | period | note |", "|---|---|---|---|---|"]
    for r in rows:
        note = text_in(r.latest.note, fw.language_codes) if r.latest else ""
        period = r.latest.period if r.latest else ""
        out.append(
            f"| {r.id} | {cell(text_in(r.activity.title, fw.language_codes))} | {r.status} | {period} | {cell(note) or '-'} |"
        )
    out.append("")
    return out


def _money_by_pillar(fw: Framework, y: YearPlan) -> list[str]:
    group = group_word(fw).lower()
    out = [f"## Spending and funding gap by {group}", ""]
    out += [
        f"| {group} | budget ({y.currency}) | spent | spent share | committed | pledged | requested | funding gap | gap share |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    groups = [
        (text_in(p.title, fw.language_codes), y.pillars[p.id].totals) for p in fw.pillars.values()
    ]
    every = group_word(fw, plural=True).lower()
    for name, t in [*groups, (f"All {every}", y.totals)]:
        out.append(
            f"| {cell(name)} | {amount(t.budget)} | {amount(t.spent)} | {share(t.spent, t.budget)} | {amount(t.committed)} "
            f"| {amount(t.pledged)} | {amount(t.requested)} | {amount(t.gap)} | {share(t.gap, t.budget)} |"
        )
    out.append("")
    return out


def _submissions(rows: list[Submission]) -> list[str]:
    out = ["## Plan submissions", ""]
    if rows and rows[0].deadline:
        out += [f"Deadline: {rows[0].deadline.isoformat()}.", ""]
    out += ["| body | plan status | submitted | verdict |", "|---|---|---|---|"]
    for r in rows:
        out.append(
            f"| {r.body} | {r.status} | {r.submitted.isoformat() if r.submitted else '-'} | {r.verdict} |"
        )
    counts = verdict_counts(rows)
    out += ["", ", ".join(f"{n} {v}" for v, n in counts.items()) + "."]
    return out
