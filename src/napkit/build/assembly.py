"""The master plan: every body's plan of a year combined, with money in the
reporting currency, funding gaps, progress and indicator results.

A pure function of the framework and the plans; totals are exact decimals and
reconcile to the unit (pillars = bodies = overall).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from napkit.errors import InternalError
from napkit.plans.framework import Framework
from napkit.plans.model import (
    ACTIVITY_STATUSES,
    DRAFT,
    FINAL_STATUSES,
    FUNDING_STATUSES,
    NO_REPORT,
    SUBMITTED_STATUSES,
    Activity,
    Breakdown,
    Indicator,
    Plan,
    Progress,
    Value,
)

ZERO = Decimal(0)


@dataclass
class Totals:
    """Money in the reporting currency, and counts."""

    activities: int = 0
    budget: Decimal = ZERO
    committed: Decimal = ZERO
    pledged: Decimal = ZERO
    requested: Decimal = ZERO
    gap: Decimal = ZERO
    spent: Decimal = ZERO
    unbudgeted: int = 0  # activities with no budget yet
    no_budget: int = 0  # activities that need none (budget: none: in-kind, policy, ...)
    statuses: Counter[str] = field(default_factory=Counter)
    # Of the above, what comes from plans still in draft: counted in every total, and
    # every total that has them says so.
    draft_activities: int = 0
    draft_budget: Decimal = ZERO

    def add(self, item: ActivityResult) -> None:
        self.activities += 1
        self.statuses[item.status] += 1
        if item.draft:
            self.draft_activities += 1
            if item.money is not None:
                self.draft_budget += item.money.budget
        if item.money is None:
            if item.activity.budget is None:
                self.unbudgeted += 1
            else:
                self.no_budget += 1
            return
        m = item.money
        self.budget += m.budget
        self.committed += m.committed
        self.pledged += m.pledged
        self.requested += m.requested
        self.gap += m.gap
        self.spent += m.spent


@dataclass(frozen=True)
class Money:
    """One activity's money, in its own currency and in the reporting currency."""

    currency: str
    rate: Decimal
    own_budget: Decimal
    own_gap: Decimal
    budget: Decimal
    committed: Decimal
    pledged: Decimal
    requested: Decimal
    gap: Decimal
    spent: Decimal


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    latest: Value | None
    period: str | None
    achieved: Decimal | None  # share of the way from baseline to goal, 0..1 and beyond
    met: bool | None
    goal: Value | None = None  # what the year is rated against: the target, or its milestone
    latest_by: Breakdown = field(default_factory=dict)


@dataclass(frozen=True)
class ActivityResult:
    activity: Activity
    jurisdiction: str
    status: str  # latest progress status, or no-report
    latest: Progress | None
    money: Money | None
    indicators: tuple[IndicatorResult, ...]
    draft: bool = False  # its plan is still a draft

    @property
    def id(self) -> str:
        return self.activity.global_id


@dataclass
class Group:
    """A pillar, an objective or a body: its activities and their totals."""

    id: str
    activities: list[str] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)

    def add(self, item: ActivityResult) -> None:
        self.activities.append(item.id)
        self.totals.add(item)


@dataclass
class YearPlan:
    year: int
    currency: str
    rates: dict[str, Decimal]
    activities: list[ActivityResult]
    pillars: dict[str, Group]
    objectives: dict[str, Group]
    bodies: dict[str, Group]
    plan_status: dict[str, str]  # body -> plan status ("missing" if none)
    totals: Totals
    supports: dict[str, list[str]] = field(default_factory=dict)  # body -> activities it supports

    def has_plan(self, body: str) -> bool:
        return self.plan_status.get(body, "missing") != "missing"

    @property
    def plans(self) -> PlanCounts:
        return PlanCounts.of(self.plan_status.values())


@dataclass(frozen=True)
class PlanCounts:
    """The one definition of each count of plans, used by every page, the report and
    the exports. A plan is *submitted* once its status is submitted, finalized or
    approved (handed to the Task Force); drafts are in the totals, which say so."""

    bodies: int  # bodies expected to plan: every body of bodies.yaml
    plans: int  # bodies with a plan file, whatever its status
    submitted: int  # submitted, finalized or approved
    final: int  # finalized or approved
    drafts: int

    @classmethod
    def of(cls, statuses: Iterable[str]) -> PlanCounts:
        found = list(statuses)
        return cls(
            bodies=len(found),
            plans=sum(1 for s in found if s != "missing"),
            submitted=sum(1 for s in found if s in SUBMITTED_STATUSES),
            final=sum(1 for s in found if s in FINAL_STATUSES),
            drafts=sum(1 for s in found if s == DRAFT),
        )


class AssemblyError(InternalError):
    """The data cannot be combined (a currency without a rate): validation catches this first."""


