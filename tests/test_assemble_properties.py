"""Property-based tests of assembly over generated plans."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from napkit.build.assembly import assemble_year
from napkit.plans.framework import Framework
from napkit.plans.model import Plan, plan_from_data

pytestmark = pytest.mark.slow  # real builds or many generated cases

PILLARS = {"p1": ["p1.1", "p1.2"], "p2": ["p2.1"], "p3": ["p3.1", "p3.2", "p3.3"]}
BODIES = ["b-one", "b-two", "b-three", "b-four"]
FIELDS = ("budget", "committed", "pledged", "requested", "gap", "spent")


def framework(usd: Decimal, eur: Decimal) -> Framework:
    nap = {
        "id": "t",
        "title": "T",
        "period": {"start": 2020, "end": 2020},
        "languages": [{"code": "en", "name": "English", "dir": "ltr"}],
        "currency": "XAF",
        "exchange_rates": {"2020": {"USD": float(usd), "EUR": float(eur)}},
        "jurisdictions": [{"id": "j", "name": "J", "chairs": ["b-one"]}],
        "pillars": [
            {"id": p, "title": p, "objectives": [{"id": o, "title": o} for o in objs]}
            for p, objs in PILLARS.items()
        ],
        "reporting": {"periods": ["Q1", "Q2", "Q3", "Q4"]},
    }
    bodies = {
        "bodies": [
            {"id": b, "name": b, "jurisdiction": "j", "kind": "ministry", "reviewers": ["@o/t"]}
            for b in BODIES
        ]
    }
    return Framework.from_data(nap, bodies)


money = st.one_of(st.integers(0, 10**12), st.decimals(0, 10**9, places=2).map(float))


@st.composite
def activity(draw: st.DrawFn, index: int, body: str = "b-one") -> dict[str, object]:
    pillar = draw(st.sampled_from(sorted(PILLARS)))
    act: dict[str, object] = {
        "id": f"A{index}",
        "title": "t",
        "pillar": pillar,
        "objective": draw(st.sampled_from(PILLARS[pillar])),
    }
    others = [b for b in BODIES if b != body]
    supporting = draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
    if supporting:
        act["supporting"] = supporting  # shared: written once, in the lead's plan
    if draw(st.integers(0, 9)) == 0:
        act["budget"] = {"none": draw(st.sampled_from(["in-kind", "policy", "other"]))}
    elif draw(st.booleans()):
        amount = draw(money)
        shares = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(["committed", "pledged", "requested"]), st.integers(0, 100)
                ),
                max_size=3,
            )
        )
        total_share = max(100, sum(s for _, s in shares))
        funding = [
            {
                "source": "donor",
                "amount": int(Decimal(str(amount)) * share // total_share),
                "status": status,
                **({"currency": currency} if currency else {}),
            }
            for (status, share), currency in zip(
                shares,
                draw(st.lists(st.sampled_from(["", "XAF", "USD", "EUR"]), min_size=3, max_size=3)),
                strict=False,
            )
        ]
        act["budget"] = {
            "amount": amount,
            "currency": draw(st.sampled_from(["XAF", "USD", "EUR"])),
            "funding": funding,
        }
        if draw(st.booleans()):
            act["progress"] = [
                {
                    "period": "2020-Q2",
                    "status": draw(st.sampled_from(["on-track", "delayed", "completed"])),
                    "spent": int(Decimal(str(amount)) // 2),
                }
            ]
    return act


@st.composite
def plans(draw: st.DrawFn) -> list[Plan]:
    out = []
    for body in draw(st.lists(st.sampled_from(BODIES), unique=True, max_size=4)):
        n = draw(st.integers(0, 8))
        data = {
            "body": body,
            "year": 2020,
            "status": "draft",
            "activities": [draw(activity(i + 1, body)) for i in range(n)],
        }
        out.append(plan_from_data(data, f"plans/2020/{body}.yaml"))
    return out


rate = st.decimals(Decimal("0.0001"), Decimal(5000), places=4)


@settings(max_examples=200, deadline=None)
@given(plans=plans(), usd=rate, eur=rate)
def test_nothing_lost_nothing_twice_totals_reconcile(
    plans: list[Plan], usd: Decimal, eur: Decimal
) -> None:
    fw = framework(usd, eur)
    y = assemble_year(fw, plans, 2020)
    expected = sorted(a.global_id for p in plans for a in p.activities)
    assert sorted(r.id for r in y.activities) == expected
    assert y.totals.activities == len(expected)
    for name in FIELDS:
        overall = getattr(y.totals, name)
        assert sum((getattr(g.totals, name) for g in y.pillars.values()), Decimal(0)) == overall
        assert sum((getattr(g.totals, name) for g in y.bodies.values()), Decimal(0)) == overall
        assert sum((getattr(g.totals, name) for g in y.objectives.values()), Decimal(0)) == overall
    assert y.totals.gap == y.totals.budget - y.totals.committed
    for group in (*y.pillars.values(), *y.bodies.values()):
        assert len(group.activities) == group.totals.activities == len(set(group.activities))
    # A shared activity is counted once, under the body that leads it, and listed as
    # supported by each of the others.
    for p in plans:
        for a in p.activities:
            assert [b for b, g in y.bodies.items() if a.global_id in g.activities] == [p.body]
            for other in a.supporting:
                assert a.global_id in y.supports[other]
    assert sum(len(v) for v in y.supports.values()) == sum(
        len(a.supporting) for p in plans for a in p.activities
    )
    assert y.totals.unbudgeted + y.totals.no_budget == sum(
        1 for r in y.activities if r.money is None
    )


@settings(max_examples=200, deadline=None)
@given(plans=plans(), usd=rate, eur=rate)
def test_currency_conversion_is_exact(plans: list[Plan], usd: Decimal, eur: Decimal) -> None:
    y = assemble_year(framework(usd, eur), plans, 2020)
    rates = {"XAF": Decimal(1), "USD": usd, "EUR": eur}
    total = Decimal(0)
    for r in y.activities:
        budget = r.activity.budget
        if budget is None or budget.none is not None:
            assert r.money is None
            continue
        assert r.money is not None
        written = (
            Decimal(repr(budget.amount)) if isinstance(budget.amount, float) else budget.amount
        )
        assert r.money.budget == written * rates[budget.currency]  # no float anywhere
        committed = sum(
            (
                Decimal(f.amount) * rates[f.currency or budget.currency]
                for f in budget.funding
                if f.status == "committed"
            ),
            Decimal(0),
        )
        assert r.money.committed == committed  # each source at its own currency's rate
        total += r.money.budget
    assert y.totals.budget == total
