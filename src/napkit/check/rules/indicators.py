"""Rules over indicators: values that fit their unit, target years and milestones,
and values broken down by the framework's dimensions (sex, age group)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from napkit.check.rules.context import PlanContext, label
from napkit.findings import Finding, JsonPath, Message, say
from napkit.i18n import N_
from napkit.plans.money import decimal

_NEEDS = {
    "yes-no": N_("true or false"),
    "text": N_("words"),
    "number": N_("a number"),
    "percent": N_("a number"),
}


def indicator_values(ctx: PlanContext) -> Iterator[Finding]:
    for i, act in ctx.activities():
        if not ctx.sound(i, "indicators"):
            continue
        units = {ind["id"]: ind["unit"] for ind in act["indicators"]}
        for j, ind in enumerate(act["indicators"]):
            where = ("activities", i, "indicators", j)
            for field in ("baseline", "target"):
                if field in ind:
                    yield from _value(ctx, (*where, field), ind["unit"], ind[field])
            for year, value in ind.get("milestones", {}).items():
                yield from _value(ctx, (*where, "milestones", year), ind["unit"], value)
        for j, report in enumerate(act["progress"] if ctx.sound(i, "progress") else []):
            for name, value in report.get("values", {}).items():
                if name in units:
                    yield from _value(
                        ctx, ("activities", i, "progress", j, "values", name), units[name], value
                    )


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "yes-no"
    return "text" if isinstance(value, str | dict) else "number"


def _value(ctx: PlanContext, path: JsonPath, unit: str, value: Any) -> Iterator[Finding]:
    if _NEEDS[_kind(value)] != _NEEDS[unit]:
        yield ctx.doc.finding(
            "unit-value-mismatch",
            path,
            say(
                N_(
                    "the indicator's unit is {unit}, so the value must be {needed}, not "
                    "'{value}'; or change the unit to text"
                )
                if _kind(value) == "text"
                else N_(
                    "the indicator's unit is {unit}, so the value must be {needed}, not '{value}'"
                ),
                unit=unit,
                needed=Message(_NEEDS[unit]),
                value=str(value),
            ),
        )
    elif unit == "percent" and not 0 <= value <= 100:
        yield ctx.doc.finding(
            "percent-range",
            path,
            say(N_("{value} is not a percent between 0 and 100"), value=value),
        )


def indicator_years(ctx: PlanContext) -> Iterator[Finding]:
    """A target year lies in or after the plan year; milestones lie on the way to it."""
    year = ctx.year
    if year is None:
        return
    for i, act in ctx.activities():
        if not ctx.sound(i, "indicators"):
            continue
        for j, ind in enumerate(act["indicators"]):
            where = ("activities", i, "indicators", j)
            last = ind.get("target_year", year)
            if last < year:
                yield ctx.doc.finding(
                    "target-year-invalid",
                    (*where, "target_year"),
                    say(
                        N_(
                            "target year {target_year} is before the plan year {year}: a target "
                            "for this year needs no target_year"
                        ),
                        target_year=last,
                        year=ctx.fw.year_label(year),
                    ),
                )
            for name in ind.get("milestones", {}):
                if not year <= int(name) <= last:
                    yield ctx.doc.finding(
                        "milestone-year-invalid",
                        (*where, "milestones", name),
                        say(
                            N_(
                                "milestone year {milestone} is not between the plan year {year} "
                                "and the target year {target_year}"
                            )
                            if "target_year" in ind
                            else N_(
                                "milestone year {milestone} is not between the plan year {year} "
                                "and the target year {target_year}: give the target year "
                                "(target_year)"
                            ),
                            milestone=name,
                            year=year,
                            target_year=last,
                        ),
                        key=True,
                    )


def breakdowns(ctx: PlanContext) -> Iterator[Finding]:
    """Targets and values by category: known dimensions, every category, totals agree."""
    for i, act in ctx.activities():
        if not ctx.sound(i, "indicators"):
            continue
        indicators = {ind["id"]: ind for ind in act["indicators"]}
        for j, ind in enumerate(act["indicators"]):
            if "target_by" in ind:
                where: JsonPath = ("activities", i, "indicators", j, "target_by")
                yield from _breakdown(ctx, where, ind, ind["target_by"], ind.get("target"))
        for j, report in enumerate(act["progress"] if ctx.sound(i, "progress") else []):
            for name, by in report.get("values_by", {}).items():
                where = ("activities", i, "progress", j, "values_by", name)
                if name not in indicators:
                    yield ctx.doc.finding(
                        "progress-indicator-unknown",
                        where,
                        say(
                            N_("'{name}' is not an indicator of activity {activity}"),
                            name=name,
                            activity=label(act, i),
                        ),
                        key=True,
                    )
                    continue
                total = report.get("values", {}).get(name)
                yield from _breakdown(ctx, where, indicators[name], by, total)


def _breakdown(
    ctx: PlanContext,
    where: JsonPath,
    indicator: dict[str, Any],
    by: dict[str, dict[str, Any]],
    total: Any,
) -> Iterator[Finding]:
    if indicator["unit"] not in ("number", "percent"):
        yield ctx.doc.finding(
            "breakdown-unit",
            where,
            say(
                N_(
                    "indicator {indicator} is {unit}: only number and percent indicators can be "
                    "broken down by category"
                ),
                indicator=indicator["id"],
                unit=indicator["unit"],
            ),
        )
        return
    for name, values in by.items():
        if name not in ctx.fw.dimensions:
            yield ctx.doc.finding(
                "dimension-unknown",
                (*where, name),
                say(
                    N_(
                        "'{name}' is not a dimension in disaggregations of plans/nap.yaml "
                        "(known: {known})"
                    ),
                    name=name,
                    known=", ".join(ctx.fw.dimensions) or Message(N_("none yet")),
                ),
                key=True,
            )
            continue
        yield from _categories(ctx, (*where, name), name, values, indicator, total)


def _categories(
    ctx: PlanContext,
    where: JsonPath,
    name: str,
    values: dict[str, Any],
    indicator: dict[str, Any],
    total: Any,
) -> Iterator[Finding]:
    """One dimension's breakdown: known categories, every one given, adding up."""
    categories = ctx.fw.dimensions[name].category_ids
    for category in values:
        if category not in categories:
            yield ctx.doc.finding(
                "category-unknown",
                (*where, category),
                say(
                    N_("'{category}' is not a category of {name}; its categories: {known}"),
                    category=category,
                    name=name,
                    known=", ".join(categories),
                ),
                key=True,
            )
    missing = [c for c in categories if c not in values]
    if missing:
        yield ctx.doc.finding(
            "category-missing",
            where,
            say(
                N_(
                    "the breakdown by {name} has no value for {missing}: give every category "
                    "(0 where there is none)"
                ),
                name=name,
                missing=", ".join(missing),
            ),
        )
    elif indicator["unit"] == "number" and _number(total):
        parts = sum((decimal(v) for v in values.values()), Decimal(0))
        if parts != decimal(total):
            yield ctx.doc.finding(
                "breakdown-total",
                where,
                say(
                    N_(
                        "the categories of {name} add up to {parts}, not the total {total}: "
                        "correct a category or the total"
                    ),
                    name=name,
                    parts=f"{parts:,}",
                    total=f"{total:,}",
                ),
            )


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
