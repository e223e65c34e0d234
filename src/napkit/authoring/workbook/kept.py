"""What a workbook has no cell for, kept from the plan file it updates: extension
fields (x-...) and the parts of the format the sheets leave out (milestones,
targets by category, a budget's note). A workbook that cannot show a field cannot
mean to remove it; so an activity, indicator, report or funding row that is still
there keeps those fields as the file has them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from napkit.plans.framework import Framework
from napkit.plans.texts import text_in
from napkit.render.workbook.columns import sheets

# The lists a sheet's rows are, and the key that says which row is which.
_ROWS = {"activity": ("activities", "id"), "indicator": ("indicators", "id")}


def carried(fw: Framework, plan: Mapping[str, Any] | None) -> dict[str, set[str]]:
    """Record kind -> the fields its sheet has columns for ("budget" for the budget's)."""
    out: dict[str, set[str]] = {"value": set()}
    for sheet in sheets(fw, plan):
        fields = out.setdefault(sheet.record, set())
        for column in sheet.columns:
            fields.add(column.field[0])
            if column.field[0] == "budget" and len(column.field) > 1:
                out.setdefault("budget", set()).add(column.field[1])
    out["plan"].add("activities")
    out["activity"] |= {"indicators", "progress"}
    out["budget"].add("funding")
    out["progress"].add("values")
    return out


def with_kept(plan: dict[str, Any], old: Mapping[str, Any], fw: Framework) -> dict[str, Any]:
    """`plan` (from a workbook) with what the workbook cannot show taken from `old`."""
    shown = carried(fw, old)
    langs = fw.language_codes
    out = _keep(plan, old, shown["plan"])
    old_activities = _by_key(old.get("activities"), "id")
    for activity in out.get("activities", []):
        before = old_activities.get(activity.get("id"))
        if before is None:
            continue
        activity.update(_keep(activity, before, shown["activity"]))
        if isinstance(activity.get("budget"), dict) and isinstance(before.get("budget"), dict):
            budget = _keep(activity["budget"], before["budget"], shown["budget"])
            _keep_list(budget.get("funding"), before["budget"].get("funding"), shown["funding"])
            activity["budget"] = budget
        _keep_items(
            activity.get("indicators"), before.get("indicators"), "id", shown["indicator"], langs
        )
        _keep_items(
            activity.get("progress"), before.get("progress"), "period", shown["progress"], langs
        )
    return out


def _keep(new: Mapping[str, Any], old: Mapping[str, Any], shown: set[str]) -> dict[str, Any]:
    out = dict(new)
    for key, value in old.items():
        if key not in shown and key not in out:
            out[key] = value
    return out


def _by_key(items: Any, key: str) -> dict[Any, Mapping[str, Any]]:
    if not isinstance(items, list):
        return {}
    return {x.get(key): x for x in items if isinstance(x, Mapping)}


def _keep_list(new: Any, old: Any, shown: set[str]) -> None:
    """Funding rows have no id: kept field by field while the rows are as many."""
    if isinstance(new, list) and isinstance(old, list) and len(new) == len(old):
        for i, (n, o) in enumerate(zip(new, old, strict=True)):
            if isinstance(n, dict) and isinstance(o, Mapping):
                new[i] = _keep(n, o, shown)


def _keep_items(new: Any, old: Any, key: str, shown: set[str], langs: tuple[str, ...]) -> None:
    before = _by_key(old, key)
    for i, item in enumerate(new if isinstance(new, list) else []):
        if not isinstance(item, dict) or item.get(key) not in before:
            continue
        o = before[item.get(key)]
        item = _keep(item, o, shown)
        for name in ("baseline", "target"):
            if name in item:
                item[name] = _words(item[name], o.get(name), langs)
        if isinstance(item.get("values"), dict) and isinstance(o.get("values"), Mapping):
            item["values"] = {
                k: _words(v, o["values"].get(k), langs) for k, v in item["values"].items()
            }
        new[i] = item


def _words(new: Any, old: Any, langs: tuple[str, ...]) -> Any:
    """A cell shows a text value in one language: unchanged, it keeps all of them."""
    shown = isinstance(old, Mapping) and text_in(old, langs[:1])  # as records.value shows it
    if isinstance(new, str) and shown and new.strip() == shown.strip():
        return old
    return new


__all__ = ["carried", "with_kept"]
