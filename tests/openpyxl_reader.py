"""The .xlsx reader as it was before python-calamine: openpyxl in read-only mode (the reference to compare with).

Used by tests/test_xlsx_reading.py to show that the new reader gives the same cells on the corpus, and by
benchmarks/bench_xlsx.py as the baseline. `reset_dimensions()` makes it read every row even when the file's
`<dimension>` is stale (which the old reader did not do).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook


def read_with_openpyxl(path: Path, *, reset_dimensions: bool = False) -> dict[str, list[list[Any]]]:
    """Tab title → rows as openpyxl's read-only mode gives them (cached formula results)."""
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        tables = {}
        for sheet in book.worksheets:
            if reset_dimensions:
                sheet.reset_dimensions()
            tables[sheet.title] = [list(row) for row in sheet.iter_rows(values_only=True)]
        return tables
    finally:
        book.close()


def comparable(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows with "" read as empty, trailing empty cells and rows left out (where a file's <dimension> may differ)."""
    out = [[None if v == "" else v for v in row] for row in rows]
    for row in out:
        while row and row[-1] is None:
            row.pop()
    while out and not out[-1]:
        out.pop()
    return out
