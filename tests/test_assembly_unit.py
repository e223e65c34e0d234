"""Assembly of the master plan (build/assembly.py, build/master.py) from hand-built
plans: money in the reporting currency, funding gaps, the latest progress,
indicator results, groups that reconcile, and what master_of refuses or skips."""

from __future__ import annotations

from decimal import Decimal

import pytest

from handmade import (
    activity,
    bodies_data,
    budget,
    checked,
    checked_plan,
    framework,
    funding,
    indicator,
    nap_data,
    plan,
    plan_data,
    progress,
    repository,
    schema_errors,
)
from napkit.build.assembly import AssemblyError, assemble_year
from napkit.build.master import master_of
from napkit.errors import DataInvalid, UsageError
from napkit.plans.model import Budget, Funding, plan_from_data


def test_the_handmade_framework_and_plans_are_valid_by_the_schemas() -> None:
    full = plan_data(
        "moi",
        2020,
        "submitted",
        activity(
            budget=budget(100, "USD", funding(40, "committed", "donor", "EU")),
            indicators=[indicator("I1", 0, 5), indicator("I2", False, True, unit="yes-no")],
            progress=[progress("2020-Q1", "on-track", spent=1, values={"I1": 2}, note="ok")],
        ),
        submitted="2020-04-29",
    )
    assert schema_errors("nap", nap_data()) == []
    assert schema_errors("bodies", bodies_data()) == []
    assert schema_errors("plan", full) == []
    fw = framework()
    assert list(fw.pillars) == ["voice", "safety"]
    assert fw.objective_pillar == {"voice.1": "voice", "voice.2": "voice", "safety.1": "safety"}


def test_plan_from_data_keeps_the_amounts_as_written() -> None:
    data = plan_data(
        "hc",
        2020,
        "draft",
        activity(
            "B7",
            budget=budget(0.1, "EUR", funding(0.3, "pledged", "donor", "EU")),
            partners=["moi"],
        ),
    )
    p = plan_from_data(data, "plans/2020/hc.yaml")
    (a,) = p.activities
    assert (p.file, p.body, p.year, p.status, p.submitted) == (
        "plans/2020/hc.yaml",
        "hc",
        2020,
        "draft",
        None,
    )
    assert (a.global_id, a.partners, a.locations, a.progress) == ("hc-2020-B7", ("moi",), (), ())
    assert a.budget == Budget(
        Decimal("0.1"), "EUR", (Funding("donor", "EU", Decimal("0.3"), "pledged"),)
    )


def test_the_funding_gap_is_the_budget_minus_committed_funding_only() -> None:
    money = budget(
        1000,
        "XAF",
        funding(250, "committed"),
        funding(150, "committed", "donor"),
        funding(100, "pledged", "donor"),
        funding(50, "requested", "other"),
    )
    y = assemble_year(framework(), [plan("moi", 2020, "draft", activity(budget=money))], 2020)
    m = y.activities[0].money
    assert m is not None
    assert (m.budget, m.committed, m.pledged, m.requested) == (1000, 400, 100, 50)
    assert m.gap == m.own_gap == Decimal(600)
    assert y.totals.gap == 600


def test_foreign_budgets_are_converted_exactly_at_the_years_rate() -> None:
    usd = activity("A1", budget=budget(3, "USD", funding(1, "committed", "donor")))
    eur = activity("A2", budget=budget(3, "EUR"))  # 1 EUR = 1.1 XAF, a float in nap.yaml
    y = assemble_year(framework(), [plan("moi", 2020, "draft", usd, eur)], 2020)
    a1, a2 = (r.money for r in y.activities)
    assert a1 is not None and a2 is not None
    assert (a1.currency, a1.rate, a1.own_budget, a1.budget, a1.gap) == ("USD", 500, 3, 1500, 1000)
    assert a2.budget == Decimal("3.3")  # not 3.3000000000000003
    assert y.rates == {"XAF": 1, "USD": 500, "EUR": Decimal("1.1")}
    assert y.totals.budget == Decimal("1503.3")


