"""What `nap fmt` repairs before it formats, because it can do so safely, and says
it did: a file saved as UTF-16 or in the Windows Arabic code page (1256) is read as
such and written back as UTF-8; tabs used for indentation become two spaces each.
A repair that does not give a file that loads is not made.

In a plan, a text written as one string becomes a mapping by language holding that
string under the main language, which is what one string means, on the same line
(`title: {en: ...}`). The form editor
has a field per language and can only edit a text written by language; the schema
still accepts one string, so a plan typed by hand is valid before `nap fmt`."""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from napkit.check.schema import schema

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LEADING_TABS = re.compile(r"^([ ]*)(\t+)", re.MULTILINE)
_INDICATOR = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]")


@dataclass
class Repaired:
    text: str
    notes: list[str] = field(default_factory=list)


def decoded(raw: bytes) -> Repaired | None:
    """The text of `raw` when it is not UTF-8 but plainly another encoding; None when
    it is UTF-8 (nothing to repair) or cannot be told (the load reports it)."""
    try:
        raw.decode("utf-8-sig")
        return None
    except UnicodeDecodeError:
        pass
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Repaired(raw.decode("utf-16"), ["re-encoded from UTF-16 to UTF-8"])
        except UnicodeDecodeError:
            return None
    try:
        text = raw.decode("cp1256")
    except UnicodeDecodeError:
        return None
    # Any bytes decode as Windows-1256: only Arabic letters make it the likely one.
    if _ARABIC.search(text) and "\x00" not in text:
        return Repaired(text, ["re-encoded from Windows-1256 (Arabic) to UTF-8"])
    return None


def untabbed(text: str) -> Repaired | None:
    """Tabs at the start of lines as two spaces each, or None if there are none."""
    if not _LEADING_TABS.search(text):
        return None
    fixed = _LEADING_TABS.sub(lambda m: m[1] + "  " * len(m[2]), text)
    return Repaired(fixed, ["tabs used for indentation replaced by two spaces each"])


def texts_by_language(plan: Any, main: str, numbers: tuple[type, ...] = ()) -> int:
    """Every text of `plan` (as the plan schema marks texts) written as one string,
    rewritten in place as {main: string}; returns how many. Works on plain data and
    on ruamel.yaml's round-trip nodes alike (both are dicts and lists): a node keeps
    its comments, and the string its quoting. `numbers`: str types that hold a number
    as written (nap fmt keeps floats so), never a text."""
    return _texts(plan, schema("plan"), main, numbers)


def _texts(node: Any, shape: Mapping[str, Any], main: str, numbers: tuple[type, ...]) -> int:
    shape, is_text = _followed(shape)
    if is_text:
        return 0  # a text is replaced by its parent, which holds the reference
    count = 0
    if isinstance(node, MutableMapping):
        props: Mapping[str, Any] = shape.get("properties", {})
        extra = shape.get("additionalProperties")
        for key in list(node):
            sub = props.get(key, extra if isinstance(extra, Mapping) else None)
            if sub is None:
                continue
            value = node[key]
            if isinstance(value, str) and not isinstance(value, numbers) and value:
                if _is_text(sub):
                    node[key] = _by_language(node, key, main, value)
                    count += 1
            else:
                count += _texts(value, sub, main, numbers)
    elif isinstance(node, list) and isinstance(shape.get("items"), Mapping):
        for item in node:
            count += _texts(item, shape["items"], main, numbers)
    return count


def _followed(shape: Mapping[str, Any]) -> tuple[Mapping[str, Any], bool]:
    """The definition `shape` refers to, and whether it is (or may be) a text."""
    text = False
    while "$ref" in shape:
        name = str(shape["$ref"]).rsplit("/", 1)[-1]
        text = text or name == "text"
        shape = schema("plan")["$defs"][name]
    return shape, text


def _is_text(shape: Mapping[str, Any]) -> bool:
    """A text, or a value that may be one (an indicator's baseline or target)."""
    shape, text = _followed(shape)
    return text or any(_followed(s)[1] for s in shape.get("anyOf", ()))


def _by_language(parent: Any, key: Any, main: str, value: str) -> Any:
    """{main: value}, as a node of the same kind as its parent, written on the line of
    its key (`title: {en: ...}`): no line of the file moves, so what points at a line
    (a review comment, an error reported at file:line) still finds it. A key with a
    comment after it gets the text on a line of its own instead (`title:  # ...` then
    `  en: ...`): ruamel.yaml drops a comment after a mapping on one line."""
    made = type(parent)() if type(parent) is not dict else {}
    made[main] = value
    comments = getattr(getattr(parent, "ca", None), "items", {})
    commented = key in comments and comments[key][2] is not None
    parent_flow = getattr(getattr(parent, "fa", None), "_flow_style", None)
    # Text starting with a YAML indicator may be plain in a block but not between
    # braces for every reader: it gets a line of its own.
    if hasattr(made, "fa") and (parent_flow or (not commented and not _INDICATOR.match(value))):
        made.fa.set_flow_style()
    return made


__all__ = ["Repaired", "decoded", "texts_by_language", "untabbed"]
