"""The master plan as JSON data (described by schema/master.schema.json).

Money is written as text holding an exact decimal ("59100000.5"), so no reader
loses a unit to floating point; counts and indicator values are numbers.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

from napkit import __version__
from napkit.build.assembly import ActivityResult, IndicatorResult, Totals, YearPlan
from napkit.plans.framework import Framework
from napkit.plans.model import ACTIVITY_STATUSES, NO_REPORT, Breakdown, Value
from napkit.plans.money import text as money

SHARE = Decimal("0.0001")


def number(value: Value | None) -> Any:
    """An indicator value as JSON: a number, true/false, or text as written."""
    if value is None or not isinstance(value, Decimal):
        return value
    return int(value) if value == value.to_integral_value() else float(value)


def totals(t: Totals) -> dict[str, Any]:
    return {
        "activities": t.activities,
        "unbudgeted": t.unbudgeted,
        "no_budget": t.no_budget,
        "budget": money(t.budget),
        "committed": money(t.committed),
        "pledged": money(t.pledged),
        "requested": money(t.requested),
        "gap": money(t.gap),
        "spent": money(t.spent),
        "statuses": {s: t.statuses.get(s, 0) for s in (*ACTIVITY_STATUSES, NO_REPORT)},
        "draft_activities": t.draft_activities,
        "draft_budget": money(t.draft_budget),
    }


def _indicator(r: IndicatorResult) -> dict[str, Any]:
    i = r.indicator
    return {
        "id": i.id,
        "title": i.title,
        "unit": i.unit,
        "baseline": number(i.baseline),
        "target": number(i.target),
        "latest": number(r.latest),
        "period": r.period,
        "achieved": None if r.achieved is None else float(r.achieved.quantize(SHARE)),
        "met": r.met,
        **_indicator_extensions(r),
    }


def _breakdown(by: Breakdown) -> dict[str, dict[str, Any]]:
    return {d: {c: number(v) for c, v in cats.items()} for d, cats in by.items()}


def _indicator_extensions(r: IndicatorResult) -> dict[str, Any]:
    """The optional parts of an indicator, written only where the plan uses them."""
    i = r.indicator
    out: dict[str, Any] = {}
    if i.target_year is not None:
        out["target_year"] = i.target_year
        out["goal"] = number(r.goal)
    if i.milestones:
        out["milestones"] = {str(y): number(v) for y, v in sorted(i.milestones.items())}
    if i.target_by:
        out["target_by"] = _breakdown(i.target_by)
    if r.latest_by:
        out["latest_by"] = _breakdown(r.latest_by)
    return out


def activity(r: ActivityResult, y_rates: dict[str, Decimal]) -> dict[str, Any]:
    a = r.activity
    out: dict[str, Any] = {
        "id": r.id,
        "body": a.body,
        "jurisdiction": r.jurisdiction,
        "year": a.year,
        "activity": a.id,
        "title": a.title,
        "pillar": a.pillar,
        "objective": a.objective,
        "responsible": a.responsible,
        "partners": list(a.partners),
        "locations": list(a.locations),
        "start": a.start,
        "end": a.end,
        "status": r.status,
        "budget": None,
        "indicators": [_indicator(i) for i in r.indicators],
        "progress": [
            {
                "period": p.period,
                "status": p.status,
                "values": {k: number(v) for k, v in p.values.items()},
                "spent": None if p.spent is None else money(p.spent),
                "note": p.note,
                **(
                    {"values_by": {k: _breakdown(v) for k, v in p.values_by.items()}}
                    if p.values_by
                    else {}
                ),
            }
            for p in a.progress
        ],
    }
    if a.supporting:
        out["supporting"] = list(a.supporting)
    if a.continues:
        out["continues"] = a.continues
    if a.budget is not None and a.budget.none is not None:
        out["no_budget"] = {"reason": a.budget.none, "note": a.budget.note}
    out["budget"] = _budget(r, y_rates)
    return out


def _budget(r: ActivityResult, y_rates: dict[str, Decimal]) -> dict[str, Any] | None:
    a, m = r.activity, r.money
    if m is None or a.budget is None:
        return None
    return {
        "currency": m.currency,
        "rate": money(m.rate),
        "amount": money(m.own_budget),
        "gap": money(m.own_gap),
        "funding": [
            {
                "source": f.source,
                "funder": f.funder,
                "amount": money(f.amount),
                "status": f.status,
                **(
                    {"currency": f.currency, "reporting": money(f.amount * y_rates[f.currency])}
                    if f.currency
                    else {}
                ),
            }
            for f in a.budget.funding
        ],
        "reporting": {
            "budget": money(m.budget),
            "committed": money(m.committed),
            "pledged": money(m.pledged),
            "requested": money(m.requested),
            "gap": money(m.gap),
            "spent": money(m.spent),
        },
    }


def year(fw: Framework, y: YearPlan) -> dict[str, Any]:
    pillars = []
    for p in fw.pillars.values():
        group = y.pillars[p.id]
        pillars.append(
            {
                "id": p.id,
                "title": p.title,
                "totals": totals(group.totals),
                "objectives": [
                    {
                        "id": o.id,
                        "title": o.title,
                        "totals": totals(y.objectives[o.id].totals),
                        "activities": y.objectives[o.id].activities,
                    }
                    for o in p.objectives
                ],
            }
        )
    bodies = [
        {
            "id": body_id,
            "name": body.name,
            "jurisdiction": body.jurisdiction,
            "plan_status": y.plan_status[body_id],
            "totals": totals(y.bodies[body_id].totals),
            "activities": y.bodies[body_id].activities,
            **({"supports": y.supports[body_id]} if body_id in y.supports else {}),
        }
        for body_id, body in fw.bodies.items()
    ]
    return {
        "year": y.year,
        "currency": y.currency,
        "rates": {c: money(r) for c, r in sorted(y.rates.items())},
        "totals": totals(y.totals),
        "plans": dataclasses.asdict(y.plans),
        "pillars": pillars,
        "bodies": bodies,
        "activities": [activity(a, y.rates) for a in y.activities],
    }


def master(fw: Framework, years: list[YearPlan], skipped: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "napkit": __version__,
        "nap": {"id": fw.id, "title": fw.title, "currency": fw.currency},
        "years": [year(fw, y) for y in years],
        "skipped": skipped,
    }


def encode(data: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON: the C encoder, about ten times faster than indented output."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
