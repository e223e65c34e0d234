"""`nap fmt`: one canonical layout, with comments, quoting and text kept exactly.

ruamel.yaml's round-trip mode rewrites only what layout requires. Before a file
is replaced, both versions are loaded with the safe loader and compared, so a
formatting bug can never change a plan's data.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.representer import RoundTripRepresenter

from napkit.authoring import repairs
from napkit.errors import InternalError
from napkit.findings import say
from napkit.i18n import N_
from napkit.output import replace_file
from napkit.plans.document import LoadError, load_text


class FloatText(str):
    """A float kept as written: ruamel.yaml re-prints some floats in scientific
    notation with a different last digit, and formatting must not change data."""


def _float_as_written(constructor: Any, node: Any) -> FloatText:
    return FloatText(node.value)


def _write_float(representer: Any, value: FloatText) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:float", str(value))


class _Constructor(RoundTripConstructor):
    pass


class _Representer(RoundTripRepresenter):
    pass


_Constructor.add_constructor("tag:yaml.org,2002:float", _float_as_written)
_Representer.add_representer(FloatText, _write_float)


def round_trip() -> YAML:
    """ruamel.yaml set up for our layout, keeping floats and quotes as written."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True  # before the constructor is made, which reads it
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000  # never fold long lines: editors wrote them that way
    yaml.allow_unicode = True
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
    return yaml


class FormatError(InternalError):
    """The formatted text would not hold the same data: an internal bug, never written."""


def format_text(text: str, display: str = "<text>", main: str | None = None) -> str:
    """The canonical form of `text`; raises LoadError for a file that does not load.
    With `main` (the main language), `text` is a plan and each text written as one
    string is written by language (repairs.texts_by_language)."""
    before = load_text(text.encode("utf-8"), display).data
    yaml = round_trip()
    data = yaml.load(text.removeprefix("\ufeff"))
    if main is not None:
        repairs.texts_by_language(before, main)
        repairs.texts_by_language(data, main, numbers=(FloatText,))
    out = io.StringIO()
    yaml.dump(data, out)
    result = canonical_lines(out.getvalue())
    if load_text(result.encode("utf-8"), display).data != before:
        raise FormatError(
            f"{display}: formatting would change the data; the file was left as it is"
        )
    return result


def canonical_lines(dumped: str) -> str:
    """ruamel.yaml's output in the canonical layout: no trailing spaces, and each
    comment at the indentation of the line it describes."""
    return _indent_comments([line.rstrip() for line in dumped.splitlines()])


_BLOCK_SCALAR = re.compile(r"(^|:|-)\s*[|>][-+0-9]*\s*(#.*)?$")


def _indent_comments(lines: list[str]) -> str:
    """A comment on a line of its own takes the indentation of the line it
    describes (the next line with content); ruamel.yaml keeps comments where
    they were when it re-indents the lines around them."""
    out = list(lines)
    block_indent: int | None = None  # inside a | or > block: its lines are text, not comments
    pending: list[int] = []
    for i, line in enumerate(lines):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue
            block_indent = None
        if not stripped:
            continue
        if stripped.startswith("#"):
            pending.append(i)
            continue
        for j in pending:
            out[j] = " " * indent + lines[j].lstrip(" ")
        pending = []
        if _BLOCK_SCALAR.search(
            line.split(" #")[0] if "'" not in line and '"' not in line else line
        ):
            block_indent = indent
    return "\n".join(out) + "\n"


@dataclass
class Formatted:
    changed: bool
    notes: list[str] = field(default_factory=list)  # repairs made on the way


def format_file(path: Path, display: str, *, check: bool, main: str | None = None) -> Formatted:
    """Format one file in place (or only compare, with check). Raises LoadError for
    a file that does not load even once repaired. `main`: the main language, for a
    plan file (see format_text)."""
    raw = path.read_bytes()
    notes: list[str] = []
    repaired = repairs.decoded(raw)
    if repaired is not None:
        text, notes = repaired.text, repaired.notes
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            load_text(raw, display)  # raises the located encoding error
            raise
    text = text.replace("\r\n", "\n")
    tabs = repairs.untabbed(text)
    if tabs is not None:
        try:
            load_text(tabs.text.encode("utf-8"), display)
        except LoadError as exc:
            raise LoadError(
                "yaml-tab",
                *_first_tab(text),
                say(
                    N_(
                        "a tab is used for indentation, and replacing each by two spaces does "
                        "not give valid YAML ({problem}): indent the file with spaces by hand"
                    ),
                    problem=exc.message,
                ),
            ) from None
        text, notes = tabs.text, [*notes, *tabs.notes]
    new = format_text(text, display, main)
    if main is not None:
        count = repairs.texts_by_language(load_text(text.encode("utf-8"), display).data, main)
        if count:
            notes = [
                *notes,
                f"{count} one-string text{'s' if count > 1 else ''} written by language, under {main}",
            ]
    if new.encode("utf-8") == raw:
        return Formatted(False)
    if not check:
        _replace(path, new)
    return Formatted(True, notes)


def _first_tab(text: str) -> tuple[int, int]:
    at = re.search(r"^[ ]*\t", text, re.MULTILINE)
    return (text.count("\n", 0, at.start()) + 1, 1) if at else (1, 1)


def _replace(path: Path, text: str) -> None:
    replace_file(path, text.encode("utf-8"), path.stat().st_mode & 0o777)


__all__ = ["FormatError", "Formatted", "LoadError", "format_file", "format_text"]
