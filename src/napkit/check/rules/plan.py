"""Rules over one body's yearly plan, checked against the framework.

Each function checks one thing and yields findings; `plan_rules` runs them all.
They run only on schema-valid plans, so fields have the types the schema says.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from napkit.findings import Finding, Severity
from napkit.plans.document import Document
from napkit.plans.framework import Framework
from napkit.plans.number_text import thousands_with_dots

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_COMPLETE_STATUSES = ("finalized", "approved")


@dataclass(frozen=True)
class PlanContext:
    doc: Document
    fw: Framework
    file_body: str  # from the file name
    file_year: str  # from the folder name
    bad: frozenset[tuple[str | int, ...]] = frozenset()  # paths the schema found broken

    @property
    def plan(self) -> dict[str, Any]:
        return self.doc.data

    def has(self, field: str) -> bool:
        """The plan-level field is there and of the right type."""
        return field in self.plan and self._sound((field,))

    def _sound(self, path: tuple[str | int, ...]) -> bool:
        n = len(path)
        return not any(p[:n] == path or path[: len(p)] == p for p in self.bad)

    def sound(self, i: int, *fields: str) -> bool:
        """Every field named is in activity i and the schema found nothing wrong in it."""
        act = self.plan["activities"][i]
        return all(f in act and self._sound(("activities", i, f)) for f in fields)

    @property
    def year(self) -> int | None:
        return self.plan["year"] if self.has("year") else None

    def activities(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """The activities that are mappings; each rule then reads only fields that are
        `sound`, since the schema has already reported the others."""
        if "activities" not in self.plan or ("activities",) in self.bad:
            return
        for i, act in enumerate(self.plan["activities"]):
            if ("activities", i) not in self.bad:
                yield i, act


Check = Callable[[PlanContext], Iterator[Finding]]


def _label(act: dict[str, Any], i: int) -> str:
    """How a message names an activity: its id, or its place in the list."""
    return str(act["id"]) if isinstance(act.get("id"), str) else f"number {i + 1}"


def _suggest(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def body_matches(ctx: PlanContext) -> Iterator[Finding]:
    if not ctx.has("body"):
        return
    body = ctx.plan["body"]
    if body not in ctx.fw.bodies:
        known = sorted(ctx.fw.bodies)
        yield ctx.doc.finding(
            "body-unknown",
            ("body",),
            f"'{body}' is not a body in plans/bodies.yaml{_suggest(body, known)}",
        )
    if body != ctx.file_body:
        yield ctx.doc.finding("body-file-mismatch", ("body",), _mismatch(ctx, body))


def _mismatch(ctx: PlanContext, body: str) -> str:
    """The likelier fix first: a body typed wrong in a file named for a known body is
    corrected in the plan; a plan saved under another body's name is renamed."""
    said = f"the plan says body '{body}' but the file is named {ctx.file_body}.yaml"
    if ctx.file_body in ctx.fw.bodies and body not in ctx.fw.bodies:
        return f"{said}: did you mean body: {ctx.file_body}? Correct the body"
    if ctx.file_body in ctx.fw.bodies:
        return (
            f"{said}: if this is {ctx.file_body}'s plan, write body: {ctx.file_body}; "
            f"if it is {body}'s, rename the file to {body}.yaml"
        )
    return f"{said}: rename the file to {body}.yaml or correct the body"


def year_matches(ctx: PlanContext) -> Iterator[Finding]:
    year = ctx.year
    if year is None:
        return
    if str(year) != ctx.file_year:
        yield ctx.doc.finding(
            "year-folder-mismatch",
            ("year",),
            f"the plan says year {year} but it is in the folder {ctx.file_year}/: move it to plans/{year}/ or correct the year",
        )
    if not ctx.fw.first_year <= year <= ctx.fw.last_year:
        yield ctx.doc.finding(
            "year-outside-period",
            ("year",),
            f"{year} is outside the plan period {ctx.fw.first_year}-{ctx.fw.last_year} in plans/nap.yaml",
        )