def assemble_year(fw: Framework, plans: list[Plan], year: int) -> YearPlan:
    order = {p: i for i, p in enumerate(fw.periods)}
    rates = fw.decimal_rates(year)
    supports: dict[str, list[str]] = {}
    pillars = {p: Group(p) for p in fw.pillars}
    objectives = {o: Group(o) for p in fw.pillars.values() for o in p.objective_ids}
    bodies = {b: Group(b) for b in fw.bodies}
    plan_status = dict.fromkeys(fw.bodies, "missing")
    totals = Totals()
    results: list[ActivityResult] = []
    for plan in sorted((p for p in plans if p.year == year), key=lambda p: p.body):
        plan_status[plan.body] = plan.status
        body = fw.bodies.get(plan.body)
        jurisdiction = body.jurisdiction if body else ""
        for activity in plan.activities:
            item = _result(activity, jurisdiction, rates, order, fw.decimals_of, plan.status)
            results.append(item)
            for other in activity.supporting:
                supports.setdefault(other, []).append(item.id)
            totals.add(item)
            pillars.setdefault(activity.pillar, Group(activity.pillar)).add(item)
            objectives.setdefault(activity.objective, Group(activity.objective)).add(item)
            bodies.setdefault(activity.body, Group(activity.body)).add(item)
    return YearPlan(
        year,
        fw.currency,
        rates,
        results,
        pillars,
        objectives,
        bodies,
        plan_status,
        totals,
        supports,
    )


def _result(
    activity: Activity,
    jurisdiction: str,
    rates: dict[str, Decimal],
    order: dict[str, int],
    decimals: Callable[[str], int],
    plan_status: str,
) -> ActivityResult:
    reports = sorted(activity.progress, key=lambda p: order.get(p.period.split("-", 1)[-1], -1))
    latest = reports[-1] if reports else None
    return ActivityResult(
        activity=activity,
        jurisdiction=jurisdiction,
        status=latest.status if latest else NO_REPORT,
        latest=latest,
        money=_money(activity, rates, latest, decimals),
        indicators=tuple(_indicator(i, reports, activity.year) for i in activity.indicators),
        draft=plan_status == DRAFT,
    )


def _money(
    activity: Activity,
    rates: dict[str, Decimal],
    latest: Progress | None,
    decimals: Callable[[str], int],
) -> Money | None:
    """Money in the reporting currency, exact: each amount times its currency's rate.
    Funding in another currency than the budget's enters its own-currency gap
    converted and rounded to the budget currency's decimals."""
    budget = activity.budget
    if budget is None or budget.none is not None:
        return None
    missing = [c for c in budget.currencies if c not in rates]
    if missing:
        raise AssemblyError(
            f"{activity.global_id}: no exchange rate for {missing[0]} in {activity.year}"
        )
    rate = rates[budget.currency]
    funded = {s: budget.funded(s, rates) for s in FUNDING_STATUSES}
    spent = latest.spent if latest is not None and latest.spent is not None else ZERO
    gap = budget.amount * rate - funded["committed"]
    own_gap = budget.gap
    if any(f.currency for f in budget.funding):
        own_gap = (gap / rate).quantize(Decimal(1).scaleb(-decimals(budget.currency)))
    return Money(
        currency=budget.currency,
        rate=rate,
        own_budget=budget.amount,
        own_gap=own_gap,
        budget=budget.amount * rate,
        committed=funded["committed"],
        pledged=funded["pledged"],
        requested=funded["requested"],
        gap=gap,
        spent=spent * rate,
    )


def _indicator(indicator: Indicator, reports: list[Progress], year: int) -> IndicatorResult:
    """The latest value against the year's goal: the target, or, for a target of a
    later year, that year's milestone (unrated without one). Text is not rated."""
    latest_value: Value | None = None
    period = None
    latest_by: Breakdown = {}
    for report in reports:
        if indicator.id in report.values:
            latest_value, period = report.values[indicator.id], report.period
        if indicator.id in report.values_by:
            latest_by = report.values_by[indicator.id]
    goal = indicator.target
    if indicator.target_year is not None and indicator.target_year > year:
        goal = indicator.milestones.get(year)
    baseline = indicator.baseline

    def result(achieved: Decimal | None = None, met: bool | None = None) -> IndicatorResult:
        return IndicatorResult(indicator, latest_value, period, achieved, met, goal, latest_by)

    if latest_value is None or goal is None or indicator.unit == "text":
        return result()
    if isinstance(goal, bool) or isinstance(latest_value, bool):
        met = latest_value == goal
        return result(Decimal(1) if met else ZERO, met)
    if not isinstance(goal, Decimal) or not isinstance(latest_value, Decimal):
        return result()
    start = baseline if isinstance(baseline, Decimal) else ZERO
    span = goal - start
    achieved = Decimal(1) if span == 0 else (latest_value - start) / span
    met = latest_value >= goal if span >= 0 else latest_value <= goal
    return result(achieved, met)


__all__ = [
    "ACTIVITY_STATUSES",
    "ActivityResult",
    "AssemblyError",
    "Group",
    "PlanCounts",
    "Totals",
    "YearPlan",
    "assemble_year",
]
