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
from napkit.findings import FSI, PDI, Message, isolated, say
from napkit.i18n import N_, Words, right_to_left
from napkit.plans.framework import Framework
from napkit.render.markdown import cell

# In a folder, these are workbooks to import; anything else (a README, .gitkeep) is left.
_WORKBOOKS = {*READABLE, *REFUSED, ".xls"}
FORK_NOTE = Message(
    N_(
        "this pull request comes from a fork, so the workbook cannot be turned into its plan "
        "file here (a fork's pull request cannot be written to): run nap import with the "
        "workbook on your computer and commit the YAML file instead, or ask the maintainers "
        "to upload the workbook on a branch of this repository"
    )
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
            outcome = Outcome("", [Problem.at(WORKBOOK, "workbook-refused", exc.said)])
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


def result_line(name: str, outcome: Outcome, *, check: bool, language: str = "en") -> str:
    """`WORKBOOK: what became of it`, in `language`."""
    words = Words(language)
    if outcome.errors:
        n = outcome.errors
        said = words.plural(
            "{n} error(s): nothing was written", "{n} error(s): nothing was written", n
        ).format(n=n)
    elif not outcome.changed:
        said = say(
            N_("{target} is up to date (the workbook holds the same plan)"), target=outcome.target
        ).text(language)
    elif outcome.written:
        n = outcome.activities
        activities = words.plural("{n} activity", "{n} activities", n).format(n=n)
        said = words(N_("wrote {target} ({activities})")).format(
            target=_value(outcome.target, language), activities=activities
        )
    else:
        said = say(
            N_("{target} would change (--check: nothing written)")
            if check
            else N_("{target} would change"),
            target=outcome.target,
        ).text(language)
    return f"{name}: {isolated(said, language)}"


def _value(text: str, language: str) -> str:
    return f"{FSI}{text}{PDI}" if right_to_left(language) else text


def nothing_to_import(language: str = "en") -> str:
    return Words(language)(N_("no workbooks to import"))


def errors_line(errors: int, language: str = "en") -> str:
    """The last line when a workbook has errors."""
    said = Words(language).plural(
        "{n} error(s): fix them in the workbook and import it again",
        "{n} error(s): fix them in the workbook and import it again",
        errors,
    )
    return isolated(said.format(n=errors), language)


def markdown(batch: Batch, *, check: bool, language: str = "en") -> str:
    """A job summary: what became of each workbook, then every problem, errors first."""
    words = Words(language)
    lines = ["### nap import", ""]
    lines += [
        f"- {cell(result_line(n, o, check=check, language=language))}" for n, o in batch.outcomes
    ]
    problems = [(n, p) for n, o in batch.outcomes for p in o.problems]
    if problems:
        titles = [
            words(N_("workbook")),
            words(N_("where")),
            words(N_("rule")),
            words(N_("problem")),
        ]
        lines += ["", f"| | {' | '.join(titles)} |", "|---|---|---|---|---|"]
        for name, p in sorted(problems, key=lambda x: (x[1], x[0])):
            icon = "❌" if p.severity == "error" else "⚠️"
            lines.append(
                f"| {icon} | {cell(name)} | {cell(p.place.text(language))} | `{p.rule}` "
                f"| {cell(p.said(language))} |"
            )
    return "\n".join(lines) + "\n"


__all__ = [
    "FORK_NOTE",
    "Batch",
    "errors_line",
    "import_all",
    "markdown",
    "nothing_to_import",
    "result_line",
    "workbooks",
]
