"""`setup-sheet` on an .xlsx workbook: a new file becomes the starter workbook; an existing one gets what it lacks.

Like the Google Sheets set-up it only adds (tabs, columns at the end, dropdowns, text formats, frozen
headers, Status colours) and never changes a cell that holds data. The file is replaced atomically.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from upr_sheets.core.contract import LISTS
from upr_sheets.core.settings import Settings

from . import template
from .setup_plan import SetupReport, TabPlan, is_text_column, plan_tabs


def save_atomically(book: Workbook, path: Path) -> None:
    """Save next to the file, then replace it: a crash never leaves half a workbook."""
    handle, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        book.save(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _has_validation(sheet: Worksheet, letter: str) -> bool:
    return any(f"{letter}2" in dv.sqref for dv in sheet.data_validations.dataValidation)


def _complete(book: Workbook, sheet: Worksheet, plan: TabPlan, lists: TabPlan, settings: Settings,
              report: SetupReport) -> None:
    """Add what an existing tab lacks."""
    for index, header in plan.new_headers:
        sheet.cell(row=1, column=index + 1, value=header).font = Font(bold=True)
    report.changes += plan.changes
    if sheet.freeze_panes is None:
        sheet.freeze_panes = "A2"
        report.changes.append(f"freeze the header row of `{plan.title}`")
    for col in plan.tab.columns:
        index = plan.columns[col.key]
        letter = get_column_letter(index + 1)
        where = f"`{plan.title}`!{letter} ({col.header})"
        if is_text_column(col) and sheet.cell(row=2, column=index + 1).number_format != template.TEXT_FORMAT:
            for row in range(2, template.FORMATTED_ROWS + 2):
                sheet.cell(row=row, column=index + 1).number_format = template.TEXT_FORMAT
            report.changes.append(f"format {where} as plain text")
        dv = template.validation(book, plan.tab, col, settings, lists.columns)
        if dv is None or _has_validation(sheet, letter):
            continue
        dv.add(f"{letter}2:{letter}{template.FORMATTED_ROWS + 1}")
        sheet.add_data_validation(dv)
        report.changes.append(f"dropdown on {where}")


def setup_xlsx(path: Path, settings: Settings, *, dry_run: bool = False) -> SetupReport:
    """Create the starter workbook, or bring an existing one up to the contract by adding only."""
    path = Path(path)
    report = SetupReport(str(path), dry_run=dry_run)
    if not path.exists():
        report.changes.append("create the workbook with every tab, header, dropdown and format")
        if not dry_run:
            template.write_template(path, settings)
        return report
    book = load_workbook(path)
    tables = {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    plans = plan_tabs(tables, settings)
    lists = next(plan for plan in plans if plan.tab.key == LISTS.key)
    for plan in plans:
        if not plan.exists:
            template.format_tab(book, book.create_sheet(plan.title), plan.tab, settings)
            report.changes += plan.changes
            continue
        sheet = book[plan.title]
        _complete(book, sheet, plan, lists, settings, report)
        if colours := template.colour_statuses(sheet, plan.columns, plan.tab, settings):
            report.changes.append(f"colour the Status cells of `{plan.title}` ({colours} rules)")
    report.kept.append("header protection with a warning is a Google Sheets feature; .xlsx headers are frozen only")
    if report.changes and not dry_run:
        save_atomically(book, path)
    return report
