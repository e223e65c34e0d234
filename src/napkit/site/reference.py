"""The format reference and the rules reference, written from the schemas and the
rule catalogue so that the docs can never drift from what is checked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from napkit.check import schema
from napkit.check.examples import Examples
from napkit.check.rules.catalogue import RULES
from napkit.render.markdown import cell, code, text

_FILES = (
    ("plan", "plans/YEAR/BODY.yaml", "One body's plan for one year"),
    ("nap", "plans/nap.yaml", "The framework"),
    ("bodies", "plans/bodies.yaml", "The implementing bodies"),
)


def format_page(examples: Examples | None = None) -> str:
    """`examples`: the repository's languages, for the example of a text by language."""
    by_language = (examples or Examples()).text_by_language()
    lines = [
        "# Format reference",
        "",
        "Every field of the three kinds of plan file, written from the JSON Schemas in",
        "`schema/` (draft 2020-12). Fields not listed here are errors, except extension",
        "fields whose names start with `x-`. Text fields take a piece of text, or the",
        f"same text in several languages (`{by_language}`) using the languages of",
        "`plans/nap.yaml`.",
        "",
    ]
    for kind, path, title in _FILES:
        root = schema.schema(kind)
        lines += [f"## {text(title)}: {code(path)}", "", text(root.get("description", "")), ""]
        lines += _object(root, root, "")
    return "\n".join(lines) + "\n"


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = root["$defs"][ref.removeprefix("#/$defs/")]
        merged: dict[str, Any] = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return merged
    return node


def _ref(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref if isinstance(ref, str) else None


def _object(
    node: dict[str, Any], root: dict[str, Any], prefix: str, within: tuple[str, ...] = ()
) -> list[str]:
    """`within`: the definitions being described above this one: a definition that
    holds itself (objectives under objectives) is described once."""
    props: dict[str, Any] = node.get("properties", {})
    required = set(node.get("required", []))
    lines = ["| Field | Required | Value | Meaning |", "|---|---|---|---|"]
    nested: list[tuple[str, dict[str, Any], str | None]] = []
    for name, raw in props.items():
        prop = _resolve(raw, root)
        lines.append(
            f"| {code(prefix + name)} | {'yes' if name in required else 'no'} "
            f"| {cell(_kind(prop, root))} | {cell(_meaning(prop))} |"
        )
        listed = prop.get("type") == "array" and "items" in prop
        ref = _ref(prop["items"]) if listed else _ref(raw)
        inner = _resolve(prop["items"], root) if listed else prop
        if ref in within:
            continue  # the same fields as the list above it
        if inner.get("type") == "object" and inner.get("properties"):
            nested.append((f"{prefix}{name}{'[]' if listed else ''}.", inner, ref))
    lines.append("")
    for sub_prefix, inner, ref in nested:
        lines += [f"### {code(sub_prefix.rstrip('.'))}", "", text(inner.get("description", "")), ""]
        lines += _object(inner, root, sub_prefix, (*within, ref) if ref else within)
    return lines


def _kind(prop: dict[str, Any], root: dict[str, Any]) -> str:
    if "enum" in prop:
        return "one of: " + ", ".join(str(v) for v in prop["enum"])
    if "oneOf" in prop:
        return "text, or language: text"
    if "anyOf" in prop:
        return " or ".join(_kind(_resolve(p, root), root) for p in prop["anyOf"])
    kind = prop.get("type", "")
    if kind == "array":
        items = _resolve(prop.get("items", {}), root)
        return f"list of {_kind(items, root) or 'items'}"
    if isinstance(kind, list):
        return " or ".join(kind)
    return {"object": "fields", "string": "text", "integer": "whole number"}.get(
        str(kind), str(kind)
    )


def _meaning(prop: dict[str, Any]) -> str:
    meaning = str(prop.get("description", ""))
    examples = prop.get("examples")
    if examples:
        meaning += f" Example: {examples[0]}"
    return meaning


def rules_page() -> str:
    lines = [
        "# Validation rules",
        "",
        "`nap validate` reports each problem as",
        "`FILE:LINE:COL: error [RULE] PATH: message`. The rule ids below are stable:",
        "search for one here to learn what it means and how to fix it.",
        "`nap import` reports the same rules on a workbook's cells, as",
        "`FILE: SHEET!CELL (heading): error [RULE] message`, and a few of its own.",
        "",
    ]
    for group, title in _GROUPS:
        lines += [f"## {title}", "", "| Rule | What it means |", "|---|---|"]
        lines += [
            f"| {code(rule_id)} | {cell(rule.summary)} |" for rule_id, rule in _in_group(group)
        ]
        lines.append("")
    return "\n".join(lines) + "\n"


_GROUPS = (
    ("file", "Files"),
    ("yaml", "YAML"),
    ("schema", "Fields and values"),
    ("framework", "Framework and bodies"),
    ("plan", "Plans"),
    ("workbook", "Workbooks (nap import)"),
)


def _in_group(group: str) -> Iterator[tuple[str, Any]]:
    return ((rule_id, rule) for rule_id, rule in RULES.items() if rule.group == group)