def pillars_and_objectives(ctx: PlanContext) -> Iterator[Finding]:
    pillars = list(ctx.fw.pillars)
    for i, act in ctx.activities():
        if not ctx.sound(i, "pillar", "objective"):
            continue
        pillar, objective = act["pillar"], act["objective"]
        if pillar not in ctx.fw.pillars:
            yield ctx.doc.finding(
                "pillar-unknown",
                ("activities", i, "pillar"),
                f"'{pillar}' is not a pillar{_suggest(pillar, pillars)} Known pillars: {', '.join(pillars)}",
            )
        owner = ctx.fw.objective_pillar.get(objective)
        if owner is None:
            known = ctx.fw.pillars.get(pillar)
            objectives = list(known.objective_ids if known else ctx.fw.objective_pillar)
            yield ctx.doc.finding(
                "objective-unknown",
                ("activities", i, "objective"),
                f"'{objective}' is not an objective{_suggest(objective, objectives)} "
                f"Known objectives{' of ' + pillar if pillar in ctx.fw.pillars else ''}: {', '.join(objectives)}",
            )
        elif pillar in ctx.fw.pillars and owner != pillar:
            yield ctx.doc.finding(
                "objective-pillar-mismatch",
                ("activities", i, "objective"),
                f"objective '{objective}' belongs to pillar '{owner}', not '{pillar}': "
                f"use one of {', '.join(ctx.fw.pillars[pillar].objective_ids)}, or change the pillar",
            )


def unique_ids(ctx: PlanContext) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, act in ctx.activities():
        if not ctx.sound(i, "id"):
            continue
        key = act["id"].lower()
        if key in seen:
            first = seen[key]
            line = ctx.doc.position(("activities", first, "id"))[0]
            yield ctx.doc.finding(
                "activity-id-duplicate",
                ("activities", i, "id"),
                f"activity id '{_label(act, i)}' is already used by activity number {first + 1} "
                f"(line {line}): give this one a new id (ids are never reused)",
            )
        seen.setdefault(key, i)
        indicators: set[str] = set()
        for j, ind in enumerate(act["indicators"] if ctx.sound(i, "indicators") else []):
            if ind["id"] in indicators:
                yield ctx.doc.finding(
                    "indicator-id-duplicate",
                    ("activities", i, "indicators", j, "id"),
                    f"indicator id '{ind['id']}' is used twice in activity {_label(act, i)}",
                )
            indicators.add(ind["id"])


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def dates(ctx: PlanContext) -> Iterator[Finding]:
    year = ctx.year
    if ctx.has("submitted") and _date(ctx.plan["submitted"]) is None:
        yield _impossible(ctx, ("submitted",), ctx.plan["submitted"])
    severity: Severity = "warning" if ctx.plan.get("carry_over") is True else "error"
    for i, act in ctx.activities():
        parsed: dict[str, dt.date] = {}
        for field in ("start", "end"):
            if ctx.sound(i, field):
                day = _date(act[field])
                if day is None:
                    yield _impossible(ctx, ("activities", i, field), act[field])
                    continue
                parsed[field] = day
                if year is not None and day.year != year:
                    yield ctx.doc.finding(
                        "dates-outside-year",
                        ("activities", i, field),
                        f"{field} date {act[field]} is outside the plan year {year}"
                        + (
                            ""
                            if severity == "warning"
                            else "; set carry_over: true in the plan if the activity may run into another year"
                        ),
                        severity,
                    )
        if "start" in parsed and "end" in parsed and parsed["start"] > parsed["end"]:
            yield ctx.doc.finding(
                "dates-order",
                ("activities", i, "end"),
                f"the activity ends ({act['end']}) before it starts ({act['start']})",
            )


def _impossible(ctx: PlanContext, path: tuple[str | int, ...], value: str) -> Finding:
    return ctx.doc.finding(
        "date-invalid", path, f"'{value}' is not a real date: check the day and month (YYYY-MM-DD)"
    )


