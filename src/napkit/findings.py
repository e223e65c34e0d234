"""Findings: every problem found, collected into one report before anything is printed.

A finding's message is kept as its catalogue sentence and the values that fill it
(`Message`), and put into words in the reader's language only when it is shown: the
same check serves an editor reading Arabic, Kurdish or English."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, Union

from napkit.i18n import N_, catalogue, right_to_left, translate

Severity = Literal["error", "warning"]
JsonPath = tuple[str | int, ...]

# Unicode isolates: a value (a file name, an id, a number) keeps its own direction
# inside right-to-left text, and a right-to-left message keeps its own in a line.
FSI, RLI, PDI = "\u2068", "\u2067", "\u2069"

Arg = Union[str, int, float, "Message"]


@dataclass(frozen=True, eq=True)
class Message:
    """A sentence from the catalogues with named placeholders, filled after translation:
    a plain value is shown as written (isolated in right-to-left text), a `Message` is
    itself put into the same language."""

    template: str
    args: tuple[tuple[str, Arg], ...] = ()

    def text(self, language: str = "en") -> str:
        words = translate(self.template, language)
        if not self.args:
            return words
        rtl = right_to_left(language)
        values = {name: _filled(value, language, rtl) for name, value in self.args}
        try:
            return words.format_map(values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
            return self.template.format_map(values)

    def __str__(self) -> str:
        return self.text("en")

    def __lt__(self, other: Message) -> bool:
        return str(self) < str(other)

    def __le__(self, other: Message) -> bool:
        return str(self) <= str(other)

    def __gt__(self, other: Message) -> bool:
        return str(self) > str(other)

    def __ge__(self, other: Message) -> bool:
        return str(self) >= str(other)


def _filled(value: Arg, language: str, rtl: bool) -> str:
    if isinstance(value, Message):
        shown = value.text(language)
        # Words the catalogue lacks (a schema's English title) stay English: isolated.
        foreign = rtl and value.template not in catalogue(language)
        return f"{FSI}{shown}{PDI}" if foreign and shown else shown
    shown = str(value)
    return f"{FSI}{shown}{PDI}" if rtl and shown else shown


def say(template: str, **args: Arg) -> Message:
    """`say(N_("'{body}' is not a body"), body=body)`: N_ marks the sentence for the
    catalogues; the values stay apart until the message is shown."""
    return Message(template, tuple(args.items()))


def joined(items: Iterable[Message], last: str) -> Message:
    """Words joined for the reader: `a, b or c` with `last` a marked "{items} or {item}"."""
    parts = list(items)
    if not parts:
        return Message("")
    out = parts[0]
    for i, part in enumerate(parts[1:], start=2):
        out = say(last if i == len(parts) else N_("{items}, {item}"), items=out, item=part)
    return out


def isolated(text: str, language: str) -> str:
    """A whole message, isolated as right-to-left in a line that starts with a file name."""
    return f"{RLI}{text}{PDI}" if right_to_left(language) and text else text


def shown(message: Message, language: str) -> str:
    """The message for a line of output: isolated as right-to-left when it is in such a
    language; a sentence the catalogue lacks stays English, and left to right."""
    text = message.text(language)
    return isolated(text, language) if message.template in catalogue(language) else text


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
    message: Message

    def __post_init__(self) -> None:
        # Text that is not one of napkit's sentences (a test's, a tool's) is shown as is.
        if isinstance(self.message, str):
            object.__setattr__(self, "message", Message(self.message))

    def as_dict(self, language: str = "en") -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "rule": self.rule,
            "path": self.path,
            "message": self.message.text(language),
        }


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
            key=lambda f: (f.severity != "error", f.file, f.line, f.col, f.rule, str(f.message)),
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
