"""Read an .xlsx workbook with python-calamine (values as stored: numbers, dates and text).

The file is checked first (upr_sheets.sources.guard): a regular file, within the size limits, no DTD, no giant
cell or grid. Every row that is there is read, whatever the `<dimension>` element claims. Cells come out as
openpyxl gave them before: empty cells as None, whole numbers as int, dates as datetime, text as typed
(`118.10` stays text), formula errors (`#REF!`) as their text.
"""

from __future__ import annotations

import io
import warnings
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook, SheetTypeEnum

from upr_sheets.core.errors import SourceNotFound, SourceUnreadable
from upr_sheets.core.raw import Cell, RawTable, RawWorkbook
from upr_sheets.core.settings import ReadingSettings

from .guard import WorkbookScan, read_regular, scan_xlsx, shown

_EXACT = 1e15  # below this a whole float prints as an integer (as upr_sheets.checks.cells.to_text does)


def _cell(value: Cell) -> Cell:
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:
        return int(value) if value.is_integer() and -_EXACT < value < _EXACT else value
    if kind is date:
        return datetime(value.year, value.month, value.day)
    return value


def _rows(grid: list[list[Cell]], errors: dict[tuple[int, int], str]) -> list[list[Cell]]:
    rows = [[_cell(v) for v in row] for row in grid]
    for (r, c), text in errors.items():
        if r < len(rows) and c < len(rows[r]):
            rows[r][c] = text
    return rows  # every row as wide as the widest (as openpyxl gave them): a blank header still has its cell


def _check_lengths(title: str, rows: list[list[Cell]], name: str, limit: int) -> None:
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if type(value) is str and len(value) > limit:
                where = f"{shown(title)}!{get_column_letter(c + 1)}{r}"
                raise SourceUnreadable(f"{name}: cell {where} holds {len(value):,} characters; the most one cell "
                                       f"may hold is {limit:,} (setting reading.max_cell_characters).")


def read_xlsx(path: Path, *, source: str, limits: ReadingSettings | None = None) -> RawWorkbook:
    """Every worksheet of the workbook, cells as stored (cached formula results); refused beyond the limits."""
    limits = limits or ReadingSettings()
    name = f"Workbook {shown(path.name)}"
    if not path.exists():
        raise SourceNotFound(f"Workbook {shown(path)} was not found. Check the path, or give a Google Sheets link.")
    data = read_regular(path, limits)
    scan = scan_xlsx(data, name, limits)
    try:
        tables = _read(data, scan, name, limits)
    except SourceUnreadable:
        raise
    except BaseException as exc:  # the reader's own errors, a Rust panic (a BaseException) or MemoryError
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise SourceUnreadable(f"{name} could not be read as an .xlsx workbook ({shown(exc) or type(exc).__name__}). "
                               "Save it again from your spreadsheet program as 'Excel workbook (.xlsx)'.") from None
    return RawWorkbook(source=source, tables=tables, kind="xlsx")


def _openpyxl_grid(data: bytes, title: str) -> list[list[Cell]]:
    """One tab through openpyxl (already checked by the guard), which shows such a cell as `#VALUE!`."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book[title]
            sheet.reset_dimensions()
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()


def _read(data: bytes, scan: WorkbookScan, name: str, limits: ReadingSettings) -> dict[str, RawTable]:
    tables = {}
    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            if meta.name not in scan.parts:
                raise SourceUnreadable(f"{name}: tab {shown(meta.name)} has no worksheet part the checks could find.")
            try:
                grid = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            except (OverflowError, ValueError):  # a cell beyond Python's types, e.g. 1E+20 shown as a duration
                grid = _openpyxl_grid(data, meta.name)
            rows = _rows(grid, scan.errors.get(meta.name, {}))
            del grid
            _check_lengths(meta.name, rows, name, limits.max_cell_characters)
            tables[meta.name] = RawTable(meta.name, rows)
    return tables
