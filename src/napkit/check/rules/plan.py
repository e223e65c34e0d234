"""Rules over one body's yearly plan, checked against the framework.

Each function checks one thing and yields findings; `plan_rules` runs them all.
They run only on schema-valid plans, so fields have the types the schema says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from napkit.check.rules.context import SLUG, Check, PlanContext, label, suggest
from napkit.check.rules.indicators import breakdowns, indicator_values, indicator_years
from napkit.check.rules.links import continues_earlier, supporting_bodies
from napkit.findings import Finding, Message, Severity, say
from napkit.i18n import N_
from napkit.plans.model import FINAL_STATUSES
from napkit.plans.money import decimal
from napkit.plans.number_text import thousands_with_dots

ZERO = Decimal(0)


def body_matches(ctx: PlanContext) -> Iterator[Finding]:
    if not ctx.has("body"):
        return
    body = ctx.plan["body"]
    if body not in ctx.fw.bodies:
        known = sorted(ctx.fw.bodies)
        yield ctx.doc.finding(
            "body-unknown",
            ("body",),
            say(
                N_("'{body}' is not a body in plans/bodies.yaml{hint}"),
                body=body,
                hint=suggest(body, known),
            ),
        )
    if body != ctx.file_body:
        yield ctx.doc.finding("body-file-mismatch", ("body",), _mismatch(ctx, body))


def _mismatch(ctx: PlanContext, body: str) -> Message:
    """The likelier fix first: a body typed wrong in a file named for a known body is
    corrected in the plan; a plan saved under another body's name is renamed."""
    names = {"body": body, "file_body": ctx.file_body, "file": f"{ctx.file_body}.yaml"}
    if ctx.file_body in ctx.fw.bodies and body not in ctx.fw.bodies:
        return say(
            N_(
                "the plan says body '{body}' but the file is named {file}: did you mean "
                "body: {file_body}? Correct the body"
            ),
            **names,
        )
    if ctx.file_body in ctx.fw.bodies:
        return say(
            N_(
                "the plan says body '{body}' but the file is named {file}: if this is "
                "{file_body}'s plan, write body: {file_body}; if it is {body}'s, rename the "
                "file to {new_file}"
            ),
            new_file=f"{body}.yaml",
            **names,
        )
    return say(
        N_(
            "the plan says body '{body}' but the file is named {file}: rename the file to "
            "{new_file} or correct the body"
        ),
        new_file=f"{body}.yaml",
        **names,
    )


def year_matches(ctx: PlanContext) -> Iterator[Finding]:
    year = ctx.year
    if year is None:
        return
    if str(year) != ctx.file_year:
        yield ctx.doc.finding(
            "year-folder-mismatch",
            ("year",),
            say(
                N_(
                    "the plan says year {year} but it is in the folder {folder}: move it to "
                    "{target} or correct the year"
                ),
                year=year,
                folder=f"{ctx.file_year}/",
                target=f"plans/{year}/",
            ),
        )
    if not ctx.fw.first_year <= year <= ctx.fw.last_year:
        yield ctx.doc.finding(
            "year-outside-period",
            ("year",),
            say(
                N_("{year} is outside the plan period {period} in plans/nap.yaml"),
                year=year,
                period=f"{ctx.fw.first_year}-{ctx.fw.last_year}",
            ),
        )


def pillars_and_objectives(ctx: PlanContext) -> Iterator[Finding]:
    for i, act in ctx.activities():
        if not ctx.sound(i, "objective") or ("pillar" in act and not ctx.sound(i, "pillar")):
            continue
        if ctx.fw.has_pillars and "pillar" not in act:
            yield ctx.doc.finding(
                "missing-field",
                ("activities", i),
                Message(
                    N_(
                        "'pillar' is missing: add the id of the NAP pillar this activity serves, "
                        "as listed in plans/nap.yaml"
                    )
                ),
            )
        elif not ctx.fw.has_pillars and "pillar" in act:
            yield ctx.doc.finding(
                "pillar-unknown",
                ("activities", i, "pillar"),
                Message(
                    N_(
                        "this plan has no pillars (plans/nap.yaml lists objectives only): remove "
                        "the pillar"
                    )
                ),
            )
        yield from _objective(ctx, i, act["objective"], act.get("pillar"))