def money(ctx: PlanContext) -> Iterator[Finding]:
    year = ctx.year
    for i, act in ctx.activities():
        if not ctx.sound(i, "budget"):
            continue
        budget = act["budget"]
        amount, currency = budget["amount"], budget["currency"]
        funded = sum(f["amount"] for f in budget.get("funding", []))
        if funded > amount:
            yield ctx.doc.finding(
                "funding-exceeds-budget",
                ("activities", i, "budget", "funding"),
                f"funding adds up to {funded:,} {currency}, more than the budget of {amount:,} {currency}",
            )
        if year is not None and not ctx.fw.has_rate(currency, year):
            yield ctx.doc.finding(
                "currency-no-rate",
                ("activities", i, "budget", "currency"),
                f"no exchange rate from {currency} to {ctx.fw.currency} for {year}: add exchange_rates: {year}: {currency}: ... to plans/nap.yaml",
            )
        for j, report in enumerate(act["progress"] if ctx.sound(i, "progress") else []):
            if report.get("spent", 0) > amount:
                yield ctx.doc.finding(
                    "spent-exceeds-budget",
                    ("activities", i, "progress", j, "spent"),
                    f"spent {report['spent']:,} {currency} is more than the budget of {amount:,} {currency}",
                    "warning",
                )


def amounts_as_written(ctx: PlanContext) -> Iterator[Finding]:
    """80.000 and 1.500 are read as 80 and 1.5: in a currency used without fractions
    that is a mistake for 80000 (an error); in another, likely one (a warning)."""
    for i, act in ctx.activities():
        if not ctx.sound(i, "budget"):
            continue
        budget = act["budget"]
        currency = budget["currency"]
        # Only an amount that loaded as a fraction can be one of these: the others
        # (nearly all) are never looked up in the file.
        amounts: list[tuple[tuple[str | int, ...], Any]] = [
            (("activities", i, "budget", "amount"), budget["amount"])
        ]
        amounts += [
            (("activities", i, "budget", "funding", k, "amount"), f.get("amount"))
            for k, f in enumerate(budget.get("funding", []))
        ]
        if ctx.sound(i, "progress"):
            amounts += [
                (("activities", i, "progress", j, "spent"), report.get("spent"))
                for j, report in enumerate(act["progress"])
            ]
        for path, value in amounts:
            if isinstance(value, float):
                yield from _amount_as_written(ctx, path, currency)


def _amount_as_written(
    ctx: PlanContext, path: tuple[str | int, ...], currency: str
) -> Iterator[Finding]:
    node = ctx.doc.scalar(path)
    if node is None or node.style not in (None, "") or "." not in node.value:
        return
    whole = ctx.fw.decimals_of(currency) == 0
    meant = thousands_with_dots(node.value)
    if meant is not None:
        read = node.value.rstrip("0").rstrip(".")
        yield ctx.doc.finding(
            "amount-thousands-dot",
            path,
            f"{node.value} is read as {read} {currency} (the dot is the decimal point): "
            f"did you mean {int(meant):,} {currency}? Write it {meant}, without dots",
            "error" if whole else "warning",
        )
    elif whole:
        yield ctx.doc.finding(
            "amount-fraction",
            path,
            f"{node.value} has a fraction, and {currency} amounts are whole numbers: "
            "write the amount without the dot and what follows it, or check the currency",
        )


def progress(ctx: PlanContext) -> Iterator[Finding]:
    year = ctx.year
    if year is None:
        return
    valid = [f"{year}-{p}" for p in ctx.fw.periods]
    for i, act in ctx.activities():
        if not ctx.sound(i, "progress"):
            continue
        indicators = (
            {ind["id"] for ind in act["indicators"]} if ctx.sound(i, "indicators") else None
        )
        seen: set[str] = set()
        for j, report in enumerate(act["progress"]):
            period = report["period"]
            if period not in valid:
                yield ctx.doc.finding(
                    "progress-period-invalid",
                    ("activities", i, "progress", j, "period"),
                    f"'{period}' is not a reporting period of {year}; use one of: {', '.join(valid)}",
                )
            elif period in seen:
                yield ctx.doc.finding(
                    "progress-period-duplicate",
                    ("activities", i, "progress", j, "period"),
                    f"period {period} is reported twice for activity {_label(act, i)}: merge the two reports",
                )
            seen.add(period)
            if indicators is None:
                continue
            for name in report.get("values", {}):
                if name not in indicators:
                    known = ", ".join(sorted(indicators)) or "none yet"
                    yield ctx.doc.finding(
                        "progress-indicator-unknown",
                        ("activities", i, "progress", j, "values", name),
                        f"'{name}' is not an indicator of activity {_label(act, i)} (its indicators: {known})",
                        key=True,
                    )


