"""The master plan as rows: the shared shape of the CSV and XLSX exports.

Column names are stable: data users build on them. Text in several languages
gets one column per language of the plan, the first language also as `title`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from napkit.build.assembly import YearPlan
from napkit.check.schema import schema
from napkit.plans.framework import Framework
from napkit.plans.model import ACTIVITY_STATUSES, NO_REPORT
from napkit.plans.texts import group_word, text_exactly, text_in

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of the activities table, as the CSV writes it and the Data
    Package describes it (a Table Schema field)."""

    name: str
    type: str  # Table Schema type: string, integer, number or date
    title: str
    description: str
    constraints: dict[str, Any] = field(default_factory=dict)


def activity_fields(fw: Framework) -> list[Column]:
    """The columns of the activities table, in order: what each holds and the values
    it may take. The CSV, the XLSX and datapackage.json all read this one list."""
    cur = fw.currency
    key = {"required": True}
    plan = schema("plan")
    group = group_word(fw)  # Pillar, or what the plan calls its highest grouping
    return [
        Column("id", "string", "Activity id", "The activity's id across the whole plan: body-year-id. Never reused.", {**key, "unique": True}),
        Column("year", "integer", "Plan year", "The plan year; a fiscal year is named by the calendar year it starts in.", {**key, "minimum": fw.first_year, "maximum": fw.last_year}),
        Column("body", "string", "Body id", "The id of the body whose plan holds the activity.", {**key, "enum": list(fw.bodies)}),
        Column("body_name", "string", "Body", "The body's name.", key),
        Column("jurisdiction", "string", "Jurisdiction id", "The government the body belongs to.", {**key, "enum": [j.id for j in fw.jurisdictions]}),
        Column("plan_status", "string", "Plan status", "Where the body's plan is in the yearly cycle.", {**key, "enum": plan["properties"]["status"]["enum"]}),
        Column("activity", "string", "Activity id in the plan", "The activity's id inside its body's plan of that year.", key),
        Column("title", "string", "Title", f"The activity's title, in the first language it is given in ({', '.join(fw.language_codes)}).", key),
        *(
            Column(f"title_{lang.code}", "string", f"Title ({lang.name})", f"The activity's title in {lang.name} ({lang.code}); empty when not given in it.")
            for lang in fw.languages
        ),
        Column("pillar", "string", f"{group} id", f"The {group.lower()} the activity serves.", {**key, "enum": list(fw.pillars)}),
        Column("pillar_title", "string", group, f"The {group.lower()}'s title.", key),
        Column("objective", "string", "Objective id", "The objective the activity serves.", {**key, "enum": list(fw.objective_pillar)}),
        Column("objective_title", "string", "Objective", "The objective's title.", key),
        Column("responsible", "string", "Responsible unit", "The unit inside the body that carries the activity out."),
        Column("partners", "string", "Partners", "Bodies (by id) and organisations that work on the activity, separated by '; '."),
        Column("locations", "string", "Locations", "Codes of the places where the activity happens, separated by '; '."),
        Column("start", "date", "Start date", "When the activity starts."),
        Column("end", "date", "End date", "When the activity ends."),
        Column("status", "string", "Status", "The status in the latest progress report, or no-report when there is none yet.", {**key, "enum": [*ACTIVITY_STATUSES, NO_REPORT]}),
        Column("latest_period", "string", "Latest report", f"The reporting period of the latest progress report, year-period (for example {fw.last_year}-{fw.periods[-1]}); empty when there is none.", {"pattern": "[0-9]{4}-[A-Z0-9]+"}),
        Column("currency", "string", "Currency", "The currency of the activity's budget (ISO 4217); empty when it has no budget of its own.", {"pattern": "[A-Z]{3}"}),
        Column("amount", "number", "Budget (own currency)", "The budget in its own currency."),
        Column("rate", "number", "Exchange rate", f"Units of {cur} for one unit of the budget's currency in that year."),
        Column("budget", "number", f"Budget ({cur})", f"The budget in {cur}, the plan's reporting currency."),
        Column("committed", "number", f"Committed ({cur})", f"Funding agreed and available, in {cur}."),
        Column("pledged", "number", f"Pledged ({cur})", f"Funding promised but not yet agreed, in {cur}."),
        Column("requested", "number", f"Requested ({cur})", f"Funding asked for with no answer yet, in {cur}."),
        Column("gap", "number", f"Funding gap ({cur})", f"The budget minus committed funding, in {cur}."),
        Column("spent", "number", f"Spent ({cur})", f"What the latest progress report says was spent, in {cur}."),
        Column("indicators", "integer", "Indicators", "How many indicators the activity has.", {**key, "minimum": 0}),
        Column("indicators_met", "integer", "Indicators met", "How many of them have met the year's goal (the target, or that year's milestone) in the latest report.", {**key, "minimum": 0}),
        Column("no_budget", "string", "No budget, because", "Why the activity has no budget of its own; empty when it has one.", {"enum": plan["$defs"]["budget"]["properties"]["none"]["enum"]}),
        Column("supporting", "string", "Supporting bodies", "Ids of other bodies that share the activity, separated by '; '."),
        Column("continues", "string", "Continues", "The id of the activity of an earlier year that this one carries on.", {"pattern": _whole(plan["$defs"]["activity"]["properties"]["continues"]["pattern"])}),
    ]  # fmt: skip


