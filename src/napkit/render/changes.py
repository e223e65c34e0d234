"""Plan diffs as Markdown a reviewer reads in the pull request."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from napkit.history.diff import FieldChange, FileDiff, RecordChange
from napkit.i18n import N_, t, tn
from napkit.plans.model import Budget, Funding
from napkit.plans.money import decimal
from napkit.render.labels import word
from napkit.render.markdown import text
from napkit.render.numbers import count, numerals, shown
from napkit.render.numbers import day as _day

MONEY_FIELDS = {"amount", "spent"}
WORD_FIELDS = {"status", "source", "unit"}  # codes a reader reads as words (labels.word)
RECORD_KINDS = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}
NO_CHANGE = N_("no change to the plan's data")
LONG_TEXT = 60  # characters; longer texts are shown as a word-level difference
_SINGULAR = {"activities": N_("activity"), "indicators": N_("indicator"), "pillars": N_("pillar"),
             "objectives": N_("objective"), "bodies": N_("body"), "jurisdictions": N_("jurisdiction"),
             "locations": N_("location"), "languages": N_("language"), "rounds": N_("planning round"),
             "funding": N_("funding from"), "values": N_("value")}  # fmt: skip
# The fields of a plan as a reader names them in a change (a field not here: its name).
FIELDS = {"title": N_("title"), "name": N_("name"), "description": N_("description"),
          "note": N_("note"), "responsible": N_("responsible"), "funder": N_("funder"),
          "budget": N_("budget"), "amount": N_("amount"), "currency": N_("currency"),
          "status": N_("status"), "source": N_("source"), "unit": N_("unit"),
          "baseline": N_("baseline"), "target": N_("target"), "period": N_("period"),
          "spent": N_("spent"), "start": N_("start"), "end": N_("end"), "partners": N_("partners"),
          "locations": N_("locations"), "pillar": N_("pillar"), "objective": N_("objective"),
          "supporting": N_("supporting"), "continues": N_("continues"), "progress": N_("progress"),
          "indicators": N_("indicators"), "funding": N_("funding"), "values": N_("values"),
          "target year": N_("target year"), "milestones": N_("milestones")}  # fmt: skip
_TEXT_FIELDS = ("title", "name", "description", "note", "responsible", "funder")


@dataclass(frozen=True)
class Names:
    """What readers call the codes a plan refers to, by the field that holds them:
    body ids (partners), location codes, pillar and objective ids. Plain text; a code
    with no name (an organisation named in partners) stays as written."""

    by_field: Mapping[str, Mapping[str, str]]

    def of(self, field: str, code: Any) -> Any:
        names = self.by_field.get(field)
        return names.get(code, code) if names is not None and isinstance(code, str) else code


def _named(names: Names | None, field: str, code: Any) -> Any:
    return names.of(field, code) if names is not None else code


def title_text(value: Any) -> str:
    if isinstance(value, dict):
        value = next(iter(value.values()), "")
    return text(value) if value is not None else ""


def label(path: tuple[str, ...]) -> str:
    """("indicators", "I1", "target") -> "indicator I1 target"; ("title", "ar") -> "title (ar)".
    In the reader's words (napkit.i18n); ids and language codes as they are."""
    words: list[str] = []
    last = ""  # the field the last word names
    i = 0
    while i < len(path):
        part = path[i]
        if part in _SINGULAR and i + 1 < len(path):
            words.append(f"{t(_SINGULAR[part])} {path[i + 1]}")
            last = ""
            i += 2
            continue
        if len(part) in (2, 3) and part.isalpha() and part.islower() and last in _TEXT_FIELDS:
            words[-1] += f" ({part})"
            last = ""
        else:
            name = part.replace("_", " ")
            words.append(t(FIELDS[name]) if name in FIELDS else name)
            last = name
        i += 1
    return " ".join(words)


