"""Importing several workbooks at once, such as every workbook uploaded to the
inbox/ folder of a pull request: each on its own (one with errors does not stop
the others), each converted one removed when asked, and one report of all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from napkit.authoring.workbook.importing import Outcome, import_workbook
from napkit.authoring.workbook.problems import WORKBOOK, Problem
from napkit.authoring.workbook.reading import READABLE, REFUSED
from napkit.errors import DataError
from napkit.plans.framework import Framework
from napkit.render.markdown import cell

# In a folder, these are workbooks to import; anything else (a README, .gitkeep) is left.
_WORKBOOKS = {*READABLE, *REFUSED, ".xls"}
FORK_NOTE = (
    "this pull request comes from a fork, so the workbook cannot be turned into its plan "
    "file here (a fork's pull request cannot be written to): run nap import with the "
    "workbook on your computer and commit the YAML file instead, or ask the maintainers "
    "to upload the workbook on a branch of this repository"
)


@dataclass
class Batch:
    outcomes: list[tuple[str, Outcome]] = field(default_factory=list)  # (workbook, outcome)

    @property
    def errors(self) -> int:
        return sum(o.errors for _, o in self.outcomes)


def workbooks(paths: Iterable[Path]) -> list[Path]:
    """The files given, and the workbooks inside the folders given (not below them)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _WORKBOOKS
            )
        else:
            out.append(path)
    return out


def import_all(
    root: Path,
    fw: Framework,
    paths: list[Path],
    *,
    check: bool = False,
    remove: bool = False,
    fork: bool = False,
) -> Batch:
    batch = Batch()
    for path in paths:
        name = _shown(root, path)
        try:
            outcome = import_workbook(root, fw, path, None, check=check or fork)
        except DataError as exc:  # a workbook refused as a whole
            outcome = Outcome("", [Problem.at(WORKBOOK, "workbook-refused", str(exc))])
        if fork:
            outcome.problems.insert(0, Problem.at(WORKBOOK, "workbook-from-fork", FORK_NOTE))
        if remove and not outcome.errors and not check and not fork:
            path.unlink()
        batch.outcomes.append((name, outcome))
    return batch


def _shown(root: Path, path: Path) -> str:
    full = path.resolve()
    return (
        full.relative_to(root.resolve()).as_posix()
        if full.is_relative_to(root.resolve())
        else path.as_posix()
    )


def result_line(name: str, outcome: Outcome, *, check: bool) -> str:
    if outcome.errors:
        return f"{name}: {outcome.errors} error(s): nothing was written"
    if not outcome.changed:
        return f"{name}: {outcome.target} is up to date (the workbook holds the same plan)"
    if outcome.written:
        return f"{name}: wrote {outcome.target} ({outcome.activities} activities)"
    return f"{name}: {outcome.target} would change" + (
        " (--check: nothing written)" if check else ""
    )


def markdown(batch: Batch, *, check: bool) -> str:
    """A job summary: what became of each workbook, then every problem, errors first."""
    lines = ["### nap import", ""]
    lines += [f"- {cell(result_line(n, o, check=check))}" for n, o in batch.outcomes]
    problems = [(n, p) for n, o in batch.outcomes for p in o.problems]
    if problems:
        lines += ["", "| | workbook | where | rule | problem |", "|---|---|---|---|---|"]
        for name, p in sorted(problems, key=lambda x: (x[1], x[0])):
            icon = "❌" if p.severity == "error" else "⚠️"
            lines.append(
                f"| {icon} | {cell(name)} | {cell(str(p.place))} | `{p.rule}` | {cell(p.message)} |"
            )
    return "\n".join(lines) + "\n"


__all__ = ["FORK_NOTE", "Batch", "import_all", "markdown", "result_line", "workbooks"]
