"""The submission tracker: for each body, its plan's status, when it was submitted,
the deadline of the planning round, and whether it came on time.

The submission date is the date of the first commit on the branch in which the
plan's status became submitted or later. A plan that entered the repository
already submitted (imported from paper or email) carries its date in its
`submitted` field, which is also the fallback where there is no git history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from napkit.check.validation import Checked
from napkit.errors import UsageError
from napkit.plans.framework import Framework
from napkit.plans.model import SUBMITTED_STATUSES

# A submitted plan where no planning round sets a deadline: not rated on time or late.
UNRATED = "submitted (no deadline)"
# A plan whose status says submitted (or later) with no date known for it (no history,
# no `submitted` field): counted as submitted, like every view counts it, but not rated.
UNDATED = "submitted (no date)"
VERDICTS = ("on time", "late", UNRATED, UNDATED, "not submitted", "missing")  # every view's order
SOMETIMES = (UNRATED, UNDATED)  # verdicts shown only where they occur

# For each plan path: the date its status first became submitted or later in the
# branch's history, and whether it was so already in the plan's first version.
SubmittedDates = Mapping[str, tuple[dt.date, bool]]


@dataclass(frozen=True)
class Submission:
    body: str
    jurisdiction: str
    status: str  # the plan's status now, or "missing"
    submitted: dt.date | None
    source: str | None  # "history" | "plan"
    deadline: dt.date | None
    verdict: str  # one of VERDICTS

    def as_dict(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "jurisdiction": self.jurisdiction,
            "status": self.status,
            "submitted": self.submitted.isoformat() if self.submitted else None,
            "source": self.source,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "verdict": self.verdict,
        }


def deadline(fw: Framework, year: int) -> dt.date | None:
    planning = fw.rounds.get(year)
    return planning.deadline if planning else None


def track(
    fw: Framework,
    year: int,
    plans: dict[str, dict[str, Any]],
    history: SubmittedDates,
) -> list[Submission]:
    """`plans`: body -> {path, status, submitted} of the year's plans."""
    due = deadline(fw, year)
    out = []
    for body_id, body in fw.bodies.items():
        entry = plans.get(body_id)
        if entry is None:
            out.append(
                Submission(body_id, body.jurisdiction, "missing", None, None, due, "missing")
            )
            continue
        status = entry["status"]
        date, source = _date(entry, history.get(entry["path"]), status)
        if date is None:
            verdict = UNDATED if status in SUBMITTED_STATUSES else "not submitted"
        elif due is None:
            verdict = UNRATED
        else:
            verdict = "on time" if date <= due else "late"
        out.append(Submission(body_id, body.jurisdiction, status, date, source, due, verdict))
    return out


def _date(
    entry: dict[str, Any], found: tuple[dt.date, bool] | None, status: str
) -> tuple[dt.date | None, str | None]:
    field = entry["submitted"]
    declared = dt.date.fromisoformat(field) if field else None
    if found is not None and not (found[1] and declared is not None):
        return found[0], "history"
    if declared is not None and status in SUBMITTED_STATUSES:
        return declared, "plan"
    return None, None


def verdict_counts(rows: list[Submission]) -> dict[str, int]:
    """Each verdict's count, in VERDICTS order; the unrated ones only where they occur
    (with a planning round and dated plans, which most years have, they never do)."""
    counts = {v: sum(1 for r in rows if r.verdict == v) for v in VERDICTS}
    for rare in SOMETIMES:
        if not counts[rare]:
            del counts[rare]
    return counts


def _entries(plans: list[Checked]) -> dict[int, dict[str, dict[str, Any]]]:
    found: dict[int, dict[str, dict[str, Any]]] = {}
    for item in plans:
        if item.status is not None and item.file.year is not None:
            entry = {"path": item.file.rel, "status": item.status, "submitted": item.submitted}
            found.setdefault(item.file.year, {})[item.file.body or ""] = entry
    return found


def years_tracked(fw: Framework, plans: list[Checked], year: int | None) -> list[int]:
    """`year`, or every year that has plans."""
    if year is not None and not fw.first_year <= year <= fw.last_year:
        raise UsageError(f"unknown year {year}: the plan period is {fw.first_year}-{fw.last_year}")
    years = [year] if year is not None else sorted(_entries(plans))
    if not years:
        raise UsageError("no plans in plans/: nothing to track")
    return years


def tracked_paths(plans: list[Checked], years: list[int]) -> list[str]:
    """The plan files whose submission dates the tracker of `years` needs."""
    found = _entries(plans)
    return [e["path"] for y in years for e in found.get(y, {}).values()]


def by_year(
    fw: Framework, plans: list[Checked], years: list[int], dates: SubmittedDates
) -> dict[int, list[Submission]]:
    """The tracker of each of `years` (from years_tracked)."""
    found = _entries(plans)
    return {y: track(fw, y, found.get(y, {}), dates) for y in years}
