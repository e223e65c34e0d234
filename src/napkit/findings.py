"""Findings: every problem found, collected into one report before anything is printed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
JsonPath = tuple[str | int, ...]


def format_path(path: JsonPath) -> str:
    """`activities[2].budget.amount`; the whole document is `.`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "."


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    col: int
    severity: Severity
    rule: str
    path: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def sorted(self) -> list[Finding]:
        """Errors before warnings (what must be fixed comes first), then by place."""
        return sorted(
            self.findings,
            key=lambda f: (f.severity != "error", f.file, f.line, f.col, f.rule, f.message),
        )

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.sorted())

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def exit_code(self, *, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return 1
        return 0
