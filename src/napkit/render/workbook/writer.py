"""`nap workbook`: one body's plan for one year as a workbook to fill in, with a
dropdown for every closed list, real date and number cells, a column per language
(right to left where the language is), and the current plan filled in."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from napkit.i18n import N_, translate
from napkit.plans.framework import Framework
from napkit.plans.texts import text_in
from napkit.render.export.xlsxfile import TEXT_AS_WRITTEN
from napkit.render.workbook import lists as closed
from napkit.render.workbook.columns import (
    FIRST_DATA_ROW,
    HEADING_ROW,
    KEY_ROW,
    SEPARATOR,
    Column,
    Sheet,
    sheets,
)
from napkit.render.workbook.records import records, value

SPARE_ROWS = 200  # empty, unlocked rows with dropdowns below the plan's own
MONEY = "#,##0.##"
DATE = "yyyy-mm-dd"
LISTS_SHEET = "Lists"
_ENTRY_LISTS = ("bodies", "pillars", "objectives", "locations")


def workbook(fw: Framework, body: str, year: int, plan: Mapping[str, Any] | None) -> bytes:
    """The workbook of BODY's plan for YEAR; `plan` is its current data, if any."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, TEXT_AS_WRITTEN)
    styles = _Styles(wb)
    lists = closed.build(fw, year, plan)
    data = plan if plan is not None else {"body": body, "year": year, "status": "draft"}
    shapes = sheets(fw, plan)
    instructions = wb.add_worksheet("Instructions")
    for shape in shapes:
        _data_sheet(wb, styles, shape, fw, lists, data)
    _lists_sheet(wb, lists)
    _instructions(instructions, styles, fw, shapes, lists, body, year, has_plan=plan is not None)
    instructions.activate()
    wb.close()
    return out.getvalue()


class _Styles:
    def __init__(self, wb: Any) -> None:
        self.key = wb.add_format({"font_color": "#767676", "font_size": 8, "locked": True})
        self.heading = wb.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E7E6F0", "border": 1}
        )
        self.text = wb.add_format({"locked": False, "text_wrap": True, "valign": "top"})
        self.rtl = wb.add_format(
            {
                "locked": False,
                "text_wrap": True,
                "valign": "top",
                "reading_order": 2,
                "align": "right",
            }
        )
        self.money = wb.add_format({"locked": False, "num_format": MONEY, "valign": "top"})
        self.date = wb.add_format({"locked": False, "num_format": DATE, "valign": "top"})
        self.plain = wb.add_format({"locked": False, "valign": "top"})
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.note = wb.add_format({"text_wrap": True, "valign": "top"})
        self.rtl_note = wb.add_format(
            {"text_wrap": True, "valign": "top", "reading_order": 2, "align": "right"}
        )

    def of(self, column: Column) -> Any:
        if column.kind == "text":
            return self.rtl if column.rtl else self.text
        if column.kind == "number":
            return self.money
        if column.kind == "date":
            return self.date
        return self.plain


def _data_sheet(
    wb: Any,
    styles: _Styles,
    shape: Sheet,
    fw: Framework,
    lists: closed.Lists,
    plan: Mapping[str, Any],
) -> None:
    ws = wb.add_worksheet(shape.name)
    rows = list(records(shape, plan))
    last = FIRST_DATA_ROW + (1 if shape.record == "plan" else len(rows) + SPARE_ROWS) - 1
    entries = _entries(lists)
    for col, column in enumerate(shape.columns):
        fmt = styles.of(column)
        ws.set_column(col, col, column.width, fmt)
        ws.write_string(KEY_ROW, col, column.key, styles.key)
        ws.write_string(HEADING_ROW, col, column.heading_in(fw), styles.heading)
        for row, record in enumerate(rows, start=FIRST_DATA_ROW):
            _write(ws, row, col, column, value(column, record, fw.main_language), entries, fmt)
        _validation(ws, col, column, shape, last)
    ws.set_row(KEY_ROW, 12)
    lines = max((c.heading_in(fw).count("\n") + 1 for c in shape.columns), default=1)
    ws.set_row(HEADING_ROW, 16 * lines + 4)
    ws.freeze_panes(FIRST_DATA_ROW, 1)
    ws.protect(
        "",
        {
            "insert_rows": True,
            "delete_rows": True,
            "format_cells": True,
            "format_columns": True,
            "format_rows": True,
            "sort": True,
            "autofilter": True,
        },
    )


