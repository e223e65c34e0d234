"""YAML -> plain data with source positions, safely and fast.

libyaml (through PyYAML's C parser) composes the node tree; we build the data
ourselves so that the rules are ours: YAML 1.2 core scalars (`no` and `on` stay
text), dates kept as text, no tags, no anchors or aliases, no duplicate keys,
and every node's line and column kept for messages.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from napkit.errors import DataError
from napkit.findings import Finding, JsonPath, Message, Severity, format_path, say
from napkit.i18n import N_

DEFAULT_MAX_BYTES = 2 * 1024 * 1024

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)

_Base: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_DEFAULT_TAGS = {ScalarNode: _STR, SequenceNode: _SEQ, MappingNode: _MAP}


class _Composer(_Base):  # type: ignore[misc]
    """libyaml's composer (about ten times faster than PyYAML's own) with no implicit
    types: every plain scalar comes out tagged as text, so any other tag was written
    in the file. The resolver hooks, called for every node, do nothing."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class LoadError(DataError):
    """A file that cannot be turned into data; carries the finding to report."""

    def __init__(self, rule: str, line: int, col: int, message: Message) -> None:
        super().__init__(str(message))
        self.rule, self.line, self.col, self.message = rule, line, col, message


@dataclass
class Document:
    """One loaded file: its data and the node tree that knows where each value is."""

    file: str
    data: dict[str, Any]
    root: MappingNode

    def position(self, path: JsonPath, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at `path` (or of its key), or of the
        nearest enclosing value that exists."""
        node: Node = self.root
        mark_node: Node = node
        for i, part in enumerate(path):
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            last = i == len(path) - 1
            # A list or a block of fields starts on the line after its key: point at the key.
            at_key = key or isinstance(node, MappingNode | SequenceNode)
            mark_node = key_node if (at_key and last and key_node is not None) else node
        return _at(mark_node.start_mark)

    def scalar(self, path: JsonPath) -> ScalarNode | None:
        """The value at `path` as written (its text and quoting), if it is one value."""
        node: Node | None = self.root
        for part in path:
            child = _child(node, part) if node is not None else None
            if child is None:
                return None
            node = child[1]
        return node if isinstance(node, ScalarNode) else None

    def finding(
        self,
        rule: str,
        path: JsonPath,
        message: Message,
        severity: Severity = "error",
        *,
        key: bool = False,
    ) -> Finding:
        line, col = self.position(path, key=key)
        return Finding(self.file, line, col, severity, rule, format_path(path), message)


def _child(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return key_node, value_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def load_file(path: Path, display: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and load one YAML file; raises LoadError with a finding's parts."""
    size = path.stat().st_size
    if size > max_bytes:
        raise LoadError(
            "file-too-large",
            1,
            1,
            say(
                N_(
                    "the file is {size} bytes, over the limit of {limit}: split it, or raise "
                    "the limit with --max-bytes"
                ),
                size=f"{size:,}",
                limit=f"{max_bytes:,}",
            ),
        )
    return load_text(path.read_bytes(), display)


def load_text(raw: bytes, display: str) -> Document:
    text = _decode(raw)
    _check_tabs(text)
    if "&" in text or "*" in text:
        _check_anchors(text)
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _at(mark)
        problem = exc.problem or exc.context or "the file is not valid YAML"
        raise LoadError("yaml-syntax", line, col, syntax_message(problem, text, line)) from None
    except yaml.YAMLError as exc:
        raise LoadError(
            "yaml-syntax", 1, 1, say(N_("YAML syntax: {problem}"), problem=str(exc))
        ) from None
    if root is None:
        raise LoadError(
            "yaml-empty", 1, 1, Message(N_("the file is empty: it needs the plan's fields"))
        )
    if not isinstance(root, MappingNode):
        line, col = _at(root.start_mark)
        raise LoadError(
            "yaml-not-mapping",
            line,
            col,
            Message(
                N_("the file holds a list; it must hold fields (key: value)")
                if isinstance(root, SequenceNode)
                else N_("the file holds a single value; it must hold fields (key: value)")
            ),
        )
    return Document(display, _construct(root), root)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            "yaml-encoding",
            line,
            col,
            say(
                N_("byte {byte} is not UTF-8 text: save the file as UTF-8"),
                byte=f"0x{raw[exc.start]:02x}",
            ),
        ) from None


