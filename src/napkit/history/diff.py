"""What changed between two versions of a plan file, in plan terms.

Both versions are flattened to paths -> values with every list of records keyed
by its id (activities and indicators by id, progress by period, pillars by id,
...), so that reordering is never a change; lists of names (partners,
locations, reviewers) are compared as sets. Changes are then grouped the way a
reviewer reads them: plan fields, then activities added, removed and changed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

Path = tuple[str, ...]

# The field that identifies a record in each list of records.
RECORD_KEYS = {
    "activities": "id",
    "indicators": "id",
    "progress": "period",
    "pillars": "id",
    "objectives": "id",
    "jurisdictions": "id",
    "locations": "code",
    "languages": "code",
    "bodies": "id",
    "rounds": "year",
}


@dataclass(frozen=True)
class FieldChange:
    path: Path  # within its record, e.g. ("budget", "amount")
    old: Any  # None when added
    new: Any  # None when removed

    @property
    def kind(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


@dataclass
class RecordChange:
    """An activity (or pillar, body, ...) added, removed or changed."""

    kind: str  # added | removed | changed
    collection: str  # activities, pillars, bodies, ...
    id: str
    title: Any  # its title or name (new version, else old)
    record: dict[str, Any] | None  # the whole record, for added and removed
    fields: list[FieldChange] = field(default_factory=list)
    currency: str | None = None  # an activity's budget currency, for money in messages


@dataclass
class FileDiff:
    """The changes to one file between two revisions."""

    path: str
    kind: str  # added | removed | changed | renamed | invalid | unchanged
    old_path: str | None = None
    fields: list[FieldChange] = field(default_factory=list)  # top-level fields
    records: list[RecordChange] = field(default_factory=list)
    error: str | None = None  # when a version cannot be read

    @property
    def empty(self) -> bool:
        return not self.fields and not self.records and self.kind in ("changed", "unchanged")


def flatten(value: Any, path: Path = ()) -> dict[Path, Any]:
    out: dict[Path, Any] = {}
    if isinstance(value, dict):
        if not value and path:
            out[path] = {}
        for key, item in value.items():
            out.update(flatten(item, (*path, str(key))))
    elif isinstance(value, list):
        key = RECORD_KEYS.get(path[-1]) if path else None
        if key and all(isinstance(v, dict) and key in v for v in value):  # [] holds no record
            for item in value:
                where = (*path, str(item[key]))
                out[
                    where
                ] = {}  # the record itself, so that a record with no other field still counts
                out.update(flatten({k: v for k, v in item.items() if k != key}, where))
        elif value and all(isinstance(v, dict) for v in value):  # records without an id: funding
            seen: Counter[str] = Counter()
            for item in value:
                label = _record_label(item)
                seen[label] += 1
                name = label if seen[label] == 1 else f"{label} #{seen[label]}"
                out[(*path, name)] = {}
                out.update(flatten(item, (*path, name)))
        else:
            out[path] = tuple(sorted(value, key=str))  # names: compared as a set
    else:
        out[path] = value
    return out


def _record_label(item: dict[str, Any]) -> str:
    """How a record without an id is told apart: a funding entry by source and funder."""
    funder = item.get("funder")
    if isinstance(funder, dict):
        funder = next(iter(funder.values()), "")
    parts = [str(item.get("source", "")), str(funder or "")]
    return ": ".join(p for p in parts if p) or "entry"


def diff_data(
    old: dict[str, Any] | None, new: dict[str, Any] | None
) -> tuple[list[FieldChange], list[RecordChange]]:
    """Top-level field changes, and record changes per collection."""
    lean_old, lean_new = _without_unchanged_records(old or {}, new or {})
    before, after = flatten(lean_old), flatten(lean_new)
    fields: list[FieldChange] = []
    records: dict[tuple[str, str], RecordChange] = {}
    for path in _ordered(before, after):
        was, now = before.get(path), after.get(path)
        if was == now:
            continue
        if len(path) >= 2 and path[0] in RECORD_KEYS:
            collection, ident = path[0], path[1]
            rec = records.get((collection, ident))
            if rec is None:
                rec = records[(collection, ident)] = _record(collection, ident, old, new)
            if rec.kind == "changed":
                rec.fields.append(FieldChange(path[2:], was, now))
        else:
            fields.append(FieldChange(path, was, now))
    return fields, list(records.values())


def _without_unchanged_records(
    old: dict[str, Any], new: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both versions without the top-level records that are equal in both: most of a
    plan is unchanged between two revisions, and flattening it is the cost."""
    lean_old, lean_new = dict(old), dict(new)
    for collection, key in RECORD_KEYS.items():
        a, b = old.get(collection), new.get(collection)
        if not (isinstance(a, list) and isinstance(b, list)):
            continue
        if not all(isinstance(x, dict) and key in x for x in (*a, *b)):
            continue
        by_id = {str(x[key]): x for x in a}
        same = {str(x[key]) for x in b if by_id.get(str(x[key])) == x}
        lean_old[collection] = [x for x in a if str(x[key]) not in same]
        lean_new[collection] = [x for x in b if str(x[key]) not in same]
    return lean_old, lean_new


def _ordered(before: dict[Path, Any], after: dict[Path, Any]) -> list[Path]:
    """The new version's order, then what only the old version had."""
    return [*after, *(p for p in before if p not in after)]


def _find(doc: dict[str, Any] | None, collection: str, ident: str) -> dict[str, Any] | None:
    key = RECORD_KEYS[collection]
    items = (doc or {}).get(collection)
    if not isinstance(items, list):
        return None
    return next((i for i in items if isinstance(i, dict) and str(i.get(key)) == ident), None)


def _record(
    collection: str, ident: str, old: dict[str, Any] | None, new: dict[str, Any] | None
) -> RecordChange:
    was, now = _find(old, collection, ident), _find(new, collection, ident)
    kind = "added" if was is None else "removed" if now is None else "changed"
    current = now if now is not None else was or {}
    title = current.get("title", current.get("name"))
    budget = current.get("budget")
    currency = budget.get("currency") if isinstance(budget, dict) else None
    return RecordChange(
        kind, collection, ident, title, current if kind != "changed" else None, currency=currency
    )