def test_a_currency_without_a_rate_that_year_is_an_assembly_error() -> None:
    usd = activity("A4", budget=budget(3, "USD"))
    fw = framework()
    assemble_year(fw, [plan("moi", 2020, "draft", usd)], 2020)  # 2020 has a USD rate
    with pytest.raises(AssemblyError, match=r"^moi-2021-A4: no exchange rate for USD in 2021$"):
        assemble_year(fw, [plan("moi", 2021, "draft", usd)], 2021)


def test_status_and_spending_come_from_the_latest_period_not_the_last_listed() -> None:
    reports = [
        progress("2020-Q4", "completed", spent=90),
        progress("2020-Q1", "on-track", spent=10),
        progress("2020-Q2", "delayed", spent=40),
    ]
    late = activity("A1", budget=budget(100), progress=reports)
    quiet = activity("A2", budget=budget(100))
    y = assemble_year(framework(), [plan("moi", 2020, "draft", late, quiet)], 2020)
    first, second = y.activities
    assert first.latest is not None and first.latest.period == "2020-Q4"
    assert first.status == "completed"
    assert first.money is not None and first.money.spent == 90  # the latest, not the sum 140
    assert (second.status, second.latest) == ("no-report", None)
    assert second.money is not None and second.money.spent == 0
    assert y.totals.spent == 90
    assert y.totals.statuses == {"completed": 1, "no-report": 1}


@pytest.mark.parametrize(
    ("baseline", "target", "values", "latest", "period", "achieved", "met"),
    [
        (10, 30, [{"I1": 15}, {"I1": 20}], 20, "2020-Q2", Decimal("0.5"), False),
        (None, 4, [{"I1": 4}], 4, "2020-Q1", Decimal(1), True),  # no baseline: from zero
        (50, 10, [{"I1": 30}], 30, "2020-Q1", Decimal("0.5"), False),  # a target below
        (50, 10, [{"I1": 5}], 5, "2020-Q1", Decimal("1.125"), True),
        (False, True, [{"I1": True}], True, "2020-Q1", Decimal(1), True),
        (False, True, [{"I1": False}], False, "2020-Q1", Decimal(0), False),
        (0, 10, [{"I1": 7}, {}], 7, "2020-Q1", Decimal("0.7"), False),  # Q2 does not report it
        (0, None, [{"I1": 7}], 7, "2020-Q1", None, None),  # no target: nothing to measure
        (0, 10, [{}], None, None, None, None),
    ],
)
def test_indicator_results(
    baseline: object,
    target: object,
    values: list[dict[str, object]],
    latest: object,
    period: str | None,
    achieved: Decimal | None,
    met: bool | None,
) -> None:
    reports = [progress(f"2020-Q{i + 1}", "on-track", values=v) for i, v in enumerate(values)]
    act = activity(indicators=[indicator("I1", baseline, target)], progress=reports)
    (result,) = assemble_year(framework(), [plan("moi", 2020, "draft", act)], 2020).activities
    (ind,) = result.indicators
    assert (ind.latest, ind.period, ind.achieved, ind.met) == (latest, period, achieved, met)


def test_groups_by_pillar_objective_and_body_reconcile_with_the_totals() -> None:
    moi = plan(
        "moi",
        2020,
        "approved",
        activity("A1", "voice", "voice.1", budget=budget(100, "XAF", funding(30))),
        activity("A2", "safety", "safety.1", budget=budget(1, "USD")),
        activity("A3", "voice", "voice.1"),  # no budget
    )
    hc = plan("hc", 2020, "draft", activity("A1", "voice", "voice.2", budget=budget(20)))
    y = assemble_year(framework(), [moi, hc], 2020)
    # the same activity id in two bodies' plans: two activities
    assert [r.id for r in y.activities] == [
        "hc-2020-A1",
        "moi-2020-A1",
        "moi-2020-A2",
        "moi-2020-A3",
    ]
    assert y.objectives["voice.1"].activities == ["moi-2020-A1", "moi-2020-A3"]
    assert y.objectives["voice.2"].activities == ["hc-2020-A1"]
    assert y.pillars["safety"].activities == ["moi-2020-A2"]
    assert y.bodies["moi"].totals.activities == 3 and y.bodies["moi"].totals.unbudgeted == 1
    t = y.totals
    assert (t.activities, t.budget, t.committed, t.gap, t.unbudgeted) == (4, 620, 30, 590, 1)
    for key in ("activities", "budget", "committed", "gap", "unbudgeted"):
        assert sum(getattr(g.totals, key) for g in y.pillars.values()) == getattr(t, key)
        assert sum(getattr(g.totals, key) for g in y.bodies.values()) == getattr(t, key)
        assert sum(getattr(g.totals, key) for g in y.objectives.values()) == getattr(t, key)
    assert y.plan_status == {"moi": "approved", "hc": "draft"}