def _entries(lists: closed.Lists) -> dict[str, str]:
    """Id -> its dropdown entry, for the lists that show names."""
    return {e.split(SEPARATOR, 1)[0]: e for name in _ENTRY_LISTS for e in lists.entries[name]}


def _write(
    ws: Any, row: int, col: int, column: Column, data: Any, entries: dict[str, str], fmt: Any
) -> None:
    if data is None:
        return
    if isinstance(data, bool):
        ws.write_string(row, col, closed.YES if data else closed.NO, fmt)
    elif isinstance(data, int | float):
        ws.write_number(row, col, data, fmt)
    elif column.kind == "date" and _date(data) is not None:
        ws.write_datetime(row, col, _date(data), fmt)
    elif isinstance(data, str):
        shown = entries.get(data, data) if column.kind == "choice" else data
        ws.write_string(row, col, shown, fmt)
    else:  # a list or mapping where the schema wants one value: keep it readable
        ws.write_string(row, col, str(data), fmt)


def _date(data: Any) -> dt.datetime | None:
    try:
        day = dt.date.fromisoformat(str(data))
    except ValueError:
        return None
    return dt.datetime(day.year, day.month, day.day)


def _validation(ws: Any, col: int, column: Column, shape: Sheet, last: int) -> None:
    first = FIRST_DATA_ROW
    rule: dict[str, Any] | None = None
    has_pillar = any(c.key == "pillar" for c in shape.columns)
    if column.choices == "objectives" and not has_pillar:  # a plan without pillars
        rule = {"validate": "list", "source": "=objectives"}
    elif column.choices == "objectives":
        pillar = shape.columns.index(next(c for c in shape.columns if c.key == "pillar"))
        cell = xl_rowcol_to_cell(first, pillar, col_abs=True)
        rule = {"validate": "list", "source": _objectives_formula(cell)}
    elif column.choices is not None:
        rule = {"validate": "list", "source": f"={column.choices}"}
    elif column.kind == "number":
        rule = {"validate": "decimal", "criteria": ">=", "value": 0}
    elif column.kind == "date":
        rule = {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(1900, 1, 1),
            "maximum": dt.date(2999, 12, 31),
        }
    if rule is None:
        return
    rule["error_type"] = "stop" if column.strict else "information"
    rule["ignore_blank"] = True
    ws.data_validation(first, col, last, col, rule)


def _objectives_formula(pillar_cell: str) -> str:
    """The list of the chosen pillar's objectives: the named range `objectives_<id>`
    (hyphens become underscores, which names allow) of the id before the separator."""
    id_part = f'IFERROR(LEFT({pillar_cell},FIND("{SEPARATOR}",{pillar_cell})-1),{pillar_cell})'
    return f'=INDIRECT("objectives_"&SUBSTITUTE({id_part},"-","_"))'


def _lists_sheet(wb: Any, lists: closed.Lists) -> None:
    ws = wb.add_worksheet(LISTS_SHEET)
    columns = [
        *lists.entries.items(),
        *((f"objectives_{p}", e) for p, e in lists.objectives.items()),
    ]
    for col, (name, entries) in enumerate(columns):
        ws.write_string(0, col, name)
        for row, entry in enumerate(entries, start=1):
            ws.write_string(row, col, entry)
        letter = xl_col_to_name(col)
        end = max(2, len(entries) + 1)
        wb.define_name(name.replace("-", "_"), f"={LISTS_SHEET}!${letter}$2:${letter}${end}")
    ws.hide()
    ws.protect()


