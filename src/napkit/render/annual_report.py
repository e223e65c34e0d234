"""The annual implementation report: Markdown a Task Force can hand to the Council
of Ministers. Every figure comes from the assembled plans; no number is typed."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from napkit.build.assembly import IndicatorResult, Totals, YearPlan
from napkit.build.tracker import Submission, verdict_counts
from napkit.i18n import N_, reader, t, tn
from napkit.plans.framework import Framework, Text
from napkit.plans.texts import group_word, language_of, text_in
from napkit.render.labels import STATUS_ORDER, word
from napkit.render.markdown import cell, text
from napkit.render.numbers import amount, count, iso_day, numerals, percent, share, shown
from napkit.render.workbook.lists import body_names


def _statuses(totals: Totals) -> str:
    return t(", ").join(
        f"{count(totals.statuses[s])} {word(s)}" for s in STATUS_ORDER if totals.statuses[s]
    )


def _marked(value: Text, fw: Framework, escape: Callable[[str], str] = cell) -> str:
    """Plan text in the reader's language where it is written in it; else in the
    language napkit picks, marked with that language and its direction."""
    codes, reader_language = fw.language_codes, reader().language
    code = language_of(value, codes, reader_language)
    shown = escape(text_in(value, codes, reader_language))
    if reader_language is None or code == reader_language or not shown:
        return shown
    direction = next((x.dir for x in fw.languages if x.code == code), "ltr")
    return f'<span lang="{code}" dir="{direction}">{shown}</span>'


def _year(fw: Framework, year: int) -> str:
    return numerals(fw.year_label(year))


def drafts_note(totals: Totals, plans: int | None, currency: str) -> str:
    """What a total holds of plans still in draft: every total that has some says so."""
    n = totals.draft_activities
    held = tn(
        "These totals include {n} activity ({money})",
        "These totals include {n} activities ({money})",
        n,
    ).format(n=count(n), money=f"{amount(totals.draft_budget)} {currency}")
    which = (
        tn(
            "from the {plans} draft plan, not yet submitted.",
            "from the {plans} draft plans, not yet submitted.",
            plans,
        ).format(plans=count(plans))
        if plans
        else t("from draft plans, not yet submitted.")
    )
    return f"{held} {which}"


def _of(part: int, whole: int) -> str:
    return t("{part} of {whole}").format(part=count(part), whole=count(whole))


def _money(value: Decimal, currency: str) -> str:
    return f"{amount(value)} {currency}"


def report(fw: Framework, y: YearPlan, submissions: list[Submission]) -> str:
    cur = y.currency
    totals = y.totals
    lines: list[str] = []
    add = lines.append
    title = _marked(fw.title, fw, text)
    year = _year(fw, y.year)
    add("# " + t("Annual implementation report {year}").format(year=year))
    add("")
    n = y.plans
    rates = t(", ").join(
        f"{numerals(1)} {c} = {numerals(r)} {cur}" for c, r in y.rates.items() if c != cur
    )
    assembled = tn(
        "Assembled from the plans of {plans} of {bodies} implementing body ({submitted} submitted, {drafts} still in draft); amounts in {currency} at the {year} exchange rates ({rates}).",
        "Assembled from the plans of {plans} of {bodies} implementing bodies ({submitted} submitted, {drafts} still in draft); amounts in {currency} at the {year} exchange rates ({rates}).",
        n.bodies,
    ).format(
        plans=count(n.plans),
        bodies=count(n.bodies),
        submitted=count(n.submitted),
        drafts=count(n.drafts),
        currency=cur,
        year=year,
        rates=rates or t("no other currency"),
    )
    add(f"{title}. {assembled}")
    add("")
    if totals.draft_activities:
        add(drafts_note(totals, n.drafts, cur))
        add("")
    lines += _headline(y)
    lines += _pillars(fw, y)
    lines += _bodies(fw, y)
    lines += _indicators(fw, y)
    lines += _troubles(fw, y)
    lines += _money_by_pillar(fw, y)
    lines += _submissions(fw, submissions)
    return "\n".join(lines) + "\n"


def _headline(y: YearPlan) -> list[str]:
    cur, totals, n = y.currency, y.totals, y.plans
    committed = share(totals.committed, totals.budget)
    spent = t("{share} of the budget").format(share=share(totals.spent, totals.budget))
    rows = [
        (N_("plans submitted"), _of(n.submitted, n.bodies)),
        (N_("plans finalized or approved"), _of(n.final, n.bodies)),
        (N_("activities"), count(totals.activities)),
        (N_("activities by status"), _statuses(totals)),
        (N_("budget"), _money(totals.budget, cur)),
        (N_("committed funding"), f"{_money(totals.committed, cur)} ({committed})"),
        (N_("funding gap"), f"{_money(totals.gap, cur)} ({share(totals.gap, totals.budget)})"),
        (N_("spent"), f"{_money(totals.spent, cur)} ({spent})"),
    ]
    if totals.unbudgeted:
        rows.append((N_("activities without a budget"), count(totals.unbudgeted)))
    if totals.no_budget:
        label = N_("activities that need no budget of their own (policy, in kind)")
        rows.append((label, count(totals.no_budget)))
    return [
        "## " + t("Headline figures"),
        "",
        "| " + t("figure") + " | " + t("value") + " |",
        "|---|---|",
        *(f"| {t(label)} | {shown_} |" for label, shown_ in rows),
        "",
    ]


def _pillars(fw: Framework, y: YearPlan) -> list[str]:
    group = group_word(fw).lower()
    if fw.has_pillars:
        out = ["## " + t("Progress by {group} and objective").format(group=group), ""]
        first = t("{group} / objective").format(group=group)
    else:
        out = ["## " + t("Progress by {group}").format(group=group), ""]
        first = group
    heads = [first, *(t(h) for h in PROGRESS)]
    out += ["| " + " | ".join(heads) + " |", "|---|---|---|---|---|---|---|"]
    for pillar in fw.pillars.values():
        name = _marked(pillar.title, fw, text)
        out.append(_progress_row(f"**{name}**", y.pillars[pillar.id].totals))
        for objective in pillar.objectives:
            if objective.id == pillar.id:  # a highest objective with none below it
                continue
            label = f"{objective.id} {_marked(objective.title, fw, text)}"
            out.append(_progress_row(label, y.objectives[objective.id].totals))
    out.append("")
    return out


PROGRESS = (
    N_("activities"),
    N_("completed"),
    N_("on track"),
    N_("delayed"),
    N_("cancelled"),
    N_("no report"),
)


def _progress_row(label: str, totals: Totals) -> str:
    s = totals.statuses
    figures = [
        totals.activities,
        s["completed"],
        s["on-track"],
        s["delayed"],
        s["cancelled"],
        s["no-report"],
    ]
    return f"| {label} | " + " | ".join(count(f) for f in figures) + " |"


def _bodies(fw: Framework, y: YearPlan) -> list[str]:
    cur = y.currency
    out = ["## " + t("Progress by body"), ""]
    heads = [
        t("body"),
        t("plan"),
        t("activities"),
        t("budget ({currency})").format(currency=cur),
        t("funding gap ({currency})").format(currency=cur),
        t("spent ({currency})").format(currency=cur),
        t("completed"),
        t("delayed"),
    ]
    out += ["| " + " | ".join(heads) + " |", "|---|---|--:|--:|--:|--:|--:|--:|"]
    for body_id, body in body_names(fw).items():
        tt = y.bodies[body_id].totals
        name = _marked(body, fw)
        out.append(
            f"| {name} | {word(y.plan_status[body_id])} | {count(tt.activities)} | {amount(tt.budget)} | "
            f"{amount(tt.gap)} | {amount(tt.spent)} | {count(tt.statuses['completed'])} | {count(tt.statuses['delayed'])} |"
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
        "## " + t("Indicators"),
        "",
        t("{met} met, {missed} not yet met, {silent} with no value reported or no target.").format(
            met=count(len(met)), missed=count(len(missed)), silent=count(len(silent))
        ),
        "",
    ]
    for title, rows in ((N_("Met"), met), (N_("Not yet met"), missed)):
        if not rows:
            continue
        heads = (
            N_("activity"),
            N_("indicator"),
            N_("baseline"),
            N_("target"),
            N_("latest"),
            N_("achieved"),
        )
        out += [
            f"### {t(title)}",
            "",
            "| " + " | ".join(t(h) for h in heads) + " |",
            "|---|---|---|---|---|---|",
        ]
        for activity_id, i in rows:
            achieved = percent(i.achieved) if i.achieved is not None else "-"
            ind = i.indicator
            out.append(
                f"| {activity_id} | {_marked(ind.title, fw)} | {shown(ind.baseline)} | {shown(ind.target)} "
                f"| {shown(i.latest)} ({i.period}) | {achieved} |"
            )
        out.append("")
    return out


def _troubles(fw: Framework, y: YearPlan) -> list[str]:
    out = ["## " + t("Delayed and cancelled activities"), ""]
    rows = [r for r in y.activities if r.status in ("delayed", "cancelled")]
    if not rows:
        return [*out, t("None."), ""]
    heads = (N_("activity"), N_("title"), N_("status"), N_("period"), N_("note"))
    out += ["| " + " | ".join(t(h) for h in heads) + " |", "|---|---|---|---|---|"]
    for r in rows:
        note = _marked(r.latest.note, fw) if r.latest and r.latest.note else ""
        period = r.latest.period if r.latest else ""
        out.append(
            f"| {r.id} | {_marked(r.activity.title, fw)} | {word(r.status)} | {period} | {note or '-'} |"
        )
    out.append("")
    return out


def _money_by_pillar(fw: Framework, y: YearPlan) -> list[str]:
    group = group_word(fw).lower()
    out = ["## " + t("Spending and funding gap by {group}").format(group=group), ""]
    cur = y.currency
    heads = [
        group,
        *(
            t(h).format(currency=cur)
            for h in (
                N_("budget ({currency})"),
                N_("funding gap ({currency})"),
                N_("committed ({currency})"),
                N_("pledged ({currency})"),
                N_("requested ({currency})"),
                N_("spent ({currency})"),
            )
        ),
    ]
    out += ["| " + " | ".join(heads) + " |", "|---|--:|--:|--:|--:|--:|--:|"]
    groups = [(_marked(p.title, fw), y.pillars[p.id].totals) for p in fw.pillars.values()]
    every = group_word(fw, plural=True).lower()
    for name, tt in [*groups, (cell(t("All {groups}").format(groups=every)), y.totals)]:
        out.append(
            f"| {name} | {amount(tt.budget)} | {amount(tt.gap)} ({share(tt.gap, tt.budget)}) "
            f"| {amount(tt.committed)} | {amount(tt.pledged)} | {amount(tt.requested)} "
            f"| {amount(tt.spent)} ({share(tt.spent, tt.budget)}) |"
        )
    out.append("")
    return out


def _submissions(fw: Framework, rows: list[Submission]) -> list[str]:
    out = ["## " + t("Plan submissions"), ""]
    if rows and rows[0].deadline:
        out += [t("Deadline: {date}.").format(date=iso_day(rows[0].deadline)), ""]
    heads = (N_("body"), N_("plan status"), N_("submitted"), N_("verdict"))
    out += ["| " + " | ".join(t(h) for h in heads) + " |", "|---|---|---|---|"]
    names = body_names(fw)
    for r in rows:
        name = _marked(names.get(r.body, r.body), fw)
        submitted = iso_day(r.submitted) if r.submitted else "-"
        out.append(f"| {name} | {word(r.status)} | {submitted} | {word(r.verdict)} |")
    counts = verdict_counts(rows)
    out += ["", t(", ").join(f"{count(n)} {word(v)}" for v, n in counts.items()) + "."]
    return out
