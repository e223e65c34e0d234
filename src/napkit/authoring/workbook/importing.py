"""`nap import`: a filled workbook back to the plan's YAML file. Every problem of the
workbook and every finding of the plan checks (the same as `nap validate`) is
reported on the workbook's cells; the file is written only when there is no error,
in one step, and only if what it holds reads back as the workbook's plan."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from napkit.authoring.workbook import reading
from napkit.authoring.workbook.kept import with_kept
from napkit.authoring.workbook.merging import plan_text
from napkit.authoring.workbook.plan_reading import Imported, plan_of
from napkit.authoring.workbook.problems import WORKBOOK, Problem
from napkit.check.validation import Options, check_document, check_plan_text
from napkit.errors import UsageError
from napkit.findings import Message, say
from napkit.i18n import N_
from napkit.output import replace_file
from napkit.plans.document import LoadError, load_file
from napkit.plans.framework import Framework
from napkit.plans.layout import PLANS, PlanFile, plan_path

_YEAR = re.compile(r"^[0-9]{4}$")


@dataclass
class Outcome:
    target: str  # the plan file, relative to the repository
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    changed: bool = False
    activities: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


def read_plan(source: Path, fw: Framework) -> Imported:
    """The plan a workbook holds, and the problems of its cells (no plan checks)."""
    return plan_of(reading.read(source), fw)


def import_workbook(
    root: Path, fw: Framework, source: Path, to: Path | None = None, *, check: bool = False
) -> Outcome:
    """Read `source` and write its plan to `to` (default: plans/YEAR/BODY.yaml from
    the Plan sheet). With `check`, write nothing."""
    imported = read_plan(source, fw)
    target = _target(root, to) if to is not None else _default_target(imported.plan)
    if target is None:
        unknown = Problem.at(
            imported.places.of("body"),
            "workbook-plan-unknown",
            Message(
                N_(
                    "give the body and the year on the Plan sheet, or name the file to write "
                    "with --to"
                )
            ),
        )
        return Outcome("", sorted([*imported.problems, unknown]))
    existing_text, existing = _existing(root, target)
    outcome = Outcome(target, list(imported.problems), activities=len(imported.plan["activities"]))
    if outcome.errors:  # the plan is not all there: checking it would only add noise
        outcome.problems.sort()
        return outcome
    plan = with_kept(imported.plan, existing, fw) if existing is not None else imported.plan
    written = plan_text(plan, existing_text, existing, fw.main_language, target)
    text = written.text
    file = _plan_file(root, target)
    checked = (
        check_document(file, written.document, fw, Options(keep_data=True), [])
        if written.document is not None
        else check_plan_text(file, text.encode("utf-8"), fw)
    )
    outcome.problems += [imported.places.problem(f) for f in checked.findings]
    outcome.problems.sort()
    outcome.changed = text != existing_text
    if not outcome.errors and not check and outcome.changed:
        file.path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(file.path, text.encode("utf-8"))
        outcome.written = True
    return outcome


def workbook_plan(root: Path, fw: Framework, body: str, year: int) -> dict[str, object] | None:
    """The current plan of BODY for YEAR, for its workbook (None: there is none yet)."""
    if body not in fw.bodies:
        raise UsageError(f"'{body}' is not a body in plans/bodies.yaml: use one of its ids")
    if not fw.first_year <= year <= fw.last_year:
        raise UsageError(
            f"{year} is outside the plan period {fw.first_year}-{fw.last_year} in plans/nap.yaml"
        )
    target = plan_path(year, body)
    if not (root / target).is_file():
        return None
    try:
        return load_file(root / target, target).data
    except LoadError as exc:
        raise UsageError(
            f"{target} does not load ({exc.message}): fix it first (nap validate {target})"
        ) from None


def _target(root: Path, to: Path) -> str:
    full = to if to.is_absolute() else Path.cwd() / to
    try:
        rel = full.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(
            say(N_("{path}: not inside the plan repository {root}"), path=str(to), root=str(root))
        ) from None
    parts = rel.split("/")
    if (
        len(parts) != 3
        or parts[0] != PLANS
        or not _YEAR.match(parts[1])
        or not parts[2].endswith(".yaml")
    ):
        raise UsageError(
            say(
                N_("{path}: a plan lives at plans/YEAR/BODY.yaml, for example {example}"),
                path=str(to),
                example=plan_path(2025, "body"),
            )
        )
    return rel


def _default_target(plan: dict[str, object]) -> str | None:
    body, year = plan.get("body"), plan.get("year")
    if isinstance(body, str) and isinstance(year, int) and body and 1000 <= year <= 9999:
        return plan_path(year, body)
    return None


def _existing(root: Path, target: str) -> tuple[str | None, dict[str, object] | None]:
    """The target's current text and data (none when there is no file, or when it
    does not load: the import then replaces it whole)."""
    if not (root / target).is_file():
        return None, None
    path = root / target
    try:
        data = load_file(path, target).data
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (LoadError, UnicodeDecodeError):
        return None, None
    return text, data


def _plan_file(root: Path, target: str) -> PlanFile:
    parts = target.split("/")
    return PlanFile(root / target, target, "plan", int(parts[1]), Path(parts[2]).stem)


__all__ = ["WORKBOOK", "Outcome", "import_workbook"]
