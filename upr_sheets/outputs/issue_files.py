"""Every problem found in the sheet as a file (CSV or XLSX): the Data quality page lists long tabs a page at a
time, and these files hold the whole list (pure: Dataset → bytes, no Streamlit).

One row per issue, in the order of the page (by tab, then severity, code and row): tab, cell, severity, code,
column, the value as typed, what to fix (in the interface language), and a link to the cell for a Google Sheet.
Values as typed are sheet text: they go through `office.neutralise()` like every export.
"""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook

from upr_sheets.analysis import views
from upr_sheets.core.i18n import N_, _
from upr_sheets.core.model import Dataset

from .office import csv_bytes, neutralise, save, write_table

COLUMNS = {"sheet": N_("Tab"), "cell": N_("Cell"), "severity": N_("Severity"), "code": N_("Code"),
           "column": N_("Column"), "value": N_("Value as typed"), "message": N_("What to fix"), "link": N_("Link")}
WIDTHS = {"sheet": 16, "cell": 8, "severity": 10, "code": 24, "column": 18, "value": 30, "message": 80, "link": 40}
FORMATS = ("csv", "xlsx")
MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def issue_rows(dataset: Dataset) -> pd.DataFrame:
    """Every issue, tab by tab as the Data quality page orders them, messages in the interface language; the link
    column only for a Google Sheet."""
    parts = [views.issue_grid(issues).assign(sheet=tab) for tab, issues in views.issues_by_tab(dataset)]
    columns = [c for c in COLUMNS if c != "link" or dataset.kind == "gsheet"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True).reindex(columns=columns).fillna("")


def issues_csv(dataset: Dataset) -> bytes:
    """The issues as CSV, UTF-8 with a byte-order mark (so Excel reads Khmer), formula-like text quoted."""
    rows = issue_rows(dataset)
    return csv_bytes([_(COLUMNS[c]) for c in rows.columns], rows.itertuples(index=False, name=None), neutralise)


def issues_xlsx(dataset: Dataset) -> bytes:
    """The issues as an .xlsx workbook: one sheet, bold frozen header, filters, wrapped messages, text as text."""
    rows = issue_rows(dataset)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Issues")
    write_table(sheet, [_(COLUMNS[c]) for c in rows.columns], [WIDTHS[c] for c in rows.columns],
                ([str(v) for v in row] for row in rows.itertuples(index=False, name=None)))
    return save(book)


def issues_file(dataset: Dataset, fmt: str) -> bytes:
    """The issues in one of FORMATS."""
    return issues_csv(dataset) if fmt == "csv" else issues_xlsx(dataset)
