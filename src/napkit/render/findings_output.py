"""Renderers of a validation report: text for people, GitHub annotations, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Callable

import click

from napkit.findings import Finding, Report
from napkit.render.markdown import cell

_COLOURS = {"error": "red", "warning": "yellow"}


def text(report: Report, *, colour: bool = False) -> str:
    lines = []
    for f in report:
        severity = (
            click.style(f.severity, fg=_COLOURS[f.severity], bold=True) if colour else f.severity
        )
        where = (
            click.style(f"{f.file}:{f.line}:{f.col}", bold=True)
            if colour
            else f"{f.file}:{f.line}:{f.col}"
        )
        lines.append(f"{where}: {severity} [{f.rule}] {_where(f)}: {f.message}")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _where(f: Finding) -> str:
    """The finding's place in the plan; the whole document reads as what it is."""
    return "the top of the file" if f.path == "." else f.path


def _summary(report: Report) -> str:
    files = f"{report.files_checked} file{'s' if report.files_checked != 1 else ''}"
    if not report.findings:
        return f"{files} checked: no problems"
    return f"{files} checked: {report.errors} error(s), {report.warnings} warning(s)"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, *, colour: bool = False) -> str:
    """Workflow commands; errors first, since GitHub shows only the first few of each kind."""
    ordered = sorted(report, key=lambda f: (f.severity != "error", f.file, f.line, f.col))
    lines = [_annotation(f) for f in ordered]
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _annotation(f: Finding) -> str:
    props = ",".join(
        f"{k}={_escape_property(str(v))}"
        for k, v in (
            ("file", f.file),
            ("line", f.line),
            ("col", f.col),
            ("title", f"{f.rule} {_where(f)}"),
        )
    )
    return f"::{f.severity} {props}::{_escape_data(f.message)}"


def as_json(report: Report, *, colour: bool = False) -> str:
    data = {
        "findings": [f.as_dict() for f in report],
        "summary": {
            "files": report.files_checked,
            "errors": report.errors,
            "warnings": report.warnings,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def markdown(report: Report, *, colour: bool = False) -> str:
    """A table of every finding, errors first: for a job summary, where GitHub's
    limit of ten annotations of a kind does not apply."""
    if not report.findings:
        return f"### nap validate\n\n{_summary(report)}.\n"
    rows = ["| | file | line | rule | where | problem |", "|---|---|--:|---|---|---|"]
    for f in sorted(report, key=lambda f: (f.severity != "error", f.file, f.line, f.col)):
        icon = "❌" if f.severity == "error" else "⚠️"
        rows.append(
            f"| {icon} | {cell(f.file)} | {f.line} | `{f.rule}` | {cell(_where(f))} | {cell(f.message)} |"
        )
    return f"### nap validate\n\n{_summary(report)}.\n\n" + "\n".join(rows) + "\n"


FORMATS: dict[str, Callable[..., str]] = {
    "text": text,
    "github": github,
    "json": as_json,
    "markdown": markdown,
}
