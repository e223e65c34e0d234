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

# How the file is written, in the words of a Table Dialect: datapackage.json
# describes the CSV with these same values.
ENCODING = "utf-8-sig"  # UTF-8 after a byte-order mark, which Excel needs to read UTF-8
DELIMITER, QUOTE_CHAR, LINE_TERMINATOR = ",", '"', "\r\n"
DIALECT: dict[str, Any] = {
    "header": True,
    "delimiter": DELIMITER,
    "lineTerminator": LINE_TERMINATOR,
    "quoteChar": QUOTE_CHAR,
    "doubleQuote": True,
}

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
    writer = csv.writer(
        out,
        delimiter=DELIMITER,
        quotechar=QUOTE_CHAR,
        doublequote=DIALECT["doubleQuote"],
        lineterminator=LINE_TERMINATOR,
    )
    writer.writerow(columns)
    for row in activity_rows(fw, year):
        writer.writerow([cell(row[c]) for c in columns])
    return out.getvalue().encode(ENCODING)  # the codec writes the byte-order mark
