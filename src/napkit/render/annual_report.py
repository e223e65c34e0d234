"""The annual implementation report: Markdown a Task Force can hand to the Council
of Ministers. Every figure comes from the assembled plans; no number is typed."""

from __future__ import annotations

from napkit.build.assembly import IndicatorResult, Totals, YearPlan
from napkit.build.tracker import Submission, verdict_counts
from napkit.plans.framework import Framework
from napkit.plans.texts import group_word, text_in
from napkit.render.labels import STATUS_ORDER, word
from napkit.render.markdown import cell, text
from napkit.render.numbers import amount, percent, share, shown
from napkit.render.workbook.lists import body_names


def _statuses(t: Totals) -> str:
    return ", ".join(f"{t.statuses[s]} {word(s)}" for s in STATUS_ORDER if t.statuses[s])


def drafts_note(t: Totals, plans: int | None, currency: str) -> str:
    """What a total holds of plans still in draft: every total that has some says so."""
    which = f"the {plans} draft plan{'' if plans == 1 else 's'}" if plans else "draft plans"
    return (
        f"These totals include {t.draft_activities} activit{'y' if t.draft_activities == 1 else 'ies'} "
        f"({amount(t.draft_budget)} {currency}) from {which}, not yet submitted."
    )


def report(fw: Framework, y: YearPlan, submissions: list[Submission]) -> str:
    cur = y.currency
    t = y.totals
    lines: list[str] = []
    add = lines.append
    title = text_in(fw.title, fw.language_codes)
    add(f"# Annual implementation report {fw.year_label(y.year)}")
    add("")
    n = y.plans
    add(f"{text(title)}. Assembled from the plans of {n.plans} of {n.bodies} implementing bodies "
        f"({n.submitted} submitted, {n.drafts} still in draft); amounts in {cur} at the {fw.year_label(y.year)} exchange rates "
        f"({', '.join(f'1 {c} = {r} {cur}' for c, r in y.rates.items() if c != cur) or 'no other currency'}).")  # fmt: skip
    add("")
    if t.draft_activities:
        add(drafts_note(t, n.drafts, cur))
        add("")
    add("## Headline figures")
    add("")
    add("| figure | value |")
    add("|---|---|")
    add(f"| plans submitted | {n.submitted} of {n.bodies} |")
    add(f"| plans finalized or approved | {n.final} of {n.bodies} |")
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
    lines += _submissions(fw, submissions)
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
    cur = y.currency
    out = ["## Progress by body", ""]
    out += [
        f"| body | plan | activities | budget ({cur}) | funding gap ({cur}) | spent ({cur}) | completed | delayed |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for body_id, body in body_names(fw).items():
        t = y.bodies[body_id].totals
        name = cell(text_in(body, fw.language_codes))
        out.append(
            f"| {name} | {word(y.plan_status[body_id])} | {t.activities} | {amount(t.budget)} | "
            f"{amount(t.gap)} | {amount(t.spent)} | {t.statuses['completed']} | {t.statuses['delayed']} |"
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
            f"| {r.id} | {cell(text_in(r.activity.title, fw.language_codes))} | {word(r.status)} | {period} | {cell(note) or '-'} |"
        )
    out.append("")
    return out


def _money_by_pillar(fw: Framework, y: YearPlan) -> list[str]:
    group = group_word(fw).lower()
    out = [f"## Spending and funding gap by {group}", ""]
    cur = y.currency
    out += [
        f"| {group} | budget ({cur}) | funding gap ({cur}) | committed ({cur}) | pledged ({cur}) | requested ({cur}) | spent ({cur}) |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    groups = [
        (text_in(p.title, fw.language_codes), y.pillars[p.id].totals) for p in fw.pillars.values()
    ]
    every = group_word(fw, plural=True).lower()
    for name, t in [*groups, (f"All {every}", y.totals)]:
        out.append(
            f"| {cell(name)} | {amount(t.budget)} | {amount(t.gap)} ({share(t.gap, t.budget)}) "
            f"| {amount(t.committed)} | {amount(t.pledged)} | {amount(t.requested)} "
            f"| {amount(t.spent)} ({share(t.spent, t.budget)}) |"
        )
    out.append("")
    return out


def _submissions(fw: Framework, rows: list[Submission]) -> list[str]:
    out = ["## Plan submissions", ""]
    if rows and rows[0].deadline:
        out += [f"Deadline: {rows[0].deadline.isoformat()}.", ""]
    out += ["| body | plan status | submitted | verdict |", "|---|---|---|---|"]
    names = body_names(fw)
    for r in rows:
        name = cell(text_in(names.get(r.body, r.body), fw.language_codes))
        out.append(
            f"| {name} | {word(r.status)} | {r.submitted.isoformat() if r.submitted else '-'} | {word(r.verdict)} |"
        )
    counts = verdict_counts(rows)
    out += ["", ", ".join(f"{n} {word(v)}" for v, n in counts.items()) + "."]
    return out
