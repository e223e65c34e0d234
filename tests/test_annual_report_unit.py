"""The annual report (render/annual_report.py) of a hand-built year: every figure
checked against a value worked out by hand from the tiny plans below.

The year 2020: moi's plan (approved) has three activities; hc has no plan.
- A1 (voice.1): 1,000 XAF; 250 committed, 100 pledged, 50 requested, so a gap of
  750; reported on-track in Q1 (spent 100), then delayed in Q3 (spent 300, a note);
  indicator I1 10 -> 30, at 20 in Q3: half way, not met.
- A2 (safety.1): 2 USD = 1,000 XAF, no funding, so a gap of 1,000; completed in Q2,
  spent 1 USD = 500 XAF; indicator I1 no -> yes, reported yes: met.
- A3 (voice.2): no budget, no report; an indicator without a target.
Totals: budget 2,000, committed 250 (12.5%), gap 1,750 (87.5%), spent 800 (40.0%).
moi's plan was submitted on 2020-05-01, a day after the deadline.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handmade import (
    activity,
    budget,
    framework,
    funding,
    indicator,
    nap_data,
    plan,
    progress,
    rel,
)
from napkit.build.assembly import assemble_year
from napkit.build.tracker import track
from napkit.plans.framework import Framework
from napkit.plans.model import Plan
from napkit.render.annual_report import report


def _activities() -> list[dict[str, Any]]:
    a1 = activity(
        "A1",
        "voice",
        "voice.1",
        budget=budget(
            1000,
            "XAF",
            funding(250, "committed"),
            funding(100, "pledged", "donor"),
            funding(50, "requested", "donor"),
        ),
        indicators=[indicator("I1", 10, 30)],
        # listed out of order: the report follows the periods, not the list
        progress=[
            progress("2020-Q3", "delayed", spent=300, values={"I1": 20}, note="Waiting for funds"),
            progress("2020-Q1", "on-track", spent=100, values={"I1": 15}),
        ],
    )
    a2 = activity(
        "A2",
        "safety",
        "safety.1",
        budget=budget(2, "USD"),
        indicators=[indicator("I1", False, True, unit="yes-no")],
        progress=[progress("2020-Q2", "completed", spent=1, values={"I1": True})],
    )
    a3 = activity("A3", "voice", "voice.2", indicators=[indicator("I9")])
    return [a1, a2, a3]


def _report(
    plans: list[Plan] | None = None,
    *,
    fw: Framework | None = None,
    year: int = 2020,
    history: dict[str, tuple[dt.date, bool]] | None = None,
) -> str:
    fw = fw or framework()
    if plans is None:
        plans = [plan("moi", 2020, "approved", *_activities())]
        history = {rel("moi"): (dt.date(2020, 5, 1), False)} if history is None else history
    entries = {
        p.body: {"path": p.file, "status": p.status, "submitted": p.submitted}
        for p in plans
        if p.year == year
    }
    submissions = track(fw, year, entries, history or {})
    return report(fw, assemble_year(fw, plans, year), submissions)


def _section(text: str, heading: str) -> list[str]:
    """The lines of one `## heading` section."""
    lines = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return lines.splitlines()


def test_opening_names_the_bodies_with_plans_and_the_exchange_rates() -> None:
    text = _report()
    assert text.startswith("# Annual implementation report 2020\n\nTiny Action Plan. ")
    assert (
        "Assembled from the plans of 1 of 2 implementing bodies (1 submitted, 0 still in draft); amounts in XAF at the "
        "2020 exchange rates (1 USD = 500 XAF, 1 EUR = 1.1 XAF)." in text
    )


def test_a_year_without_exchange_rates_says_no_other_currency() -> None:
    plans = [plan("hc", 2021, "draft", activity(budget=budget(5, "XAF")))]
    text = _report(plans, year=2021)
    assert "amounts in XAF at the 2021 exchange rates (no other currency)." in text


def test_headline_figures() -> None:
    rows = _section(_report(), "Headline figures")
    assert "| activities | 3 |" in rows
    assert "| activities by status | 1 completed, 1 delayed, 1 no report yet |" in rows
    assert "| budget | 2,000 XAF |" in rows
    assert "| committed funding | 250 XAF (12.5%) |" in rows
    assert "| funding gap | 1,750 XAF (87.5%) |" in rows  # budget minus committed only
    assert "| spent | 800 XAF (40.0% of the budget) |" in rows  # the latest report's spending
    assert "| activities without a budget | 1 |" in rows


def test_only_finalized_and_approved_plans_count_as_finalized_or_approved() -> None:
    def count(moi: str, hc: str) -> str:
        plans = [plan("moi", 2020, moi), plan("hc", 2020, hc)]
        rows = _section(_report(plans), "Headline figures")
        return next(r for r in rows if r.startswith("| plans finalized or approved |"))

    assert count("submitted", "draft") == "| plans finalized or approved | 0 of 2 |"
    assert count("finalized", "approved") == "| plans finalized or approved | 2 of 2 |"


def test_with_no_budget_at_all_shares_are_a_dash() -> None:
    text = _report([plan("moi", 2020, "draft", activity())])
    rows = _section(text, "Headline figures")
    assert "| committed funding | 0 XAF (-) |" in rows
    assert "| activities without a budget | 1 |" in rows
    budgeted = _report([plan("moi", 2020, "draft", activity(budget=budget(10)))])
    assert "activities without a budget" not in budgeted


def test_progress_by_pillar_and_objective() -> None:
    rows = _section(_report(), "Progress by pillar and objective")
    table = [r for r in rows if r.startswith("| ") and "---" not in r][1:]
    # activities | completed | on track | delayed | cancelled | no report
    assert table == [
        "| **Voice** | 2 | 0 | 0 | 1 | 0 | 1 |",
        "| voice.1 Women in decisions | 1 | 0 | 0 | 1 | 0 | 0 |",
        "| voice.2 Women in peace talks | 1 | 0 | 0 | 0 | 0 | 1 |",
        "| **Safety** | 1 | 1 | 0 | 0 | 0 | 0 |",
        "| safety.1 Services for survivors | 1 | 1 | 0 | 0 | 0 | 0 |",
    ]


def test_progress_by_body_lists_a_body_without_a_plan_as_missing() -> None:
    rows = _section(_report(), "Progress by body")
    assert "| Ministry of Interior | approved | 3 | 2,000 | 1,750 | 800 | 1 | 1 |" in rows
    assert "| High Council | no plan | 0 | 0 | 0 | 0 | 0 | 0 |" in rows


def test_indicators_met_not_met_and_silent() -> None:
    rows = _section(_report(), "Indicators")
    assert "1 met, 1 not yet met, 1 with no value reported or no target." in rows
    met = rows[rows.index("### Met") :]
    missed = rows[rows.index("### Not yet met") :]
    assert "| moi-2020-A2 | Indicator I1 | no | yes | yes (2020-Q2) | 100% |" in met[:5]
    # the Q3 value, the latest, though Q1 is listed after it: (20 - 10) / (30 - 10)
    assert "| moi-2020-A1 | Indicator I1 | 10 | 30 | 20 (2020-Q3) | 50% |" in missed[:5]


def test_delayed_and_cancelled_activities_with_their_latest_note() -> None:
    rows = _section(_report(), "Delayed and cancelled activities")
    table = [r for r in rows if r.startswith("| moi-")]
    assert table == ["| moi-2020-A1 | Activity A1 | delayed | 2020-Q3 | Waiting for funds |"]
    cancelled = activity("B1", progress=[progress("2020-Q4", "cancelled")])
    rows = _section(
        _report([plan("hc", 2020, "draft", cancelled)]), "Delayed and cancelled activities"
    )
    assert "| hc-2020-B1 | Activity B1 | cancelled | 2020-Q4 | - |" in rows


def test_no_delayed_or_cancelled_activity_says_none() -> None:
    on_track = activity(progress=[progress("2020-Q1", "on-track")])
    rows = _section(
        _report([plan("moi", 2020, "draft", on_track)]), "Delayed and cancelled activities"
    )
    assert rows[1] == "None."


def test_spending_and_funding_gap_by_pillar_add_up_to_all_pillars() -> None:
    rows = _section(_report(), "Spending and funding gap by pillar")
    # budget | gap (share) | committed | pledged | requested | spent (share)
    assert "| Voice | 1,000 | 750 (75.0%) | 250 | 100 | 50 | 300 (30.0%) |" in rows
    assert "| Safety | 1,000 | 1,000 (100.0%) | 0 | 0 | 0 | 500 (50.0%) |" in rows
    assert "| All pillars | 2,000 | 1,750 (87.5%) | 250 | 100 | 50 | 800 (40.0%) |" in rows


def test_plan_submissions_with_the_deadline_and_the_counts() -> None:
    lines = _report().split("\n## Plan submissions\n", 1)[1].splitlines()
    assert "Deadline: 2020-04-30." in lines
    assert "| Ministry of Interior | approved | 2020-05-01 | late |" in lines
    assert "| High Council | no plan | - | no plan |" in lines
    assert lines[-1] == "0 on time, 1 late, 0 not submitted, 1 no plan."


def test_no_planning_round_no_deadline_line() -> None:
    nap = nap_data()
    del nap["reporting"]["rounds"]
    text = _report(fw=framework(nap))
    lines = text.split("\n## Plan submissions\n", 1)[1].splitlines()
    assert not any(line.startswith("Deadline") for line in lines)
    assert "| Ministry of Interior | approved | 2020-05-01 | submitted (no deadline) |" in lines
    assert lines[-1] == "0 on time, 0 late, 1 submitted (no deadline), 0 not submitted, 1 no plan."


def test_plan_text_is_escaped_in_table_cells() -> None:
    late = activity(
        title="Train | audit <staff>", progress=[progress("2020-Q2", "delayed", note="a|b")]
    )
    rows = _section(_report([plan("moi", 2020, "draft", late)]), "Delayed and cancelled activities")
    assert "| moi-2020-A1 | Train \\| audit &lt;staff&gt; | delayed | 2020-Q2 | a\\|b |" in rows
