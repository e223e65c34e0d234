"""The imported plan written as YAML: into the existing file where there is one,
changing only what changed (so its comments, quoting and key order stay, as with
`nap fmt`), or as a new file in the canonical layout.

Two values are the same when they mean the same: a text written as one string is
its main language's text, numbers compare by value, dates by the day, and spaces
around text do not count (spreadsheets add and drop them)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from napkit.authoring import formatting, plan_yaml
from napkit.authoring.template import SCHEMA_PATH
from napkit.errors import InternalError
from napkit.plans.document import Document, LoadError, load_text
from napkit.render.workbook.columns import TEXT_FIELDS

SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_PATH}\n"
_IDENTITY = {"activities": "id", "indicators": "id", "progress": "period"}


def normalized(value: Any, main: str, key: str | None = None) -> Any:
    """`value` in one spelling per meaning: what 'the same plan' compares."""
    if isinstance(value, bool):
        return value
    if key in TEXT_FIELDS and isinstance(value, str):
        return {main: value.strip()}
    if isinstance(value, Mapping):
        items = ((str(k), normalized(v, main, str(k))) for k, v in value.items())
        # An empty list or mapping says nothing: a workbook has no way to write one.
        return {k: v for k, v in items if v not in ([], {}) or k == "activities"}
    if isinstance(value, list):
        return [normalized(v, main) for v in value]
    if isinstance(value, formatting.FloatText):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


@dataclass
class Written:
    text: str
    document: Document | None  # the text loaded back (None: the existing file, unchanged)


def plan_text(
    plan: dict[str, Any],
    existing: str | None,
    existing_data: Mapping[str, Any] | None,
    main: str,
    display: str,
) -> Written:
    """The YAML of `plan`: `existing` (a plan file's text, holding `existing_data`)
    changed where the plan differs from it, or a new file. Whatever the way, the
    text is loaded back and must hold `plan`."""
    want = normalized(plan, main)
    if existing is None or existing_data is None:
        text = SCHEMA_LINE + plan_yaml.plan_text(_ready(plan))
        return _holding(text, want, main, display)
    old = normalized(existing_data, main)
    if old == want:
        return Written(existing, None)
    by_activity = _by_activity(existing, existing_data, plan, (old, want), main)
    if by_activity is not None:
        document = _loaded(by_activity, display)
        if document is not None and normalized(document.data, main) == want:
            return Written(by_activity, document)
    yaml = formatting.round_trip()  # the whole file: slower, and for any layout
    merged = _merge(yaml.load(existing.removeprefix("\ufeff")), plan, main, None)
    out = io.StringIO()
    yaml.dump(merged, out)
    return _holding(formatting.format_text(out.getvalue(), display), want, main, display)


def _loaded(text: str, display: str) -> Document | None:
    try:
        return load_text(text.encode("utf-8"), display)
    except LoadError:
        return None


def _holding(text: str, want: Any, main: str, display: str) -> Written:
    document = _loaded(text, display)
    if document is None or normalized(document.data, main) != want:
        raise InternalError(f"{display}: the YAML written would not hold the workbook's plan")
    return Written(text, document)


def _ready(value: Any, key: str | None = None) -> Any:
    """Plan data as the emitter takes it: with no empty lists or mappings."""
    if isinstance(value, Mapping):
        return {k: _ready(v, k) for k, v in value.items() if v not in ([], {}) or k == "activities"}
    if isinstance(value, list):
        return [_ready(v) for v in value]
    return value


# --- one activity at a time ---------------------------------------------------
# A plan file in the canonical layout lists its activities as items starting with
# "  - " under a top-level "activities:". Each item's lines (with the comments
# above it) are kept as they are when the activity did not change; a changed one
# goes through ruamel.yaml alone, which keeps its comments; a new one is written
# afresh. Anything else (another layout) takes the whole-file way.

_TOP = re.compile(r"^activities:[ ]*(#.*)?$")


def _by_activity(
    existing: str,
    existing_data: Mapping[str, Any],
    plan: Mapping[str, Any],
    both: tuple[Any, Any],
    main: str,
) -> str | None:
    """`both`: the existing and the new plan, normalized (computed once: the cost)."""
    lines = existing.removeprefix("\ufeff").removesuffix("\n").split("\n")
    start = next((i for i, line in enumerate(lines) if _TOP.match(line)), None)
    old_items = existing_data.get("activities")
    if start is None or not isinstance(old_items, list):
        return None
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ")),
        len(lines),
    )
    while end > start + 1 and lines[end - 1].startswith("#"):
        end -= 1
    chunks = _chunks(lines[start + 1 : end])
    if chunks is None or len(chunks) != len(old_items):
        return None
    head = _plan_fields(lines[:start], lines[end:], both, plan, main)
    if head is None:
        return None
    before, after = head
    old_norm, new_norm = both[0]["activities"], both[1]["activities"]
    old_by_id: dict[Any, tuple[Any, list[str]]] = {}
    for item, norm, chunk in zip(old_items, old_norm, chunks, strict=True):
        key = item.get("id") if isinstance(item, dict) else None
        old_by_id.setdefault(key, (norm, chunk))
    body: list[str] = []
    for item, norm in zip(plan.get("activities", []), new_norm, strict=True):
        found = old_by_id.pop(item.get("id"), None)
        if found is None:
            body += plan_yaml.sequence_lines([_ready(item)], 2)
        elif found[0] == norm:
            body += found[1]
        else:
            merged = _merge_item(found[1], item, main)
            if merged is None:
                return None
            body += merged
    return "\n".join([*before, "activities:" if body else "activities: []", *body, *after]) + "\n"


def _chunks(lines: list[str]) -> list[list[str]] | None:
    """The lines of each item, each with the comments and blank lines above it."""
    chunks: list[list[str]] = []
    pending: list[str] = []
    for line in lines:
        if line.startswith("  - "):
            chunks.append([*pending, line])
            pending = []
        elif not line.strip() or line.lstrip().startswith("#"):
            pending.append(line)
        elif line.startswith("    ") and chunks:
            chunks[-1] += [*pending, line]
            pending = []
        else:
            return None
    if pending and chunks:
        chunks[-1] += pending
    return chunks


def _merge_item(chunk: list[str], item: Mapping[str, Any], main: str) -> list[str] | None:
    yaml = formatting.round_trip()
    document = yaml.load("activities:\n" + "\n".join(chunk) + "\n")
    seq = document.get("activities") if isinstance(document, CommentedMap) else None
    if not isinstance(seq, CommentedSeq) or len(seq) != 1:
        return None
    seq[0] = _merge(seq[0], item, main, None)
    out = io.StringIO()
    yaml.dump(document, out)
    text = formatting.canonical_lines(out.getvalue())
    return text.rstrip("\n").split("\n")[1:]


def _plan_fields(
    before: list[str],
    after: list[str],
    both: tuple[Any, Any],
    plan: Mapping[str, Any],
    main: str,
) -> tuple[list[str], list[str]] | None:
    """The lines before and after the activities, changed where the plan's own
    fields changed."""
    old, new_norm = ({k: v for k, v in x.items() if k != "activities"} for x in both)
    if old == new_norm:
        return before, after
    new = {k: v for k, v in plan.items() if k != "activities"}
    yaml = formatting.round_trip()
    document = yaml.load("\n".join([*before, "activities: []", *after]) + "\n")
    if not isinstance(document, CommentedMap):
        return None
    merged = _merge(document, {**new, "activities": []}, main, None)
    out = io.StringIO()
    yaml.dump(merged, out)
    lines = formatting.canonical_lines(out.getvalue()).rstrip("\n").split("\n")
    at = next((i for i, line in enumerate(lines) if line == "activities: []"), None)
    if at is None:
        return None
    return lines[:at], lines[at + 1 :]


def _same(old: Any, new: Any, main: str, key: str | None) -> bool:
    return bool(normalized(old, main, key) == normalized(new, main, key))


def _merge(old: Any, new: Any, main: str, key: str | None) -> Any:
    if _same(old, new, main, key):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, Mapping):
        for gone in [k for k in old if k not in new]:
            del old[gone]
        for position, (k, v) in enumerate(new.items()):
            if k in old:
                old[k] = _merge(old[k], v, main, k)
            else:
                old.insert(_position(old, new, k, position), k, _node(v, k))
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        return _merge_list(old, new, main, key)
    return _node(new, key)


def _position(old: CommentedMap, new: Mapping[str, Any], key: str, fallback: int) -> int:
    """Where a new key goes: after the last key that comes before it in `new`."""
    before = list(new)[: list(new).index(key)]
    placed = [i for i, k in enumerate(old) if k in before]
    return placed[-1] + 1 if placed else min(fallback, len(old))


def _merge_list(old: CommentedSeq, new: list[Any], main: str, key: str | None) -> Any:
    identity = _IDENTITY.get(key or "")
    if identity is None or not all(isinstance(x, Mapping) for x in (*old, *new)):
        if len(old) == len(new):  # funding rows, and lists of names: item by item
            for i, item in enumerate(new):
                old[i] = _merge(old[i], item, main, None)
            return old
        return _node(new, key)
    old_ids = [x.get(identity) for x in old]
    new_ids = [x.get(identity) for x in new]
    if old_ids == new_ids:
        for i, item in enumerate(new):
            old[i] = _merge(old[i], item, main, None)
        return old
    # Items added, removed or moved: each keeps its own comments; comments between
    # items may move with their neighbours.
    by_id = {x.get(identity): x for x in old}
    seq = CommentedSeq()
    for item in new:
        found = by_id.pop(item.get(identity), None)
        seq.append(_merge(found, item, main, None) if found is not None else _node(item, None))
    return seq


def _node(value: Any, key: str | None) -> Any:
    """A new value as ruamel.yaml writes it in our layout."""
    if isinstance(value, Mapping):
        node = CommentedMap((k, _node(v, k)) for k, v in value.items())
        if key in plan_yaml.FLOW:
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_node(v, None) for v in value)
        if key in plan_yaml.FLOW:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and key in plan_yaml.DATES:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


__all__ = ["Written", "normalized", "plan_text"]
