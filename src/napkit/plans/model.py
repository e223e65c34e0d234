"""Typed views of validated plans: what assembly, reports and exports read."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from napkit.plans.money import decimal

Text = str | dict[str, str]
Value = Decimal | bool | Text  # an indicator's value: a number, yes/no, or words
Breakdown = dict[str, dict[str, Decimal]]  # dimension -> category -> value
FUNDING_STATUSES = ("committed", "pledged", "requested")
ACTIVITY_STATUSES = ("not-started", "on-track", "delayed", "completed", "cancelled")
NO_REPORT = "no-report"
DRAFT = "draft"  # a plan's status before it is handed in
SUBMITTED_STATUSES = ("submitted", "finalized", "approved")  # of a plan: handed to the Task Force
FINAL_STATUSES = ("finalized", "approved")  # of a plan: complete, so every gap is an error


@dataclass(frozen=True)
class Funding:
    source: str
    funder: Text | None
    amount: Decimal  # in `currency` when given, else in the budget's currency
    status: str
    currency: str | None = None


@dataclass(frozen=True)
class Budget:
    amount: Decimal
    currency: str
    funding: tuple[Funding, ...]
    none: str | None = None  # why there is no budget (in-kind, policy, other); amount is 0
    note: Text | None = None

    def currency_of(self, f: Funding) -> str:
        return f.currency or self.currency

    def funded(self, status: str, rates: Mapping[str, Decimal] | None = None) -> Decimal:
        """Funding of one status in the budget's currency; with `rates` (units of the
        reporting currency per unit), in the reporting currency instead, exactly."""
        if rates is None:
            return sum(
                (f.amount for f in self.funding if f.status == status and not f.currency),
                Decimal(0),
            )
        return sum(
            (f.amount * rates[self.currency_of(f)] for f in self.funding if f.status == status),
            Decimal(0),
        )

    @property
    def gap(self) -> Decimal:
        """What is still to be found: the amount minus committed funding (funding in
        the budget's own currency: the master plan converts the rest)."""
        return self.amount - self.funded("committed")

    @property
    def currencies(self) -> tuple[str, ...]:
        return (self.currency, *(f.currency for f in self.funding if f.currency))


@dataclass(frozen=True)
class Indicator:
    id: str
    title: Text
    unit: str
    baseline: Value | None
    target: Value | None
    verification: Text | None
    target_year: int | None = None
    milestones: dict[int, Value] = field(default_factory=dict)
    target_by: Breakdown = field(default_factory=dict)


@dataclass(frozen=True)
class Progress:
    period: str
    status: str
    values: dict[str, Value]
    spent: Decimal | None
    note: Text | None
    values_by: dict[str, Breakdown] = field(default_factory=dict)


@dataclass(frozen=True)
class Activity:
    body: str
    year: int
    id: str
    title: Text
    pillar: str
    objective: str
    description: Text | None = None
    responsible: Text | None = None
    partners: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    budget: Budget | None = None
    indicators: tuple[Indicator, ...] = ()
    progress: tuple[Progress, ...] = ()
    supporting: tuple[str, ...] = ()  # bodies that share the activity; this plan's body leads
    continues: str | None = None  # the global id of the earlier activity it carries on

    @property
    def global_id(self) -> str:
        return f"{self.body}-{self.year}-{self.id}"


@dataclass(frozen=True)
class Plan:
    file: str
    body: str
    year: int
    status: str
    submitted: str | None
    activities: tuple[Activity, ...] = field(default=())


def _number(value: Any) -> Value | None:
    if value is None or isinstance(value, bool | str | dict):
        return value
    return decimal(value)


def _breakdown(value: dict[str, dict[str, Any]] | None) -> Breakdown:
    return {d: {c: decimal(v) for c, v in cats.items()} for d, cats in (value or {}).items()}


def plan_from_data(
    data: dict[str, Any], file: str, pillar_of: Mapping[str, str] | None = None
) -> Plan:
    """A plan from schema-valid data. `pillar_of` (objective -> its pillar, from the
    framework) gives the pillar of an activity that names none: in a plan without
    pillars, the highest objective above its own."""
    body, year = data["body"], data["year"]
    pillars = pillar_of or {}
    return Plan(
        file=file,
        body=body,
        year=year,
        status=data["status"],
        submitted=data.get("submitted"),
        activities=tuple(
            _activity(a, body, year, a.get("pillar") or pillars.get(a["objective"], ""))
            for a in data["activities"]
        ),
    )


def _activity(a: dict[str, Any], body: str, year: int, pillar: str) -> Activity:
    budget = a.get("budget")
    return Activity(
        body=body,
        year=year,
        id=a["id"],
        title=a["title"],
        pillar=pillar,
        objective=a["objective"],
        description=a.get("description"),
        responsible=a.get("responsible"),
        partners=tuple(a.get("partners", ())),
        locations=tuple(a.get("locations", ())),
        start=a.get("start"),
        end=a.get("end"),
        budget=None if budget is None else _budget(budget),
        indicators=tuple(_indicator(i) for i in a.get("indicators", ())),
        progress=tuple(
            Progress(
                p["period"],
                p["status"],
                {
                    k: v
                    for k, v in ((k, _number(v)) for k, v in p.get("values", {}).items())
                    if v is not None
                },
                None if p.get("spent") is None else decimal(p["spent"]),
                p.get("note"),
                {k: _breakdown(v) for k, v in p.get("values_by", {}).items()},
            )
            for p in a.get("progress", ())
        ),
        supporting=tuple(a.get("supporting", ())),
        continues=a.get("continues"),
    )


def _budget(budget: dict[str, Any]) -> Budget:
    if "none" in budget:
        return Budget(Decimal(0), "", (), none=budget["none"], note=budget.get("note"))
    return Budget(
        amount=decimal(budget["amount"]),
        currency=budget["currency"],
        funding=tuple(
            Funding(
                f["source"], f.get("funder"), decimal(f["amount"]), f["status"], f.get("currency")
            )
            for f in budget.get("funding", ())
        ),
        note=budget.get("note"),
    )


def _indicator(i: dict[str, Any]) -> Indicator:
    return Indicator(
        i["id"],
        i["title"],
        i["unit"],
        _number(i.get("baseline")),
        _number(i.get("target")),
        i.get("verification"),
        i.get("target_year"),
        {
            int(y): v
            for y, v in ((y, _number(v)) for y, v in i.get("milestones", {}).items())
            if v is not None
        },
        _breakdown(i.get("target_by")),
    )


_GLOBAL_ID = re.compile(r"^(?P<body>.+)-(?P<year>[0-9]{4})-(?P<id>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)$")


def split_global_id(ref: str) -> tuple[str, int, str] | None:
    """body-year-id as its three parts (the year is the last four-digit part followed
    by an id, so a body id may hold digits and hyphens)."""
    match = _GLOBAL_ID.match(ref)
    if match is None:
        return None
    return match["body"], int(match["year"]), match["id"]
