"""The submission tracker (build/tracker.py) on a hand-built framework: verdicts
against the planning round's deadline, where each date comes from, and the views
by year that the commands use. No files, no git: dates come in as data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from handmade import DEADLINE, checked, framework, nap_data, rel
from napkit.build.tracker import (
    VERDICTS,
    Submission,
    by_year,
    deadline,
    track,
    tracked_paths,
    verdict_counts,
    years_tracked,
)
from napkit.errors import UsageError

DAY = dt.timedelta(days=1)


def _entry(
    body: str, status: str, submitted: str | None = None, year: int = 2020
) -> dict[str, Any]:
    """One plan as `track` takes it."""
    return {"path": rel(body, year), "status": status, "submitted": submitted}


def _row(rows: list[Submission], body: str) -> Submission:
    return next(r for r in rows if r.body == body)


def test_deadline_is_the_date_drafts_were_returned_plus_the_days_allowed() -> None:
    fw = framework()
    assert deadline(fw, 2020) == dt.date(2020, 4, 30)
    assert deadline(fw, 2021) is None  # no planning round that year
    nap = nap_data()
    nap["reporting"]["rounds"] = [
        {"year": 2020, "drafts_returned": "2020-02-20", "days_allowed": 10},  # a leap year
        {"year": 2020, "drafts_returned": "2020-06-01", "days_allowed": 30},  # the first counts
    ]
    assert deadline(framework(nap), 2020) == dt.date(2020, 3, 1)


def test_submitted_on_the_deadline_day_is_on_time_and_a_day_later_is_late() -> None:
    plans = {"moi": _entry("moi", "submitted"), "hc": _entry("hc", "approved")}
    history = {rel("moi"): (DEADLINE, False), rel("hc"): (DEADLINE + DAY, False)}
    rows = track(framework(), 2020, plans, history)
    assert [(r.body, r.submitted, r.source, r.deadline, r.verdict) for r in rows] == [
        ("moi", DEADLINE, "history", DEADLINE, "on time"),
        ("hc", DEADLINE + DAY, "history", DEADLINE, "late"),
    ]


def test_every_body_of_the_framework_gets_one_row_in_its_order_even_without_a_plan() -> None:
    plans = {
        "ghost": _entry("ghost", "submitted", "2020-04-01"),  # not a body: not tracked
        "hc": _entry("hc", "submitted", "2020-04-01"),
    }
    rows = track(framework(), 2020, plans, {})
    assert [r.body for r in rows] == ["moi", "hc"]
    moi = _row(rows, "moi")
    assert (moi.status, moi.verdict, moi.submitted, moi.source) == (
        "missing",
        "missing",
        None,
        None,
    )
    assert (moi.jurisdiction, moi.deadline) == ("north", DEADLINE)
    assert _row(rows, "hc").jurisdiction == "south"


@pytest.mark.parametrize(
    ("status", "submitted", "verdict"),
    [
        ("draft", "2020-04-25", "not submitted"),  # a date in a draft does not make it submitted
        ("draft", None, "not submitted"),
        ("submitted", None, "submitted (no date)"),  # no date anywhere: nothing to judge
    ],
)
def test_without_a_known_date_a_plan_is_not_rated(
    status: str, submitted: str | None, verdict: str
) -> None:
    rows = track(framework(), 2020, {"moi": _entry("moi", status, submitted)}, {})
    moi = _row(rows, "moi")
    assert (moi.status, moi.submitted, moi.source, moi.verdict) == (status, None, None, verdict)


@pytest.mark.parametrize(
    ("status", "submitted", "verdict"),
    [
        ("submitted", "2020-04-30", "on time"),
        ("finalized", "2020-05-01", "late"),
        ("approved", "2020-04-01", "on time"),
    ],
)
def test_without_history_the_plans_own_date_is_used(
    status: str, submitted: str, verdict: str
) -> None:
    rows = track(framework(), 2020, {"hc": _entry("hc", status, submitted)}, {})
    hc = _row(rows, "hc")
    assert (hc.submitted, hc.source, hc.verdict) == (
        dt.date.fromisoformat(submitted),
        "plan",
        verdict,
    )


def test_history_wins_over_the_plans_date_when_the_plan_became_submitted_in_the_repository() -> (
    None
):
    plans = {"moi": _entry("moi", "submitted", "2020-04-25")}
    rows = track(framework(), 2020, plans, {rel("moi"): (dt.date(2020, 5, 5), False)})
    moi = _row(rows, "moi")
    assert (moi.submitted, moi.source, moi.verdict) == (dt.date(2020, 5, 5), "history", "late")


def test_a_plan_that_came_in_already_submitted_keeps_its_declared_date() -> None:
    imported = {rel("moi"): (dt.date(2020, 6, 1), True)}  # first version already approved
    with_date = track(framework(), 2020, {"moi": _entry("moi", "approved", "2020-04-25")}, imported)
    moi = _row(with_date, "moi")
    assert (moi.submitted, moi.source, moi.verdict) == (dt.date(2020, 4, 25), "plan", "on time")
    # with no declared date, the date of that first commit is all there is
    without = track(framework(), 2020, {"moi": _entry("moi", "approved")}, imported)
    moi = _row(without, "moi")
    assert (moi.submitted, moi.source, moi.verdict) == (dt.date(2020, 6, 1), "history", "late")


def test_a_year_without_a_planning_round_rates_no_plan_on_time() -> None:
    plans = {"moi": _entry("moi", "submitted", year=2021)}
    rows = track(framework(), 2021, plans, {rel("moi", 2021): (dt.date(2021, 12, 31), False)})
    moi, hc = _row(rows, "moi"), _row(rows, "hc")
    assert (moi.deadline, moi.verdict) == (None, "submitted (no deadline)")
    assert (hc.deadline, hc.verdict) == (None, "missing")
    counts = verdict_counts(rows)
    assert counts == {
        "on time": 0,
        "late": 0,
        "submitted (no deadline)": 1,
        "not submitted": 0,
        "missing": 1,
    }


def test_verdict_counts_name_every_verdict_in_order_with_zeros() -> None:
    plans = {"moi": _entry("moi", "submitted", "2020-05-02")}
    counts = verdict_counts(track(framework(), 2020, plans, {}))
    rare = ("submitted (no deadline)", "submitted (no date)")  # none here
    assert list(counts) == [v for v in VERDICTS if v not in rare]
    assert counts == {"on time": 0, "late": 1, "not submitted": 0, "missing": 1}
    assert verdict_counts([]) == {v: 0 for v in VERDICTS if v not in rare}


def test_a_submitted_plan_without_a_date_counts_as_submitted_unrated() -> None:
    """Its status says submitted: every view counts it so (PlanCounts.submitted), and
    with no date known the tracker cannot rate it on time or late."""
    plans = {"moi": _entry("moi", "finalized", None)}
    moi = _row(track(framework(), 2020, plans, {}), "moi")
    assert (moi.submitted, moi.verdict) == (None, "submitted (no date)")
    draft = _row(track(framework(), 2020, {"moi": _entry("moi", "draft", None)}, {}), "moi")
    assert draft.verdict == "not submitted"


def test_as_dict_gives_dates_as_iso_text() -> None:
    plans = {"moi": _entry("moi", "submitted", "2020-04-29")}
    moi, hc = track(framework(), 2020, plans, {})
    assert moi.as_dict() == {
        "body": "moi",
        "jurisdiction": "north",
        "status": "submitted",
        "submitted": "2020-04-29",
        "source": "plan",
        "deadline": "2020-04-30",
        "verdict": "on time",
    }
    assert (hc.as_dict()["submitted"], hc.as_dict()["source"]) == (None, None)


def test_years_tracked_are_the_year_asked_or_every_year_with_plans() -> None:
    fw = framework()
    plans = [checked("moi", 2021), checked("hc", 2020), checked("moi", 2020)]
    assert years_tracked(fw, plans, None) == [2020, 2021]
    assert years_tracked(fw, plans, 2021) == [2021]
    assert years_tracked(fw, [checked("moi", 2020)], 2021) == [2021]  # a year with no plan yet


def test_years_tracked_refuses_a_year_outside_the_period_and_a_repository_without_plans() -> None:
    fw = framework()
    with pytest.raises(UsageError, match="unknown year 2019: the plan period is 2020-2021"):
        years_tracked(fw, [checked("moi", 2020)], 2019)
    with pytest.raises(UsageError, match="nothing to track"):
        years_tracked(fw, [], None)
    with pytest.raises(UsageError, match="nothing to track"):
        years_tracked(fw, [checked("moi", 2020, None)], None)  # its status could not be read


def test_by_year_and_tracked_paths_read_the_checked_files() -> None:
    plans = [
        checked("moi", 2020, "submitted", submitted="2020-04-29"),
        checked("hc", 2020, None),  # a broken file: no status, so the body counts as missing
        checked("hc", 2021, "approved", submitted="2021-01-05"),
    ]
    assert tracked_paths(plans, [2020]) == [rel("moi", 2020)]
    assert tracked_paths(plans, [2020, 2021]) == [rel("moi", 2020), rel("hc", 2021)]
    history = {rel("moi", 2020): (DEADLINE + DAY, False)}
    tables = by_year(framework(), plans, [2020, 2021], history)
    assert list(tables) == [2020, 2021]
    assert [(r.body, r.status, r.source, r.verdict) for r in tables[2020]] == [
        ("moi", "submitted", "history", "late"),
        ("hc", "missing", None, "missing"),
    ]
    assert [(r.body, r.submitted, r.verdict) for r in tables[2021]] == [
        ("moi", None, "missing"),
        ("hc", dt.date(2021, 1, 5), "submitted (no deadline)"),  # 2021 has no round
    ]