def indicator_values(ctx: PlanContext) -> Iterator[Finding]:
    for i, act in ctx.activities():
        if not ctx.sound(i, "indicators"):
            continue
        units = {ind["id"]: ind["unit"] for ind in act["indicators"]}
        for j, ind in enumerate(act["indicators"]):
            for field in ("baseline", "target"):
                if field in ind:
                    yield from _value(
                        ctx, ("activities", i, "indicators", j, field), ind["unit"], ind[field]
                    )
        for j, report in enumerate(act["progress"] if ctx.sound(i, "progress") else []):
            for name, value in report.get("values", {}).items():
                if name in units:
                    yield from _value(
                        ctx, ("activities", i, "progress", j, "values", name), units[name], value
                    )


def _value(
    ctx: PlanContext, path: tuple[str | int, ...], unit: str, value: Any
) -> Iterator[Finding]:
    if (unit == "yes-no") != isinstance(value, bool):
        need = "true or false" if unit == "yes-no" else "a number"
        yield ctx.doc.finding(
            "unit-value-mismatch",
            path,
            f"the indicator's unit is {unit}, so the value must be {need}, not '{value}'",
        )
    elif unit == "percent" and not 0 <= value <= 100:
        yield ctx.doc.finding("percent-range", path, f"{value} is not a percent between 0 and 100")


def places_and_partners(ctx: PlanContext) -> Iterator[Finding]:
    locations = sorted(ctx.fw.locations)
    bodies = sorted(ctx.fw.bodies)
    for i, act in ctx.activities():
        for j, code in enumerate(act["locations"] if ctx.sound(i, "locations") else []):
            if code not in ctx.fw.locations:
                yield ctx.doc.finding(
                    "location-unknown",
                    ("activities", i, "locations", j),
                    f"'{code}' is not a location in plans/nap.yaml{_suggest(code, locations)}",
                )
        for j, partner in enumerate(act["partners"] if ctx.sound(i, "partners") else []):
            if _SLUG.match(partner) and partner not in ctx.fw.bodies:
                yield ctx.doc.finding(
                    "partner-unknown",
                    ("activities", i, "partners", j),
                    f"'{partner}' looks like a body id but is not in plans/bodies.yaml{_suggest(partner, bodies)} "
                    "Write an organisation's name in full, for example UN Women",
                )


def completeness(ctx: PlanContext) -> Iterator[Finding]:
    if not ctx.has("status"):
        return
    status = ctx.plan["status"]
    severity: Severity = "error" if status in _COMPLETE_STATUSES else "warning"
    then = (
        f"{'an' if status[:1] in 'aeiou' else 'a'} {status} plan must be complete"
        if severity == "error"
        else "needed before the plan is finalized"
    )
    for i, act in ctx.activities():
        if "budget" not in act:
            yield ctx.doc.finding(
                "plan-incomplete",
                ("activities", i),
                f"activity {_label(act, i)} has no budget ({then})",
                severity,
            )
        if "indicators" in act and not ctx.sound(i, "indicators"):
            continue  # the schema has reported what is wrong with them
        if not any("target" in ind for ind in act.get("indicators", [])):
            yield ctx.doc.finding(
                "plan-incomplete",
                ("activities", i),
                f"activity {_label(act, i)} has no indicator with a target ({then})",
                severity,
            )


CHECKS: tuple[Check, ...] = (
    body_matches,
    year_matches,
    pillars_and_objectives,
    unique_ids,
    dates,
    money,
    amounts_as_written,
    progress,
    indicator_values,
    places_and_partners,
    completeness,
)


def plan_rules(ctx: PlanContext) -> Iterator[Finding]:
    for check in CHECKS:
        yield from check(ctx)
