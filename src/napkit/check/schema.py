"""Compiled JSON Schema validators; schema_errors turns their errors into findings.

The common case (a valid file) costs one call into jsonschema-rs; only a failing
document is walked again by jsonschema, whose error objects carry enough to
write a plain message at the right line.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema
import jsonschema_rs

from napkit.check.examples import Examples
from napkit.check.schema_errors import findings
from napkit.findings import Finding, JsonPath
from napkit.plans.document import Document

KINDS = ("nap", "bodies", "plan")


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


def check(
    doc: Document, kind: str, examples: Examples | None = None
) -> tuple[list[Finding], set[JsonPath]]:
    """The document's schema findings, and the paths of values whose type or shape
    is wrong. Rules skip those paths; an unknown or missing field leaves the rest
    of its object usable."""
    if _fast(kind).is_valid(doc.data):
        return [], set()
    out: list[Finding] = []
    bad: set[JsonPath] = set()
    for error in _detailed(kind).iter_errors(doc.data):
        out.extend(findings(doc, error, schema(kind), examples))
        path = tuple(error.absolute_path)
        if error.validator == "required":
            # The object stays usable, but not for a rule that needs the missing field.
            missing = [k for k in error.validator_value if k not in (error.instance or {})]
            bad.update((*path, name) for name in missing)
        elif error.validator != "additionalProperties":
            bad.add(path)
    return out, bad
