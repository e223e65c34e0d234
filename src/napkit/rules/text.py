"""Text fields in any document: found by following the schema, so rules never guess."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from napkit.findings import Finding, JsonPath
from napkit.load import Document

_TEXT_REF = "#/$defs/text"


def text_fields(
    data: Any, node: dict[str, Any], root: dict[str, Any], path: JsonPath = ()
) -> Iterator[tuple[JsonPath, Any]]:
    """Every (path, value) whose schema is the text definition."""
    ref = node.get("$ref")
    if ref == _TEXT_REF:
        yield path, data
        return
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        node = root["$defs"][ref.removeprefix("#/$defs/")]
    if isinstance(data, dict):
        props = node.get("properties", {})
        for key, value in data.items():
            if key in props:
                yield from text_fields(value, props[key], root, (*path, key))
    elif isinstance(data, list) and isinstance(node.get("items"), dict):
        for i, item in enumerate(data):
            yield from text_fields(item, node["items"], root, (*path, i))


def language_unknown(
    doc: Document, schema: dict[str, Any], languages: tuple[str, ...]
) -> Iterator[Finding]:
    allowed = set(languages)
    for path, value in text_fields(doc.data, schema, schema):
        if not isinstance(value, dict):
            continue
        for code in value:
            if code not in allowed:
                yield doc.finding(
                    "language-unknown",
                    (*path, code),
                    f"'{code}' is not a language of this plan; use one of: {', '.join(languages)} "
                    "(or add the language to plans/nap.yaml)",
                    key=True,
                )
