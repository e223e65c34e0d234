"""Text fields in any document: found by following the schema, so rules never guess."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from napkit.findings import Finding, JsonPath, say
from napkit.i18n import N_
from napkit.plans.document import Document

_TEXT_REF = "#/$defs/text"


Tree = dict[str, Any]  # field -> subtree; "*" for the items of a list; TEXT for a text field
TEXT: Tree = {}


def _tree(node: dict[str, Any], root: dict[str, Any], depth: int = 0) -> Tree | None:
    """Where text fields can be, as a tree of field names: walked once per schema."""
    ref = node.get("$ref")
    if ref == _TEXT_REF:
        return TEXT
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        node = root["$defs"][ref.removeprefix("#/$defs/")]
    if depth > 12:
        return None
    out: Tree = {}
    for key, sub in node.get("properties", {}).items():
        found = _tree(sub, root, depth + 1)
        if found is not None:
            out[key] = found
    if isinstance(node.get("items"), dict):
        found = _tree(node["items"], root, depth + 1)
        if found is not None:
            out["*"] = found
    return out or None


_TREES: dict[int, Tree] = {}


def text_fields(data: Any, schema: dict[str, Any]) -> Iterator[tuple[JsonPath, Any]]:
    """Every (path, value) whose schema is the text definition."""
    tree = _TREES.get(id(schema))
    if tree is None:
        tree = _TREES[id(schema)] = _tree(schema, schema) or {}
    yield from _walk(data, tree, ())


def _walk(data: Any, tree: Tree, path: JsonPath) -> Iterator[tuple[JsonPath, Any]]:
    if tree is TEXT:
        yield path, data
    elif isinstance(data, dict):
        for key, sub in tree.items():
            if key in data:
                yield from _walk(data[key], sub, (*path, key))
    elif isinstance(data, list) and "*" in tree:
        for i, item in enumerate(data):
            yield from _walk(item, tree["*"], (*path, i))


def language_unknown(
    doc: Document, schema: dict[str, Any], languages: tuple[str, ...]
) -> Iterator[Finding]:
    allowed = set(languages)
    for path, value in text_fields(doc.data, schema):
        if not isinstance(value, dict):
            continue
        for code in value:
            if code not in allowed:
                yield doc.finding(
                    "language-unknown",
                    (*path, code),
                    say(
                        N_(
                            "'{code}' is not a language of this plan; use one of: {known} (or "
                            "add the language to plans/nap.yaml)"
                        ),
                        code=code,
                        known=", ".join(languages),
                    ),
                    key=True,
                )
