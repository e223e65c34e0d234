"""The annual report: figures traced back to the assembled plans."""

from __future__ import annotations

import json
from decimal import Decimal

from conftest import PLAN, Repo


def _fmt(value: str) -> str:
    return f"{Decimal(value).quantize(Decimal(1)):,}"


def test_sample_report_figures_match_the_master_plan(sample: Repo) -> None:
    result = sample.nap("report", "--year", "2016", "-o", "report.md")
    assert result.exit_code == 0, result.stderr
    text = sample.read("report.md")
    year = json.loads(sample.nap("assemble", "--year", "2016").output)["years"][0]
    totals = year["totals"]
    assert f"| budget | {_fmt(totals['budget'])} IQD |" in text
    assert f"| funding gap | {_fmt(totals['gap'])} IQD (" in text
    assert f"| activities | {totals['activities']} |" in text
    for pillar in year["pillars"]:
        assert (
            f"| {pillar['totals']['activities']} | {pillar['totals']['statuses']['completed']} |"
            in text
        )
    delayed = [a for a in year["activities"] if a["status"] == "delayed"]
    assert delayed and all(f"| {a['id']} |" in text for a in delayed)
    for heading in (
        "## Headline figures",
        "## Progress by pillar and objective",
        "## Progress by body",
        "## Indicators",
        "## Delayed and cancelled activities",
        "## Spending and funding gap by pillar",
        "## Plan submissions",
    ):
        assert heading in text


def test_notes_of_delayed_activities_and_escaping(mini: Repo) -> None:
    mini.edit(
        PLAN,
        ("status: on-track", "status: delayed"),
        (
            "note: {en: Two courses held}",
            "note: 'Waiting for <b>funds</b> | [link](javascript:alert(1))'",
        ),
    )
    text = mini.nap("report").output
    row = next(
        line
        for line in text.splitlines()
        if line.startswith("| north-moi-2020-A1 |") and "| delayed |" in line
    )
    assert "&lt;b&gt;funds&lt;/b&gt; \\| \\[link\\]\\(javascript:alert\\(1\\)\\)" in row
    assert "<b>" not in text


def test_report_refuses_invalid_plans(mini: Repo) -> None:
    mini.edit(PLAN, ("pillar: protection", "pillar: nowhere"))
    result = mini.nap("report", "-o", "r.md")
    assert result.exit_code == 1
    assert "[pillar-unknown]" in result.stderr
    assert not mini.path("r.md").exists()
