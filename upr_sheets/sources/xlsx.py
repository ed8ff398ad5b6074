"""Read an .xlsx workbook with openpyxl (values as stored: numbers, dates and text)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from upr_sheets.core.errors import SourceNotFound, SourceUnavailable
from upr_sheets.core.raw import RawTable, RawWorkbook


def read_xlsx(path: Path, *, source: str) -> RawWorkbook:
    """Every worksheet of the workbook, cells as openpyxl stores them (cached formula results)."""
    if not path.exists():
        raise SourceNotFound(f"Workbook {path} was not found. Check the path, or give a Google Sheets link.")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise SourceUnavailable(
            f"Workbook {path.name} could not be opened as an .xlsx file ({exc}). "
            "Save it again from your spreadsheet program as 'Excel workbook (.xlsx)'."
        ) from None
    try:
        tables = {}
        for sheet in book.worksheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            tables[sheet.title] = RawTable(sheet.title, rows)
    finally:
        book.close()
    return RawWorkbook(source=source, tables=tables, kind="xlsx")
