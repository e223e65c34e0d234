"""The submission tracker: for each body, its plan's status, when it was submitted,
the deadline of the planning round, and whether it came on time.

The submission date is the date of the first commit on the branch in which the
plan's status became submitted or later. A plan that entered the repository
already submitted (imported from paper or email) carries its date in its
`submitted` field, which is also the fallback where there is no git history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from napkit.errors import UsageError
from napkit.framework import Framework
from napkit.history.blobs import BlobReader, BlobStore
from napkit.history.gitlog import is_repository
from napkit.history.versions import FileHistory, read_history
from napkit.validation import Checked

SUBMITTED = ("submitted", "finalized", "approved")


@dataclass(frozen=True)
class Submission:
    body: str
    jurisdiction: str
    status: str  # the plan's status now, or "missing"
    submitted: dt.date | None
    source: str | None  # "history" | "plan"
    deadline: dt.date | None
    verdict: str  # "on time" | "late" | "missing" | "not submitted"

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
    for round_ in fw.nap["reporting"].get("rounds", []):
        if round_["year"] == year:
            returned = dt.date.fromisoformat(round_["drafts_returned"])
            return returned + dt.timedelta(days=round_["days_allowed"])
    return None


def submitted_dates(root: Path, paths: list[str]) -> dict[str, tuple[dt.date, bool]]:
    """For each plan path, the date its status first became submitted or later in the
    branch's history, and whether that was already so in its first version."""
    if not is_repository(root):
        return {}
    history = read_history(root)
    out: dict[str, tuple[dt.date, bool]] = {}
    with BlobReader(root) as reader:
        store = BlobStore(root, reader)
        for path in paths:
            file = history.of(path)
            if file is not None and not file.deleted:
                found = _first_submitted(file, store)
                if found is not None:
                    out[path] = found
    return out


def _first_submitted(file: FileHistory, store: BlobStore) -> tuple[dt.date, bool] | None:
    for index, version in enumerate(file.versions):
        if version.blob is None:
            continue
        data = store.get(version.blob, version.path).data
        if data is not None and data.get("status") in SUBMITTED:
            return dt.datetime.fromisoformat(version.commit.date).date(), index == 0
    return None


def track(
    fw: Framework,
    year: int,
    plans: dict[str, dict[str, Any]],
    history: dict[str, tuple[dt.date, bool]],
) -> list[Submission]:
    """`plans`: body -> {path, status, submitted} of the year's plans; `history`: from submitted_dates."""
    due = deadline(fw, year)
    out = []
    for body_id, body in fw.bodies.items():
        entry = plans.get(body_id)
        if entry is None:
            out.append(
                Submission(body_id, body["jurisdiction"], "missing", None, None, due, "missing")
            )
            continue
        status = entry["status"]
        date, source = _date(entry, history.get(entry["path"]), status)
        if date is None:
            verdict = "not submitted"
        elif due is None:
            verdict = "on time"
        else:
            verdict = "on time" if date <= due else "late"
        out.append(Submission(body_id, body["jurisdiction"], status, date, source, due, verdict))
    return out


def _date(
    entry: dict[str, Any], found: tuple[dt.date, bool] | None, status: str
) -> tuple[dt.date | None, str | None]:
    field = entry["submitted"]
    declared = dt.date.fromisoformat(field) if field else None
    if found is not None and not (found[1] and declared is not None):
        return found[0], "history"
    if declared is not None and status in SUBMITTED:
        return declared, "plan"
    return None, None


def render(fw: Framework, year: int, rows: list[Submission]) -> str:
    """The tracker as Markdown: one table per jurisdiction, under its chairs."""
    due = deadline(fw, year)
    lines = [f"# Plan submissions {year}", ""]
    lines.append(
        f"Deadline: {due.isoformat()}"
        if due
        else "No planning round in plans/nap.yaml for this year: no deadline."
    )
    lines.append("")
    for jurisdiction in fw.nap["jurisdictions"]:
        mine = [r for r in rows if r.jurisdiction == jurisdiction["id"]]
        chairs = ", ".join(jurisdiction["chairs"])
        lines += [f"## {jurisdiction['id']} (reports to {chairs})", ""]
        lines += ["| body | plan status | submitted | from | verdict |", "|---|---|---|---|---|"]
        for r in mine:
            date = r.submitted.isoformat() if r.submitted else "-"
            lines.append(f"| {r.body} | {r.status} | {date} | {r.source or '-'} | {r.verdict} |")
        lines.append("")
    counts = {
        v: sum(1 for r in rows if r.verdict == v)
        for v in ("on time", "late", "not submitted", "missing")
    }
    lines.append(f"{len(rows)} bodies: " + ", ".join(f"{n} {v}" for v, n in counts.items()))
    return "\n".join(lines) + "\n"


def by_year(
    root: Path, fw: Framework, plans: list[Checked], year: int | None
) -> dict[int, list[Submission]]:
    """The tracker of `year`, or of every year that has plans."""
    found: dict[int, dict[str, dict[str, Any]]] = {}
    for item in plans:
        if item.status is not None:
            entry = {"path": item.file.rel, "status": item.status, "submitted": item.submitted}
            found.setdefault(int(item.file.path.parent.name), {})[item.file.path.stem] = entry
    if year is not None and not fw.first_year <= year <= fw.last_year:
        raise UsageError(f"unknown year {year}: the plan period is {fw.first_year}-{fw.last_year}")
    years = [year] if year is not None else sorted(found)
    if not years:
        raise UsageError("no plans in plans/: nothing to track")
    dates = submitted_dates(root, [e["path"] for y in years for e in found.get(y, {}).values()])
    return {y: track(fw, y, found.get(y, {}), dates) for y in years}
