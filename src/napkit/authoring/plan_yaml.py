"""Plan data as YAML text in the canonical layout (the one `nap fmt` writes), fast:
ruamel.yaml's emitter takes about 0.6 s for a 200-activity plan, this a few
milliseconds. Text is written plain only where it cannot be read as anything else
(by YAML 1.2 or by the YAML 1.1 of other tools: `no`, `on`), otherwise quoted;
text of several lines as a literal block. The caller loads the result back and
compares it with the data, so a mistake here can never reach a plan file."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from typing import Any

FLOW = frozenset({"partners", "locations", "values"})
DATES = frozenset({"start", "end", "submitted", "drafts_returned"})
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Plain text: starts with a letter, digit or one of a few marks, holds no YAML
# indicator that matters inside plain text, and ends with no colon.
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`=~][^\n\r\t]*$")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_NOT_TEXT = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO"
    r"|on|On|ON|off|Off|OFF|[-+]?[0-9][0-9_:.,eE+\-]*|[-+]?\.[0-9].*|\.(?:inf|Inf|INF|nan|NaN|NAN)"
    r"|[-+]?\.(?:inf|Inf|INF)|0[xXoObB][0-9a-fA-F_]+|<<|=)$"
)
_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def plan_text(data: Mapping[str, Any]) -> str:
    return "\n".join(_mapping(data, 0)) + "\n"


def _mapping(data: Mapping[str, Any], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        name = _key(str(key))
        if isinstance(value, Mapping) and value and key not in FLOW:
            lines.append(f"{pad}{name}:")
            lines += _mapping(value, indent + 2)
        elif isinstance(value, list) and value and key not in FLOW:
            lines.append(f"{pad}{name}:")
            lines += _sequence(value, indent + 2)
        else:
            lines += _scalar_lines(f"{pad}{name}:", value, indent, str(key))
    return lines


def _sequence(items: list[Any], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for item in items:
        if isinstance(item, Mapping) and item:
            inner = _mapping(item, indent + 2)
            lines.append(f"{pad}- {inner[0][indent + 2 :]}")
            lines += inner[1:]
        else:
            lines += _scalar_lines(f"{pad}-", item, indent, None)
    return lines


def sequence_lines(items: list[Any], indent: int) -> list[str]:
    """The lines of list items at `indent` (an activity added to an existing plan)."""
    return _sequence(items, indent)


def _literal(value: str) -> bool:
    """Text of several lines that a literal block (|-) holds exactly."""
    lines = value.split("\n")
    return (
        len(lines) > 1
        and not any(b in value for b in _BREAKS)
        and value == value.strip()
        and all(line == line.rstrip() and (line.isprintable() or not line) for line in lines)
    )


def _scalar_lines(prefix: str, value: Any, indent: int, key: str | None) -> list[str]:
    if isinstance(value, str) and _literal(value):
        body = " " * (indent + 2)
        return [f"{prefix} |-", *(f"{body}{line}" if line else "" for line in value.split("\n"))]
    return [f"{prefix} {_inline(value, key, flow=False)}"]


def _inline(value: Any, key: str | None, *, flow: bool) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Mapping):
        return (
            "{"
            + ", ".join(f"{_key(str(k))}: {_inline(v, None, flow=True)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v, None, flow=True) for v in value) + "]"
    text = str(value)
    if key in DATES and _DATE.match(text):
        return text
    return text if _plain(text, flow=flow) else _quoted(text)


def _plain(text: str, *, flow: bool) -> bool:
    return bool(
        _PLAIN.match(text)
        and not _NOT_TEXT.match(text)
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not (flow and (_FLOW_UNSAFE.search(text) or ":" in text))
        and text.isprintable()
    )


def _quoted(text: str) -> str:
    """Double-quoted. Text of printable letters needs only the escapes of quote and
    backslash, which JSON writes as YAML does; anything else (control characters,
    odd spaces) is left to ruamel.yaml, so that `nap fmt` finds it as it would
    write it."""
    if all(c.isprintable() for c in text):
        return json.dumps(text, ensure_ascii=False)
    return _ruamel_scalar(text)


def _ruamel_scalar(text: str) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    yaml = YAML(typ="rt")
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump({"k": DoubleQuotedScalarString(text)}, out)
    return out.getvalue().rstrip("\n").removeprefix("k: ")


def _key(key: str) -> str:
    return key if _plain(key, flow=True) else _quoted(key)


__all__ = ["FLOW", "plan_text", "sequence_lines"]
