"""From a repository to the master plan of one year or all years: validation first,
invalid plans refused unless asked to skip them (and then listed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from napkit.build.assembly import YearPlan, assemble_year
from napkit.check.validation import Checked, Options, Repository, check_repository
from napkit.errors import DataInvalid, UsageError
from napkit.plans.framework import Framework
from napkit.plans.model import Plan, plan_from_data


@dataclass
class Master:
    framework: Framework
    years: list[YearPlan]
    skipped: list[Checked] = field(default_factory=list)
    checked: list[Checked] = field(default_factory=list)  # every plan file, valid or not

    def skipped_json(self) -> list[dict[str, Any]]:
        return [
            {
                "file": c.file.rel,
                "errors": [f.as_dict() for f in c.findings if f.severity == "error"],
            }
            for c in self.skipped
        ]


def load_master(
    root: Path,
    year: int | None = None,
    *,
    skip_invalid: bool = False,
    options: Options | None = None,
) -> Master:
    repo = check_repository(
        root, options=Options(**{**(options or Options()).__dict__, "keep_data": True})
    )
    return master_of(repo, year, skip_invalid=skip_invalid)


def master_of(repo: Repository, year: int | None = None, *, skip_invalid: bool = False) -> Master:
    """The master plan of a repository already checked (with its plans' data kept)."""
    fw = repo.framework
    if fw is None:
        raise DataInvalid("plans/nap.yaml or plans/bodies.yaml has errors", repo.report)
    if year is not None and not fw.first_year <= year <= fw.last_year:
        raise UsageError(f"unknown year {year}: the plan period is {fw.first_year}-{fw.last_year}")
    chosen = [c for c in repo.plans if year is None or c.file.year == year]
    invalid = [c for c in chosen if not c.valid]
    if invalid and not skip_invalid:
        raise DataInvalid(
            f"{len(invalid)} plan file(s) have errors: fix them, or pass --skip-invalid to leave them out",
            repo.report,
        )
    plans: list[Plan] = [
        plan_from_data(c.data, c.file.rel, fw.objective_pillar)
        for c in chosen
        if c.valid and c.data is not None
    ]
    years = sorted({p.year for p in plans}) if year is None else [year]
    if not plans or (year is not None and not any(p.year == year for p in plans)):
        where = f"for {year}" if year is not None else "in plans/"
        raise UsageError(f"no valid plans {where}: nothing to assemble")
    return Master(fw, [assemble_year(fw, plans, y) for y in years], invalid, repo.plans)