def activity_columns(fw: Framework) -> list[str]:
    return [c.name for c in activity_fields(fw)]


def _whole(pattern: str) -> str:
    """A JSON Schema pattern as Table Schema writes it: matched against the whole
    value, without the ^ and $ anchors."""
    return pattern.removeprefix("^").removesuffix("$")


def activity_rows(fw: Framework, y: YearPlan) -> Iterator[Row]:
    titles = fw.titles()
    langs = fw.language_codes
    for r in y.activities:
        a, m = r.activity, r.money
        body = fw.bodies.get(a.body)
        yield {
            "id": r.id,
            "year": a.year,
            "body": a.body,
            "body_name": text_in(body.name if body else None, langs),
            "jurisdiction": r.jurisdiction,
            "plan_status": y.plan_status.get(a.body, ""),
            "activity": a.id,
            "title": text_in(a.title, langs),
            **{f"title_{code}": text_exactly(a.title, code, langs) for code in langs},
            "pillar": a.pillar,
            "pillar_title": text_in(titles.get(a.pillar), langs),
            "objective": a.objective,
            "objective_title": text_in(titles.get(a.objective), langs),
            "responsible": text_in(a.responsible, langs),
            "partners": "; ".join(a.partners),
            "locations": "; ".join(a.locations),
            "start": a.start or "",
            "end": a.end or "",
            "status": r.status,
            "latest_period": r.latest.period if r.latest else "",
            "currency": m.currency if m else "",
            "amount": m.own_budget if m else None,
            "rate": m.rate if m else None,
            "budget": m.budget if m else None,
            "committed": m.committed if m else None,
            "pledged": m.pledged if m else None,
            "requested": m.requested if m else None,
            "gap": m.gap if m else None,
            "spent": m.spent if m else None,
            "indicators": len(r.indicators),
            "indicators_met": sum(1 for i in r.indicators if i.met),
            "no_budget": a.budget.none or "" if a.budget else "",
            "supporting": "; ".join(a.supporting),
            "continues": a.continues or "",
        }


INDICATOR_COLUMNS = [
    "activity_id",
    "indicator",
    "title",
    "unit",
    "baseline",
    "target",
    "latest",
    "period",
    "achieved",
    "met",
    "target_year",
]


def indicator_rows(fw: Framework, y: YearPlan) -> Iterator[Row]:
    langs = fw.language_codes
    for r in y.activities:
        for i in r.indicators:
            yield {
                "activity_id": r.id,
                "indicator": i.indicator.id,
                "title": text_in(i.indicator.title, langs),
                "unit": i.indicator.unit,
                "baseline": _value(i.indicator.baseline, langs),
                "target": _value(i.indicator.target, langs),
                "latest": _value(i.latest, langs),
                "period": i.period or "",
                "achieved": i.achieved,
                "met": i.met,
                "target_year": i.indicator.target_year,
            }


def _value(value: Any, langs: tuple[str, ...]) -> Any:
    """A text indicator's words in the first language they are given in."""
    return text_in(value, langs) if isinstance(value, str | dict) else value


FUNDING_COLUMNS = [
    "activity_id",
    "source",
    "funder",
    "status",
    "currency",
    "amount",
    "amount_reporting",
]


def funding_rows(fw: Framework, y: YearPlan) -> Iterator[Row]:
    langs = fw.language_codes
    for r in y.activities:
        budget, m = r.activity.budget, r.money
        if budget is None or m is None:
            continue
        for f in budget.funding:
            yield {
                "activity_id": r.id,
                "source": f.source,
                "funder": text_in(f.funder, langs),
                "status": f.status,
                "currency": budget.currency_of(f),
                "amount": f.amount,
                "amount_reporting": f.amount * y.rates[budget.currency_of(f)],
            }


PILLAR_COLUMNS = [
    "pillar",
    "title",
    "activities",
    "budget",
    "committed",
    "pledged",
    "requested",
    "gap",
    "spent",
    "gap_share",
]


def pillar_rows(fw: Framework, y: YearPlan) -> Iterator[Row]:
    for pillar in fw.pillars.values():
        t = y.pillars[pillar.id].totals
        yield _summary(pillar.id, text_in(pillar.title, fw.language_codes), t)
    yield _summary("total", "All pillars", y.totals)


def _summary(key: str, title: str, t: Any) -> Row:
    return {
        "pillar": key,
        "title": title,
        "activities": t.activities,
        "budget": t.budget,
        "committed": t.committed,
        "pledged": t.pledged,
        "requested": t.requested,
        "gap": t.gap,
        "spent": t.spent,
        "gap_share": (t.gap / t.budget) if t.budget else Decimal(0),
    }
