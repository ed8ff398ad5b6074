"""Exports of recommendations as files: the export table, CSV and XLSX, and the OHCHR matrix formats (pure:
Dataset → bytes, no Streamlit).

Every export is made from the Dataset it is given, already filtered (and, for outsiders, already
redacted by `redact.public_dataset`). Internal columns (Lead Organization, Internal Notes) appear only
when that Dataset is not public, i.e. when a member asked for an internal copy.

Sheet text is untrusted: every value goes through `office.neutralise()` (formula-like text quoted in CSV,
stored as a string cell in XLSX). Numbers and dates are typed as such and never touched. Headers are in
the current interface language (`i18n.use`); data is written as typed. The matrix formats are built by
`matrix`; `export_file` picks the writer of each format.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from openpyxl import Workbook

from upr_sheets.analysis import indicator_figures
from upr_sheets.analysis.filters import Filters
from upr_sheets.analysis.provenance import Provenance
from upr_sheets.core import i18n
from upr_sheets.core.errors import OutputError
from upr_sheets.core.i18n import N_, _
from upr_sheets.core.model import Dataset

from .export_cells import cell_day, cell_text, latest_assessments
from .matrix import build_matrix, matrix_docx, matrix_xlsx
from .office import about_rows, csv_bytes, neutralise, save, write_about, write_table

FORMATS = ("csv", "xlsx", "matrix-xlsx", "matrix-docx")

# Export table: column key → header (English msgid). Order as in the file.
COLUMNS: dict[str, str] = {
    "cycle": N_("Cycle"), "id": N_("ID"), "text": N_("Recommendation"), "states": N_("Recommending States"),
    "response": N_("Response"), "themes": N_("Themes"), "ministries": N_("Ministries"),
    "sdgs": N_("SDGs"), "working_group": N_("Working Group"), "priority": N_("Priority"), "status": N_("Status"),
    "government_status": N_("Government Status"), "evidence": N_("Evidence"), "last_assessed": N_("Last Assessed"),
    "latest_assessment": N_("Latest Assessment"), "latest_evidence": N_("Latest Assessment Evidence"),
    "indicators": N_("Indicators"), "lead_organization": N_("Lead Organization"),
    "internal_notes": N_("Internal Notes"),
}
INTERNAL = ("lead_organization", "internal_notes")  # only in a member's internal copy
WIDTHS = {"cycle": 7, "id": 10, "text": 60, "states": 24, "response": 13, "themes": 26, "ministries": 30, "sdgs": 14,
          "working_group": 18, "priority": 12, "status": 20, "government_status": 20, "evidence": 45,
          "last_assessed": 13, "latest_assessment": 13, "latest_evidence": 40, "indicators": 50,
          "lead_organization": 22, "internal_notes": 40}


# ---- the export table ------------------------------------------------------------------------------------

def _number(value: float) -> str:
    return i18n.number(int(value) if float(value).is_integer() else value)


def _describe_indicator(row: pd.Series) -> str:
    """`IND-3 Land disputes resolved: 52 % (30 Jun 2024), target 70 %` (value and target when quantitative)."""
    name = f"{row['indicator_id']} {row['indicator']}".strip()
    if isinstance(row["type"], str) and row["type"] == "Qualitative":
        return name
    unit = f" {row['unit']}" if isinstance(row["unit"], str) and row["unit"] else ""
    target = None if pd.isna(row["target"]) else _number(row["target"]) + unit
    if pd.isna(row["latest"]):
        return _("{name}: no value yet, target {target}").format(name=name, target=target) if target else name
    latest, when = _number(row["latest"]) + unit, i18n.day(cell_day(row["latest_date"]))
    if target is None:
        return _("{name}: {value} ({date})").format(name=name, value=latest, date=when)
    return _("{name}: {value} ({date}), target {target}").format(name=name, value=latest, date=when, target=target)


def _indicator_cells(dataset: Dataset) -> list[str | None]:
    """Per recommendation: its linked indicators, described, joined with `; `."""
    recs, ind = dataset.recommendations, dataset.indicators
    if not len(ind):
        return [None] * len(recs)
    links: dict[tuple[int | None, str], list[str]] = defaultdict(list)
    progress = indicator_figures.indicator_progress(dataset)
    for (_index, row), cycle, rec_ids in zip(progress.iterrows(), ind["cycle"], ind["rec_ids"]):
        described = _describe_indicator(row)
        for rec_id in rec_ids or ():
            links[(None if pd.isna(cycle) else int(cycle), rec_id)].append(described)
    return ["; ".join(links.get((None if pd.isna(c) else int(c), r), []) + links.get((None, r), [])) or None
            for c, r in zip(recs["cycle"], recs["id"])]


def export_columns(dataset: Dataset) -> list[str]:
    """The column keys an export of this dataset has (private ones only in an internal copy)."""
    recs = dataset.recommendations
    has_assessments, has_indicators = (dataset.tabs.get(k) is not None and dataset.tabs[k].present
                                       for k in ("assessments", "indicators"))
    out = []
    for key in COLUMNS:
        if key in INTERNAL and dataset.public:
            continue
        if key == "latest_assessment" and not has_assessments:
            continue
        if key == "latest_evidence" and not (has_assessments and "evidence" in dataset.assessments):
            continue
        if key == "indicators" and not has_indicators:
            continue
        if key in recs or key in ("latest_assessment", "latest_evidence", "indicators"):
            out.append(key)
    return out


def export_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per recommendation, columns keyed as COLUMNS (values: int, text, date or None), in sheet order."""
    recs = dataset.recommendations
    columns = export_columns(dataset)
    latest = latest_assessments(dataset) if "latest_assessment" in columns else ([], [])
    data: dict[str, list] = {}
    for key in columns:
        if key == "cycle":
            data[key] = [None if pd.isna(c) else int(c) for c in recs["cycle"]]
        elif key == "last_assessed":
            data[key] = [cell_day(v) for v in recs["last_assessed"]]
        elif key == "latest_assessment":
            data[key] = latest[0]
        elif key == "latest_evidence":
            data[key] = latest[1]
        elif key == "indicators":
            data[key] = _indicator_cells(dataset)
        else:
            data[key] = [cell_text(v) for v in recs[key]]
    return pd.DataFrame(data, columns=columns, dtype=object, index=np.arange(len(recs)))


