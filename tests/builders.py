"""Small builders for test workbooks: raw rows, real .xlsx files and CSV folders."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from upr_sheets.checks.validate import validate
from upr_sheets.core.raw import RawTable, RawWorkbook
from upr_sheets.core.settings import Settings, load_settings

REC_HEADER = ["ID", "Cycle", "Recommendation", "Recommending States", "Response", "Themes", "Ministries",
              "Status", "Government Status", "Last Assessed", "Internal Notes"]


@cache
def default_settings() -> Settings:
    """The project settings (config/settings.toml), read once, on first use: never when a test module is imported.

    Tests take them from the `settings` fixture of conftest.py (the same object); this is for helpers and
    tables that need them outside a test."""
    return load_settings()


def rec(id: str = "118.1", cycle: Any = "2", text: str = "Ratify the Optional Protocol", states: str = "France",
        response: str = "Accepted", themes: str = "", ministries: str = "", status: str = "",
        government_status: str = "", last_assessed: Any = None, notes: str = "") -> list[Any]:
    """One Recommendations row in REC_HEADER order."""
    return [id, cycle, text, states, response, themes, ministries, status, government_status, last_assessed, notes]


def raw(tabs: dict[str, list[list[Any]]], source: str = "test") -> RawWorkbook:
    """A RawWorkbook from {tab title: rows (header first)}."""
    return RawWorkbook(source, {title: RawTable(title, rows) for title, rows in tabs.items()})


def dataset(tabs: dict[str, list[list[Any]]]):
    """Validate raw tabs with the project settings."""
    return validate(raw(tabs), default_settings())


def dataset_of_records(tabs: dict[str, list[dict[str, Any]]]):
    """Validate tabs given as lists of {header: value} rows (headers in order of first appearance)."""
    tables = {}
    for title, rows in tabs.items():
        header = list(dict.fromkeys(k for row in rows for k in row))
        tables[title] = [header] + [[row.get(h, "") for h in header] for row in rows]
    return dataset(tables)


def write_xlsx(path: Path, tabs: dict[str, list[list[Any]]], text_columns: dict[str, set[int]] | None = None) -> Path:
    """A real .xlsx written with openpyxl; columns listed in text_columns are formatted as text (@)."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in tabs.items():
        sheet = book.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c, value=value)
                if text_columns and c - 1 in text_columns.get(title, set()) and r > 1:
                    cell.number_format = "@"
    book.save(path)
    return path


def write_csv_folder(folder: Path, tabs: dict[str, list[list[Any]]], encoding: str = "utf-8") -> Path:
    """A folder of CSV files, one per tab."""
    folder.mkdir(parents=True, exist_ok=True)
    for title, rows in tabs.items():
        with (folder / f"{title}.csv").open("w", newline="", encoding=encoding) as fh:
            csv.writer(fh).writerows([["" if v is None else v for v in row] for row in rows])
    return folder
