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
from napkit.findings import Arg, Finding, JsonPath, Message, joined, say
from napkit.i18n import N_
from napkit.plans.document import Document
from napkit.plans.number_text import reading

_ID_PATTERN = re.compile(r"\[(?:a-z|A-Za-z)0-9\]\+\(-")
_JSON_TYPE = {
    "string": N_("text"),
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "boolean": N_("true or false"),
    "array": N_("a list"),
    "object": N_("fields (key: value)"),
    "null": N_("empty"),
}
_NO_VALUE = Message(N_("has no value: fill it in, or remove the line"))


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
    what: str  # the title of the field or list item (English, from the schema)
    examples: Examples  # values valid in this repository, for hints

    def finding(self, rule: str, message: Message) -> Finding:
        return self.doc.finding(rule, self.path, message)

    @property
    def title(self) -> Message:
        """The field's title, in the reader's words (schema_words marks them)."""
        return Message(self.what)

    @property
    def title_lower(self) -> Message:
        return _Title(self.what)


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
            hint = required_hint(_properties(f).get(name, {}), f.root)
            yield f.finding(
                "missing-field",
                say(N_("'{name}' is missing: add {hint}"), name=name, hint=Message(hint))
                if hint
                else say(N_("'{name}' is missing: add it"), name=name),
            )


def _properties(f: _Failure) -> dict[str, Any]:
    """The fields of the object a `required` is about: its own schema's, or, for a
    `required` under if/then/else, those of the schema holding the condition."""
    if "properties" in f.sub:
        return dict(f.sub["properties"])
    path: list[Any] = list(f.error.absolute_schema_path)[:-2]
    node: Any = f.root
    for key in path:
        if isinstance(node, dict) and key not in node and "$ref" in node:
            node = f.root["$defs"][node["$ref"].removeprefix("#/$defs/")]
        node = node[key] if isinstance(node, dict | list) else {}
    if isinstance(node, dict) and "properties" not in node and "$ref" in node:
        node = f.root["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return dict(node.get("properties", {})) if isinstance(node, dict) else {}


def required_hint(prop: dict[str, Any], root: dict[str, Any]) -> str:
    """What to add for a missing field: the first sentence of its description (or of its
    definition's, for a field that refers to one), else its title."""
    ref = prop.get("$ref")
    target = root["$defs"].get(ref.removeprefix("#/$defs/"), {}) if isinstance(ref, str) else {}
    text = prop.get("description") or target.get("description")
    return _first_sentence(text or prop.get("title") or target.get("title", ""))


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
        yield f.doc.finding(
            "unknown-field",
            (*f.path, name),
            say(
                N_(
                    "'{name}' is not a field of {what}; did you mean '{close}'? known fields: "
                    "{known} (extension fields start with x-)"
                )
                if close
                else N_(
                    "'{name}' is not a field of {what}; known fields: {known} (extension fields "
                    "start with x-)"
                ),
                name=name,
                what=_article(f.what),
                close=close[0] if close else "",
                known=", ".join(known),
            ),
            key=True,
        )


def _wrong_type(f: _Failure) -> Iterator[Finding]:
    wanted = f.expected if isinstance(f.expected, list) else [f.expected]
    node = f.doc.scalar(f.path)
    quoted = node is not None and node.style in ("'", '"')
    meant = reading(f.value, quoted=quoted) if isinstance(f.value, str) else None
    if "number" in wanted and meant is not None:
        remove = (
            joined(meant.remove, N_("{items} and {item}"))
            if meant.remove
            else Message(N_("anything but the digits"))
        )
        yield f.finding(
            "number-format",
            say(
                N_("'{value}' is text, not a number: remove {remove}; write {plain}"),
                value=_show(f.value),
                remove=remove,
                plain=meant.plain,
            ),
        )
    else:
        need = joined(
            (Message(_JSON_TYPE.get(str(t), str(t))) for t in wanted), N_("{items} or {item}")
        )
        yield f.finding(
            "wrong-type",
            say(
                N_("'{value}' is {kind}; {what} must be {need}"),
                value=_show(f.value),
                kind=_describe(f.value),
                what=f.title,
                need=need,
            ),
        )


def _not_allowed(f: _Failure) -> Iterator[Finding]:
    options = [str(o) for o in f.expected]
    close = difflib.get_close_matches(str(f.value), options, n=1, cutoff=0.6)
    hint: Arg = say(N_("; did you mean '{value}'?"), value=close[0]) if close else ""
    if str(f.value).strip("“”‘’") in options and str(f.value) not in options:
        hint = say(
            N_("; remove the curly quotes (“ ” are letters to YAML, not quotes): write {value}."),
            value=str(f.value).strip("“”‘’"),
        )
    yield f.finding(
        "not-allowed-value",
        say(
            N_("'{value}' is not allowed as {what}{hint} Use one of: {known}"),
            value=_show(f.value),
            what=f.title_lower,
            hint=hint,
            known=", ".join(options),
        ),
    )


def _pattern(f: _Failure) -> Iterator[Finding]:
    if "propertyNames" in f.error.absolute_schema_path:
        yield f.doc.finding(
            "bad-id",
            (*f.path, str(f.value)),
            say(
                N_("'{value}' cannot be used as a key here: {hint}"),
                value=str(f.value),
                hint=_key_hint(f.expected, f.examples),
            ),
            key=True,
        )
        return
    rule = "bad-id" if _ID_PATTERN.search(str(f.expected)) else "bad-format"
    desc = f.sub.get("description", "")
    yield f.finding(
        rule,
        say(
            N_("'{value}' is not a valid {what}: {description}"),
            value=_show(f.value),
            what=f.title_lower,
            description=Message(desc),
        ),
    )


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
            say(
                N_(
                    "'{value}' is {kind}; write text here, or the text in several languages as "
                    "language code: text ({example})"
                ),
                value=_show(f.value),
                kind=_describe(f.value),
                example=f.examples.text_by_language(),
            ),
        )


