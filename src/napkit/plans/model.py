"""Typed views of validated plans: what assembly, reports and exports read."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from napkit.plans.money import decimal

Text = str | dict[str, str]
FUNDING_STATUSES = ("committed", "pledged", "requested")
ACTIVITY_STATUSES = ("not-started", "on-track", "delayed", "completed", "cancelled")
NO_REPORT = "no-report"
SUBMITTED_STATUSES = ("submitted", "finalized", "approved")  # of a plan: handed to the Task Force


@dataclass(frozen=True)
class Funding:
    source: str
    funder: Text | None
    amount: Decimal
    status: str


@dataclass(frozen=True)
class Budget:
    amount: Decimal
    currency: str
    funding: tuple[Funding, ...]

    def funded(self, status: str) -> Decimal:
        return sum((f.amount for f in self.funding if f.status == status), Decimal(0))

    @property
    def gap(self) -> Decimal:
        """What is still to be found: the amount minus committed funding."""
        return self.amount - self.funded("committed")


@dataclass(frozen=True)
class Indicator:
    id: str
    title: Text
    unit: str
    baseline: Decimal | bool | None
    target: Decimal | bool | None
    verification: Text | None


@dataclass(frozen=True)
class Progress:
    period: str
    status: str
    values: dict[str, Decimal | bool]
    spent: Decimal | None
    note: Text | None


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


def _number(value: Any) -> Decimal | bool | None:
    if value is None or isinstance(value, bool):
        return value
    return decimal(value)


def plan_from_data(data: dict[str, Any], file: str) -> Plan:
    """A plan from schema-valid data."""
    body, year = data["body"], data["year"]
    return Plan(
        file=file,
        body=body,
        year=year,
        status=data["status"],
        submitted=data.get("submitted"),
        activities=tuple(_activity(a, body, year) for a in data["activities"]),
    )


def _activity(a: dict[str, Any], body: str, year: int) -> Activity:
    budget = a.get("budget")
    return Activity(
        body=body,
        year=year,
        id=a["id"],
        title=a["title"],
        pillar=a["pillar"],
        objective=a["objective"],
        description=a.get("description"),
        responsible=a.get("responsible"),
        partners=tuple(a.get("partners", ())),
        locations=tuple(a.get("locations", ())),
        start=a.get("start"),
        end=a.get("end"),
        budget=None
        if budget is None
        else Budget(
            amount=decimal(budget["amount"]),
            currency=budget["currency"],
            funding=tuple(
                Funding(f["source"], f.get("funder"), decimal(f["amount"]), f["status"])
                for f in budget.get("funding", ())
            ),
        ),
        indicators=tuple(
            Indicator(
                i["id"],
                i["title"],
                i["unit"],
                _number(i.get("baseline")),
                _number(i.get("target")),
                i.get("verification"),
            )
            for i in a.get("indicators", ())
        ),
        progress=tuple(
            Progress(
                p["period"],
                p["status"],
                {
                    k: v if isinstance(v, bool) else decimal(v)
                    for k, v in p.get("values", {}).items()
                },
                None if p.get("spent") is None else decimal(p["spent"]),
                p.get("note"),
            )
            for p in a.get("progress", ())
        ),
    )
