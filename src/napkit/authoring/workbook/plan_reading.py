"""The workbook's sheets back into one plan: each sheet's columns found by their
names in the key row (so moved, hidden and added columns are fine), blank rows
skipped, funding, indicators and progress joined to their activity by its id, and
every value's cell remembered for the messages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from napkit.authoring.workbook import cells
from napkit.authoring.workbook.problems import WORKBOOK, Place, Places, Problem
from napkit.authoring.workbook.reading import Book, Grid
from napkit.findings import Message, say
from napkit.i18n import N_
from napkit.plans.framework import Framework
from napkit.render.workbook.columns import Column, Sheet, sheets
from napkit.render.workbook.lists import Lists
from napkit.render.workbook.lists import build as build_lists

_KEY_SEARCH_ROWS = 10
_LIST_KEY = re.compile(r"^(partners|locations|supporting)_([0-9]{1,3})$")
_LANGUAGE = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
PLAN_ORDER = ("body", "year", "status", "submitted", "carry_over", "contact_unit", "notes")
ACTIVITY_ORDER = (
    *("id", "title", "description", "pillar", "objective", "continues", "responsible"),
    *("supporting", "partners", "locations", "start", "end", "budget", "indicators", "progress"),
)
BUDGET_ORDER = ("none", "amount", "currency", "note", "funding")
PROGRESS_ORDER = ("period", "status", "values", "spent", "note")
_FORMULA = Message(
    N_(
        "this cell holds a formula whose result was never saved, so its value is unknown: "
        "open the workbook in Excel or LibreOffice, save it and import it again, or type the "
        "value"
    )
)


@dataclass
class Row:
    """One filled row of a sheet: its fields, where each came from, and its first cell."""

    place: Place
    data: dict[str, Any] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # "title.ar", "partners[1]", ...


@dataclass
class Imported:
    plan: dict[str, Any]
    places: Places
    problems: list[Problem]


def plan_of(book: Book, fw: Framework) -> Imported:
    """The plan the workbook holds. Its columns are found by their names, so the
    shape of the plan it was made from is not needed to read it back."""
    problems: list[Problem] = []
    lists = build_lists(fw, _year_hint(book))
    langs = list(fw.language_codes)
    rows: dict[str, list[Row]] = {}
    for shape in sheets(fw):
        grid = book.sheets.get(shape.name)
        if grid is None:
            problems.append(
                Problem.at(
                    WORKBOOK,
                    "workbook-sheet-missing",
                    say(
                        N_(
                            "the sheet {sheet} is missing: put it back (copy it from a fresh "
                            "workbook) so that nothing on it is lost"
                        ),
                        sheet=shape.name,
                    ),
                )
            )
            rows[shape.record] = []
            continue
        rows[shape.record] = _rows(grid, shape, fw, lists, langs, problems)
    if book.external_links:
        problems.append(
            Problem.at(
                WORKBOOK,
                "workbook-external-links",
                Message(
                    N_(
                        "the workbook links to other files: the values they had when it was "
                        "last saved were used"
                    )
                ),
                "warning",
            )
        )
    plan, places = _assemble(rows, fw.main_language, problems)
    return Imported(plan, places, problems)


def _year_hint(book: Book) -> int:
    """The plan year, for the reporting periods' list: the Plan sheet's year cell
    read loosely (the strict reading comes later); 0 when there is none."""
    grid = book.sheets.get("Plan")
    if grid is None:
        return 0
    for r, row in enumerate(grid.rows[:_KEY_SEARCH_ROWS]):
        if "year" in row:
            value = grid.cell(r + 2, row.index("year"))
            number = cells.number_text(str(value)) if value not in (None, "") else None
            return int(number) if isinstance(number, int | float) else 0
    return 0


def _rows(
    grid: Grid, shape: Sheet, fw: Framework, lists: Lists, langs: list[str], problems: list[Problem]
) -> list[Row]:
    found = _columns(grid, shape, fw, problems)
    if found is None:
        return []
    key_row, columns = found
    start = key_row + 1
    if _is_heading_row(grid, start, columns, fw):
        start += 1
    out: list[Row] = []
    for r in range(start, len(grid.rows)):
        row = _row(grid, r, shape, columns, lists, langs, fw.main_language, problems)
        if row is not None:
            out.append(row)
    return out


def _columns(
    grid: Grid, shape: Sheet, fw: Framework, problems: list[Problem]
) -> tuple[int, dict[int, Column]] | None:
    """The key row and the column under each of its names."""
    key_row = _key_row(grid, {c.key for c in shape.columns})
    if key_row is None:
        problems.append(
            Problem.at(
                Place(shape.name, 0, 0),
                "workbook-columns-missing",
                say(
                    N_(
                        "the sheet {sheet} has lost its first row (the column names, such as "
                        "{example}): copy it back from a fresh workbook"
                    ),
                    sheet=shape.name,
                    example=shape.columns[0].key,
                ),
            )
        )
        return None
    texts = {c.field[0] for c in shape.columns if c.language is not None}
    text_key = re.compile(rf"^({'|'.join(map(re.escape, texts)) or '(?!)'})_({_LANGUAGE})$")
    columns: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for col, raw in enumerate(grid.rows[key_row]):
        key = str(raw).strip() if raw not in (None, "") else ""
        if not key:
            continue
        place = Place(shape.name, key_row, col, key)
        if key in seen:
            problems.append(
                Problem.at(
                    place,
                    "workbook-column-twice",
                    say(N_("the column {column} is there twice: delete one"), column=key),
                )
            )
            continue
        seen[key] = col
        column = shape.column(key) or _dynamic(key, text_key, shape, fw)
        if column is None:
            problems.append(
                Problem.at(
                    place,
                    "workbook-column-unknown",
                    say(
                        N_("the column {column} is not part of the plan: it was not read"),
                        column=key,
                    ),
                    "warning",
                )
            )
            continue
        columns[col] = column
    problems += _missing(shape, fw, set(seen), key_row)
    return key_row, columns


def _key_row(grid: Grid, keys: set[str]) -> int | None:
    """The row of the column names, near the top (people insert a title row or two)."""
    return next(
        (
            r
            for r in range(min(len(grid.rows), _KEY_SEARCH_ROWS))
            if sum(1 for v in grid.rows[r] if isinstance(v, str) and v.strip() in keys) >= 2
            or (len(keys) < 3 and any(str(v).strip() in keys for v in grid.rows[r]))
        ),
        None,
    )


def _missing(shape: Sheet, fw: Framework, seen: set[str], key_row: int) -> list[Problem]:
    """A column deleted: an error, or what the plan holds in it would be lost (more
    partners or locations, and languages nap.yaml does not list, may be left out)."""
    out = []
    for column in shape.columns:
        optional = (column.index or 0) > 0 or (
            column.language is not None and column.language not in fw.language_codes
        )
        if column.key not in seen and not optional:
            out.append(
                Problem.at(
                    Place(shape.name, key_row, 0),
                    "workbook-column-missing",
                    say(
                        N_(
                            "the column {column} ({heading}) is missing: put it back (copy it "
                            "from a fresh workbook) so that nothing in it is lost"
                        ),
                        column=column.key,
                        heading=column.label,
                    ),
                )
            )
    return out


def _dynamic(key: str, text_key: re.Pattern[str], shape: Sheet, fw: Framework) -> Column | None:
    """A column added by hand: another partner or location, or a text in one more
    language; headed like the sheet's own columns of that field."""
    listed = _LIST_KEY.match(key)
    if listed and int(listed[2]) > 0:
        like = next(c for c in shape.columns if c.field == (listed[1],))
        return replace(like, key=key, index=int(listed[2]) - 1)
    text = text_key.match(key)
    if text:
        like = next(c for c in shape.columns if c.field == (text[1],))
        rtl = {x.code for x in fw.languages if x.dir == "rtl"}
        return replace(like, key=key, language=text[2], language_name=text[2], rtl=text[2] in rtl)
    return None


