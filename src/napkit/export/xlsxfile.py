"""An Excel workbook of the master plan: activities, indicators, funding and a
summary by pillar, each with a frozen header row, filters and number formats."""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from napkit.assemble import YearPlan
from napkit.export.csvfile import cell as csv_cell
from napkit.export.table import (
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
from napkit.framework import Framework

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


def _value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | Decimal):
        return value
    return csv_cell(value)  # text: formula characters neutralised as in the CSV


def _sheet(ws: Worksheet, columns: list[str], rows: Iterable[Row]) -> None:
    ws.append(columns)
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in rows:
        ws.append([_value(row[c]) for c in columns])
    for index, name in enumerate(columns, start=1):
        letter = get_column_letter(index)
        fmt = MONEY if name in _MONEY_COLUMNS else PERCENT if name in _PERCENT_COLUMNS else None
        if fmt:
            for (c,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                c.number_format = fmt
        ws.column_dimensions[letter].width = min(60, max(10, len(name) + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def workbook(fw: Framework, year: YearPlan) -> bytes:
    wb = Workbook()
    activities = wb.active
    assert activities is not None
    activities.title = "Activities"
    _sheet(activities, activity_columns(fw), activity_rows(fw, year))
    _sheet(wb.create_sheet("Indicators"), INDICATOR_COLUMNS, indicator_rows(year))
    _sheet(wb.create_sheet("Funding"), FUNDING_COLUMNS, funding_rows(year))
    _sheet(wb.create_sheet("By pillar"), PILLAR_COLUMNS, pillar_rows(fw, year))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
