"""CSV that Excel opens with Arabic and Kurdish intact: UTF-8 with a byte-order mark."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from napkit.build.assembly import YearPlan
from napkit.plans.framework import Framework
from napkit.plans.money import text as money
from napkit.render.export.table import activity_columns, activity_rows

# A cell starting with one of these is run as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return money(value)
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text  # shown as text, never evaluated
    return text


def activities_csv(fw: Framework, year: YearPlan) -> bytes:
    out = io.StringIO()
    columns = activity_columns(fw)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in activity_rows(fw, year):
        writer.writerow([cell(row[c]) for c in columns])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
