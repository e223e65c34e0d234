"""Renderers of a validation report: text for people, GitHub annotations, JSON for tools,
a Markdown table for a job summary; messages in the reader's language (`language`).

What tools read stays as it is in every language: file, line, column, severity, rule id,
the path in the plan, JSON keys. What people read (messages, headings, the summary) comes
from the catalogues. A right-to-left message is isolated as a whole (RLI...PDI) after the
file name, and each value inside it (FSI...PDI, see napkit.findings.Message), so that a
line reads correctly in a terminal, an annotation and a table."""

from __future__ import annotations

import json
from collections.abc import Callable

import click

from napkit.findings import Finding, Report, isolated, shown
from napkit.i18n import N_, Words
from napkit.render.markdown import cell

_COLOURS = {"error": "red", "warning": "yellow"}


def text(report: Report, *, colour: bool = False, language: str = "en") -> str:
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
        lines.append(f"{where}: {severity} [{f.rule}] {_where(f, language)}: {_said(f, language)}")
    lines.append(_summary(report, language))
    return "\n".join(lines) + "\n"


def _said(f: Finding, language: str) -> str:
    return shown(f.message, language)


def _where(f: Finding, language: str = "en") -> str:
    """The finding's place in the plan; the whole document reads as what it is."""
    return Words(language)(N_("the top of the file")) if f.path == "." else f.path


def _summary(report: Report, language: str = "en") -> str:
    words = Words(language)
    n = report.files_checked
    files = words.plural("{n} file", "{n} files", n).format(n=n)
    if not report.findings:
        said = words(N_("{files} checked: no problems")).format(files=files)
    else:
        errors = words.plural("{n} error(s)", "{n} error(s)", report.errors)
        warnings = words.plural("{n} warning(s)", "{n} warning(s)", report.warnings)
        said = words(N_("{files} checked: {errors}, {warnings}")).format(
            files=files,
            errors=errors.format(n=report.errors),
            warnings=warnings.format(n=report.warnings),
        )
    return isolated(said, language)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, *, colour: bool = False, language: str = "en") -> str:
    """Workflow commands; errors first, since GitHub shows only the first few of each kind."""
    ordered = sorted(report, key=lambda f: (f.severity != "error", f.file, f.line, f.col))
    lines = [_annotation(f, language) for f in ordered]
    lines.append(_summary(report, language))
    return "\n".join(lines) + "\n"


def _annotation(f: Finding, language: str = "en") -> str:
    props = ",".join(
        f"{k}={_escape_property(str(v))}"
        for k, v in (
            ("file", f.file),
            ("line", f.line),
            ("col", f.col),
            ("title", f"{f.rule} {_where(f, language)}"),
        )
    )
    return f"::{f.severity} {props}::{_escape_data(_said(f, language))}"


def as_json(report: Report, *, colour: bool = False, language: str = "en") -> str:
    """Machine keys, rule ids and paths as always; `message` in `language`, which the
    top-level `language` names."""
    data = {
        "language": language,
        "findings": [f.as_dict(language) for f in report],
        "summary": {
            "files": report.files_checked,
            "errors": report.errors,
            "warnings": report.warnings,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def markdown(report: Report, *, colour: bool = False, language: str = "en") -> str:
    """A table of every finding, errors first: for a job summary, where GitHub's
    limit of ten annotations of a kind does not apply."""
    words = Words(language)
    heading = f"### nap validate\n\n{_summary(report, language)}.\n"
    if not report.findings:
        return heading
    titles = [
        words(N_("file")),
        words(N_("line")),
        words(N_("rule")),
        words(N_("where")),
        words(N_("problem")),
    ]
    rows = [f"| | {' | '.join(titles)} |", "|---|---|--:|---|---|---|"]
    for f in sorted(report, key=lambda f: (f.severity != "error", f.file, f.line, f.col)):
        icon = "❌" if f.severity == "error" else "⚠️"
        rows.append(
            f"| {icon} | {cell(f.file)} | {f.line} | `{f.rule}` | {cell(_where(f, language))} "
            f"| {cell(_said(f, language))} |"
        )
    return heading + "\n" + "\n".join(rows) + "\n"


FORMATS: dict[str, Callable[..., str]] = {
    "text": text,
    "github": github,
    "json": as_json,
    "markdown": markdown,
}
