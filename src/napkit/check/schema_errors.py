"""jsonschema's errors rewritten as findings a ministry editor can act on: the field's
title, the value written, what to write instead, and the rule id.

One function per kind of failure; `findings` picks it by the failing keyword.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema

from napkit.check.examples import Examples
from napkit.findings import Finding, JsonPath
from napkit.plans.document import Document
from napkit.plans.number_text import reading

_ID_PATTERN = re.compile(r"\[(?:a-z|A-Za-z)0-9\]\+\(-")
_JSON_TYPE = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "fields (key: value)",
    "null": "empty",
}
_NO_VALUE = "has no value: fill it in, or remove the line"


@dataclass(frozen=True)
class _Failure:
    """One schema error, with what every message needs read off it once."""

    doc: Document
    error: jsonschema.ValidationError
    root: dict[str, Any]  # the whole schema, for titles and nested errors
    path: JsonPath
    expected: Any  # the failing keyword's value in the schema
    sub: dict[str, Any]  # the (sub)schema holding that keyword
    value: Any  # the value written in the plan
    what: str  # the title of the field or list item
    examples: Examples  # values valid in this repository, for hints

    def finding(self, rule: str, message: str) -> Finding:
        return self.doc.finding(rule, self.path, message)


def findings(
    doc: Document,
    error: jsonschema.ValidationError,
    root: dict[str, Any],
    examples: Examples | None = None,
) -> Iterator[Finding]:
    """The findings for one error of `doc` against the schema `root`."""
    failure = _Failure(
        doc,
        error,
        root,
        tuple(error.absolute_path),
        error.validator_value,
        error.schema if isinstance(error.schema, dict) else {},
        error.instance,
        _title(root, error.absolute_schema_path),
        examples or Examples(),
    )
    keyword = str(error.validator)
    if failure.value is None and keyword in ("type", "oneOf"):
        return iter([failure.finding("wrong-type", _NO_VALUE)])
    return _BY_KEYWORD.get(keyword, _other)(failure)


def _required(f: _Failure) -> Iterator[Finding]:
    for name in f.expected:
        if isinstance(f.value, dict) and name not in f.value:
            prop = f.sub.get("properties", {}).get(name, {})
            hint = _first_sentence(prop.get("description", prop.get("title", "")))
            yield f.finding("missing-field", f"'{name}' is missing: add {hint}")


def _unknown_fields(f: _Failure) -> Iterator[Finding]:
    if f.expected is not False:
        yield from _other(f)
        return
    known = sorted(f.sub.get("properties", {}))
    patterns = [re.compile(p) for p in f.sub.get("patternProperties", {})]
    for name in f.value:
        if name in known or any(p.search(name) for p in patterns):
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        yield f.doc.finding(
            "unknown-field",
            (*f.path, name),
            f"'{name}' is not a field of {_article(f.what)}; {hint}"
            f"known fields: {', '.join(known)} (extension fields start with x-)",
            key=True,
        )


def _either_and(items: tuple[str, ...]) -> str:
    return (
        items[0]
        if len(items) == 1
        else ", ".join(items[:-1]) + " and " + items[-1]
        if items
        else ""
    )


def _wrong_type(f: _Failure) -> Iterator[Finding]:
    wanted = f.expected if isinstance(f.expected, list) else [f.expected]
    node = f.doc.scalar(f.path)
    quoted = node is not None and node.style in ("'", '"')
    meant = reading(f.value, quoted=quoted) if isinstance(f.value, str) else None
    if "number" in wanted and meant is not None:
        remove = _either_and(meant.remove) or "anything but the digits"
        yield f.finding(
            "number-format",
            f"{_show(f.value)} is text, not a number: remove {remove}; write {meant.plain}",
        )
    else:
        need = " or ".join(_JSON_TYPE.get(str(t), str(t)) for t in wanted)
        yield f.finding(
            "wrong-type", f"{_show(f.value)} is {_describe(f.value)}; {f.what} must be {need}"
        )


def _not_allowed(f: _Failure) -> Iterator[Finding]:
    options = [str(o) for o in f.expected]
    close = difflib.get_close_matches(str(f.value), options, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    if str(f.value).strip("“”‘’") in options and str(f.value) not in options:
        hint = (
            f"; remove the curly quotes (“ ” are letters to YAML, not quotes): "
            f"write {str(f.value).strip('“”‘’')}."
        )
    yield f.finding(
        "not-allowed-value",
        f"{_show(f.value)} is not allowed as {f.what.lower()}{hint} Use one of: {', '.join(options)}",
    )


def _pattern(f: _Failure) -> Iterator[Finding]:
    if "propertyNames" in f.error.absolute_schema_path:
        yield f.doc.finding(
            "bad-id",
            (*f.path, str(f.value)),
            f"'{f.value}' cannot be used as a key here: {_key_hint(f.expected, f.examples)}",
            key=True,
        )
        return
    rule = "bad-id" if _ID_PATTERN.search(str(f.expected)) else "bad-format"
    desc = f.sub.get("description", "")
    yield f.finding(rule, f"{_show(f.value)} is not a valid {f.what.lower()}: {desc}")


def _one_of(f: _Failure) -> Iterator[Finding]:
    if f.sub.get("title") != "Text":
        yield from _other(f)
    elif isinstance(f.value, str | dict):
        branch = 0 if isinstance(f.value, str) else 1  # one text, or text by language
        for inner in f.error.context or []:
            if inner.relative_schema_path and inner.relative_schema_path[0] == branch:
                yield from findings(f.doc, inner, f.root, f.examples)
    else:
        yield f.finding(
            "bad-text",
            f"{_show(f.value)} is {_describe(f.value)}; write text here, or the text in "
            f"several languages as language code: text ({f.examples.text_by_language()})",
        )


def _out_of_range(f: _Failure) -> Iterator[Finding]:
    yield f.finding("out-of-range", f"{_show(f.value)} is out of range: {f.error.message}")


def _empty(f: _Failure) -> Iterator[Finding]:
    yield f.finding("empty-value", f"{f.what} must not be empty")


def _too_long(f: _Failure) -> Iterator[Finding]:
    yield f.finding("too-long", f"{f.what} is too long: {f.error.message}")


def _duplicate(f: _Failure) -> Iterator[Finding]:
    yield f.finding("duplicate-item", f"{f.what} lists the same item twice")


def _other(f: _Failure) -> Iterator[Finding]:
    yield f.finding("schema", f.error.message)


_BY_KEYWORD: dict[str, Callable[[_Failure], Iterator[Finding]]] = {
    "required": _required,
    "additionalProperties": _unknown_fields,
    "type": _wrong_type,
    "enum": _not_allowed,
    "pattern": _pattern,
    "oneOf": _one_of,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "exclusiveMinimum": _out_of_range,
    "exclusiveMaximum": _out_of_range,
    "minLength": _empty,
    "minItems": _empty,
    "minProperties": _empty,
    "maxLength": _too_long,
    "maxItems": _too_long,
    "uniqueItems": _duplicate,
}


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "fields (key: value)"


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _first_sentence(text: str) -> str:
    head = text.split(". ")[0].rstrip(".")
    return head[:1].lower() + head[1:]


def _title(root: dict[str, Any], schema_path: Iterable[Any]) -> str:
    """The title of the innermost field or list item on the error's schema path: the
    field's own title ("Activity id") wins over its definition's ("Code")."""
    node: Any = root
    title = str(root.get("title", "this value"))
    previous: Any = None
    for key in schema_path:
        if isinstance(node, dict) and key not in node and "$ref" in node:
            node = root["$defs"][node["$ref"].removeprefix("#/$defs/")]
        if not isinstance(node, dict | list):
            break
        node = node[key]
        if isinstance(node, dict) and (
            previous in ("properties", "additionalProperties") or key == "items"
        ):
            own = node.get("title")
            if own is None and "$ref" in node:
                own = root["$defs"][node["$ref"].removeprefix("#/$defs/")].get("title")
            title = own or title
        previous = key
    return title


def _article(title: str) -> str:
    low = title.lower()
    return f"an {low}" if low[:1] in "aeiou" else f"a {low}"


def _key_hint(pattern: str, examples: Examples) -> str:
    if pattern.startswith("^[a-z]{2,3}"):
        return examples.language_hint()
    if pattern == "^[0-9]{4}$":
        return examples.year_hint()
    if pattern == "^[A-Z]{3}$":
        return "use a three-letter currency code such as USD"
    return "use an id made of letters, digits and hyphens"
