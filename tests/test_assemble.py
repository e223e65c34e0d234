"""The master plan: every activity once, exact money, totals that reconcile."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import PLAN, ROOT, Repo

MASTER_SCHEMA = json.loads((ROOT / "schema/master.schema.json").read_text("utf-8"))


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def _independent_totals(root: Path, year: int) -> dict[str, dict[str, Decimal]]:
    """Totals recomputed straight from the YAML files, without napkit's code."""
    nap = yaml.safe_load((root / "plans/nap.yaml").read_text("utf-8"))
    rates = {k: _dec(v) for k, v in nap["exchange_rates"][year].items()}
    rates[nap["currency"]] = Decimal(1)
    out: dict[str, dict[str, Decimal]] = {}
    for path in sorted((root / "plans" / str(year)).glob("*.yaml")):
        plan = yaml.safe_load(path.read_text("utf-8"))
        for act in plan["activities"]:
            budget = act.get("budget")
            if not budget:
                continue
            rate = rates[budget["currency"]]
            committed = sum(
                (
                    _dec(f["amount"])
                    for f in budget.get("funding", [])
                    if f["status"] == "committed"
                ),
                Decimal(0),
            )
            for key in ("all", f"pillar:{act['pillar']}", f"body:{plan['body']}"):
                t = out.setdefault(
                    key, {"budget": Decimal(0), "committed": Decimal(0), "gap": Decimal(0)}
                )
                t["budget"] += _dec(budget["amount"]) * rate
                t["committed"] += committed * rate
                t["gap"] += (_dec(budget["amount"]) - committed) * rate
    return out


@pytest.mark.slow
def test_every_sample_activity_once_and_totals_recomputed_independently(sample: Repo) -> None:
    result = sample.nap("assemble", "--year", "2016")
    assert result.exit_code == 0, result.stderr
    master = json.loads(result.output)
    jsonschema.validate(master, MASTER_SCHEMA)
    (year,) = master["years"]
    ids = [a["id"] for a in year["activities"]]
    expected = []
    for path in sorted((sample.root / "plans/2016").glob("*.yaml")):
        plan = yaml.safe_load(path.read_text("utf-8"))
        expected += [f"{plan['body']}-2016-{a['id']}" for a in plan["activities"]]
    assert sorted(ids) == sorted(expected) and len(set(ids)) == len(ids)
    independent = _independent_totals(sample.root, 2016)
    for key in ("budget", "committed", "gap"):
        assert Decimal(year["totals"][key]) == independent["all"][key]
        for pillar in year["pillars"]:
            assert Decimal(pillar["totals"][key]) == independent.get(
                f"pillar:{pillar['id']}", {}
            ).get(key, 0)
        for body in year["bodies"]:
            assert Decimal(body["totals"][key]) == independent.get(f"body:{body['id']}", {}).get(
                key, 0
            )
    by_objective = sum(len(o["activities"]) for p in year["pillars"] for o in p["objectives"])
    by_body = sum(len(b["activities"]) for b in year["bodies"])
    assert by_objective == by_body == len(ids)


def test_usd_budget_is_converted_exactly(mini: Repo) -> None:
    mini.edit(
        PLAN,
        ("budget: {amount: 10000, currency: USD}", "budget: {amount: 10000.07, currency: USD}"),
    )
    mini.edit("plans/nap.yaml", ("2020: {USD: 500}", "2020: {USD: 1182.35}"))
    master = json.loads(mini.nap("assemble").output)
    a2 = next(a for a in master["years"][0]["activities"] if a["activity"] == "A2")
    assert (
        a2["budget"]["reporting"]["budget"] == "11823582.7645"
    )  # 10000 x 1182.35 = 11823500, plus 0.07 x 1182.35 = 82.7645
    assert a2["budget"]["amount"] == "10000.07"


def test_indicator_results(mini: Repo) -> None:
    master = json.loads(mini.nap("assemble").output)
    a1 = master["years"][0]["activities"][0]
    by_id = {i["id"]: i for i in a1["indicators"]}
    assert (
        by_id["I1"]["latest"] == 40
        and by_id["I1"]["achieved"] == 0.3333
        and by_id["I1"]["met"] is False
    )
    assert by_id["I2"]["achieved"] == 0.3333  # 5 -> 10 of the way 5 -> 20
    assert by_id["I3"]["met"] is False and by_id["I3"]["latest"] is False
    assert a1["status"] == "on-track"
    assert master["years"][0]["totals"]["statuses"]["no-report"] == 1


def test_invalid_plans_are_refused_with_their_errors(mini: Repo) -> None:
    other = "plans/2020/south-hc.yaml"
    mini.write(
        other,
        mini.read(PLAN)
        .replace("north-moi", "south-hc")
        .replace("pillar: protection", "pillar: protektion"),
    )
    refused = mini.nap("assemble", "-o", "out.json")
    assert refused.exit_code == 1
    assert f"{other}:10:13: error [pillar-unknown]" in refused.stderr
    assert "--skip-invalid" in refused.stderr
    assert not mini.path("out.json").exists()
    skipped = mini.nap("assemble", "--skip-invalid", "-o", "out.json")
    assert skipped.exit_code == 0
    assert f"skipped {other} (1 error(s))" in skipped.stderr
    master = json.loads(mini.read("out.json"))
    assert [s["file"] for s in master["skipped"]] == [other]
    assert all(a["body"] == "north-moi" for a in master["years"][0]["activities"])


def test_errors_give_status_2_and_leave_nothing(mini: Repo) -> None:
    mini.write("old.json", "previous\n")
    for args, message in (
        (["--year", "2030"], "unknown year 2030"),
        (["--year", "2021"], "no valid plans for 2021"),
        (["-o", "missing/dir/out.json"], "cannot write here"),
    ):
        result = mini.nap("assemble", *args, *([] if "-o" in args else ["-o", "old.json"]))
        assert result.exit_code == 2, args
        assert message in result.stderr
    assert mini.read("old.json") == "previous\n"
    assert not mini.path("missing").exists()
    assert sorted(p.name for p in mini.root.iterdir()) == ["old.json", "plans"]


def test_output_is_replaced_whole(mini: Repo) -> None:
    mini.write("out.json", "previous\n")
    assert mini.nap("assemble", "-o", "out.json").exit_code == 0
    assert json.loads(mini.read("out.json"))["years"][0]["year"] == 2020