def test_a_year_takes_only_its_own_plans_and_lists_bodies_without_one() -> None:
    plans = [plan("moi", 2020, "draft", activity(budget=budget(5))), plan("hc", 2021, "submitted")]
    y = assemble_year(framework(), plans, 2020)
    assert [r.id for r in y.activities] == ["moi-2020-A1"]
    assert y.plan_status == {"moi": "draft", "hc": "missing"}
    assert (y.bodies["hc"].activities, y.bodies["hc"].totals.activities) == ([], 0)
    assert y.objectives["safety.1"].totals.budget == 0  # every objective has a group
    assert (y.year, y.currency) == (2020, "XAF")


def test_master_of_assembles_every_year_with_plans() -> None:
    repo = repository(
        checked_plan(plan_data("moi", 2021, "draft", activity(budget=budget(7)))),
        checked_plan(plan_data("moi", 2020, "draft", activity(budget=budget(5))), warnings=("w",)),
        checked_plan(plan_data("hc", 2020, "approved", activity(budget=budget(3)))),
    )
    master = master_of(repo)
    assert [y.year for y in master.years] == [2020, 2021]
    assert [y.totals.budget for y in master.years] == [8, 7]  # a warning does not leave a plan out
    assert master.skipped == [] and len(master.checked) == 3
    (only,) = master_of(repo, 2021).years
    assert only.totals.budget == 7


def test_master_of_refuses_invalid_plans_unless_asked_to_skip_them() -> None:
    good = checked_plan(plan_data("moi", 2020, "draft", activity(budget=budget(5))))
    bad = checked_plan(
        plan_data("hc", 2020, "draft", activity(budget=budget(9))),
        errors=("pillar-unknown",),
        warnings=("text-language",),
    )
    repo = repository(good, bad)
    with pytest.raises(DataInvalid, match="1 plan file"):
        master_of(repo)
    master = master_of(repo, skip_invalid=True)
    assert master.skipped == [bad]
    (y,) = master.years
    assert (y.totals.budget, y.plan_status["hc"]) == (5, "missing")
    (entry,) = master.skipped_json()
    assert entry["file"] == "plans/2020/hc.yaml"
    assert [e["rule"] for e in entry["errors"]] == ["pillar-unknown"]  # no warnings
    # an invalid plan of another year does not stop this year's master plan
    (y2020,) = master_of(
        repository(good, checked_plan(plan_data("hc", 2021), errors=("x",))), 2020
    ).years
    assert y2020.totals.budget == 5


def test_master_of_refuses_what_it_cannot_assemble() -> None:
    plans = [checked_plan(plan_data("moi", 2020))]
    with pytest.raises(DataInvalid, match=r"nap\.yaml or plans/bodies.yaml has errors"):
        master_of(repository(*plans, valid=False))
    with pytest.raises(UsageError, match="unknown year 2022: the plan period is 2020-2021"):
        master_of(repository(*plans), 2022)
    with pytest.raises(UsageError, match="no valid plans for 2021: nothing to assemble"):
        master_of(repository(*plans), 2021)
    with pytest.raises(UsageError, match="no valid plans in plans/"):
        master_of(repository())
    unread = checked("moi", 2020)  # loaded, no error, but its data was not kept
    with pytest.raises(UsageError, match="no valid plans in plans/"):
        master_of(repository(unread))