def headers(columns: Iterable[str]) -> list[str]:
    """The headers of these column keys, in the current interface language."""
    return [_(COLUMNS[key]) for key in columns]


def export_table(dataset: Dataset) -> pd.DataFrame:
    """The export table with headers in the current interface language (see export_frame)."""
    frame = export_frame(dataset)
    frame.columns = headers(frame.columns)
    return frame


# ---- writers ----------------------------------------------------------------------------------------------

def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value, quote=True)


def to_csv(dataset: Dataset) -> bytes:
    """The export table as CSV, UTF-8 with a byte-order mark (so Excel reads Khmer), formula-like text quoted."""
    frame = export_frame(dataset)
    return csv_bytes(headers(frame.columns), frame.itertuples(index=False, name=None), _csv_value)


def to_xlsx(dataset: Dataset, filters: Filters | None = None, today: date | None = None,
            notes: Provenance | None = None) -> bytes:
    """The export table as an .xlsx workbook (bold frozen header, widths, wrapped text, ids as text) + About."""
    frame = export_frame(dataset)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Recommendations")
    id_column = list(frame.columns).index("id") + 1 if "id" in frame.columns else None
    write_table(sheet, headers(frame.columns), [WIDTHS.get(key, 16) for key in frame.columns],
                frame.itertuples(index=False, name=None), text_column=id_column,
                freeze="C2" if id_column == 2 else "A2")
    write_about(book, about_rows(dataset, filters, today, notes))
    return save(book)


def file_name(fmt: str, cycle: int | None = None, internal: bool = False) -> str:
    """A download name: `upr-recommendations.csv`, `upr-matrix-cycle-2.docx`, `…-internal.xlsx`."""
    base = f"upr-matrix-cycle-{cycle}" if fmt.startswith("matrix") and cycle is not None else (
        "upr-matrix" if fmt.startswith("matrix") else "upr-recommendations")
    return f"{base}{'-internal' if internal else ''}.{fmt.rsplit('-', 1)[-1]}"


@dataclass(frozen=True)
class ExportFile:
    """The bytes of an export and what they hold."""

    data: bytes
    recommendations: int
    cycle: int | None = None  # the matrix's cycle


def export_file(dataset: Dataset, fmt: str, filters: Filters | None = None, cycle: int | None = None,
                today: date | None = None, notes: Provenance | None = None) -> ExportFile:
    """The file of one format (FORMATS) for this (filtered) dataset; matrices for `cycle` (default: the latest).

    `notes` (provenance of the data before redaction) is what the About sheet says is left out."""
    if fmt == "csv":
        return ExportFile(to_csv(dataset), len(dataset.recommendations))
    if fmt == "xlsx":
        return ExportFile(to_xlsx(dataset, filters, today, notes), len(dataset.recommendations))
    if fmt in ("matrix-xlsx", "matrix-docx"):
        matrix = build_matrix(dataset, cycle, filters, today, notes)
        data = matrix_xlsx(matrix) if fmt == "matrix-xlsx" else matrix_docx(matrix)
        return ExportFile(data, matrix.recommendations, matrix.cycle)
    raise OutputError(f"`{fmt}` is not an export format; use one of {', '.join(FORMATS)}.")
