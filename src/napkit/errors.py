"""The one small exception tree. Each error says what to do; the CLI maps them to exit codes.

NapError (2)          usage or environment: the command cannot run
  UsageError, RepoNotFound, OutputError, GitError (history/gitlog.py)
  DataError (1)       the data has errors
    FrameworkInvalid, DataInvalid (with the report), LoadError (plans/document.py)
  InternalError       a bug in napkit, never the user's mistake
    AssemblyError (build/assembly.py), FormatError (authoring/formatting.py)
"""

from __future__ import annotations

from napkit.findings import Message, Report


class NapError(Exception):
    """Base of every error napkit raises on purpose. What it says to a person is
    `said`, put into the person's language by the CLI."""

    exit_code = 2

    def __init__(self, message: str | Message = "") -> None:
        super().__init__(str(message))
        self.said = message if isinstance(message, Message) else Message(str(message))


class UsageError(NapError):
    """The command was asked for something it cannot do (exit 2)."""


class RepoNotFound(NapError):
    """No plan repository (a folder with plans/nap.yaml) around the working directory."""


class OutputError(NapError):
    """An output file could not be written; nothing was left half-written."""


class DataError(NapError):
    """The data has errors (exit 1)."""

    exit_code = 1


class FrameworkInvalid(DataError):
    """plans/nap.yaml or plans/bodies.yaml has errors, so nothing can be built on them."""


class DataInvalid(DataError):
    """The plans have errors, so a result built on them would be wrong. Carries the
    validation report so that the command can show every problem."""

    def __init__(self, message: str | Message, report: Report) -> None:
        super().__init__(message)
        self.report = report


class InternalError(NapError):
    """napkit found itself about to produce a wrong result: a bug to report, with
    nothing written."""