def _objective(ctx: PlanContext, i: int, objective: str, pillar: str | None) -> Iterator[Finding]:
    pillars = list(ctx.fw.pillars)
    if pillar is not None and ctx.fw.has_pillars and pillar not in ctx.fw.pillars:
        yield ctx.doc.finding(
            "pillar-unknown",
            ("activities", i, "pillar"),
            say(
                N_("'{pillar}' is not a pillar{hint} Known pillars: {known}"),
                pillar=pillar,
                hint=suggest(pillar, pillars),
                known=", ".join(pillars),
            ),
        )
    owner = ctx.fw.objective_pillar.get(objective)
    if owner is None and objective in ctx.fw.outline:
        below = [o for o, p in ctx.fw.objective_parents.items() if objective in p]
        yield ctx.doc.finding(
            "objective-unknown",
            ("activities", i, "objective"),
            say(
                N_(
                    "'{objective}' has objectives below it: name the one of the lowest level "
                    "this activity serves, one of {known}"
                ),
                objective=objective,
                known=", ".join(below),
            ),
        )
    elif owner is None:
        known = ctx.fw.pillars.get(pillar) if pillar is not None else None
        objectives = list(known.objective_ids if known else ctx.fw.objective_pillar)
        yield ctx.doc.finding(
            "objective-unknown",
            ("activities", i, "objective"),
            say(
                N_("'{objective}' is not an objective{hint} Known objectives of {pillar}: {known}")
                if known is not None and ctx.fw.has_pillars
                else N_("'{objective}' is not an objective{hint} Known objectives: {known}"),
                objective=objective,
                hint=suggest(objective, objectives),
                pillar=str(pillar),
                known=", ".join(objectives),
            ),
        )
    elif pillar is not None and pillar in ctx.fw.pillars and owner != pillar:
        yield ctx.doc.finding(
            "objective-pillar-mismatch",
            ("activities", i, "objective"),
            say(
                N_(
                    "objective '{objective}' belongs to pillar '{owner}', not '{pillar}': use "
                    "one of {known}, or change the pillar"
                ),
                objective=objective,
                owner=owner,
                pillar=pillar,
                known=", ".join(ctx.fw.pillars[pillar].objective_ids),
            ),
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
                say(
                    N_(
                        "activity id '{id}' is already used by activity number {number} (line "
                        "{line}): give this one a new id (ids are never reused)"
                    ),
                    id=label(act, i),
                    number=first + 1,
                    line=line,
                ),
            )
        seen.setdefault(key, i)
        indicators: set[str] = set()
        for j, ind in enumerate(act["indicators"] if ctx.sound(i, "indicators") else []):
            if ind["id"] in indicators:
                yield ctx.doc.finding(
                    "indicator-id-duplicate",
                    ("activities", i, "indicators", j, "id"),
                    say(
                        N_("indicator id '{id}' is used twice in activity {activity}"),
                        id=ind["id"],
                        activity=label(act, i),
                    ),
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
    first, last = ctx.fw.year_span(year) if year is not None else (None, None)
    for i, act in ctx.activities():
        parsed: dict[str, dt.date] = {}
        for field in ("start", "end"):
            if ctx.sound(i, field):
                day = _date(act[field])
                if day is None:
                    yield _impossible(ctx, ("activities", i, field), act[field])
                    continue
                parsed[field] = day
                if first is not None and last is not None and not first <= day <= last:
                    yield ctx.doc.finding(
                        "dates-outside-year",
                        ("activities", i, field),
                        say(
                            N_("{field} date {date} is outside the plan year {year}")
                            if severity == "warning"
                            else N_(
                                "{field} date {date} is outside the plan year {year}; set "
                                "carry_over: true in the plan if the activity may run into "
                                "another year"
                            ),
                            field=field,
                            date=act[field],
                            year=_year(ctx, year),
                        ),
                        severity,
                    )
        if "start" in parsed and "end" in parsed and parsed["start"] > parsed["end"]:
            yield ctx.doc.finding(
                "dates-order",
                ("activities", i, "end"),
                say(
                    N_("the activity ends ({end}) before it starts ({start})"),
                    end=act["end"],
                    start=act["start"],
                ),
            )


def _year(ctx: PlanContext, year: int | None) -> str | Message:
    """The plan year as a reader writes it, with its days when it is not a calendar year."""
    if year is None:
        return ""
    if ctx.fw.year_starts == (1, 1):
        return str(year)
    first, last = ctx.fw.year_span(year)
    return say(
        N_("{year} ({first} to {last})"),
        year=ctx.fw.year_label(year),
        first=first.isoformat(),
        last=last.isoformat(),
    )


def _impossible(ctx: PlanContext, path: tuple[str | int, ...], value: str) -> Finding:
    return ctx.doc.finding(
        "date-invalid",
        path,
        say(N_("'{value}' is not a real date: check the day and month (YYYY-MM-DD)"), value=value),
    )


def money(ctx: PlanContext) -> Iterator[Finding]:
    year = ctx.year
    for i, act in ctx.activities():
        if not ctx.sound(i, "budget"):
            continue
        budget = act["budget"]
        if "none" in budget:
            yield from _no_budget(ctx, i, budget)
            continue
        amount, currency = budget["amount"], budget["currency"]
        yield from _funding_total(ctx, i, budget)
        if year is not None:
            yield from _rates(ctx, i, budget, year)
        for j, report in enumerate(act["progress"] if ctx.sound(i, "progress") else []):
            if report.get("spent", 0) > amount:
                yield ctx.doc.finding(
                    "spent-exceeds-budget",
                    ("activities", i, "progress", j, "spent"),
                    say(
                        N_("spent {spent} is more than the budget of {budget}"),
                        spent=f"{report['spent']:,} {currency}",
                        budget=f"{amount:,} {currency}",
                    ),
                    "warning",
                )


def _no_budget(ctx: PlanContext, i: int, budget: dict[str, Any]) -> Iterator[Finding]:
    given = [k for k in ("amount", "currency", "funding") if k in budget]
    if given:
        yield ctx.doc.finding(
            "budget-none-conflict",
            ("activities", i, "budget", given[0]),
            say(
                N_(
                    "the budget says {none} but also gives {given}: remove none, or remove the "
                    "amount and funding"
                ),
                none=f"none: {budget['none']}",
                given=", ".join(given),
            ),
        )
    if budget["none"] == "other" and "note" not in budget:
        yield ctx.doc.finding(
            "budget-none-conflict",
            ("activities", i, "budget", "none"),
            Message(N_("none: other needs a note saying why the activity has no budget")),
            "warning",
        )


def _funding_total(ctx: PlanContext, i: int, budget: dict[str, Any]) -> Iterator[Finding]:
    """Funding may not exceed the budget: in its currency, or, where a source pays in
    another, compared in the reporting currency at the year's rates."""
    amount, currency = budget["amount"], budget["currency"]
    funding = budget.get("funding", ())
    others = {f["currency"] for f in funding if "currency" in f and f["currency"] != currency}
    if not others:
        funded = sum(f["amount"] for f in funding)
        if funded > amount:
            yield ctx.doc.finding(
                "funding-exceeds-budget",
                ("activities", i, "budget", "funding"),
                say(
                    N_("funding adds up to {funded}, more than the budget of {budget}"),
                    funded=f"{funded:,} {currency}",
                    budget=f"{amount:,} {currency}",
                ),
            )
        return
    year = ctx.year
    if year is None or not all(ctx.fw.has_rate(c, year) for c in (currency, *others)):
        return  # currency-no-rate says what is missing
    rates = ctx.fw.decimal_rates(year)
    total = sum((decimal(f["amount"]) * rates[f.get("currency", currency)] for f in funding), ZERO)
    if total > decimal(amount) * rates[currency]:
        yield ctx.doc.finding(
            "funding-exceeds-budget",
            ("activities", i, "budget", "funding"),
            say(
                N_(
                    "funding adds up to {funded} at the {year} exchange rates, more than the "
                    "budget of {budget} ({converted})"
                ),
                funded=f"{total:,} {ctx.fw.currency}",
                year=year,
                budget=f"{amount:,} {currency}",
                converted=f"{decimal(amount) * rates[currency]:,} {ctx.fw.currency}",
            ),
        )


def _rates(ctx: PlanContext, i: int, budget: dict[str, Any], year: int) -> Iterator[Finding]:
    where = ("activities", i, "budget")
    paths = [((*where, "currency"), budget["currency"])] + [
        ((*where, "funding", k, "currency"), f["currency"])
        for k, f in enumerate(budget.get("funding", []))
        if "currency" in f
    ]
    for path, currency in paths:
        if not ctx.fw.has_rate(currency, year):
            yield ctx.doc.finding(
                "currency-no-rate",
                path,
                say(
                    N_(
                        "no exchange rate from {currency} to {reporting} for {year}: add "
                        "{example} to plans/nap.yaml"
                    ),
                    currency=currency,
                    reporting=ctx.fw.currency,
                    year=year,
                    example=f"exchange_rates: {year}: {currency}: ...",
                ),
            )


def amounts_as_written(ctx: PlanContext) -> Iterator[Finding]:
    """80.000 and 1.500 are read as 80 and 1.5: in a currency used without fractions
    that is a mistake for 80000 (an error); in another, likely one (a warning)."""
    for i, act in ctx.activities():
        if not ctx.sound(i, "budget"):
            continue
        budget = act["budget"]
        if "none" in budget:
            continue
        currency = budget["currency"]
        # Only an amount that loaded as a fraction can be one of these: the others
        # (nearly all) are never looked up in the file.
        amounts: list[tuple[tuple[str | int, ...], Any, str]] = [
            (("activities", i, "budget", "amount"), budget["amount"], currency)
        ]
        amounts += [
            (
                ("activities", i, "budget", "funding", k, "amount"),
                f.get("amount"),
                f.get("currency", currency),
            )
            for k, f in enumerate(budget.get("funding", []))
        ]
        if ctx.sound(i, "progress"):
            amounts += [
                (("activities", i, "progress", j, "spent"), report.get("spent"), currency)
                for j, report in enumerate(act["progress"])
            ]
        for path, value, in_currency in amounts:
            if isinstance(value, float):
                yield from _amount_as_written(ctx, path, in_currency)


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
            say(
                N_(
                    "{written} is read as {read} (the dot is the decimal point): did you mean "
                    "{meant}? Write it {plain}, without dots"
                ),
                written=node.value,
                read=f"{read} {currency}",
                meant=f"{int(meant):,} {currency}",
                plain=str(meant),
            ),
            "error" if whole else "warning",
        )
    elif whole:
        yield ctx.doc.finding(
            "amount-fraction",
            path,
            say(
                N_(
                    "{written} has a fraction, and {currency} amounts are whole numbers: write "
                    "the amount without the dot and what follows it, or check the currency"
                ),
                written=node.value,
                currency=currency,
            ),
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
                    say(
                        N_("'{period}' is not a reporting period of {year}; use one of: {known}"),
                        period=period,
                        year=year,
                        known=", ".join(valid),
                    ),
                )
            elif period in seen:
                yield ctx.doc.finding(
                    "progress-period-duplicate",
                    ("activities", i, "progress", j, "period"),
                    say(
                        N_(
                            "period {period} is reported twice for activity {activity}: merge "
                            "the two reports"
                        ),
                        period=period,
                        activity=label(act, i),
                    ),
                )
            seen.add(period)
            if indicators is None:
                continue
            for name in report.get("values", {}):
                if name not in indicators:
                    yield ctx.doc.finding(
                        "progress-indicator-unknown",
                        ("activities", i, "progress", j, "values", name),
                        say(
                            N_(
                                "'{name}' is not an indicator of activity {activity} (its "
                                "indicators: {known})"
                            ),
                            name=name,
                            activity=label(act, i),
                            known=", ".join(sorted(indicators)) or Message(N_("none yet")),
                        ),
                        key=True,
                    )