_RANGE = {
    "minimum": N_("'{value}' is out of range: the smallest allowed is {limit}"),
    "maximum": N_("'{value}' is out of range: the largest allowed is {limit}"),
    "exclusiveMinimum": N_("'{value}' is out of range: it must be more than {limit}"),
    "exclusiveMaximum": N_("'{value}' is out of range: it must be less than {limit}"),
}


def _out_of_range(f: _Failure) -> Iterator[Finding]:
    template = _RANGE[str(f.error.validator)]
    yield f.finding("out-of-range", say(template, value=_show(f.value), limit=str(f.expected)))


def _empty(f: _Failure) -> Iterator[Finding]:
    yield f.finding("empty-value", say(N_("{what} must not be empty"), what=f.title))


def _too_long(f: _Failure) -> Iterator[Finding]:
    template = (
        N_("{what} is too long: at most {limit} characters")
        if str(f.error.validator) == "maxLength"
        else N_("{what} is too long: at most {limit} items")
    )
    yield f.finding("too-long", say(template, what=f.title, limit=str(f.expected)))


def _duplicate(f: _Failure) -> Iterator[Finding]:
    yield f.finding("duplicate-item", say(N_("{what} lists the same item twice"), what=f.title))


def _other(f: _Failure) -> Iterator[Finding]:
    # A kind of failure napkit has no sentence for: the schema checker's own words.
    yield f.finding(
        "schema", say(N_("this value does not fit the format: {detail}"), detail=f.error.message)
    )


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


def _describe(value: Any) -> Message:
    if value is None:
        return Message(N_("empty"))
    if isinstance(value, bool):
        return Message(N_("true or false"))
    if isinstance(value, int | float):
        return Message(N_("a number"))
    if isinstance(value, str):
        return Message(N_("text"))
    return Message(N_("a list") if isinstance(value, list) else N_("fields (key: value)"))


def _show(value: Any) -> str:
    """The value as written, cut short: the sentences put it in quotes."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"{text[:60]}…" if len(text) > 60 else text


def _first_sentence(text: str) -> str:
    head = text.split(". ")[0].rstrip(".")
    keep = any(c.isupper() for c in head.split(" ")[0][1:])  # GitHub and ISO stay so
    return head if keep else head[:1].lower() + head[1:]


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


@dataclass(frozen=True)
class _Title(Message):
    """A field's title inside an English sentence, in lower case ("as plan status");
    in another language, the catalogue's words as they are."""

    def text(self, language: str = "en") -> str:
        words = super().text(language)
        return words.lower() if words == self.template else words


def _article(title: str) -> Message:
    """An activity, a plan: the article is English only; other languages have their
    own sentence around the title."""
    an = title[:1].lower() in "aeiou"
    return say(N_("an {what}") if an else N_("a {what}"), what=_Title(title))


def _key_hint(pattern: str, examples: Examples) -> Message:
    if pattern.startswith("^[a-z]{2,3}"):
        return examples.language_hint()
    if pattern == "^[0-9]{4}$":
        return examples.year_hint()
    if pattern == "^[A-Z]{3}$":
        return Message(N_("use a three-letter currency code such as USD"))
    return Message(N_("use an id made of letters, digits and hyphens"))