def _instructions(
    ws: Any,
    styles: _Styles,
    fw: Framework,
    shapes: tuple[Sheet, ...],
    lists: closed.Lists,
    body: str,
    year: int,
    *,
    has_plan: bool,
) -> None:
    """The instructions in each of the framework's languages, a column each."""
    langs = fw.language_codes
    ws.set_column(0, 0, 20)
    ws.write_string(0, 0, f"{text_in(fw.bodies[body].name, langs)}: {year}", styles.title)
    for col, language in enumerate(fw.languages, start=1):
        ws.set_column(col, col, 60)
        style = styles.rtl_note if language.dir == "rtl" else styles.note
        lines = _instruction_lines(fw, shapes, body, year, language.code, has_plan=has_plan)
        ws.write_string(1, col, language.name, styles.heading)
        for row, (label, text) in enumerate(lines, start=2):
            if col == 1:
                ws.write_string(row, 0, label, styles.heading)
            ws.write_string(row, col, text, style)
    if not has_plan:
        _example(ws, styles, fw, shapes, lists, year, 2 + len(lines) + 2)
    ws.protect()


def _example(
    ws: Any,
    styles: _Styles,
    fw: Framework,
    shapes: tuple[Sheet, ...],
    lists: closed.Lists,
    year: int,
    row: int,
) -> None:
    """For a plan not written yet: an activity row as it could be filled in, made of
    this framework's own lists (its first pillar, objective, place and currency)."""
    activities = next(s for s in shapes if s.record == "activity")
    pillar = next(iter(fw.pillars.values()), None)
    first, last = fw.year_span(year)
    values: dict[str, Any] = {
        "id": "A1",
        "pillar": lists.entries["pillars"][0] if lists.entries["pillars"] else None,
        "objective": lists.objectives[pillar.id][0] if pillar and pillar.objectives else None,
        f"title_{fw.main_language}": translate(
            N_("What will be done, in one sentence"), fw.main_language
        ),
        "start": dt.datetime(first.year + (first.month + 1) // 12, (first.month + 1) % 12 + 1, 1),
        "end": dt.datetime.combine(last, dt.time()),
        "budget_amount": 50000,
        "budget_currency": fw.currency,
        "locations_1": lists.entries["locations"][0] if lists.entries["locations"] else None,
    }
    columns = [c for c in activities.columns if values.get(c.key) is not None]
    ws.write_string(
        row, 0, translate(N_("An activity, for example"), fw.main_language), styles.heading
    )
    for col, column in enumerate(columns, start=1):
        ws.write_string(row, col, column.heading_in(fw), styles.heading)
        value = values[column.key]
        if isinstance(value, dt.datetime):
            ws.write_datetime(row + 1, col, value, styles.date)
        elif isinstance(value, int):
            ws.write_number(row + 1, col, value, styles.money)
        else:
            ws.write_string(row + 1, col, str(value), styles.rtl if column.rtl else styles.text)


def _instruction_lines(
    fw: Framework, shapes: tuple[Sheet, ...], body: str, year: int, code: str, *, has_plan: bool
) -> list[tuple[str, str]]:
    langs = fw.language_codes

    def t(message: str) -> str:
        return translate(message, code)

    name = text_in(fw.bodies[body].name, langs, code)
    now = (
        t("It holds the plan as it stands: change what needs changing.")
        if has_plan
        else t("There is no plan yet: fill in the sheets.")
    )
    return [
        (
            "What this is",
            t("The plan of {body} for {year} under {plan}.").format(
                body=name, year=year, plan=text_in(fw.title, langs, code)
            )
            + " "
            + now,
        ),
        (
            "How to fill it in",
            t(
                "Fill one row per item, on the sheets below. Pick from the dropdown where a "
                "cell has one. Leave the grey first row (the column names) as it is: columns "
                "and sheets may be moved or hidden, not deleted. Type dates as year-month-day, "
                "for example {date}, and amounts as plain numbers."
            ).format(date=f"{year}-05-01"),
        ),
        (
            "Languages",
            t("Texts have a column per language: {languages}. Fill at least {language}.").format(
                languages=", ".join(f"{x.name} ({x.code})" for x in fw.languages),
                language=fw.languages[0].name,
            ),
        ),
        (
            "When you are done",
            t(
                "Save the workbook (as .xlsx or .ods) and upload it into the inbox folder of "
                "the plans' repository, or run: nap import FILE. Every problem is shown with "
                "its sheet and cell; nothing is saved until all are fixed."
            ),
        ),
        *((shape.name, t(shape.instructions)) for shape in shapes),
    ]


__all__ = ["workbook"]
