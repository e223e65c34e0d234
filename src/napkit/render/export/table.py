"""The master plan as rows: the shared shape of the CSV and XLSX exports.

Column names are stable: data users build on them. Text in several languages
gets one column per language of the plan, the first language also as `title`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from napkit.build.assembly import YearPlan
from napkit.plans.framework import Framework
from napkit.plans.texts import text_exactly, text_in

Row = dict[str, Any]


def activity_columns(fw: Framework) -> list[str]:
    return [
        "id", "year", "body", "body_name", "jurisdiction", "plan_status", "activity",
        "title", *(f"title_{code}" for code in fw.language_codes),
        "pillar", "pillar_title", "objective", "objective_title",
        "responsible", "partners", "locations", "start", "end", "status", "latest_period",
        "currency", "amount", "rate", "budget", "committed", "pledged", "requested", "gap", "spent",
        "indicators", "indicators_met", "no_budget", "supporting", "continues",
    ]  # fmt: skip


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
