"""Opening a workbook someone sent: safely (macro files refused, size, rows and
columns bounded before and after unpacking), and as a grid of cell values per sheet,
with merged cells' value in every cell they cover and the formula cells that carry
no saved value marked (their value is unknown, not empty).

python-calamine reads both .xlsx and .ods, several times faster than openpyxl; it
takes each formula's saved value and never follows external links."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

import python_calamine

from napkit.errors import DataError, UsageError
from napkit.findings import Message, say
from napkit.i18n import N_

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a zip bomb stops here, read or not
MAX_ROWS = 20_000
MAX_COLUMNS = 300
READABLE = (".xlsx", ".ods")
REFUSED = {".xlsm", ".xltm", ".xlsb", ".xlam", ".ots", ".fods"}  # macros, or not a plain workbook
_CELL = re.compile(r"^([A-Z]{1,3})([0-9]+)$")


class WorkbookRefused(DataError):
    """A workbook napkit will not read (exit 1): it says why and what to send instead."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)


@dataclass
class Grid:
    """One sheet: rows of cell values from A1; `no_value` the (row, column) of
    formulas whose result was never saved."""

    name: str
    rows: list[list[Any]]
    no_value: set[tuple[int, int]] = field(default_factory=set)

    def cell(self, row: int, col: int) -> Any:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return None


@dataclass
class Book:
    sheets: dict[str, Grid]
    external_links: bool = False


def read(path: Path) -> Book:
    """The workbook at `path`, or WorkbookRefused saying why not."""
    suffix = path.suffix.lower()
    name = path.name
    if suffix in REFUSED or suffix == ".xls":
        raise WorkbookRefused(
            say(
                N_(
                    "{name}: {suffix} files are not read (they can hold macros, or are an old "
                    "format): save the workbook as .xlsx or .ods and send that"
                ),
                name=name,
                suffix=suffix,
            )
        )
    if suffix not in READABLE:
        raise UsageError(
            say(
                N_("{name}: napkit reads .xlsx and .ods workbooks, not {suffix}"),
                name=name,
                suffix=suffix or "?",
            )
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageError(
            say(N_("{name}: cannot read ({problem})"), name=str(path), problem=str(exc.strerror))
        ) from None
    if size > MAX_FILE_BYTES:
        raise WorkbookRefused(
            say(
                N_(
                    "{name} is {size} bytes, over the limit of {limit}: a plan's workbook is "
                    "far smaller; remove pictures or other sheets"
                ),
                name=name,
                size=f"{size:,}",
                limit=f"{MAX_FILE_BYTES:,}",
            )
        )
    with path.open("rb") as handle:
        members = _check_zip(handle, name, suffix)
        handle.seek(0)
        no_value = _formulas_without_value(handle, members) if suffix == ".xlsx" else {}
        handle.seek(0)
        book = _grids(handle, name, no_value)
    book.external_links = any(m.startswith("xl/externalLinks/") for m in members)
    return book


def _check_zip(handle: IO[bytes], name: str, suffix: str) -> list[str]:
    """The members of the workbook's zip, after checking that it is one, holds no
    macros and unpacks within the limit (each member is unpacked to count, since the
    sizes a zip declares can lie)."""
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError):
        raise WorkbookRefused(
            say(
                N_(
                    "{name} is not a {suffix} workbook (it may be damaged, or another kind of "
                    "file renamed): open it in Excel or LibreOffice and save it again as .xlsx"
                ),
                name=name,
                suffix=suffix,
            )
        ) from None
    with archive:
        members = archive.namelist()
        if any(m.lower().endswith("vbaproject.bin") or m.startswith("Basic/") for m in members):
            raise WorkbookRefused(
                say(
                    N_(
                        "{name} holds macros: napkit does not read workbooks with macros. Save "
                        "it again as a plain .xlsx (Excel Workbook) or .ods"
                    ),
                    name=name,
                )
            )
        total = 0
        for info in archive.infolist():
            with archive.open(info) as member:
                while chunk := member.read(1 << 20):
                    total += len(chunk)
                    if total > MAX_UNPACKED_BYTES:
                        raise WorkbookRefused(
                            say(
                                N_(
                                    "{name} unpacks to more than {limit} bytes: that is not a "
                                    "plan's workbook. Download a fresh one from the site"
                                ),
                                name=name,
                                limit=f"{MAX_UNPACKED_BYTES:,}",
                            )
                        )
    return members


