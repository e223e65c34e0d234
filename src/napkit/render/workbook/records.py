"""A plan as the workbook's rows, and each cell's value: the way out. The way back
is napkit.authoring.workbook.plan_reading; both follow the columns of `columns.py`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from napkit.plans.texts import text_in
from napkit.render.workbook.columns import Column, Sheet

Record = Mapping[str, Any]


def records(sheet: Sheet, plan: Mapping[str, Any]) -> Iterator[Record]:
    """The rows of `sheet` for `plan`, in the plan's order."""
    if sheet.record == "plan":
        yield plan
        return
    for activity in _list(plan.get("activities")):
        if sheet.record == "activity":
            yield activity
            continue
        owner = activity.get("id")
        if sheet.record == "funding":
            budget = activity.get("budget")
            items = _list(budget.get("funding")) if isinstance(budget, dict) else []
        elif sheet.record in ("indicator", "progress"):
            items = _list(activity.get("indicators" if sheet.record == "indicator" else "progress"))
        else:
            items = [
                {"period": p.get("period"), "indicator": k, "value": v}
                for p in _list(activity.get("progress"))
                if isinstance(p.get("values"), dict)
                for k, v in p["values"].items()
            ]
        for item in items:
            yield {"activity": owner, **item}


def _list(value: Any) -> list[dict[str, Any]]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def value(column: Column, record: Record, main_language: str) -> Any:
    """What `column` holds for `record` (None: an empty cell)."""
    node: Any = record
    for part in column.field:
        node = node.get(part) if isinstance(node, Mapping) else None
    if column.language is not None:
        if isinstance(node, str):
            return node if column.language == main_language else None
        return node.get(column.language) if isinstance(node, Mapping) else None
    if column.index is not None:
        return node[column.index] if isinstance(node, list) and column.index < len(node) else None
    if column.kind == "measure" and isinstance(node, Mapping):
        # a text indicator's words in several languages: the cell shows one of them (the
        # import keeps the others while it is unchanged: authoring.workbook.kept)
        return text_in(node, (main_language,))
    return node


__all__ = ["Record", "records", "value"]
