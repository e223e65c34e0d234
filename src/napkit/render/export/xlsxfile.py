"""An Excel workbook of the master plan: activities, indicators, funding and a
summary by pillar, each with a frozen header row, filters and number formats."""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import xlsxwriter

from napkit.build.assembly import YearPlan
from napkit.plans.framework import Framework
from napkit.render.export.csvfile import cell as csv_cell
from napkit.render.export.table import (
    FUNDING_COLUMNS,
    INDICATOR_COLUMNS,
    PILLAR_COLUMNS,
    Row,
    activity_columns,
    activity_rows,
    funding_rows,
    indicator_rows,
    pillar_rows,
)

MONEY = "#,##0.##"
PERCENT = "0.0%"
_MONEY_COLUMNS = {
    "amount",
    "budget",
    "committed",
    "pledged",
    "requested",
    "gap",
    "spent",
    "amount_reporting",
}
_PERCENT_COLUMNS = {"achieved", "gap_share"}


def _sheet(wb: Any, name: str, columns: list[str], rows: Iterable[Row]) -> None:
    """One sheet, written row by row (XlsxWriter's constant-memory mode)."""
    ws = wb.add_worksheet(name)
    bold = wb.add_format({"bold": True})
    styles = {
        MONEY: wb.add_format({"num_format": MONEY}),
        PERCENT: wb.add_format({"num_format": PERCENT}),
    }
    formats = [
        styles[MONEY] if c in _MONEY_COLUMNS else styles[PERCENT] if c in _PERCENT_COLUMNS else None
        for c in columns
    ]
    for index, column in enumerate(columns):
        ws.set_column(index, index, min(60, max(10, len(column) + 2)))
    ws.freeze_panes(1, 0)
    ws.write_row(0, 0, columns, bold)
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, column in enumerate(columns):
            _write(ws, count, index, row[column], formats[index])
    ws.autofilter(0, 0, count, len(columns) - 1)


def _write(ws: Any, row: int, col: int, value: Any, fmt: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif isinstance(value, int | float | Decimal):
        ws.write_number(row, col, value, fmt)
    else:  # text, never a formula or link: formula characters neutralised as in the CSV
        ws.write_string(row, col, csv_cell(value))


# Text stays text: never turned into a formula, a link or a number by XlsxWriter.
TEXT_AS_WRITTEN = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def workbook(fw: Framework, year: YearPlan) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {**TEXT_AS_WRITTEN, "constant_memory": True})
    _sheet(wb, "Activities", activity_columns(fw), activity_rows(fw, year))
    _sheet(wb, "Indicators", INDICATOR_COLUMNS, indicator_rows(fw, year))
    _sheet(wb, "Funding", FUNDING_COLUMNS, funding_rows(fw, year))
    _sheet(wb, "By pillar", PILLAR_COLUMNS, pillar_rows(fw, year))
    wb.close()
    return out.getvalue()