def value(v: Any, field: str = "", currency: str | None = None, names: Names | None = None) -> str:
    if v is None:
        return t("(none)")
    if isinstance(v, bool):
        return shown(v)
    if isinstance(v, int | float | Decimal) and field in MONEY_FIELDS:
        number = Decimal(repr(v)) if isinstance(v, float) else v
        figure = count(number) if isinstance(number, int) else shown(number)
        return f"{figure} {currency or ''}".rstrip()
    if isinstance(v, int | float) and field == "year":
        return numerals(v)
    if isinstance(v, float):
        return shown(Decimal(repr(v)))
    if isinstance(v, int):
        return count(v)
    if isinstance(v, tuple):
        return t(", ").join(text(_named(names, field, x)) for x in v) or t("(none)")
    if isinstance(v, dict):
        return t("(set)")
    if isinstance(v, str) and field in WORD_FIELDS:
        return text(word(v))
    return text(_named(names, field, v))


def words_diff(old: str, new: str) -> str:
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(text(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"~~{text(' '.join(a[i1:i2]))}~~")
        if j2 > j1:
            out.append(f"**{text(' '.join(b[j1:j2]))}**")
    return " ".join(out)


def change_line(c: FieldChange, currency: str | None = None, names: Names | None = None) -> str:
    field = c.path[-1] if c.path else ""
    name = label(c.path)
    if isinstance(c.old, tuple) or isinstance(c.new, tuple):
        old, new = set(c.old or ()), set(c.new or ())
        parts = [
            *(f"+ {text(_named(names, field, x))}" for x in sorted(new - old, key=str)),
            *(f"− {text(_named(names, field, x))}" for x in sorted(old - new, key=str)),
        ]
        return f"{name}: " + t(", ").join(parts)
    if (
        isinstance(c.old, str)
        and isinstance(c.new, str)
        and max(len(c.old), len(c.new)) > LONG_TEXT
    ):
        return f"{name}: {words_diff(c.old, c.new)}"
    if c.kind == "added":
        return t("{field} added: {value}").format(
            field=name, value=value(c.new, field, currency, names)
        )
    if c.kind == "removed":
        return t("{field} removed (was {value})").format(
            field=name, value=value(c.old, field, currency, names)
        )
    before, after = value(c.old, field, currency, names), value(c.new, field, currency, names)
    return f"{name}: {before} → {after}"


def _grouped(rec: RecordChange, names: Names | None = None) -> list[str]:
    """Field changes, with a sub-record added or removed whole (a progress report, an
    indicator, a funding entry) summed up on one line."""
    whole = [
        c.path
        for c in rec.fields
        if c.kind != "changed" and isinstance(c.new if c.old is None else c.old, dict)
    ]

    def inside(path: tuple[str, ...]) -> tuple[str, ...] | None:
        return next((w for w in whole if path[: len(w)] == w and path != w), None)

    lines: list[str] = []
    for c in rec.fields:
        if c.path in whole:
            n = len(c.path)
            parts = [
                f"{label(d.path[n:])} {value(d.new if d.old is None else d.old, d.path[-1], rec.currency, names)}"
                for d in rec.fields
                if inside(d.path) == c.path
            ]
            verb = t("{record} added") if c.old is None else t("{record} removed")
            lines.append(
                verb.format(record=label(c.path)) + (f": {'; '.join(parts)}" if parts else "")
            )
        elif inside(c.path) is None:
            lines.append(change_line(c, rec.currency, names))
    return lines


def _record_summary(rec: RecordChange) -> str:
    record = rec.record or {}
    budget = record.get("budget")
    extra = ""
    if isinstance(budget, dict) and "amount" in budget:
        money = value(budget["amount"], "amount", budget.get("currency"))
        extra = " " + t("(budget {amount})").format(amount=money)
    return f"{title_text(rec.title)}{extra}"


def _activity_detail(record: dict[str, Any], names: Names | None = None) -> list[str]:
    """Everything a reviewer approves in an activity that is new: where it sits, when,
    with what money and from whom, and what it will be measured by."""
    lines: list[str] = []
    where = [
        f"{t(FIELDS[k])} {text(_named(names, k, record[k]))}"
        for k in ("pillar", "objective")
        if record.get(k)
    ]
    if where:
        lines.append(" · ".join(where))
    if record.get("start") or record.get("end"):
        lines.append(
            t("from {start} to {end}").format(
                start=text(numerals(record.get("start") or "?")),
                end=text(numerals(record.get("end") or "?")),
            )
        )
    for key in ("responsible", "partners", "locations"):
        if record.get(key):
            shown = record[key]
            shown = (
                t(", ").join(title_text(_named(names, key, x)) for x in shown)
                if isinstance(shown, list)
                else title_text(shown)
            )
            lines.append(f"{t(FIELDS[key])}: {shown}")
    lines += _budget_lines(record.get("budget"))
    for ind in record.get("indicators") or []:
        if isinstance(ind, dict):
            target = ind.get("target")
            lines.append(
                t("indicator") + f" {text(ind.get('id', ''))}: {title_text(ind.get('title'))} "
                f"({value(ind.get('unit', ''), 'unit')}): {value(ind.get('baseline'))} → {value(target)}"
            )
    reports = [p for p in record.get("progress") or [] if isinstance(p, dict)]
    if reports:
        last = reports[-1]
        lines.append(
            tn(
                "progress: {n} report, the latest {period}: {status}",
                "progress: {n} reports, the latest {period}: {status}",
                len(reports),
            ).format(
                n=count(len(reports)),
                period=text(last.get("period", "")),
                status=value(last.get("status", ""), "status"),
            )
        )
    return lines


def _budget_lines(budget: Any) -> list[str]:
    if not isinstance(budget, dict):
        return [t("budget: none")]
    currency = budget.get("currency")
    amount = budget.get("amount")
    funding = [f for f in budget.get("funding") or [] if isinstance(f, dict)]
    lines = [t("budget: {amount}").format(amount=value(amount, "amount", currency))]
    for f in funding:
        funder = f" ({title_text(f.get('funder'))})" if f.get("funder") else ""
        lines.append(
            t("funding") + f": {value(f.get('source', ''), 'source')}{funder} "
            f"{value(f.get('amount'), 'amount', currency)}, {value(f.get('status', ''), 'status')}"
        )
    gap = _gap(amount, currency, funding)
    if gap is not None:
        lines.append(t("funding gap: {amount}").format(amount=value(gap, "amount", currency)))
    return lines


def _gap(amount: Any, currency: Any, funding: list[dict[str, Any]]) -> Decimal | None:
    """The plan's one definition (plans.model.Budget.gap), where the amounts are numbers."""
    numbers = [amount, *(f.get("amount") for f in funding)]
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
        return None
    parts = tuple(
        Funding(str(f.get("source")), None, decimal(f["amount"]), str(f.get("status")))
        for f in funding
    )
    return Budget(decimal(amount), str(currency), parts).gap


def plan_totals(d: FileDiff) -> str:
    """A new plan's totals: its activities, and budget and funding gap per currency."""
    activities = [
        r.record for r in d.records if r.collection == "activities" and r.record is not None
    ]
    budgets: dict[str, list[Decimal]] = {}
    for a in activities:
        b = a.get("budget")
        if not isinstance(b, dict):
            continue
        funding = [f for f in b.get("funding") or [] if isinstance(f, dict)]
        gap = _gap(b.get("amount"), b.get("currency"), funding)
        if gap is not None:
            sums = budgets.setdefault(str(b.get("currency")), [Decimal(0), Decimal(0)])
            sums[0] += decimal(b["amount"])
            sums[1] += gap
    money = "; ".join(
        t("budget {budget}, funding gap {gap}").format(
            budget=value(total, "amount", c), gap=value(gap, "amount", c)
        )
        for c, (total, gap) in budgets.items()
    )
    n = len(activities)
    many = tn("{n} activity", "{n} activities", n).format(n=count(n))
    return many + (f": {money}" if money else "")


def file_markdown(d: FileDiff) -> str:
    head = f"### {text(d.path)}"
    if d.kind == "renamed" and d.old_path:
        head += f" (renamed from {text(d.old_path)})"
    return "\n".join([head, "", *file_lines(d)]) + "\n"


def file_lines(d: FileDiff, names: Names | None = None) -> list[str]:
    """The changes to one file as Markdown list items; `names`: codes read as names
    (the site's pages; a reviewer's summary shows the codes of the YAML)."""
    lines: list[str] = []
    if d.kind == "invalid":
        lines.append("- " + t("cannot be read: {error}").format(error=text(d.error or "")))
    elif d.kind == "added":
        added = t("file added")
        lines.append(f"- {added}: {plan_totals(d)}" if d.records else f"- {added}")
    elif d.kind == "removed":
        lines.append("- " + t("file removed"))
    for c in d.fields:
        if d.kind == "added":  # nothing was there before: each field as it is
            lines.append(
                f"- {label(c.path)}: {value(c.new, c.path[-1] if c.path else '', None, names)}"
            )
        else:
            lines.append(f"- {change_line(c, None, names)}")
    for rec in d.records:
        kind = rec.collection
        name = f"{t(_SINGULAR[kind]) if kind in _SINGULAR else kind} {text(rec.id)}"
        if rec.kind == "changed":
            changed = t(RECORD_KINDS["changed"])
            lines.append(f"- **{changed}** {name}: {title_text(rec.title)}")
            lines += [f"  - {line}" for line in _grouped(rec, names)]
        else:
            verb = t(RECORD_KINDS[rec.kind]) if rec.kind in RECORD_KINDS else rec.kind
            lines.append(f"- **{verb}** {name}: {_record_summary(rec)}")
            if rec.kind == "added" and rec.collection == "activities" and rec.record:
                lines += [f"  - {line}" for line in _activity_detail(rec.record, names)]
    if d.kind == "renamed" and d.old_path and not d.fields and not d.records:
        lines.append("- " + t("renamed from {path}").format(path=text(d.old_path)))
    return lines


def markdown(diffs: list[FileDiff]) -> str:
    if not diffs:
        return "No plan changes.\n"
    counts = {
        k: sum(1 for d in diffs if d.kind == k)
        for k in ("changed", "added", "removed", "renamed", "invalid")
    }
    summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    return f"## Plan changes\n\n{len(diffs)} file(s): {summary}.\n\n" + "\n".join(
        file_markdown(d) for d in diffs
    )


def day(iso: str) -> str:
    """A commit's date as people write it: '2016-04-20T10:00:00+03:00' -> '20 April 2016'
    (the day where the commit was made, as git records its offset), in the reader's
    locale (napkit.render.numbers.day)."""
    return _day(iso)


def plan_name(body: str, year: str) -> str:
    """A plan as readers name it: its body's name and its year as the framework writes it."""
    return t("{body} — plan {year}").format(body=body, year=numerals(year))


def pull_request(number: int) -> str:
    return t("pull request #{number}").format(number=numerals(number))


def revision_heading(
    commit_date: str, sha: str, author: str, pr: int | None, pr_url: str | None = None
) -> str:
    pr_text = ""
    if pr is not None:
        pr_text = f" · [#{pr}]({pr_url}{pr})" if pr_url else f" · #{pr}"
    return f"{commit_date[:10]} · {sha[:7]}{pr_text} · {text(author)}"


def history_markdown(histories: list[tuple[str, list[tuple[str, FileDiff]]]]) -> str:
    """`histories`: (current path, [(heading, diff), ...] newest first)."""
    if not histories:
        return t("No history.") + "\n"
    out: list[str] = []
    for path, revisions in histories:
        many = tn("{n} revision, newest first.", "{n} revisions, newest first.", len(revisions))
        out += [f"## {text(path)}", "", many.format(n=count(len(revisions))), ""]
        for heading, diff in revisions:
            body = file_lines(diff) or ["- " + t(NO_CHANGE)]
            out += [f"### {heading}", "", *body, ""]
    return "\n".join(out)
