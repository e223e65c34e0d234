"""Compiled JSON Schema validators, and their errors rewritten for a ministry editor.

The common case (a valid file) costs one call into jsonschema-rs; only a failing
document is walked again by jsonschema, whose error objects carry enough to
write a plain message at the right line.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema
import jsonschema_rs

from napkit.findings import Finding, JsonPath
from napkit.plans.document import Document

KINDS = ("nap", "bodies", "plan")
_ID_PATTERN = re.compile(r"\[(?:a-z|A-Za-z)0-9\]\+\(-")
_NUMBERISH = re.compile(r"^[-+]?[0-9][0-9,.' \u066c\u00a0]*$")
_JSON_TYPE = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "fields (key: value)",
    "null": "empty",
}


@cache
def schema(kind: str) -> dict[str, Any]:
    text = files("napkit").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _fast(kind: str) -> Any:
    return jsonschema_rs.validator_for(schema(kind))


@cache
def _detailed(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(kind))


def check(doc: Document, kind: str) -> tuple[list[Finding], set[JsonPath]]:
    """The document's schema findings, and the paths of values whose type or shape
    is wrong. Rules skip those paths; an unknown or missing field leaves the rest
    of its object usable."""
    if _fast(kind).is_valid(doc.data):
        return [], set()
    out: list[Finding] = []
    bad: set[JsonPath] = set()
    for error in _detailed(kind).iter_errors(doc.data):
        out.extend(_findings(doc, error, kind))
        path = tuple(error.absolute_path)
        if error.validator not in ("additionalProperties", "required"):
            bad.add(path)
    return out, bad


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


def _findings(doc: Document, error: jsonschema.ValidationError, kind: str) -> Iterator[Finding]:
    path: JsonPath = tuple(error.absolute_path)
    kw = str(error.validator)
    expected: Any = error.validator_value
    sub: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    value: Any = error.instance
    what = _title(schema(kind), error.absolute_schema_path)
    on_key = "propertyNames" in error.absolute_schema_path

    if value is None and kw in ("type", "oneOf"):
        yield doc.finding("wrong-type", path, "has no value: fill it in, or remove the line")
    elif kw == "required":
        for name in expected:
            if isinstance(value, dict) and name not in value:
                prop = sub.get("properties", {}).get(name, {})
                hint = _first_sentence(prop.get("description", prop.get("title", "")))
                yield doc.finding("missing-field", path, f"'{name}' is missing: add {hint}")
    elif kw == "additionalProperties" and expected is False:
        known = sorted(sub.get("properties", {}))
        patterns = [re.compile(p) for p in sub.get("patternProperties", {})]
        for name in value:
            if name in known or any(p.search(name) for p in patterns):
                continue
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            yield doc.finding(
                "unknown-field",
                (*path, name),
                f"'{name}' is not a field of {_article(what)}; {hint}"
                f"known fields: {', '.join(known)} (extension fields start with x-)",
                key=True,
            )
    elif kw == "type":
        wanted = expected
        wanted_list = wanted if isinstance(wanted, list) else [wanted]
        if isinstance(value, str) and "number" in wanted_list and _NUMBERISH.match(value):
            plain = re.sub(r"[^0-9.+-]", "", value.replace(",", "")) if "," in value else value
            yield doc.finding(
                "number-format",
                path,
                f"{_show(value)} is text, not a number: write it as a plain number "
                f"without separators or spaces, for example {plain or 50000000}",
            )
        elif value is None:
            yield doc.finding("wrong-type", path, "has no value: fill it in, or remove the line")
        else:
            need = " or ".join(_JSON_TYPE.get(str(t), str(t)) for t in wanted_list)
            yield doc.finding(
                "wrong-type", path, f"{_show(value)} is {_describe(value)}; {what} must be {need}"
            )
    elif kw == "enum":
        options = [str(o) for o in expected]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        yield doc.finding(
            "not-allowed-value",
            path,
            f"{_show(value)} is not allowed as {what.lower()}{hint} Use one of: {', '.join(options)}",
        )
    elif kw == "pattern" and on_key:
        yield doc.finding(
            "bad-id",
            (*path, str(value)),
            f"'{value}' cannot be used as a key here: {_key_hint(expected)}",
            key=True,
        )
    elif kw == "pattern":
        rule = "bad-id" if _ID_PATTERN.search(str(expected)) else "bad-format"
        desc = sub.get("description", "")
        yield doc.finding(rule, path, f"{_show(value)} is not a valid {what.lower()}: {desc}")
    elif kw == "oneOf" and sub.get("title") == "Text":
        if isinstance(value, str | dict):
            branch = 0 if isinstance(value, str) else 1  # one text, or text by language
            for inner in error.context or []:
                if inner.relative_schema_path and inner.relative_schema_path[0] == branch:
                    yield from _findings(doc, inner, kind)
        else:
            yield doc.finding(
                "bad-text",
                path,
                f"{_show(value)} is {_describe(value)}; write text here, or the text in "
                "several languages as language code: text (en: ..., ar: ...)",
            )
    elif kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        yield doc.finding("out-of-range", path, f"{_show(value)} is out of range: {error.message}")
    elif kw in ("minLength", "minItems", "minProperties"):
        yield doc.finding("empty-value", path, f"{what} must not be empty")
    elif kw in ("maxLength", "maxItems"):
        yield doc.finding("too-long", path, f"{what} is too long: {error.message}")
    elif kw == "uniqueItems":
        yield doc.finding("duplicate-item", path, f"{what} lists the same item twice")
    else:
        yield doc.finding("schema", path, error.message)


def _article(title: str) -> str:
    low = title.lower()
    return f"an {low}" if low[:1] in "aeiou" else f"a {low}"


def _key_hint(pattern: str) -> str:
    if pattern.startswith("^[a-z]{2,3}"):
        return "use a language code from plans/nap.yaml, such as en, ar or ckb"
    if pattern == "^[0-9]{4}$":
        return "use a year such as 2016"
    if pattern == "^[A-Z]{3}$":
        return "use a three-letter currency code such as USD"
    return "use an id made of letters, digits and hyphens"