def places_and_partners(ctx: PlanContext) -> Iterator[Finding]:
    locations = sorted(ctx.fw.locations)
    bodies = sorted(ctx.fw.bodies)
    for i, act in ctx.activities():
        for j, code in enumerate(act["locations"] if ctx.sound(i, "locations") else []):
            if code not in ctx.fw.locations:
                yield ctx.doc.finding(
                    "location-unknown",
                    ("activities", i, "locations", j),
                    say(
                        N_("'{code}' is not a location in plans/nap.yaml{hint}"),
                        code=code,
                        hint=suggest(code, locations),
                    ),
                )
        for j, partner in enumerate(act["partners"] if ctx.sound(i, "partners") else []):
            if SLUG.match(partner) and partner not in ctx.fw.bodies:
                yield ctx.doc.finding(
                    "partner-unknown",
                    ("activities", i, "partners", j),
                    say(
                        N_(
                            "'{partner}' looks like a body id but is not in plans/bodies.yaml"
                            "{hint} Write an organisation's name in full, for example UN Women"
                        ),
                        partner=partner,
                        hint=suggest(partner, bodies),
                    ),
                )


def completeness(ctx: PlanContext) -> Iterator[Finding]:
    if not ctx.has("status"):
        return
    status = ctx.plan["status"]
    severity: Severity = "error" if status in FINAL_STATUSES else "warning"
    then = (
        say(N_("a plan with status: {status} must be complete"), status=status)
        if severity == "error"
        else Message(N_("needed before the plan is finalized"))
    )
    for i, act in ctx.activities():
        if "budget" not in act:
            yield ctx.doc.finding(
                "plan-incomplete",
                ("activities", i),
                say(
                    N_("activity {activity} has no budget ({then})"),
                    activity=label(act, i),
                    then=then,
                ),
                severity,
            )
        if "indicators" in act and not ctx.sound(i, "indicators"):
            continue  # the schema has reported what is wrong with them
        if not any("target" in ind for ind in act.get("indicators", [])):
            yield ctx.doc.finding(
                "plan-incomplete",
                ("activities", i),
                say(
                    N_("activity {activity} has no indicator with a target ({then})"),
                    activity=label(act, i),
                    then=then,
                ),
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
    indicator_years,
    breakdowns,
    places_and_partners,
    supporting_bodies,
    continues_earlier,
    completeness,
)


def plan_rules(ctx: PlanContext) -> Iterator[Finding]:
    for check in CHECKS:
        yield from check(ctx)


__all__ = ["Check", "PlanContext", "plan_rules"]
