"""A problem found in a workbook, where a person finds it: sheet, cell and the
column's heading; and the map from each value of the plan to the cell it came from,
so that the checks' findings on the plan can be shown on the workbook."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlsxwriter.utility import xl_rowcol_to_cell

from napkit.findings import Finding, Message, Severity, shown
from napkit.i18n import N_, translate


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
        return self.text("en")

    def text(self, language: str = "en") -> str:
        """Sheet!cell (the column's heading, in the reader's words where napkit has them)."""
        where = (
            f"{self.sheet}!{self.cell}" if self.sheet else translate(N_("the workbook"), language)
        )
        heading = _heading(self.heading, language) if self.heading else ""
        return f"{where} ({heading})" if heading else where


WORKBOOK = Place("", 0, 0)
_LABEL = re.compile(r"^(.*?)( \(.*\)| [0-9]+)?$")


def _heading(label: str, language: str) -> str:
    """A column's label in `language`: Title (العربية) -> العنوان (العربية)."""
    match = _LABEL.match(label)
    if match is None:  # pragma: no cover - the pattern matches any text
        return label
    return translate(match[1], language) + (match[2] or "")


@dataclass(frozen=True, order=True)
class Problem:
    severity_rank: int  # errors (0) before warnings (1)
    place: Place
    rule: str
    message: Message
    severity: Severity = "error"

    @classmethod
    def at(cls, place: Place, rule: str, message: Message, severity: Severity = "error") -> Problem:
        return cls(0 if severity == "error" else 1, place, rule, message, severity)

    def said(self, language: str = "en") -> str:
        """The message in `language`, isolated as a whole when it reads right to left."""
        return shown(self.message, language)

    def text(self, file: str, language: str = "en") -> str:
        return (
            f"{file}: {self.place.text(language)}: {self.severity} [{self.rule}] "
            f"{self.said(language)}"
        )

    def github(self, file: str, language: str = "en") -> str:
        """A workflow command: the annotation shows on the workbook in the pull request."""
        message = _escape(f"{self.place.text(language)}: {self.said(language)}")
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