def _formulas_without_value(
    handle: IO[bytes], members: list[str]
) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> the cells holding a formula with no saved result (a workbook
    written by a program that does not calculate, and never opened since)."""
    with zipfile.ZipFile(handle) as archive:
        if "xl/workbook.xml" not in members or "xl/_rels/workbook.xml.rels" not in members:
            return {}
        targets = {
            rel.get("Id"): rel.get("Target", "").lstrip("/").removeprefix("xl/")
            for rel in _elements(archive.read("xl/_rels/workbook.xml.rels"), "Relationship")
        }
        out: dict[str, set[tuple[int, int]]] = {}
        for sheet in _elements(archive.read("xl/workbook.xml"), "sheet"):
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = f"xl/{targets.get(rid, '')}"
            if target in members:
                cells = _empty_formulas(archive.read(target))
                if cells:
                    out[sheet.get("name", "")] = cells
        return out


def _elements(xml: bytes, local: str) -> list[ElementTree.Element]:
    # Python's expat refuses entity expansion bombs; workbook XML declares no entities.
    return [e for e in ElementTree.fromstring(xml).iter() if e.tag.rsplit("}", 1)[-1] == local]


def _empty_formulas(xml: bytes) -> set[tuple[int, int]]:
    if b"<f" not in xml and b":f" not in xml:
        return set()
    out = set()
    for cell in _elements(xml, "c"):
        children = {child.tag.rsplit("}", 1)[-1]: child for child in cell}
        if "f" in children and (children.get("v") is None or not (children["v"].text or "")):
            where = _CELL.match(cell.get("r", ""))
            if where:
                out.add((int(where[2]) - 1, _column_index(where[1])))
    return out


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _grids(handle: IO[bytes], name: str, no_value: dict[str, set[tuple[int, int]]]) -> Book:
    try:
        wb = python_calamine.CalamineWorkbook.from_filelike(handle)
    except python_calamine.PasswordError:
        raise WorkbookRefused(
            say(N_("{name} is protected by a password: save it again without one"), name=name)
        ) from None
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise WorkbookRefused(
            say(
                N_(
                    "{name} could not be read ({problem}): open it in Excel or LibreOffice and "
                    "save it again"
                ),
                name=name,
                problem=str(exc),
            )
        ) from None
    sheets: dict[str, Grid] = {}
    for sheet_name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(sheet_name)
        if sheet.total_height > MAX_ROWS or sheet.total_width > MAX_COLUMNS:
            raise WorkbookRefused(
                say(
                    N_(
                        "{name}: sheet {sheet} has {rows} rows and {columns} columns, over the "
                        "limit of {max_rows} rows and {max_columns} columns: delete the rows and "
                        "columns that are not part of the plan"
                    ),
                    name=name,
                    sheet=sheet_name,
                    rows=f"{sheet.total_height:,}",
                    columns=f"{sheet.total_width:,}",
                    max_rows=f"{MAX_ROWS:,}",
                    max_columns=MAX_COLUMNS,
                )
            )
        rows = [list(r) for r in sheet.to_python(skip_empty_area=False)]
        _fill_merged(rows, sheet)
        sheets[sheet_name] = Grid(sheet_name, rows, no_value.get(sheet_name, set()))
    return Book(sheets)


def _fill_merged(rows: list[list[Any]], sheet: Any) -> None:
    """A merged range's value (kept in its first cell) in every cell it covers: people
    merge a pillar's cells over the rows of its activities."""
    for (top, left), (bottom, right) in sheet.merged_cell_ranges or []:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        first = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            for c in range(left, min(right, len(rows[r]) - 1) + 1):
                if rows[r][c] in ("", None):
                    rows[r][c] = first


__all__ = ["READABLE", "REFUSED", "Book", "Grid", "WorkbookRefused", "read"]
