"""`nap workbook` and `nap import`: a plan survives the trip through a workbook
unchanged, also when the workbook comes back saved by LibreOffice or as .ods or
filled in the way people really fill spreadsheets; every problem is reported on
its sheet and cell, and nothing is written while there are errors."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import SAMPLE, Repo
from napkit.authoring.workbook.merging import normalized
from napkit.plans.document import load_file

PLAN = "plans/2016/fed-moh.yaml"
SAMPLE_PLANS = sorted(p.relative_to(SAMPLE).as_posix() for p in SAMPLE.glob("plans/2016/*.yaml"))


def _data(repo: Repo, rel: str) -> Any:
    return normalized(load_file(repo.path(rel), rel).data, "en")


def _workbook(repo: Repo, body: str = "fed-moh", year: int = 2016) -> Path:
    out = repo.root / f"{body}-{year}.xlsx"
    result = repo.nap("workbook", body, str(year), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out


def _cells(path: Path, sheet: str) -> tuple[Any, Any]:
    wb = openpyxl.load_workbook(path)
    return wb, wb[sheet]


def _column(ws: Any, key: str) -> int:
    """1-based column of `key` in the key row."""
    return next(c.column for c in ws[1] if c.value == key)


@pytest.mark.parametrize("rel", SAMPLE_PLANS)
def test_every_sample_plan_survives_the_round_trip_byte_for_byte(sample: Repo, rel: str) -> None:
    body = Path(rel).stem
    before = sample.read(rel)
    book = _workbook(sample, body)
    result = sample.nap("import", str(book))
    assert result.exit_code == 0, result.stderr
    assert "up to date" in result.output
    assert sample.read(rel) == before


@pytest.mark.parametrize("rel", SAMPLE_PLANS)
def test_a_plan_imported_as_a_new_file_holds_the_same_data(sample: Repo, rel: str) -> None:
    body = Path(rel).stem
    before = _data(sample, rel)
    book = _workbook(sample, body)
    sample.path(rel).unlink()
    result = sample.nap("import", str(book))
    assert result.exit_code == 0, result.stderr
    assert f"wrote {rel}" in result.output
    assert _data(sample, rel) == before
    assert sample.nap("fmt", "--check", rel).exit_code == 0
    assert sample.read(rel).startswith("# yaml-language-server: $schema=")


def test_the_workbook_has_its_sheets_dropdowns_languages_and_real_cells(sample: Repo) -> None:
    book = _workbook(sample)
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == [
        *("Instructions", "Plan", "Activities", "Funding", "Indicators"),
        *("Progress", "Progress values", "Lists"),
    ]
    assert wb["Lists"].sheet_state == "hidden"
    ws = wb["Activities"]
    keys = [c.value for c in ws[1]]
    # a text column per language of plans/nap.yaml, in its order
    assert [k for k in keys if k.startswith("title_")] == ["title_en", "title_ar", "title_ckb"]
    assert ws.cell(3, _column(ws, "title_ar")).alignment.readingOrder == 2  # right to left
    assert ws.cell(3, _column(ws, "title_en")).alignment.readingOrder != 2
    assert isinstance(ws.cell(3, _column(ws, "start")).value, dt.datetime)
    amount = ws.cell(3, _column(ws, "budget_amount"))
    assert amount.value == 60000 and amount.number_format == "#,##0.##"
    assert ws.freeze_panes == "B3"
    assert ws.protection.sheet and not ws.cell(3, 1).protection.locked
    assert ws.cell(1, 1).protection.locked
    validated = {
        ws.cell(
            1, openpyxl.utils.column_index_from_string(str(r).split(":")[0].rstrip("0123456789"))
        ).value: dv
        for dv in ws.data_validations.dataValidation
        for r in dv.sqref.ranges
    }
    assert validated["pillar"].formula1 == "pillars"
    assert "INDIRECT" in validated["objective"].formula1  # the chosen pillar's objectives
    assert validated["locations_1"].formula1 == "locations"
    assert validated["budget_currency"].formula1 == "currencies"
    lists = wb["Lists"]
    names = {c.value: c.column_letter for c in lists[1]}
    objectives = [c.value for c in lists[names["objectives_protection"]][1:] if c.value]
    assert objectives and all(o.startswith("protection.") for o in objectives)
    assert "objectives_protection" in wb.defined_names


def test_an_empty_workbook_for_a_new_plan_and_its_import(sample: Repo) -> None:
    book = _workbook(sample, "fed-moh", 2017)
    instructions = openpyxl.load_workbook(book)["Instructions"]
    cells = [c.value for row in instructions.iter_rows() for c in row if c.value is not None]
    assert "An activity, for example" in cells  # an example row, from this framework's lists
    assert "participation · Participation" in cells and "IQD" in cells
    assert any(isinstance(c, dt.datetime) and c.year == 2017 for c in cells)
    wb, ws = _cells(book, "Activities")
    row = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    assert not any(row)
    ws.cell(3, _column(ws, "id"), "A1")
    ws.cell(3, _column(ws, "pillar"), "protection · Protection and Prevention")
    ws.cell(3, _column(ws, "objective"), "protection.2")
    ws.cell(3, _column(ws, "title_en"), "Train nurses")
    ws.cell(3, _column(ws, "title_ar"), "تدريب الممرضات")
    ws.cell(3, _column(ws, "start"), dt.datetime(2017, 3, 1))
    ws.cell(3, _column(ws, "end"), "2017-06-30")  # a date typed as text
    wb.save(book)
    result = sample.nap("import", str(book))
    assert result.exit_code == 0, result.stderr
    data = load_file(sample.path("plans/2017/fed-moh.yaml"), "x").data
    assert data["body"] == "fed-moh" and data["year"] == 2017 and data["status"] == "draft"
    assert data["activities"] == [
        {
            "id": "A1",
            "title": {"en": "Train nurses", "ar": "تدريب الممرضات"},
            "pillar": "protection",
            "objective": "protection.2",
            "start": "2017-03-01",
            "end": "2017-06-30",
        }
    ]


def test_an_edit_in_the_workbook_changes_only_that_line_and_keeps_comments(sample: Repo) -> None:
    sample.edit(PLAN, ("  - id: A2\n", "  # kits come from the central stores\n  - id: A2\n"))
    before = sample.read(PLAN)
    book = _workbook(sample)
    wb, ws = _cells(book, "Activities")
    ws.cell(3, _column(ws, "budget_amount"), 65000)
    wb.save(book)
    assert sample.nap("import", str(book)).exit_code == 0
    after = sample.read(PLAN)
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert changed == [("      amount: 60000", "      amount: 65000")]
    assert "# kits come from the central stores" in after


def test_workbooks_as_people_return_them(sample: Repo) -> None:
    """Blank rows, moved and hidden columns, merged cells, numbers stored as text (with
    separators, Arabic-Indic digits, a leading apostrophe), spaces around text, dates
    typed as text, a formula: all read as the plan they mean."""
    before = _data(sample, PLAN)
    book = _workbook(sample)
    wb = openpyxl.load_workbook(book)
    ws = wb["Activities"]
    ws.protection.sheet = False
    ws.insert_rows(4)  # a blank row between activities
    amount = _column(ws, "budget_amount")
    ws.cell(3, amount, "60,000")
    second = f"{int(before['activities'][1]['budget']['amount']):,}"
    ws.cell(5, amount, second.translate(str.maketrans("0123456789,", "٠١٢٣٤٥٦٧٨٩٬")))
    ws.cell(3, _column(ws, "title_en")).value += "\u00a0 "
    ws.cell(3, _column(ws, "start"), "2016-05-15")
    ws.column_dimensions["D"].hidden = True
    ws.move_range("A1:A300", cols=ws.max_column + 1)  # the id column moved to the end
    ws.delete_cols(1)
    f = wb["Funding"]
    f.cell(3, _column(f, "amount"), "=30000*2")
    p = wb["Progress"]  # merged cells: the value is in the first cell of the range
    status = _column(p, "status")
    assert p.cell(3, status).value == p.cell(4, status).value == "on-track"
    p.cell(4, status).value = None
    p.merge_cells(start_row=3, start_column=status, end_row=4, end_column=status)
    v = wb["Indicators"]
    target = v.cell(3, _column(v, "target"))
    target.value, target.quotePrefix = "180", True  # a number stored as text, as Excel does
    v.cell(4, _column(v, "target"), "'20")  # or with the apostrophe typed
    wb.save(book)
    converted = _libreoffice(book, "xlsx", sample.root / "resaved")  # calculates the formula
    result = sample.nap("import", str(converted))
    assert result.exit_code == 0, result.stderr
    assert _data(sample, PLAN) == before


def test_a_formula_with_no_saved_value_is_reported_not_taken_as_empty(sample: Repo) -> None:
    book = _workbook(sample)
    wb, ws = _cells(book, "Activities")
    ws.cell(3, _column(ws, "budget_amount"), "=50000+10000")  # openpyxl saves no result
    wb.save(book)
    before = sample.read(PLAN)
    result = sample.nap("import", str(book))
    assert result.exit_code == 1
    assert "Activities!" in result.stderr and "(Budget): error [workbook-formula]" in result.stderr
    assert "nothing was written" in result.stderr
    assert sample.read(PLAN) == before


def test_every_problem_is_located_by_sheet_cell_and_heading_and_nothing_is_written(
    sample: Repo,
) -> None:
    book = _workbook(sample)
    wb = openpyxl.load_workbook(book)
    ws = wb["Activities"]
    ws.cell(3, _column(ws, "budget_amount"), "1.500.000 IQD")
    ws.cell(4, _column(ws, "pillar"), "no-such-pillar")
    ws.cell(4, _column(ws, "start"), "03/05/2016")
    ws.cell(5, _column(ws, "budget_amount"), "80.000")
    wb["Funding"].cell(3, 1, "A99")
    wb.save(book)
    before = sample.read(PLAN)
    result = sample.nap("import", str(book))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    amount = openpyxl.utils.get_column_letter(_column(ws, "budget_amount"))
    start = openpyxl.utils.get_column_letter(_column(ws, "start"))
    assert any(
        line.startswith(f"{book.name}: Activities!{amount}3 (Budget): error [workbook-cell]")
        and "'1.500.000 IQD' is not a number" in line
        for line in lines
    ), result.stderr
    assert any(
        f"Activities!{start}4 (Start): error" in line and "2016-05-03 or 2016-03-05" in line
        for line in lines
    )
    assert any("Funding!A3 (Activity id): error [workbook-activity-unknown]" in x for x in lines)
    assert any(f"Activities!{amount}5 (Budget): error" in x and "80 or 80000" in x for x in lines)
    assert sample.read(PLAN) == before
    # once the cells read, the plan's own rules speak, on the cells
    wb = openpyxl.load_workbook(book)
    ws = wb["Activities"]
    ws.cell(3, _column(ws, "budget_amount"), 60000)
    ws.cell(4, _column(ws, "start"), dt.datetime(2016, 5, 3))
    ws.cell(5, _column(ws, "budget_amount"), 80000)
    wb["Funding"].cell(3, 1, "A1")
    wb.save(book)
    result = sample.nap("import", str(book))
    assert result.exit_code == 1
    pillar = openpyxl.utils.get_column_letter(_column(ws, "pillar"))
    assert f"Activities!{pillar}4 (Pillar): error [" in result.stderr
    assert "no-such-pillar" in result.stderr
    assert sample.read(PLAN) == before


def test_import_refuses_what_it_must_not_read(sample: Repo, tmp_path: Path) -> None:
    book = _workbook(sample)
    macro = tmp_path / "plan.xlsm"
    shutil.copy(book, macro)
    hidden_macro = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(hidden_macro, "w") as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        out.writestr("xl/vbaProject.bin", b"\0" * 64)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", b"<Types/>")
        out.writestr("xl/worksheets/sheet1.xml", b"\0" * (120 * 1024 * 1024))
    text = tmp_path / "plan.ods"
    text.write_text("body: fed-moh\n", "utf-8")
    cases = {
        macro: "holds macros|can hold macros",
        hidden_macro: "holds macros",
        bomb: "unpacks to more than",
        text: "is not a .ods workbook",
    }
    rule = "workbook-refused"
    for path, why in cases.items():
        result = sample.nap("import", str(path))
        assert result.exit_code == 1, (path, result.stderr)
        assert f"the workbook: error [{rule}]" in result.stderr
        assert "Traceback" not in result.stderr
        assert any(part in result.stderr for part in why.split("|")), result.stderr
    assert bomb.stat().st_size < 1024 * 1024
    assert sample.nap("import", str(tmp_path / "plan.csv")).exit_code == 2
    assert sample.nap("import", str(tmp_path / "missing.xlsx")).exit_code == 2


def test_a_huge_sheet_is_refused(sample: Repo, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.cell(30_000, 1, "x")
    path = tmp_path / "huge.xlsx"
    wb.save(path)
    result = sample.nap("import", str(path))
    assert result.exit_code == 1 and "over the limit of 20,000 rows" in result.stderr


def test_missing_sheets_and_columns_are_errors_so_that_nothing_is_dropped(sample: Repo) -> None:
    book = _workbook(sample)
    wb = openpyxl.load_workbook(book)
    del wb["Progress"]
    ws = wb["Activities"]
    ws.protection.sheet = False
    ws.delete_cols(_column(ws, "title_ar"))
    ws.cell(1, ws.max_column + 1, "my_remarks")
    wb.save(book)
    result = sample.nap("import", str(book))
    assert result.exit_code == 1
    assert "the sheet Progress is missing" in result.stderr
    assert "the column title_ar (Title (العربية)) is missing" in result.stderr
    assert "warning [workbook-column-unknown] the column my_remarks" in result.stderr
    errors = [x for x in result.stderr.splitlines() if ": error [" in x]
    warnings = [x for x in result.stderr.splitlines() if ": warning [" in x]
    assert result.stderr.index(errors[-1]) < result.stderr.index(warnings[0])  # errors first


def test_the_round_trip_on_another_countrys_plan(tmp_path: Path) -> None:
    other = Path(__file__).resolve().parent / "data" / "other"
    shutil.copytree(other / "plans", tmp_path / "o" / "plans")
    repo = Repo(tmp_path / "o")
    for plan in sorted(repo.root.glob("plans/*/*.yaml")):
        rel = plan.relative_to(repo.root).as_posix()
        before = repo.read(rel)
        book = _workbook(repo, plan.stem, int(plan.parent.name))
        assert "fr" in [
            c.value.split("_")[-1] for c in openpyxl.load_workbook(book)["Activities"][1]
        ]
        result = repo.nap("import", str(book))
        assert result.exit_code == 0, result.stderr
        assert repo.read(rel) == before


def _libreoffice(book: Path, to: str, out: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-calc-nogui)")
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{book.stem}.{to}"


@pytest.mark.slow
@pytest.mark.parametrize("to", ["xlsx", "ods"])
def test_a_workbook_saved_again_by_libreoffice_imports_unchanged(sample: Repo, to: str) -> None:
    rels = SAMPLE_PLANS[:6]
    before = {rel: sample.read(rel) for rel in rels}
    for rel in rels:
        book = _workbook(sample, Path(rel).stem)
        resaved = _libreoffice(book, to, sample.root / "lo" / Path(rel).stem)
        result = sample.nap("import", str(resaved))
        assert result.exit_code == 0, result.stderr
        assert "up to date" in result.output
    assert {rel: sample.read(rel) for rel in rels} == before


def _delete_title_ar(wb: Any) -> None:
    ws = wb["Activities"]
    ws.delete_cols(_column(ws, "title_ar"))


def _value_row(wb: Any, *cells: Any) -> None:
    ws = wb["Progress values"]
    row = ws.max_row + 1
    for col, value in enumerate(cells, start=1):
        ws.cell(row, col, value)


BROKEN = {
    "workbook-cell": lambda wb: wb["Activities"].cell(
        3, _column(wb["Activities"], "budget_amount"), "abc"
    ),
    "workbook-formula": lambda wb: wb["Funding"].cell(3, _column(wb["Funding"], "amount"), "=1+1"),
    "workbook-sheet-missing": lambda wb: wb.remove(wb["Indicators"]),
    "workbook-columns-missing": lambda wb: wb["Funding"].delete_rows(1),
    "workbook-column-missing": _delete_title_ar,
    "workbook-column-twice": lambda wb: wb["Activities"].cell(
        1, wb["Activities"].max_column + 1, "id"
    ),
    "workbook-plan-rows": lambda wb: wb["Plan"].cell(4, 1, "fed-moi"),
    "workbook-plan-unknown": lambda wb: setattr(wb["Plan"].cell(3, 1), "value", None),
    "workbook-activity-missing": lambda wb: setattr(wb["Funding"].cell(3, 1), "value", None),
    "workbook-activity-unknown": lambda wb: wb["Funding"].cell(3, 1, "A99"),
    "workbook-period-unknown": lambda wb: _value_row(wb, "A1", "2016-Q1", "I1", 3),
    "workbook-value-incomplete": lambda wb: _value_row(wb, "A1", "2016-Q2", "I1"),
}


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_each_workbook_problem_is_an_error_on_its_cell(sample: Repo, rule: str) -> None:
    book = _workbook(sample)
    wb = openpyxl.load_workbook(book)
    BROKEN[rule](wb)
    wb.save(book)
    before = sample.read(PLAN)
    result = sample.nap("import", str(book))
    assert result.exit_code == 1, result.stderr
    assert f": error [{rule}] " in result.stderr
    assert "Traceback" not in result.stderr
    assert sample.read(PLAN) == before


def test_warnings_do_not_stop_the_import(sample: Repo) -> None:
    book = _workbook(sample)
    wb = openpyxl.load_workbook(book)
    wb["Activities"].cell(1, wb["Activities"].max_column + 1, "my_remarks")
    wb["Activities"].cell(3, wb["Activities"].max_column, "call them")
    wb.save(book)
    linked = book.with_name("linked.xlsx")
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(linked, "w") as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        out.writestr("xl/externalLinks/externalLink1.xml", b"<externalLink/>")
    result = sample.nap("import", str(linked))
    assert result.exit_code == 0, result.stderr
    for rule in ("workbook-column-unknown", "workbook-external-links"):
        assert f": warning [{rule}] " in result.stderr
    assert "up to date" in result.output


def _import_edited(repo: Repo, edit: Any) -> str:
    book = _workbook(repo)
    wb = openpyxl.load_workbook(book)
    edit(wb)
    wb.save(book)
    result = repo.nap("import", str(book))
    assert result.exit_code == 0, result.stderr
    return repo.read(PLAN)


def _comment_every_activity(repo: Repo) -> None:
    text = repo.read(PLAN)
    for n in range(1, 6):
        text = text.replace(f"  - id: A{n}\n", f"  # about A{n}\n  - id: A{n}\n", 1)
    repo.write(PLAN, text.replace("status: approved\n", "status: approved  # as signed\n"))


def test_activities_added_removed_and_moved_keep_their_own_lines(sample: Repo) -> None:
    _comment_every_activity(sample)
    before = _data(sample, PLAN)

    def edit(wb: Any) -> None:
        ws = wb["Activities"]
        ws.protection.sheet = False
        ids = [ws.cell(r, 1).value for r in range(3, 8)]
        assert ids[:3] == ["A1", "A2", "A3"]
        ws.delete_rows(4)  # A2 removed
        ws.move_range("A3:AZ3", rows=ws.max_row - 1)  # A1 moved last
        wb["Plan"].cell(3, _column(wb["Plan"], "status"), "draft")
        row = ws.max_row + 1
        ws.cell(row, 1, "A20")
        ws.cell(row, _column(ws, "pillar"), "protection")
        ws.cell(row, _column(ws, "objective"), "protection.1")
        ws.cell(row, _column(ws, "title_en"), "A new activity")
        for sheet in ("Funding", "Indicators", "Progress", "Progress values"):
            other = wb[sheet]
            for r in range(other.max_row, 2, -1):
                if other.cell(r, 1).value == "A2":
                    other.delete_rows(r)

    after = _import_edited(sample, edit)
    data = normalized(load_file(sample.path(PLAN), PLAN).data, "en")
    ids = [a["id"] for a in data["activities"]]
    assert ids == [
        *(a["id"] for a in before["activities"] if a["id"] not in ("A1", "A2")),
        "A1",
        "A20",
    ]
    assert data["activities"][-2] == before["activities"][0]  # A1 moved, not changed
    assert "# about A1\n  - id: A1" in after and "# about A2" not in after
    assert re.search(r"^status: draft +# as signed$", after, re.MULTILINE)  # at its column
    assert sample.nap("fmt", "--check", PLAN).exit_code == 0


def test_a_plan_field_changed_keeps_the_comments_around_it(sample: Repo) -> None:
    _comment_every_activity(sample)

    def edit(wb: Any) -> None:
        ws = wb["Plan"]
        ws.cell(3, _column(ws, "contact_unit_ar"), "قسم صحة المرأة")

    after = _import_edited(sample, edit)
    assert "status: approved  # as signed" in after and "# about A3" in after
    assert load_file(sample.path(PLAN), PLAN).data["contact_unit"] == {
        "en": "Women's Health Section, Public Health Directorate",
        "ar": "قسم صحة المرأة",
    }
    assert sample.nap("fmt", "--check", PLAN).exit_code == 0


def test_a_plan_in_another_layout_is_merged_whole_and_keeps_its_comments(sample: Repo) -> None:
    """Items at the indentation of their key (valid YAML, not nap fmt's layout): the
    activity-by-activity way does not apply; the whole file goes through ruamel.yaml."""
    head, activities = sample.read(PLAN).split("\nactivities:", 1)
    lines = [
        head,
        *(
            line[2:] if line.startswith("  ") else line
            for line in f"activities:{activities}".splitlines()
        ),
    ]
    sample.write(
        PLAN,
        "# kept\n" + "\n".join(lines).replace("activities:", "activities:  # all of them") + "\n",
    )
    assert sample.nap("validate", PLAN).exit_code == 0

    def edit(wb: Any) -> None:
        ws = wb["Activities"]
        ws.cell(3, _column(ws, "budget_amount"), 61000)

    after = _import_edited(sample, edit)
    assert "# kept" in after and "activities:  # all of them" in after
    assert load_file(sample.path(PLAN), PLAN).data["activities"][0]["budget"]["amount"] == 61000
    assert sample.nap("fmt", "--check", PLAN).exit_code == 0


@pytest.mark.slow
def test_the_site_offers_every_bodys_workbook_for_this_year_and_the_next(
    sample_site: Path, sample: Repo
) -> None:
    page = (sample_site / "downloads.html").read_text("utf-8")
    for body in load_file(sample.path("plans/bodies.yaml"), "b").data["bodies"]:
        for year in (2016, 2017):
            book = sample_site / "downloads" / "workbooks" / str(year) / f"{body['id']}.xlsx"
            assert book.is_file()
            assert f'href="downloads/workbooks/{year}/{body["id"]}.xlsx"' in page
    assert "Ministry of Interior (Kurdistan Regional Government)" in page  # a shared name
    result = sample.nap("import", str(sample_site / "downloads/workbooks/2016/fed-moh.xlsx"))
    assert result.exit_code == 0 and "up to date" in result.output
    empty = openpyxl.load_workbook(sample_site / "downloads/workbooks/2017/fed-moh.xlsx")
    assert empty["Activities"].cell(3, 1).value is None


@pytest.mark.parametrize(
    ("typed", "meant"), [("نعم", True), ("بەڵێ", True), ("لا", False), ("1", True)]
)
def test_yes_and_no_in_the_frameworks_languages(sample: Repo, typed: str, meant: bool) -> None:
    """The words come from napkit's catalogues for the languages of plans/nap.yaml."""
    book = _workbook(sample)
    wb, ws = _cells(book, "Plan")
    ws.cell(3, _column(ws, "carry_over"), typed)
    wb.save(book)
    assert sample.nap("import", str(book)).exit_code == 0
    assert load_file(sample.path(PLAN), PLAN).data["carry_over"] is meant


def test_yes_in_a_language_the_framework_does_not_have_is_not_read(tmp_path: Path) -> None:
    other = Path(__file__).resolve().parent / "data" / "other"
    shutil.copytree(other / "plans", tmp_path / "o" / "plans")
    repo = Repo(tmp_path / "o")
    plan = sorted(repo.root.glob("plans/*/*.yaml"))[0]
    book = _workbook(repo, plan.stem, int(plan.parent.name))
    wb, ws = _cells(book, "Plan")
    ws.cell(3, _column(ws, "carry_over"), "نعم")
    wb.save(book)
    result = repo.nap("import", str(book))
    assert result.exit_code == 1 and "'نعم' is not yes or no" in result.stderr
