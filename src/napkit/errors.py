"""The one small exception tree. Each error says what to do; the CLI maps them to exit codes."""

from __future__ import annotations


class NapError(Exception):
    """Base of every error napkit raises on purpose."""

    exit_code = 2


class UsageError(NapError):
    """The command was asked for something it cannot do (exit 2)."""


class RepoNotFound(NapError):
    """No plan repository (a folder with plans/nap.yaml) around the working directory."""


class OutputError(NapError):
    """An output file could not be written; nothing was left half-written."""


class FrameworkInvalid(NapError):
    """plans/nap.yaml or plans/bodies.yaml has errors, so nothing can be built on them."""

    exit_code = 1


class DataInvalid(NapError):
    """The plans have errors, so a result built on them would be wrong. Carries the
    validation report so that the command can show every problem."""

    exit_code = 1

    def __init__(self, message: str, report: object) -> None:
        super().__init__(message)
        self.report = report
