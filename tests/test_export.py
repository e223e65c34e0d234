"""Exports read back: every activity and amount is found, text intact, formulas inert."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import openpyxl

from conftest import PLAN, Repo


def _master(repo: Repo) -> dict[str, object]:
    data: dict[str, object] = json.loads(repo.nap("assemble", "--year", "2016").output)
    return data


def test_csv_opens_in_excel_with_arabic_and_kurdish_intact(sample: Repo) -> None:
    assert sample.nap("export", "--year", "2016", "--format", "csv", "-o", "m.csv").exit_code == 0
    raw = sample.path("m.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    year = _master(sample)["years"][0]  # type: ignore[index]
    activities = {a["id"]: a for a in year["activities"]}
    assert {r["id"] for r in rows} == set(activities) and len(rows) == len(activities)
    for row in rows:
        budget = activities[row["id"]]["budget"]
        assert row["budget"] == (budget["reporting"]["budget"] if budget else "")
        assert row["gap"] == (budget["reporting"]["gap"] if budget else "")
    assert any("ال" in r["title_ar"] for r in rows)
    assert any(any(ch in r["title_ckb"] for ch in "ێۆڕڵە") for r in rows)
    assert sum(Decimal(r["budget"] or 0) for r in rows) == Decimal(year["totals"]["budget"])


def test_xlsx_has_sheets_frozen_headers_filters_and_formats(sample: Repo) -> None:
    assert sample.nap("export", "--year", "2016", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(sample.path("m.xlsx"))
    assert wb.sheetnames == ["Activities", "Indicators", "Funding", "By pillar"]
    year = _master(sample)["years"][0]  # type: ignore[index]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == ws.dimensions
    ws = wb["Activities"]
    header = [c.value for c in ws[1]]
    rows = [
        dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)
    ]
    expected = {a["id"]: a for a in year["activities"]}
    assert {r["id"] for r in rows} == set(expected)
    for row in rows:
        budget = expected[row["id"]]["budget"]
        if budget:
            assert Decimal(str(row["budget"])) == Decimal(budget["reporting"]["budget"])
    money_col = header.index("budget") + 1
    assert ws.cell(row=2, column=money_col).number_format == "#,##0.##"
    pillars = wb["By pillar"]
    total = next(r for r in pillars.iter_rows(values_only=True) if r[0] == "total")
    assert Decimal(str(total[3])) == Decimal(year["totals"]["budget"])
    assert pillars.cell(row=2, column=10).number_format == "0.0%"
    funding_rows = list(wb["Funding"].iter_rows(min_row=2, values_only=True))
    assert len(funding_rows) == sum(
        len(a["budget"]["funding"]) for a in year["activities"] if a["budget"]
    )


def test_formulas_in_plan_text_are_not_run(mini: Repo) -> None:
    mini.edit(
        PLAN,
        (
            "responsible: {en: Directorate of Training}",
            'responsible: \'=HYPERLINK("http://x","y")\'',
        ),
    )
    assert mini.nap("export", "--year", "2020", "--format", "csv", "-o", "m.csv").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(mini.read("m.csv").removeprefix("\ufeff"))))
    assert rows[0]["responsible"] == '\'=HYPERLINK("http://x","y")'
    assert mini.nap("export", "--year", "2020", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    ws = openpyxl.load_workbook(mini.path("m.xlsx"))["Activities"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("responsible") + 1)
    assert cell.data_type == "s" and str(cell.value).startswith("'=")


def test_json_export_is_the_master_plan(mini: Repo) -> None:
    exported = mini.nap("export", "--year", "2020", "--format", "json")
    assert json.loads(exported.output) == json.loads(mini.nap("assemble", "--year", "2020").output)


def test_export_needs_a_year_and_a_known_format(mini: Repo) -> None:
    assert mini.nap("export", "--format", "csv").exit_code == 2
    assert mini.nap("export", "--year", "2020", "--format", "ods").exit_code == 2
    assert mini.nap("export", "--year", "2030", "--format", "csv").exit_code == 2
