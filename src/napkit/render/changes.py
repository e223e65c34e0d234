"""Plan diffs as Markdown a reviewer reads in the pull request."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from napkit.history.diff import FieldChange, FileDiff, RecordChange
from napkit.plans.model import Budget, Funding
from napkit.plans.money import decimal
from napkit.render.labels import word
from napkit.render.markdown import text

MONEY_FIELDS = {"amount", "spent"}
WORD_FIELDS = {"status", "source", "unit"}  # codes a reader reads as words (labels.word)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
LONG_TEXT = 60  # characters; longer texts are shown as a word-level difference
_SINGULAR = {"activities": "activity", "indicators": "indicator", "pillars": "pillar", "objectives": "objective",
             "bodies": "body", "jurisdictions": "jurisdiction", "locations": "location", "languages": "language",
             "rounds": "planning round", "funding": "funding from", "values": "value"}  # fmt: skip


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
    """("indicators", "I1", "target") -> "indicator I1 target"; ("title", "ar") -> "title (ar)"."""
    words: list[str] = []
    i = 0
    while i < len(path):
        part = path[i]
        if part in _SINGULAR and i + 1 < len(path):
            words.append(f"{_SINGULAR[part]} {path[i + 1]}")
            i += 2
            continue
        if (
            len(part) in (2, 3)
            and part.isalpha()
            and part.islower()
            and words
            and words[-1] in ("title", "name", "description", "note", "responsible", "funder")
        ):
            words[-1] += f" ({part})"
        else:
            words.append(part.replace("_", " "))
        i += 1
    return " ".join(words)


def value(v: Any, field: str = "", currency: str | None = None, names: Names | None = None) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int | float | Decimal) and field in MONEY_FIELDS:
        return f"{Decimal(repr(v)) if isinstance(v, float) else v:,} {currency or ''}".rstrip()
    if isinstance(v, int | float) and field == "year":
        return str(v)
    if isinstance(v, int | float):
        return f"{v:,}"
    if isinstance(v, tuple):
        return ", ".join(text(_named(names, field, x)) for x in v) or "(none)"
    if isinstance(v, dict):
        return "(set)"
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
        return f"{name}: {', '.join(parts)}"
    if (
        isinstance(c.old, str)
        and isinstance(c.new, str)
        and max(len(c.old), len(c.new)) > LONG_TEXT
    ):
        return f"{name}: {words_diff(c.old, c.new)}"
    if c.kind == "added":
        return f"{name} added: {value(c.new, field, currency, names)}"
    if c.kind == "removed":
        return f"{name} removed (was {value(c.old, field, currency, names)})"
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
            verb = "added" if c.old is None else "removed"
            lines.append(f"{label(c.path)} {verb}" + (f": {'; '.join(parts)}" if parts else ""))
        elif inside(c.path) is None:
            lines.append(change_line(c, rec.currency, names))
    return lines


def _record_summary(rec: RecordChange) -> str:
    record = rec.record or {}
    budget = record.get("budget")
    extra = ""
    if isinstance(budget, dict) and "amount" in budget:
        extra = f" (budget {value(budget['amount'], 'amount', budget.get('currency'))})"
    return f"{title_text(rec.title)}{extra}"


def _activity_detail(record: dict[str, Any], names: Names | None = None) -> list[str]:
    """Everything a reviewer approves in an activity that is new: where it sits, when,
    with what money and from whom, and what it will be measured by."""
    lines: list[str] = []
    where = [
        f"{k} {text(_named(names, k, record[k]))}" for k in ("pillar", "objective") if record.get(k)
    ]
    if where:
        lines.append(" · ".join(where))
    if record.get("start") or record.get("end"):
        lines.append(f"from {text(record.get('start') or '?')} to {text(record.get('end') or '?')}")
    for key in ("responsible", "partners", "locations"):
        if record.get(key):
            shown = record[key]
            shown = (
                ", ".join(title_text(_named(names, key, x)) for x in shown)
                if isinstance(shown, list)
                else title_text(shown)
            )
            lines.append(f"{key}: {shown}")
    lines += _budget_lines(record.get("budget"))
    for ind in record.get("indicators") or []:
        if isinstance(ind, dict):
            target = ind.get("target")
            lines.append(
                f"indicator {text(ind.get('id', ''))}: {title_text(ind.get('title'))} "
                f"({value(ind.get('unit', ''), 'unit')}): {value(ind.get('baseline'))} → {value(target)}"
            )
    reports = [p for p in record.get("progress") or [] if isinstance(p, dict)]
    if reports:
        last = reports[-1]
        lines.append(
            f"progress: {len(reports)} report(s), the latest {text(last.get('period', ''))}: "
            f"{value(last.get('status', ''), 'status')}"
        )
    return lines


def _budget_lines(budget: Any) -> list[str]:
    if not isinstance(budget, dict):
        return ["budget: none"]
    currency = budget.get("currency")
    amount = budget.get("amount")
    funding = [f for f in budget.get("funding") or [] if isinstance(f, dict)]
    lines = [f"budget: {value(amount, 'amount', currency)}"]
    for f in funding:
        funder = f" ({title_text(f.get('funder'))})" if f.get("funder") else ""
        lines.append(
            f"funding: {value(f.get('source', ''), 'source')}{funder} "
            f"{value(f.get('amount'), 'amount', currency)}, {value(f.get('status', ''), 'status')}"
        )
    gap = _gap(amount, currency, funding)
    if gap is not None:
        lines.append(f"funding gap: {value(gap, 'amount', currency)}")
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
        f"budget {value(total, 'amount', c)}, funding gap {value(gap, 'amount', c)}"
        for c, (total, gap) in budgets.items()
    )
    count = f"{len(activities)} activit{'y' if len(activities) == 1 else 'ies'}"
    return count + (f": {money}" if money else "")


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
        lines.append(f"- cannot be read: {text(d.error or '')}")
    elif d.kind == "added":
        lines.append(f"- file added: {plan_totals(d)}" if d.records else "- file added")
    elif d.kind == "removed":
        lines.append("- file removed")
    for c in d.fields:
        if d.kind == "added":  # nothing was there before: each field as it is
            lines.append(
                f"- {label(c.path)}: {value(c.new, c.path[-1] if c.path else '', None, names)}"
            )
        else:
            lines.append(f"- {change_line(c, None, names)}")
    for rec in d.records:
        name = f"{_SINGULAR.get(rec.collection, rec.collection)} {text(rec.id)}"
        if rec.kind == "changed":
            lines.append(f"- **changed** {name}: {title_text(rec.title)}")
            lines += [f"  - {line}" for line in _grouped(rec, names)]
        else:
            lines.append(f"- **{rec.kind}** {name}: {_record_summary(rec)}")
            if rec.kind == "added" and rec.collection == "activities" and rec.record:
                lines += [f"  - {line}" for line in _activity_detail(rec.record, names)]
    if d.kind == "renamed" and d.old_path and not d.fields and not d.records:
        lines.append(f"- renamed from {text(d.old_path)}")
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
    (the day where the commit was made, as git records its offset)."""
    d = dt.date.fromisoformat(iso[:10])
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def plan_name(body: str, year: str) -> str:
    """A plan as readers name it: its body's name and its year as the framework writes it."""
    return f"{body} — plan {year}"


def pull_request(number: int) -> str:
    return f"pull request #{number}"


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
        return "No history.\n"
    out: list[str] = []
    for path, revisions in histories:
        out += [f"## {text(path)}", "", f"{len(revisions)} revision(s), newest first.", ""]
        for heading, diff in revisions:
            body = file_lines(diff) or ["- no change to the plan's data"]
            out += [f"### {heading}", "", *body, ""]
    return "\n".join(out)