def _is_heading_row(grid: Grid, r: int, columns: dict[int, Column], fw: Framework) -> bool:
    if r >= len(grid.rows):
        return False
    same = sum(
        1
        for c, column in columns.items()
        if str(grid.cell(r, c)).strip() in (column.heading_in(fw), column.label)
    )
    return same * 2 >= max(1, len(columns)) or same >= 2


def _row(
    grid: Grid,
    r: int,
    shape: Sheet,
    columns: dict[int, Column],
    lists: Lists,
    langs: list[str],
    main: str,
    problems: list[Problem],
) -> Row | None:
    texts: dict[str, dict[str, tuple[str, Place]]] = {}
    listed: dict[str, dict[int, tuple[Any, Place]]] = {}
    row = Row(Place(shape.name, r, min(columns, default=0), shape.columns[0].label))
    filled = False
    for c, column in columns.items():
        place = Place(shape.name, r, c, column.label)
        if (r, c) in grid.no_value:
            problems.append(Problem.at(place, "workbook-formula", _FORMULA))
            filled = True
            continue
        read = cells.read(column, grid.cell(r, c), lists)
        if read.problem is not None:
            problems.append(Problem.at(place, read.rule, read.problem))
            filled = True
            continue
        if read.value is None:
            continue
        filled = True
        name = column.field[0]
        if column.language is not None:
            texts.setdefault(name, {})[column.language] = (read.value, place)
        elif column.index is not None:
            listed.setdefault(name, {})[column.index] = (read.value, place)
        else:
            _put(row, column.field, read.value, place)
    if not filled:
        return None
    for name, by_language in texts.items():
        ordered = sorted(
            by_language, key=lambda code: langs.index(code) if code in langs else len(langs)
        )
        # By language even when only the main language is filled in, as nap fmt
        # writes texts (so the form editor can edit the plan).
        row.data[name] = {code: by_language[code][0] for code in ordered}
        row.places[name] = by_language[ordered[0]][1]
        for code in ordered:
            row.places[f"{name}.{code}"] = by_language[code][1]
    for name, items in listed.items():
        values = [items[i] for i in sorted(items)]
        row.data[name] = [v for v, _ in values]
        row.places[name] = values[0][1]
        for n, (_, place) in enumerate(values):
            row.places[f"{name}[{n}]"] = place
    row.data = _ordered(row.data, tuple(dict.fromkeys(c.field[0] for c in shape.columns)))
    if shape.record == "activity":
        row.place = row.places.get("id", row.place)
    return row


