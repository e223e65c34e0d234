"""A problem found in a workbook, where a person finds it: sheet, cell and the
column's heading; and the map from each value of the plan to the cell it came from,
so that the checks' findings on the plan can be shown on the workbook."""

from __future__ import annotations

from dataclasses import dataclass, field

from xlsxwriter.utility import xl_rowcol_to_cell

from napkit.findings import Finding, Severity


@dataclass(frozen=True, order=True)
class Place:
    sheet: str
    row: int  # 0-based, as in the grid
    col: int
    heading: str = ""

    @property
    def cell(self) -> str:
        return str(xl_rowcol_to_cell(self.row, self.col))

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.sheet else "the workbook"
        return f"{where} ({self.heading})" if self.heading else where


WORKBOOK = Place("", 0, 0)


@dataclass(frozen=True, order=True)
class Problem:
    severity_rank: int  # errors (0) before warnings (1)
    place: Place
    rule: str
    message: str
    severity: Severity = "error"

    @classmethod
    def at(cls, place: Place, rule: str, message: str, severity: Severity = "error") -> Problem:
        return cls(0 if severity == "error" else 1, place, rule, message, severity)

    def text(self, file: str) -> str:
        return f"{file}: {self.place}: {self.severity} [{self.rule}] {self.message}"

    def github(self, file: str) -> str:
        """A workflow command: the annotation shows on the workbook in the pull request."""
        message = _escape(f"{self.place}: {self.message}")
        name = _escape(file).replace(":", "%3A").replace(",", "%2C")
        return f"::{self.severity} file={name},title={self.rule}::{message}"


def _escape(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


@dataclass
class Places:
    """Plan path (as findings write it: activities[0].budget.amount) -> its cell."""

    by_path: dict[str, Place] = field(default_factory=dict)

    def add(self, path: str, place: Place) -> None:
        self.by_path.setdefault(path, place)

    def of(self, path: str) -> Place:
        """The cell of `path`, or of the nearest enclosing value that has one."""
        while True:
            if path in self.by_path:
                return self.by_path[path]
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                return self.by_path.get(".", WORKBOOK)
            path = path[:cut]

    def problem(self, finding: Finding) -> Problem:
        return Problem.at(self.of(finding.path), finding.rule, finding.message, finding.severity)


__all__ = ["WORKBOOK", "Place", "Places", "Problem"]
