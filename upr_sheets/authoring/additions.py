"""Adding rows to a sheet safely: place them under the tab's own headers, check them with the loader's rules
first, then append them (Google Sheets: one values.append; .xlsx: after the last used row, saved atomically).

Shared by `import-report --into` and `record`; nothing here changes or moves a row that is already there.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from upr_sheets.checks.validate import validate
from upr_sheets.core.contract import Tab
from upr_sheets.core.errors import MissingColumn, MissingTab, SourceError, SourceUnavailable
from upr_sheets.core.model import Issue
from upr_sheets.core.raw import RawTable, RawWorkbook
from upr_sheets.core.settings import Settings
from upr_sheets.core.sheet_urls import gsheet_key, tab_url

from .setup_plan import find_title, plan_tab
from .setup_xlsx import save_atomically
from .template import TEXT_FORMAT


@dataclass
class Placement:
    """Where a contract tab lives in the workbook: its title, its rows and each known column's index."""

    tab: Tab
    title: str
    rows: list[list[Any]]
    columns: dict[str, int]  # contract column key → 0-based index, only columns the header row has
    sheet_id: int | None = None

    def row(self, values: dict[str, Any]) -> list[Any]:
        """A row in the tab's own column order, from {column key: value}; unknown keys are refused."""
        missing = [key for key in values if key not in self.columns and values[key] not in (None, "")]
        if missing:
            headers = ", ".join(f"`{self.tab.column(k).header}`" for k in missing)
            raise MissingColumn(f"The `{self.title}` tab has no {headers} column. Run `setup-sheet` on the sheet "
                                "first: it adds the missing columns at the end without touching the data.")
        width = max(self.columns.values(), default=-1) + 1
        out: list[Any] = [""] * width
        for key, value in values.items():
            if key in self.columns:
                out[self.columns[key]] = "" if value is None else value
        while out and out[-1] == "":
            out.pop()
        return out


def place(raw: RawWorkbook, tab: Tab, settings: Settings) -> Placement:
    """The Placement of a contract tab, or MissingTab when the workbook has none (set-up needed)."""
    title = find_title(list(raw.tables), tab, settings)
    if title is None:
        raise MissingTab(f"The sheet has no `{settings.tab_title(tab.key)}` tab yet. Run `setup-sheet` on it first.")
    table = raw.tables[title]
    plan = plan_tab(tab, title, table.rows, settings)
    new = {index for index, _ in plan.new_headers}
    columns = {key: index for key, index in plan.columns.items() if index not in new}
    return Placement(tab, title, table.rows, columns, table.sheet_id)


def last_row(rows: list[list[Any]]) -> int:
    """The 1-based number of the last row holding any value (1 = the header row)."""
    for index in range(len(rows) - 1, -1, -1):
        if any(cell not in (None, "") for cell in rows[index]):
            return index + 1
    return 1


def check_additions(raw: RawWorkbook, settings: Settings, placement: Placement,
                    new_rows: list[list[Any]]) -> list[Issue]:
    """The issues `check` would report on these rows once appended (nothing is written)."""
    rows = placement.rows[: last_row(placement.rows)] + [[None if c == "" else c for c in r] for r in new_rows]
    tables = dict(raw.tables)
    tables[placement.title] = RawTable(placement.title, rows, placement.sheet_id)
    first = last_row(placement.rows) + 1
    dataset = validate(replace(raw, tables=tables), settings)
    return [issue for issue in dataset.issues if issue.sheet == placement.title and issue.row >= first]


def append_rows(source: str, settings: Settings, placement: Placement, rows: list[list[Any]]) -> str:
    """Append the rows after the tab's last used row; the A1 range written (a link for a Google Sheet)."""
    key = gsheet_key(source)
    if key:
        from upr_sheets.sources.gwrite import open_writer

        written = open_writer(key, settings).append(placement.title, [[_text(c) for c in row] for row in rows])
        cell = written.split("!")[-1].split(":")[0] if written else ""
        return tab_url(f"https://docs.google.com/spreadsheets/d/{key}/edit", placement.sheet_id, cell) or written
    return _append_xlsx(Path(source), placement, rows)


def _text(cell: Any) -> Any:
    return cell if isinstance(cell, (int, float, bool)) else str(cell)


@contextmanager
def _locked(path: Path, wait: float = 10.0) -> Iterator[None]:
    """Hold `FILE.xlsx.lock` while reading and saving, so two entries saved at once both stay."""
    lock = path.with_name(path.name + ".lock")
    deadline = time.monotonic() + wait
    while True:
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise SourceUnavailable(f"{path.name} is being written by someone else ({lock.name} exists); "
                                        "the entry waits and is written on the next try.") from None
            time.sleep(0.05)
    try:
        yield
    finally:
        os.close(handle)
        lock.unlink(missing_ok=True)


def _append_xlsx(path: Path, placement: Placement, rows: list[list[Any]]) -> str:
    with _locked(path):
        return _append_locked(path, placement, rows)


def _append_locked(path: Path, placement: Placement, rows: list[list[Any]]) -> str:
    try:
        book = load_workbook(path)
    except OSError as exc:
        raise SourceError(f"Could not open {path} for writing: {exc}") from None
    sheet = book[placement.title]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    start = last_row(values) + 1
    text_columns = {placement.columns[c.key] for c in placement.tab.columns
                    if c.key in placement.columns and (c.kind.value == "id" or c.key == "sdgs")}
    for offset, row in enumerate(rows):
        for index, value in enumerate(row):
            if value in (None, ""):
                continue
            cell = sheet.cell(row=start + offset, column=index + 1, value=value)
            if index in text_columns:
                cell.number_format = TEXT_FORMAT
                cell.value = str(value)
    save_atomically(book, path)
    return f"{placement.title}!A{start}:A{start + len(rows) - 1}"