def _put(row: Row, path: tuple[str, ...], value: Any, place: Place) -> None:
    node = row.data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value
    row.places[".".join(path)] = place


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    return {k: data[k] for k in (*order, *data) if k in data}


def _assemble(
    rows: dict[str, list[Row]], main: str, problems: list[Problem]
) -> tuple[dict[str, Any], Places]:
    places = Places()
    plan_rows = rows.get("plan", [])
    for extra in plan_rows[1:]:
        problems.append(
            Problem.at(
                extra.place,
                "workbook-plan-rows",
                Message(N_("the Plan sheet has one row: this one is extra")),
            )
        )
    head = plan_rows[0] if plan_rows else Row(Place("Plan", 2, 0))
    plan = _ordered(head.data, PLAN_ORDER)
    places.add(".", head.place)
    for name, place in head.places.items():
        places.add(name, place)
    activities: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for i, row in enumerate(rows.get("activity", [])):
        prefix = f"activities[{i}]"
        activity = _ordered(row.data, ACTIVITY_ORDER)
        if isinstance(activity.get("budget"), dict):
            activity["budget"] = _ordered(activity["budget"], BUDGET_ORDER)
        activities.append(activity)
        index.setdefault(str(activity.get("id", "")), i)
        places.add(prefix, row.place)
        for name, place in row.places.items():
            places.add(f"{prefix}.{name}", place)
        places.add(f"{prefix}.budget", row.places.get("budget.amount", row.place))
    plan["activities"] = activities
    _join(rows.get("funding", []), activities, index, places, problems, ("budget", "funding"))
    _join(rows.get("indicator", []), activities, index, places, problems, ("indicators",))
    _join(rows.get("progress", []), activities, index, places, problems, ("progress",))
    _values(rows.get("value", []), activities, index, places, problems)
    for activity in activities:
        if isinstance(activity.get("progress"), list):
            activity["progress"] = [_ordered(p, PROGRESS_ORDER) for p in activity["progress"]]
    problems += _words(activities, places)
    return plan, places