def _check_tabs(text: str) -> None:
    match = _TAB_INDENT.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        col = match.end() - match.start()
        raise LoadError(
            "yaml-tab",
            line,
            col,
            Message(N_("a tab is used for indentation: indent with spaces only")),
        )


def _check_anchors(text: str) -> None:
    """Anchors and aliases are refused before any node is composed, so an alias bomb
    never grows in memory. Only files containing & or * pay for this scan."""
    try:
        for event in yaml.parse(text, Loader=_Composer):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise LoadError(
                    "yaml-alias",
                    *_at(event.start_mark),
                    Message(
                        N_(
                            "anchors and aliases (&name, *name) are not allowed: write the "
                            "value out"
                        )
                    ),
                )
    except yaml.YAMLError:
        return  # the composer reports the syntax error with its position


def _construct(node: Node) -> Any:
    if isinstance(node, ScalarNode):
        if node.tag != _STR:
            raise _tag_error(node)
        value = _scalar(node.value) if not node.style else node.value  # plain: None or ""
        # Codes and statuses repeat across a plan: one copy each.
        return sys.intern(value) if type(value) is str and len(value) <= 24 else value
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            raise _tag_error(node)
        return [_construct(item) for item in node.value]
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            raise _tag_error(node)
        out: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise LoadError(
                    "yaml-syntax",
                    *_at(key_node.start_mark),
                    Message(N_("a key must be a plain name")),
                )
            key = sys.intern(key_node.value)  # the same few field names, thousands of times
            if key in seen:
                raise LoadError(
                    "yaml-duplicate-key",
                    *_at(key_node.start_mark),
                    _duplicate_message(key, seen[key], key_node, node),
                )
            seen[key] = _at(key_node.start_mark)[0]
            out[key] = _construct(value_node)
        return out
    raise _tag_error(node)  # pragma: no cover - libyaml makes no other node kinds


_COLON_IN_TEXT = re.compile(r"^(\s*(?:-\s+)?[\w-]+):\s+(.*:\s.*)$")
_COMMA_NUMBER = re.compile(r"([\w-]+):\s*([0-9]{1,3}(?:,[0-9]{3})+)")


def syntax_message(problem: str, text: str, line: int) -> Message:
    """libyaml's complaint in plain words, with the fix, for the mistakes editors make."""
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    before = lines[line - 2] if 1 < line <= len(lines) else ""
    for candidate in (here, before):
        colon = _COLON_IN_TEXT.match(candidate)
        if "mapping values are not allowed" in problem and colon:
            key, value = colon[1].strip(), colon[2].strip()
            quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return say(
                N_(
                    "this text holds a colon followed by a space, which YAML reads as a new "
                    "field: put the text in quotes, for example {example}"
                ),
                example=f"{key}: {quoted}",
            )
    if any(q in here for q in "“”‘’"):
        return Message(
            N_(
                "curly quotes (“ ” ‘ ’) are letters to YAML, not quotes: use straight quotes "
                "(\" or ') or none"
            )
        )
    return say(
        N_("YAML syntax: {problem}; check the indentation (spaces, two per level) and the quotes"),
        problem=problem,
    )


def _duplicate_message(key: str, first: int, key_node: Node, node: MappingNode) -> Message:
    if key.isdigit() and node.flow_style:
        return Message(
            N_(
                "inside {…} a comma separates fields, so a number written with commas is read "
                "as several fields: write it without commas, for example 1000000"
            )
        )
    return say(N_("'{key}' is given twice (first on line {line}): keep one"), key=key, line=first)


def _tag_error(node: Node) -> LoadError:
    return LoadError(
        "yaml-tag",
        *_at(node.start_mark),
        say(
            N_("the tag {tag} is not allowed: remove it and write a plain value"),
            tag=node.tag.replace("tag:yaml.org,2002:", "!!"),
        ),
    )


def _at(mark: Any) -> tuple[int, int]:
    """1-based line and column of a libyaml mark."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _scalar(value: str) -> Any:
    """YAML 1.2 core schema for plain scalars. Dates stay text: the schema and the
    rules check them, and JSON has no date type."""
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    return value


def load_error_finding(display: str, exc: LoadError) -> Finding:
    return Finding(display, exc.line, exc.col, "error", exc.rule, format_path(()), exc.message)