def _words(activities: list[dict[str, Any]], places: Places) -> list[Problem]:
    """Words are a value only for a text indicator; for the others they are a number,
    yes or no typed wrong. Either way they leave here as plain text."""
    found: list[Problem] = []
    for i, activity in enumerate(activities):
        units: dict[str, Any] = {}
        for k, ind in enumerate(activity.get("indicators", [])):
            units[str(ind.get("id"))] = ind.get("unit")
            for name in ("baseline", "target"):
                if isinstance(ind.get(name), cells.Words):
                    if ind.get("unit") != "text":
                        where = places.of(f"activities[{i}].indicators[{k}].{name}")
                        found.append(_not_a_measure(where, ind[name]))
                    ind[name] = str(ind[name])
        for j, report in enumerate(activity.get("progress", [])):
            values = report.get("values", {})
            for name, value in values.items():
                if isinstance(value, cells.Words):
                    if units.get(name) != "text":
                        where = places.of(f"activities[{i}].progress[{j}].values.{name}")
                        found.append(_not_a_measure(where, value))
                    values[name] = str(value)
    return found


def _not_a_measure(place: Place, value: str) -> Problem:
    return Problem.at(
        place,
        "workbook-cell",
        say(
            N_(
                "'{value}' is not a number, yes or no (words are for an indicator whose unit is "
                "text)"
            ),
            value=value,
        ),
    )


def _owner(
    row: Row, index: dict[str, int], problems: list[Problem]
) -> tuple[int, dict[str, Any]] | None:
    data = dict(row.data)
    owner = data.pop("activity", None)
    place = row.places.get("activity", row.place)
    if owner is None:
        problems.append(
            Problem.at(
                place,
                "workbook-activity-missing",
                Message(N_("give the id of the activity this row belongs to")),
            )
        )
        return None
    if str(owner) not in index:
        problems.append(
            Problem.at(
                place,
                "workbook-activity-unknown",
                say(
                    N_(
                        "there is no activity {activity} on the Activities sheet: use one of its ids"
                    ),
                    activity=str(owner),
                ),
            )
        )
        return None
    return index[str(owner)], data


def _owned(
    rows: list[Row], index: dict[str, int], problems: list[Problem]
) -> Iterator[tuple[Row, int, dict[str, Any]]]:
    """Each row whose activity is on the Activities sheet, with that activity's index."""
    for row in rows:
        owned = _owner(row, index, problems)
        if owned is not None:
            yield row, *owned


def _join(
    rows: list[Row],
    activities: list[dict[str, Any]],
    index: dict[str, int],
    places: Places,
    problems: list[Problem],
    path: tuple[str, ...],
) -> None:
    for row, i, data in _owned(rows, index, problems):
        node = activities[i]
        for part in path[:-1]:
            node = node.setdefault(part, {})
        items = node.setdefault(path[-1], [])
        prefix = f"activities[{i}].{'.'.join(path)}[{len(items)}]"
        items.append(data)
        places.add(prefix, row.place)
        for name, place in row.places.items():
            if name != "activity":
                places.add(f"{prefix}.{name}", place)


def _values(
    rows: list[Row],
    activities: list[dict[str, Any]],
    index: dict[str, int],
    places: Places,
    problems: list[Problem],
) -> None:
    for row, i, data in _owned(rows, index, problems):
        periods = [p.get("period") for p in activities[i].get("progress", [])]
        period, indicator = data.get("period"), data.get("indicator")
        place = row.places.get("period", row.place)
        if period not in periods:
            problems.append(
                Problem.at(
                    place,
                    "workbook-period-unknown",
                    say(
                        N_(
                            "activity {activity} has no row for period {period} on the Progress "
                            "sheet: add that row first"
                        ),
                        activity=str(activities[i].get("id")),
                        period=str(period),
                    ),
                )
            )
            continue
        if indicator is None or "value" not in data:
            problems.append(
                Problem.at(
                    row.place,
                    "workbook-value-incomplete",
                    Message(N_("give the indicator id and its value")),
                )
            )
            continue
        j = periods.index(period)
        values = activities[i]["progress"][j].setdefault("values", {})
        values[str(indicator)] = data["value"]
        prefix = f"activities[{i}].progress[{j}].values.{indicator}"
        places.add(prefix, row.places.get("value", row.place))


__all__ = ["ACTIVITY_ORDER", "PLAN_ORDER", "Imported", "plan_of"]
